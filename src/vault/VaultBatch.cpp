// CredentialVault::writeAll and removeAll: sequences of single operations, each step started
// when the previous one reported. The state lives in a shared_ptr captured by the callbacks; a
// QPointer guards the vault, so a vault destroyed mid-way simply ends the sequence.
#include "vault/CredentialVault.h"

#include <QPointer>
#include <QStringBuilder>
#include <QTimer>

#include <memory>
#include <optional>

namespace pb {

// Gives the sequences below access to CredentialVault::restore().
struct VaultBatch {
    static void restore(CredentialVault& vault, const VaultKey& key, const QByteArray& secret,
                        CredentialVault::Done done) {
        vault.restore(key, secret, std::move(done));
    }
};

namespace {

struct RemoveAllState {
    QList<VaultKey> keys;
    CredentialVault::Done done;
    qsizetype next = 0;
    std::optional<Problem> firstFailure;
};

void removeNext(QPointer<CredentialVault> vault, std::shared_ptr<RemoveAllState> state) {
    if (!vault)
        return;
    if (state->next >= state->keys.size()) {
        state->done(state->firstFailure ? Status(*state->firstFailure) : Status());
        return;
    }
    const VaultKey key = state->keys.at(state->next++);
    vault->remove(key, [vault, state](Status s) {
        if (!s && !state->firstFailure)
            state->firstFailure = s.problem();
        removeNext(vault, state);
    });
}

struct WriteAllState {
    QList<QPair<VaultKey, QByteArray>> entries;
    CredentialVault::Done done;
    // What each key held before: its value, or nullopt for "no entry". Rollback puts it back.
    QList<std::optional<QByteArray>> previous;
    qsizetype next = 0;
    std::optional<Problem> failure;        // the write failure being rolled back
    std::optional<Problem> restoreFailure; // the first failure while rolling back
    QStringList notRestored;               // keys whose earlier state could not be put back
};

void finishRollback(const std::shared_ptr<WriteAllState>& state) {
    Problem p = *state->failure;
    if (state->restoreFailure) {
        p.detail += QStringLiteral(" Undoing the earlier writes failed too (") %
                    state->restoreFailure->message %
                    QStringLiteral("); these entries may not be as they were: ") %
                    state->notRestored.join(QStringLiteral(", "));
    }
    state->done(p);
}

// Rolls back entries next-1 down to 0: the failed entry is included, because a write that timed
// out may still complete later; queued behind it, the restore wins.
void restorePrevious(QPointer<CredentialVault> vault, std::shared_ptr<WriteAllState> state) {
    if (!vault)
        return;
    if (state->next == 0) {
        finishRollback(state);
        return;
    }
    const qsizetype i = --state->next;
    const VaultKey key = state->entries.at(i).first;
    auto after = [vault, state, key](Status s) {
        if (!s) {
            if (!state->restoreFailure)
                state->restoreFailure = s.problem();
            state->notRestored.prepend(key.toString());
        }
        restorePrevious(vault, state);
    };
    if (state->previous.at(i))
        VaultBatch::restore(*vault, key, *state->previous.at(i), after);
    else
        vault->remove(key, after);
}

void writeNext(QPointer<CredentialVault> vault, std::shared_ptr<WriteAllState> state) {
    if (!vault)
        return;
    if (state->next >= state->entries.size()) {
        state->done(Status{});
        return;
    }
    const auto& entry = state->entries.at(state->next++);
    vault->write(entry.first, entry.second, [vault, state](Status s) {
        if (s) {
            writeNext(vault, state);
            return;
        }
        state->failure = s.problem();
        restorePrevious(vault, state);
    });
}

// First records what every key holds now, so that a rollback restores an overwritten secret
// (a rotation) instead of deleting it. If that cannot be read, nothing is written at all.
void snapshotNext(QPointer<CredentialVault> vault, std::shared_ptr<WriteAllState> state) {
    if (!vault)
        return;
    if (state->previous.size() == state->entries.size()) {
        writeNext(vault, state);
        return;
    }
    const VaultKey key = state->entries.at(state->previous.size()).first;
    vault->read(key, [vault, state](Result<QByteArray> r) {
        if (r.ok()) {
            state->previous.append(std::move(r).value());
        } else if (r.problem().type == u"vault_entry_not_found") {
            state->previous.append(std::nullopt);
        } else {
            state->done(r.problem());
            return;
        }
        snapshotNext(vault, state);
    });
}

} // namespace

void CredentialVault::writeAll(const QList<QPair<VaultKey, QByteArray>>& entries, Done done) {
    // Every key is checked before anything is read or written, so a malformed list changes nothing.
    for (const auto& entry : entries) {
        if (Status s = entry.first.validate(); !s) {
            QTimer::singleShot(0, this, [done = std::move(done), problem = s.problem()] { done(problem); });
            return;
        }
    }
    auto state = std::make_shared<WriteAllState>();
    state->entries = entries;
    state->done = std::move(done);
    if (entries.isEmpty()) {
        QTimer::singleShot(0, this, [state] { state->done(Status{}); });
        return;
    }
    snapshotNext(QPointer<CredentialVault>(this), state);
}

void CredentialVault::removeAll(const QList<VaultKey>& keys, Done done) {
    auto state = std::make_shared<RemoveAllState>();
    state->keys = keys;
    state->done = std::move(done);
    if (keys.isEmpty()) {
        QTimer::singleShot(0, this, [state] { state->done(Status{}); });
        return;
    }
    removeNext(QPointer<CredentialVault>(this), state);
}

} // namespace pb
