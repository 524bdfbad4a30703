#include "vault/KeychainVault.h"

#include "vault/KeychainProblems.h"
#include "vault/LockedEntryCheck.h"

#include <qt6keychain/keychain.h>

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>

// Debug output (operation and key, never the secret) is off unless QT_LOGGING_RULES enables it.
Q_LOGGING_CATEGORY(lcVault, "patchbay.vault", QtInfoMsg)

namespace pb {

namespace {

const QString kWrite = QStringLiteral("Write");
const QString kRead = QStringLiteral("Read");
const QString kRemove = QStringLiteral("Removal");

// Delivers a result from the event loop, so that no callback ever runs inside the call that
// started the operation (callers may rely on their state being set up after the call returns).
template <typename Fn>
void deliverLater(QObject* context, Fn fn) {
    QTimer::singleShot(0, context, std::move(fn));
}

// QtKeychain's Secret Service backend (libsecret) is driven by the GLib main loop, which Qt
// runs only with its GLib event dispatcher (the default on Linux, off with QT_NO_GLIB=1).
// Without it, jobs never finish: say so when an operation times out.
bool lacksGlibEventLoop() {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    const QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance();
    return dispatcher && !QString::fromLatin1(dispatcher->metaObject()->className()).contains(u"Glib");
#else
    return false;
#endif
}

Problem timeoutProblem(int ms, const QString& operation, const QString& key) {
    Problem p = keychainTimeoutProblem(ms, operation, key);
    if (lacksGlibEventLoop()) {
        p.detail +=
            QStringLiteral(" Qt is running without its GLib event loop, which the Secret Service backend "
                           "needs to receive answers.");
        p.remediation = QStringLiteral("Unset QT_NO_GLIB and start Patchbay again. ") + p.remediation;
    }
    return p;
}

} // namespace

KeychainVault::KeychainVault(QObject* parent)
    : CredentialVault(parent) {}

// Jobs still running are not parented to the vault (deleting a QtKeychain job mid-flight would
// leave the backend calling into freed memory); their per-operation context objects are, so the
// jobs finish and delete themselves without calling back into a destroyed vault.
KeychainVault::~KeychainVault() = default;

void KeychainVault::setTimeoutMs(int ms) {
    m_timeoutMs = ms > 0 ? ms : DefaultTimeoutMs;
}

QString KeychainVault::serviceName() {
    return QStringLiteral("patchbay");
}

void KeychainVault::run(QKeychain::Job* job, Finished finished, TimedOut timedOut) {
    job->setInsecureFallback(false);
    job->setAutoDelete(true);

    // One context per operation: it owns the timer and scopes both connections, and `settled`
    // makes sure exactly one of "finished" and "timed out" is acted upon.
    auto* context = new QObject(this);
    auto* timer = new QTimer(context);
    timer->setSingleShot(true);
    auto settled = std::make_shared<bool>(false);

    connect(job, &QKeychain::Job::finished, context, [context, settled, finished](QKeychain::Job* j) {
        context->deleteLater();
        if (*settled)
            return;
        *settled = true;
        finished(*j);
    });
    connect(timer, &QTimer::timeout, context, [context, settled, timedOut] {
        context->deleteLater();
        if (*settled)
            return;
        *settled = true;
        timedOut();
    });
    timer->start(m_timeoutMs);
    job->start();
}

void KeychainVault::write(const VaultKey& key, const QByteArray& secret, Done done) {
    store(key, secret, IfLate::Undo, std::move(done));
}

void KeychainVault::restore(const VaultKey& key, const QByteArray& secret, Done done) {
    store(key, secret, IfLate::Keep, std::move(done));
}

void KeychainVault::store(const VaultKey& key, const QByteArray& secret, IfLate ifLate, Done done) {
    if (Status valid = key.validate(); !valid) {
        deliverLater(this, [done = std::move(done), problem = valid.problem()] { done(problem); });
        return;
    }
    const QString name = key.toString();
    if (secret.isEmpty()) {
        // Some backends (older QtKeychain over KWallet) treat an empty write as a removal, so an
        // empty secret is refused everywhere rather than meaning different things per desktop.
        Problem p = Problem::badRequest(QStringLiteral("A secret cannot be empty"),
                                        QStringLiteral("Nothing to store under keychain entry '") + name +
                                            QStringLiteral("'."));
        p.withRemediation(QStringLiteral("Enter the secret, or remove the credential's field instead."));
        deliverLater(this, [done = std::move(done), p] { done(p); });
        return;
    }
    const quint64 generation = ++m_generation;
    m_latestWrite.insert(name, generation);
    qCDebug(lcVault) << "write" << name;

    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(name);
    job->setBinaryData(secret);
    auto timedOut = std::make_shared<bool>(false);
    // Observes the job even after a timeout: a write that succeeds after we reported failure is
    // removed again, unless a newer write or removal of the same key was started since (or it
    // is a restore, whose late success is welcome).
    connect(job, &QKeychain::Job::finished, this,
            [this, name, generation, timedOut, ifLate](QKeychain::Job* j) {
                if (*timedOut && j->error() == QKeychain::NoError && ifLate == IfLate::Undo)
                    undoLateWrite(name, generation);
                forget(name, generation);
            });
    const int ms = m_timeoutMs;
    run(
        job,
        [name, done](QKeychain::Job& j) {
            if (j.error() == QKeychain::NoError) {
                done(Status{});
                return;
            }
            qCWarning(lcVault) << "write" << name << "failed:" << j.error() << j.errorString();
            done(keychainErrorProblem(j.error(), j.errorString(), kWrite, name));
        },
        [name, done, ms, timedOut] {
            *timedOut = true;
            qCWarning(lcVault) << "write" << name << "timed out after" << ms << "ms";
            done(timeoutProblem(ms, kWrite, name));
        });
}

void KeychainVault::undoLateWrite(const QString& key, quint64 generation) {
    if (m_latestWrite.value(key) != generation)
        return;
    qCWarning(lcVault) << "write" << key << "completed after its timeout; removing it again";
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [key](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            qCWarning(lcVault) << "removing late write" << key << "failed:" << j->error() << j->errorString();
    });
    job->start();
}

void KeychainVault::forget(const QString& key, quint64 generation) {
    if (m_latestWrite.value(key) == generation)
        m_latestWrite.remove(key);
}

void KeychainVault::read(const VaultKey& key, ReadDone done) {
    if (Status valid = key.validate(); !valid) {
        deliverLater(this, [done = std::move(done), problem = valid.problem()] { done(problem); });
        return;
    }
    const QString name = key.toString();
    qCDebug(lcVault) << "read" << name;
    auto* job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(name);
    const int ms = m_timeoutMs;
    run(
        job,
        [this, name, done, ms](QKeychain::Job& j) {
            if (j.error() == QKeychain::NoError) {
                done(static_cast<QKeychain::ReadPasswordJob&>(j).binaryData());
                return;
            }
            if (j.error() == QKeychain::EntryNotFound) {
                // "Not found" may mean "locked": see LockedEntryCheck.h.
                findLockedEntry(this, serviceName(), name, ms, [name, done](bool locked) {
                    done(locked ? keychainLockedProblem(kRead, name) : vaultEntryNotFoundProblem(name));
                });
                return;
            }
            qCWarning(lcVault) << "read" << name << "failed:" << j.error() << j.errorString();
            done(keychainErrorProblem(j.error(), j.errorString(), kRead, name));
        },
        [name, done, ms] {
            qCWarning(lcVault) << "read" << name << "timed out after" << ms << "ms";
            done(timeoutProblem(ms, kRead, name));
        });
}

void KeychainVault::remove(const VaultKey& key, Done done) {
    if (Status valid = key.validate(); !valid) {
        deliverLater(this, [done = std::move(done), problem = valid.problem()] { done(problem); });
        return;
    }
    const QString name = key.toString();
    // A removal supersedes any earlier write of the key, late or not.
    const quint64 generation = ++m_generation;
    m_latestWrite.insert(name, generation);
    qCDebug(lcVault) << "remove" << name;
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(name);
    connect(job, &QKeychain::Job::finished, this, [this, name, generation] { forget(name, generation); });
    const int ms = m_timeoutMs;
    run(
        job,
        [this, name, done, ms](QKeychain::Job& j) {
            // Absent is the goal of a removal, so "not found" is success, unless the entry is
            // still there behind a lock (see LockedEntryCheck.h).
            if (j.error() == QKeychain::NoError || j.error() == QKeychain::EntryNotFound) {
                findLockedEntry(this, serviceName(), name, ms, [name, done](bool locked) {
                    if (locked)
                        done(keychainLockedProblem(kRemove, name));
                    else
                        done(Status{});
                });
                return;
            }
            qCWarning(lcVault) << "remove" << name << "failed:" << j.error() << j.errorString();
            done(keychainErrorProblem(j.error(), j.errorString(), kRemove, name));
        },
        [name, done, ms] {
            qCWarning(lcVault) << "remove" << name << "timed out after" << ms << "ms";
            done(timeoutProblem(ms, kRemove, name));
        });
}

} // namespace pb
