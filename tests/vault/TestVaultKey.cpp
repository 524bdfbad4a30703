#include "vault/CredentialVault.h"

#include <QTest>

using namespace pb;

// The key format is the contract between the vault and everything that reads the keychain
// (reconciliation, docs, tests): it must format and parse exactly, and refuse ambiguous parts.
class TestVaultKey final : public QObject {
    Q_OBJECT
private slots:
    void formatsAccountScopedKey() {
        const VaultKey key{QStringLiteral("ws1"), QStringLiteral("acct1"), QStringLiteral("cred1"),
                           QStringLiteral("client_secret")};
        QCOMPARE(key.toString(), QStringLiteral("patchbay/ws1/acct1/cred1/client_secret"));
        QVERIFY(key.validate().ok());
    }

    void formatsOrganizationKeyWithDash() {
        const VaultKey key{QStringLiteral("ws1"), {}, QStringLiteral("cred1"), QStringLiteral("secret")};
        QCOMPARE(key.toString(), QStringLiteral("patchbay/ws1/-/cred1/secret"));
        const Result<VaultKey> parsed = VaultKey::parse(key.toString());
        QVERIFY(parsed.ok());
        QVERIFY(parsed->accountId.isEmpty());
        QVERIFY(*parsed == key);
    }

    void parseRoundTrips() {
        const VaultKey key{QStringLiteral("3f1c6a0e-5b1d-4a57-9a3e-0d7f2b1c9e11"), QStringLiteral("acct_9"),
                           QStringLiteral("c-1"), QStringLiteral("private_key")};
        const Result<VaultKey> parsed = VaultKey::parse(key.toString());
        QVERIFY(parsed.ok());
        QVERIFY(*parsed == key);
    }

    void parseRejects_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("other prefix") << QStringLiteral("other/ws/-/c/secret");
        QTest::newRow("too few parts") << QStringLiteral("patchbay/ws/-/c");
        QTest::newRow("too many parts") << QStringLiteral("patchbay/ws/-/c/secret/extra");
        QTest::newRow("empty workspace") << QStringLiteral("patchbay//-/c/secret");
        QTest::newRow("empty account") << QStringLiteral("patchbay/ws//c/secret");
        QTest::newRow("empty credential") << QStringLiteral("patchbay/ws/a//secret");
        QTest::newRow("empty field") << QStringLiteral("patchbay/ws/a/c/");
        QTest::newRow("padded id") << QStringLiteral("patchbay/ws/ a/c/secret");
    }

    void parseRejects() {
        QFETCH(QString, text);
        const Result<VaultKey> parsed = VaultKey::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.problem().type, QStringLiteral("invalid_vault_key"));
        QCOMPARE(parsed.problem().status, 400);
        QVERIFY(!parsed.problem().remediation.isEmpty());
    }

    void validateRejects_data() {
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("credential");
        QTest::addColumn<QString>("field");
        QTest::newRow("slash in workspace")
            << QStringLiteral("a/b") << QString() << QStringLiteral("c") << QStringLiteral("secret");
        QTest::newRow("slash in account") << QStringLiteral("ws") << QStringLiteral("a/b")
                                          << QStringLiteral("c") << QStringLiteral("secret");
        QTest::newRow("reserved account")
            << QStringLiteral("ws") << QStringLiteral("-") << QStringLiteral("c") << QStringLiteral("secret");
        QTest::newRow("empty credential")
            << QStringLiteral("ws") << QString() << QString() << QStringLiteral("secret");
        QTest::newRow("slash in field")
            << QStringLiteral("ws") << QString() << QStringLiteral("c") << QStringLiteral("a/b");
        QTest::newRow("empty field") << QStringLiteral("ws") << QString() << QStringLiteral("c") << QString();
    }

    void validateRejects() {
        QFETCH(QString, workspace);
        QFETCH(QString, account);
        QFETCH(QString, credential);
        QFETCH(QString, field);
        const Status s = VaultKey{workspace, account, credential, field}.validate();
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("invalid_vault_key"));
    }

    void differentOwnersNeverShareAKey() {
        const VaultKey a{QStringLiteral("ws1"), QStringLiteral("acct1"), QStringLiteral("c"),
                         QStringLiteral("secret")};
        VaultKey b = a;
        b.workspaceId = QStringLiteral("ws2");
        VaultKey c = a;
        c.accountId = QStringLiteral("acct2");
        VaultKey d = a;
        d.accountId.clear();
        const QStringList texts{a.toString(), b.toString(), c.toString(), d.toString()};
        for (qsizetype i = 0; i < texts.size(); ++i)
            QCOMPARE(texts.count(texts.at(i)), 1);
    }
};

QTEST_GUILESS_MAIN(TestVaultKey)
#include "TestVaultKey.moc"
