#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestExportImport final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void roundTripIntoAFreshWorkspace();
    void fileBreakingOneRuleChangesNothing();
    void nameClashChangesNothing();
    void notAnExportIsRefused();

private:
    QJsonObject exported();
    std::unique_ptr<TestWorkspace> m_source;
    std::unique_ptr<TestWorkspace> m_target;
};

void TestExportImport::init()
{
    m_source = std::make_unique<TestWorkspace>();
    m_target = std::make_unique<TestWorkspace>();
    QVERIFY(m_source->ok() && m_target->ok());
    m_source->createAccount(QStringLiteral("Acme"), QStringLiteral("prod"));
    m_source->post(QStringLiteral("/v1/accounts/acme/end-users"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve")}});
    m_source->createIntegrationPoint({{QStringLiteral("fullname"), QStringLiteral("Rules")},
                                      {QStringLiteral("connector"), QStringLiteral("ticketing")},
                                      {QStringLiteral("environments"), QJsonObject{{QStringLiteral("prod"), QJsonArray{QStringLiteral("ticketing_jira")}}}},
                                      {QStringLiteral("rules"), QJsonObject{{QStringLiteral("host_patterns"), QJsonArray{QStringLiteral("*.atlassian.net")}}}}});
    m_source->createIntegration(QStringLiteral("acme"),
                                {{QStringLiteral("fullname"), QStringLiteral("Jira")},
                                 {QStringLiteral("integration_point_id"), QStringLiteral("rules")},
                                 {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                                 {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")}}}});
    m_source->post(QStringLiteral("/v1/roles"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Auditor")}, {QStringLiteral("permission_set"), QStringLiteral("viewer")}});
}

void TestExportImport::cleanup()
{
    m_source.reset();
    m_target.reset();
}

QJsonObject TestExportImport::exported()
{
    const ApiResponse r = m_source->get(QStringLiteral("/v1/export"));
    if (r.status != 200)
        qWarning("%s", describe(r).constData());
    return r.result().toObject();
}

void TestExportImport::roundTripIntoAFreshWorkspace()
{
    const QJsonObject doc = exported();
    QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("patchbay-export"));
    QVERIFY(!describe(m_source->get(QStringLiteral("/v1/export"))).contains("token_hash"));
    const ApiResponse r = m_target->post(QStringLiteral("/v1/import"), doc);
    QVERIFY2(r.status == 200, describe(r).constData());
    QCOMPARE(m_target->get(QStringLiteral("/v1/accounts/acme")).status, 200);
    QCOMPARE(m_target->get(QStringLiteral("/v1/accounts/acme/end-users/eve")).status, 200);
    QCOMPARE(m_target->get(QStringLiteral("/v1/integration-points/rules")).status, 200);
    QCOMPARE(m_target->get(QStringLiteral("/v1/roles/auditor")).status, 200);
    const QJsonArray integrations = m_target->get(QStringLiteral("/v1/integrations/acme")).result().toArray();
    QCOMPARE(integrations.size(), 1);
    QCOMPARE(integrations.first().toObject().value(QStringLiteral("provider_config")).toObject().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://acme.atlassian.net"));
    // The target's export is the source's, up to time stamps.
    QJsonObject again = m_target->get(QStringLiteral("/v1/export")).result().toObject();
    QJsonObject original = doc;
    for (QJsonObject* o : {&again, &original}) {
        o->remove(QStringLiteral("exported_at"));
        o->remove(QStringLiteral("organization"));
    }
    QCOMPARE(again, original);
}

void TestExportImport::fileBreakingOneRuleChangesNothing()
{
    QJsonObject doc = exported();
    QJsonArray integrations = doc.value(QStringLiteral("integrations")).toArray();
    QJsonObject broken = integrations.first().toObject();
    QJsonObject config = broken.value(QStringLiteral("provider_config")).toObject();
    config.insert(QStringLiteral("url"), QStringLiteral("https://jira.elsewhere.example")); // breaks host_patterns
    broken.insert(QStringLiteral("provider_config"), config);
    integrations.replace(0, broken);
    doc.insert(QStringLiteral("integrations"), integrations);
    const ApiResponse r = m_target->post(QStringLiteral("/v1/import"), doc);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
    QVERIFY(r.problem().message.contains(QStringLiteral("acme/jira")));
    QCOMPARE(m_target->get(QStringLiteral("/v1/accounts")).result().toArray().size(), 0);
    QCOMPARE(m_target->get(QStringLiteral("/v1/integration-points")).result().toArray().size(), 0);
    QCOMPARE(m_target->get(QStringLiteral("/v1/roles/auditor")).status, 404);
}

void TestExportImport::nameClashChangesNothing()
{
    m_target->createAccount(QStringLiteral("Other"));
    QJsonObject doc = exported();
    QCOMPARE(m_target->post(QStringLiteral("/v1/import"), doc).status, 200);
    QCOMPARE(m_target->post(QStringLiteral("/v1/import"), doc).status, 409);
    QCOMPARE(m_target->get(QStringLiteral("/v1/accounts")).result().toArray().size(), 2);
}

void TestExportImport::notAnExportIsRefused()
{
    QCOMPARE(m_target->post(QStringLiteral("/v1/import"), QJsonObject{{QStringLiteral("accounts"), QJsonArray{}}}).status, 400);
}

QTEST_GUILESS_MAIN(TestExportImport)
#include "TestExportImport.moc"
