#include "KeychainProbe.h"
#include "VaultTestUtil.h"
#include "vault/KeychainVault.h"

#include <QTest>
#include <QTimer>

using namespace pb;
using namespace pb::test;

// KeychainVault against the real Secret Service of the test command (an unlocked
// gnome-keyring-daemon in a private D-Bus session). What is stored is checked with secret-tool,
// not through the vault.
class TestKeychainVault final : public QObject {
    Q_OBJECT
private:
    QString m_workspace;
    KeychainVault* m_vault = nullptr;

    VaultKey key(const QString& account, const QString& credential, const QString& field) const {
        return VaultKey{m_workspace, account, credential, field};
    }

private slots:
    void initTestCase() {
        QVERIFY2(keychainReachable(), "No Secret Service: run the tests with the README test command "
                                      "(dbus-run-session with an unlocked gnome-keyring-daemon)");
    }

    void init() {
        m_workspace = uniqueWorkspaceId();
        m_vault = new KeychainVault(this);
    }

    // Every test removes what it stored, through the vault, and proves nothing is left.
    void cleanup() {
        QList<VaultKey> keys;
        for (const QString& text : keychainKeys(keyPrefix(m_workspace))) {
            const Result<VaultKey> parsed = VaultKey::parse(text);
            QVERIFY(parsed.ok());
            keys.append(*parsed);
        }
        QVERIFY(removeAllSync(*m_vault, keys).ok());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
        delete m_vault;
        m_vault = nullptr;
    }

    void roundTripPerFieldKind_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("basic secret") << QStringLiteral("secret") << QByteArray("pa55-w0rd!");
        QTest::newRow("token") << QStringLiteral("token")
                               << QByteArray("ghp_0123456789abcdefABCDEF0123456789abcd");
        QTest::newRow("oauth client secret")
            << QStringLiteral("client_secret") << QByteArray("cs.9f8e7d6c5b4a-\"quoted\" & <tag>");
        QTest::newRow("tls private key (~5 KiB PEM)") << QStringLiteral("private_key") << pemLikePrivateKey();
        QByteArray everyByte;
        for (int i = 0; i < 256; ++i)
            everyByte.append(char(i));
        QTest::newRow("binary, every byte value") << QStringLiteral("secret") << everyByte;
        QTest::newRow("utf-8 text") << QStringLiteral("secret") << QStringLiteral("pässwörd ✓ 密码").toUtf8();
    }

    void roundTripPerFieldKind() {
        QFETCH(QString, field);
        QFETCH(QByteArray, secret);
        const VaultKey k = key(QStringLiteral("acct-1"), QStringLiteral("cred-1"), field);

        QVERIFY(writeSync(*m_vault, k, secret).ok());
        const Result<QByteArray> back = readSync(*m_vault, k);
        QVERIFY(back.ok());
        PB_COMPARE_SECRET(*back, secret);

        // What the Secret Service holds, read without the vault: exactly these bytes, base64
        // encoded by QtKeychain as binary data.
        const QList<KeychainEntry> entries = keychainEntries(k.toString());
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().key, k.toString());
        QCOMPARE(entries.first().type, QStringLiteral("base64"));
        PB_COMPARE_SECRET(keychainSecret(k.toString()), secret);
        PB_COMPARE_SECRET(keychainRawSecret(k.toString()), secret.toBase64());
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList{k.toString()});
    }

    void overwriteReplacesTheSecret() {
        const VaultKey k = key({}, QStringLiteral("cred-1"), QStringLiteral("token"));
        QVERIFY(writeSync(*m_vault, k, "first").ok());
        QVERIFY(writeSync(*m_vault, k, "second").ok());
        const Result<QByteArray> back = readSync(*m_vault, k);
        QVERIFY(back.ok());
        PB_COMPARE_SECRET(*back, QByteArray("second"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList{k.toString()});
    }

    void sameCredentialIdUnderTwoAccountsDoesNotCollide() {
        const VaultKey a =
            key(QStringLiteral("acct-a"), QStringLiteral("shared-id"), QStringLiteral("secret"));
        const VaultKey b =
            key(QStringLiteral("acct-b"), QStringLiteral("shared-id"), QStringLiteral("secret"));
        const VaultKey org = key({}, QStringLiteral("shared-id"), QStringLiteral("secret"));
        QVERIFY(writeSync(*m_vault, a, "secret-of-a").ok());
        QVERIFY(writeSync(*m_vault, b, "secret-of-b").ok());
        QVERIFY(writeSync(*m_vault, org, "secret-of-org").ok());

        PB_COMPARE_READ(*m_vault, a, QByteArray("secret-of-a"));
        PB_COMPARE_READ(*m_vault, b, QByteArray("secret-of-b"));
        PB_COMPARE_READ(*m_vault, org, QByteArray("secret-of-org"));

        QVERIFY(removeSync(*m_vault, a).ok());
        QVERIFY(!keychainContains(a.toString()));
        PB_COMPARE_READ(*m_vault, b, QByteArray("secret-of-b"));
        PB_COMPARE_SECRET(keychainSecret(org.toString()), QByteArray("secret-of-org"));
    }

    void sameCredentialIdUnderTwoWorkspacesDoesNotCollide() {
        const QString otherWorkspace = uniqueWorkspaceId();
        const VaultKey here = key(QStringLiteral("acct"), QStringLiteral("cred"), QStringLiteral("secret"));
        const VaultKey there{otherWorkspace, QStringLiteral("acct"), QStringLiteral("cred"),
                             QStringLiteral("secret")};
        QVERIFY(writeSync(*m_vault, here, "here").ok());
        QVERIFY(writeSync(*m_vault, there, "there").ok());
        PB_COMPARE_READ(*m_vault, here, QByteArray("here"));
        PB_COMPARE_READ(*m_vault, there, QByteArray("there"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList{here.toString()});
        QCOMPARE(keychainKeys(keyPrefix(otherWorkspace)), QStringList{there.toString()});

        QVERIFY(removeSync(*m_vault, there).ok());
        QCOMPARE(keychainKeys(keyPrefix(otherWorkspace)), QStringList());
        PB_COMPARE_READ(*m_vault, here, QByteArray("here"));
    }

    void readOfAbsentEntryIsNotFound() {
        const VaultKey k =
            key(QStringLiteral("acct"), QStringLiteral("never-written"), QStringLiteral("secret"));
        const Result<QByteArray> r = readSync(*m_vault, k);
        QVERIFY(!r.ok());
        QCOMPARE(r.problem().type, QStringLiteral("vault_entry_not_found"));
        QCOMPARE(r.problem().status, 404);
        QVERIFY(r.problem().detail.contains(k.toString()));
    }

    void removeOfAbsentEntrySucceeds() {
        const VaultKey k =
            key(QStringLiteral("acct"), QStringLiteral("never-written"), QStringLiteral("secret"));
        QVERIFY(removeSync(*m_vault, k).ok());
        QVERIFY(!keychainContains(k.toString()));
    }

    void readAfterRemoveIsNotFound() {
        const VaultKey k = key(QStringLiteral("acct"), QStringLiteral("cred"), QStringLiteral("secret"));
        QVERIFY(writeSync(*m_vault, k, "short-lived").ok());
        QVERIFY(keychainContains(k.toString()));
        QVERIFY(removeSync(*m_vault, k).ok());
        QVERIFY(!keychainContains(k.toString()));
        QCOMPARE(readSync(*m_vault, k).problem().type, QStringLiteral("vault_entry_not_found"));
    }

    void invalidKeyIsRefusedWithoutTouchingTheKeychain() {
        const VaultKey bad{m_workspace, QStringLiteral("acct"), QStringLiteral("a/b"),
                           QStringLiteral("secret")};
        const Status s = writeSync(*m_vault, bad, "never stored");
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("invalid_vault_key"));
        QCOMPARE(readSync(*m_vault, bad).problem().type, QStringLiteral("invalid_vault_key"));
        QCOMPARE(removeSync(*m_vault, bad).problem().type, QStringLiteral("invalid_vault_key"));
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)), QStringList());
    }

    void emptySecretIsRefused() {
        const VaultKey k = key(QStringLiteral("acct"), QStringLiteral("cred"), QStringLiteral("secret"));
        const Status s = writeSync(*m_vault, k, QByteArray());
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("bad_request"));
        QCOMPARE(s.problem().status, 400);
        QVERIFY(!keychainContains(k.toString()));
    }

    // The contract: callbacks run later, from the event loop, never inside the call.
    void callbacksAreAsynchronous() {
        const VaultKey k = key(QStringLiteral("acct"), QStringLiteral("cred"), QStringLiteral("secret"));
        bool wrote = false;
        m_vault->write(k, "async", [&](Status s) {
            QVERIFY(s.ok());
            wrote = true;
        });
        QVERIFY(!wrote);
        QTRY_VERIFY_WITH_TIMEOUT(wrote, kCallbackWaitMs);

        bool read = false;
        m_vault->read(k, [&](const Result<QByteArray>&) { read = true; });
        QVERIFY(!read);
        QTRY_VERIFY_WITH_TIMEOUT(read, kCallbackWaitMs);

        bool removed = false;
        m_vault->remove(k, [&](Status) { removed = true; });
        QVERIFY(!removed);
        QTRY_VERIFY_WITH_TIMEOUT(removed, kCallbackWaitMs);

        // Even a refusal that needs no keychain call is delivered later.
        bool refused = false;
        m_vault->write(VaultKey{}, "x", [&](Status) { refused = true; });
        QVERIFY(!refused);
        QTRY_VERIFY_WITH_TIMEOUT(refused, kCallbackWaitMs);
    }

    // While jobs run, the thread keeps serving its event loop: a timer posted after starting a
    // batch of writes fires before the batch has finished.
    void eventLoopStaysResponsiveWhileJobsRun() {
        int pending = 0;
        int finishedBeforeTimer = -1;
        for (int i = 0; i < 20; ++i) {
            ++pending;
            m_vault->write(key(QStringLiteral("acct"), QStringLiteral("cred-") + QString::number(i),
                               QStringLiteral("private_key")),
                           pemLikePrivateKey(), [&](Status s) {
                               QVERIFY(s.ok());
                               --pending;
                           });
        }
        QTimer::singleShot(0, this, [&] { finishedBeforeTimer = 20 - pending; });
        QTRY_VERIFY_WITH_TIMEOUT(pending == 0, kCallbackWaitMs);
        QVERIFY(finishedBeforeTimer >= 0);
        QVERIFY2(finishedBeforeTimer < 20,
                 "the event loop did not run until every keychain job had finished");
        QCOMPARE(keychainKeys(keyPrefix(m_workspace)).size(), 20);
    }

    void destroyingTheVaultWithJobsRunningIsSafe() {
        auto* vault = new KeychainVault;
        bool called = false;
        const VaultKey k = key(QStringLiteral("acct"), QStringLiteral("cred"), QStringLiteral("secret"));
        vault->write(k, "orphan", [&](Status) { called = true; });
        delete vault;
        // The job still finishes in the keychain; its result is simply not delivered.
        QTRY_VERIFY_WITH_TIMEOUT(keychainContains(k.toString()), kCallbackWaitMs);
        QTest::qWait(50);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestKeychainVault)
#include "TestKeychainVault.moc"
