#include "KeychainProbe.h"
#include "PrivateSecretService.h"
#include "VaultTestUtil.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace pb;
using namespace pb::test;

// What Patchbay says and does when there is no usable keychain. The vault runs in a child
// process (patchbay_vault_child) whose environment has no Secret Service, or a private one that
// misbehaves; this process, which has the test command's real keyring, then proves that nothing
// was stored there, in the private keyring, or in any file a plaintext fallback could use.
class TestKeychainUnavailable final : public QObject {
    Q_OBJECT
private:
    struct ChildRun {
        QList<QJsonObject> lines;
        QByteArray output; // stdout and stderr, to prove no secret byte was printed
    };

    static ChildRun runChild(const QProcessEnvironment& env, const QString& mode, const QString& workspace,
                             int timeoutMs) {
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(PATCHBAY_VAULT_CHILD), {mode, workspace, QString::number(timeoutMs)});
        ChildRun run;
        if (!child.waitForFinished(150000)) {
            child.kill();
            child.waitForFinished();
        }
        const QByteArray out = child.readAllStandardOutput();
        run.output = out + child.readAllStandardError();
        for (const QByteArray& line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                run.lines.append(QJsonDocument::fromJson(line).object());
        }
        return run;
    }

    static QStringList filesUnder(const QString& dir) {
        QStringList files;
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(it.next());
        return files;
    }

    static void verifyUnavailable(const QJsonObject& line, const QString& op,
                                  const QString& expectedMessage) {
        const QJsonObject problem = line.value(QStringLiteral("problem")).toObject();
        QCOMPARE(line.value(QStringLiteral("op")).toString(), op);
        QCOMPARE(line.value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(line.value(QStringLiteral("calledBeforeReturn")).toBool(), false);
        QCOMPARE(problem.value(QStringLiteral("type")).toString(), QStringLiteral("keychain_unavailable"));
        QCOMPARE(problem.value(QStringLiteral("status")).toInt(), 503);
        QVERIFY2(problem.value(QStringLiteral("message")).toString().contains(expectedMessage),
                 qPrintable(problem.value(QStringLiteral("message")).toString()));
        QVERIFY(problem.value(QStringLiteral("detail")).toString().contains(u"patchbay/"));
        const QString remediation = problem.value(QStringLiteral("remediation")).toString();
        QVERIFY2(remediation.contains(u"Start or unlock your keyring (GNOME Keyring, KWallet)") &&
                     remediation.contains(u"gnome-keyring-daemon inside a D-Bus session"),
                 qPrintable(remediation));
    }

    // Every operation failed as "keychain_unavailable" with a remediation, later (never inside
    // the call), and the child printed none of the secret's bytes.
    static void verifyEveryOperationUnavailable(const ChildRun& run, const QString& expectedMessage) {
        const QStringList ops{QStringLiteral("write"), QStringLiteral("read"), QStringLiteral("remove"),
                              QStringLiteral("writeAll"), QStringLiteral("removeAll")};
        QCOMPARE(run.lines.size(), ops.size());
        for (qsizetype i = 0; i < ops.size(); ++i) {
            verifyUnavailable(run.lines.at(i), ops.at(i), expectedMessage);
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(!run.output.contains("child-secret-never-stored"));
    }

    // No Patchbay entry in the private keyring (secret-tool exits 1 when it finds nothing).
    static void verifyPrivateKeyringEmpty(const PrivateSecretService& service) {
        QCOMPARE(service.patchbayKeys(), QStringList());
    }

private slots:
    void initTestCase() {
        QVERIFY2(keychainReachable(), "No Secret Service: run the tests with the README test command");
        QVERIFY(QFile::exists(QStringLiteral(PATCHBAY_VAULT_CHILD)));
    }

    void noDbusSessionFailsEveryOperationAndStoresNothing() {
        PrivateSecretService service; // only for its isolated home; no bus is started
        const QString workspace = uniqueWorkspaceId();
        const ChildRun run =
            runChild(service.environmentWithoutBus(), QStringLiteral("all"), workspace, 10000);
        verifyEveryOperationUnavailable(run, QStringLiteral("no Secret Service is running"));

        // Nothing in the real keychain, and no plaintext fallback file anywhere in the child's home.
        QCOMPARE(keychainKeys(keyPrefix(workspace)), QStringList());
        QCOMPARE(filesUnder(service.home()), QStringList());
    }

    // A Secret Service that never answers: the bus "activates" it with a process that never
    // registers, so every call waits until the vault's timeout reports it.
    void hungSecretServiceTimesOutWithoutBlocking() {
        PrivateSecretService service;
        QVERIFY2(service.start(PrivateSecretService::Kind::Hung), qPrintable(service.errorString()));
        const QString workspace = uniqueWorkspaceId();
        const ChildRun run = runChild(service.environment(), QStringLiteral("all"), workspace, 1000);

        verifyEveryOperationUnavailable(run, QStringLiteral("did not answer within 1 s"));
        // The child's event loop kept turning while each operation waited for the keychain.
        for (const QJsonObject& line : run.lines)
            QVERIFY2(line.value(QStringLiteral("ticks")).toInt() >= 2, "the event loop was blocked");
        QCOMPARE(keychainKeys(keyPrefix(workspace)), QStringList());
        QCOMPARE(filesUnder(service.home() + QStringLiteral("/child")), QStringList());
    }

    // A keychain that answers only after the vault gave up: the write was reported as failed,
    // so when it completes late the vault removes it again and no entry remains.
    void lateWriteIsUndone() {
        PrivateSecretService service;
        QVERIFY2(service.start(PrivateSecretService::Kind::SlowKeyring, 3),
                 qPrintable(service.errorString()));
        const QString workspace = uniqueWorkspaceId();
        const ChildRun run = runChild(service.environment(), QStringLiteral("late"), workspace, 500);
        QCOMPARE(run.lines.size(), 4);
        verifyUnavailable(run.lines.at(0), QStringLiteral("write"),
                          QStringLiteral("did not answer within 0.5 s"));
        QCOMPARE(run.lines.at(1).value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(run.lines.at(2).value(QStringLiteral("ok")).toBool(), true);
        // The keyring did come up (the removals succeeded) and the late write is gone again.
        QCOMPARE(run.lines.at(3)
                     .value(QStringLiteral("problem"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("vault_entry_not_found"));
        verifyPrivateKeyringEmpty(service);
        QVERIFY(!run.output.contains("child-secret-never-stored"));
    }

    // Without Qt's GLib event loop the Secret Service backend never receives an answer: every
    // operation times out, and the Problem says why and what to do.
    void withoutGlibEventLoopTheTimeoutSaysWhy() {
        PrivateSecretService service;
        QVERIFY2(service.start(PrivateSecretService::Kind::SlowKeyring, 0),
                 qPrintable(service.errorString()));
        QCOMPARE(service.patchbayKeys(), QStringList()); // the keyring is up and empty
        QProcessEnvironment env = service.environment();
        env.insert(QStringLiteral("QT_NO_GLIB"), QStringLiteral("1"));
        const QString workspace = uniqueWorkspaceId();
        const ChildRun run = runChild(env, QStringLiteral("all"), workspace, 1000);
        verifyEveryOperationUnavailable(run, QStringLiteral("did not answer within 1 s"));
        for (const QJsonObject& line : run.lines) {
            const QJsonObject problem = line.value(QStringLiteral("problem")).toObject();
            QVERIFY(
                problem.value(QStringLiteral("detail")).toString().contains(u"without its GLib event loop"));
            QVERIFY(problem.value(QStringLiteral("remediation")).toString().startsWith(u"Unset QT_NO_GLIB"));
        }
        QCOMPARE(service.patchbayKeys(), QStringList());
    }

    // A keyring that is running but locked, with no prompt that could unlock it. QtKeychain alone
    // would call the existing entry "not found" and its removal a success; the vault reports the
    // lock for every operation, and the entry is still there afterwards.
    void lockedKeyringIsReportedForEveryOperation() {
        PrivateSecretService service;
        QVERIFY2(service.start(PrivateSecretService::Kind::SlowKeyring, 0),
                 qPrintable(service.errorString()));
        const QString workspace = uniqueWorkspaceId();
        const QString existing = keyPrefix(workspace) + QStringLiteral("acct/cred-a/secret");
        QVERIFY(service.storePatchbayEntry(existing, "stored-before-the-lock"));
        QCOMPARE(service.patchbayKeys(), QStringList{existing});
        QVERIFY(service.lockLoginCollection());

        const ChildRun run = runChild(service.environment(), QStringLiteral("all"), workspace, 10000);
        verifyEveryOperationUnavailable(run, QStringLiteral("locked"));
        QCOMPARE(service.patchbayKeys(), QStringList{existing});
        QVERIFY(!run.output.contains("stored-before-the-lock"));
    }
};

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "TestKeychainUnavailable.moc"
