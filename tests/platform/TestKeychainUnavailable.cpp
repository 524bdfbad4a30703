// With no Secret Service reachable, credential operations fail with the vault's clear problem
// and the workspace stays exactly as it was.
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestKeychainUnavailable final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void credentialCreateChangesNothing();
    void inlineCredentialChangesNothing();
    void noVaultAtAllIsClear();

private:
    int rows(const QString& path);
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<TestWorkspace> m_ws;
};

void TestKeychainUnavailable::initTestCase()
{
    // Before anything touches D-Bus: this process has no session bus.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/patchbay-test-bus");
    m_vault = std::make_unique<KeychainVault>();
    m_vault->setTimeoutMs(3000);
    m_ws = std::make_unique<TestWorkspace>(m_vault.get());
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_ws->createAccount(QStringLiteral("Acme"));
}

int TestKeychainUnavailable::rows(const QString& path)
{
    return static_cast<int>(m_ws->get(path).result().toArray().size());
}

void TestKeychainUnavailable::credentialCreateChangesNothing()
{
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"),
                                     QJsonObject{{QStringLiteral("fullname"), QStringLiteral("T")},
                                                 {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                        {QStringLiteral("secret"), QStringLiteral("never-stored")}}}});
    QCOMPARE(r.status, 503);
    QCOMPARE(r.problem().type, QStringLiteral("keychain_unavailable"));
    QVERIFY(!r.problem().remediation.isEmpty());
    QVERIFY(!describe(r).contains("never-stored"));
    QCOMPARE(rows(QStringLiteral("/v1/credentials")), 0);
    const QJsonObject report = m_ws->get(QStringLiteral("/v1/vault/reconcile")).result().toObject();
    QCOMPARE(report.value(QStringLiteral("orphaned_entries")).toArray().size(), 0);
}

void TestKeychainUnavailable::inlineCredentialChangesNothing()
{
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/acme"),
                                     QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Jira")},
                                                 {QStringLiteral("provider_config"),
                                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                              {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                              {QStringLiteral("credential"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                                         {QStringLiteral("username"), QStringLiteral("u")},
                                                                                                         {QStringLiteral("secret"), QStringLiteral("s")}}}}}});
    QCOMPARE(r.status, 503);
    QCOMPARE(rows(QStringLiteral("/v1/integrations")), 0);
    QCOMPARE(rows(QStringLiteral("/v1/credentials")), 0);
    QCOMPARE(rows(QStringLiteral("/v1/tokens")), 2); // only the administrator's pair
}

void TestKeychainUnavailable::noVaultAtAllIsClear()
{
    TestWorkspace bare;
    QVERIFY(bare.ok());
    bare.createAccount(QStringLiteral("Acme"));
    const ApiResponse r = bare.post(QStringLiteral("/v1/credentials/acme"),
                                    QJsonObject{{QStringLiteral("fullname"), QStringLiteral("T")},
                                                {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                       {QStringLiteral("secret"), QStringLiteral("x")}}}});
    QCOMPARE(r.status, 503);
    QCOMPARE(r.problem().type, QStringLiteral("keychain_unavailable"));
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "TestKeychainUnavailable.moc"
