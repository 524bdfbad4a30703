#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {

QJsonObject jira(const QString& name, const QString& url = QStringLiteral("https://acme.atlassian.net"),
                 const QString& point = QStringLiteral("ticketing-rules"), const QString& project = QStringLiteral("OPS"))
{
    QJsonObject body{{QStringLiteral("fullname"), name},
                     {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                     {QStringLiteral("url"), url},
                                                                     {QStringLiteral("project"), project}}}};
    if (!point.isEmpty())
        body.insert(QStringLiteral("integration_point_id"), point);
    return body;
}

QJsonObject point(const QJsonObject& rules, const QJsonObject& environments = {})
{
    return {{QStringLiteral("fullname"), QStringLiteral("Ticketing rules")},
            {QStringLiteral("connector"), QStringLiteral("ticketing")},
            {QStringLiteral("environments"),
             environments.isEmpty() ? QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}},
                                                  {QStringLiteral("prod"), QJsonArray{QStringLiteral("ticketing_jira")}}}
                                    : environments},
            {QStringLiteral("rules"), rules}};
}

} // namespace

class TestIntegrationPoints final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void crudAndValidation();
    void environmentAllowListBlocksCreation();
    void emptyListAllowsNone();
    void hostPatternBlocksCreation();
    void requiredConfigBlocksCreation();
    void httpsRequiredBlocksCreation();
    void credentialTypesBlockCreation();
    void connectorMismatchIsRefused();
    void tokenTtlIsCapped();
    void tighteningBlocksUseAndIsStored();
    void previewListsExactlyTheBrokenOnes();
    void verifySavesNothing();
    void deleteRefusedWhileReferenced();

private:
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_test;
    QString m_prod;
};

void TestIntegrationPoints::init()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_test = m_ws->createAccount(QStringLiteral("Testco"), QStringLiteral("test"));
    m_prod = m_ws->createAccount(QStringLiteral("Prodco"), QStringLiteral("prod"));
}

void TestIntegrationPoints::cleanup()
{
    m_ws.reset();
}

void TestIntegrationPoints::crudAndValidation()
{
    const QString id = m_ws->createIntegrationPoint(point({{QStringLiteral("max_token_ttl"), 300}}));
    ApiResponse r = m_ws->get(QStringLiteral("/v1/integration-points/ticketing-rules"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(r.result().toObject().value(QStringLiteral("rules")).toObject().value(QStringLiteral("max_token_ttl")).toInt(), 300);
    r = m_ws->post(QStringLiteral("/v1/integration-points"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Bad")},
                                                                        {QStringLiteral("connector"), QStringLiteral("teleport")}});
    QCOMPARE(r.status, 400);
    QVERIFY(!r.problem().parameter.isEmpty());
    r = m_ws->patch(QStringLiteral("/v1/integration-points/ticketing-rules"),
                    QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                           {QStringLiteral("path"), QStringLiteral("/description")},
                                           {QStringLiteral("value"), QStringLiteral("Only Jira in prod")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("description")).toString(), QStringLiteral("Only Jira in prod"));
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integration-points/ticketing-rules")).status, 204);
}

void TestIntegrationPoints::environmentAllowListBlocksCreation()
{
    m_ws->createIntegrationPoint(point({}, {{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}},
                                            {QStringLiteral("prod"), QJsonArray{QStringLiteral("ticketing_zendesk")}}}));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Jira test"))).status, 201);
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/prodco"), jira(QStringLiteral("Jira prod")));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/integrations/prodco")).result().toArray().size(), 0);
}

void TestIntegrationPoints::emptyListAllowsNone()
{
    m_ws->createIntegrationPoint(point({}, {{QStringLiteral("test"), QJsonArray{}}}));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("J"))).status, 403);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/prodco"), jira(QStringLiteral("J"))).status, 403);
}

void TestIntegrationPoints::hostPatternBlocksCreation()
{
    m_ws->createIntegrationPoint(point({{QStringLiteral("host_patterns"), QJsonArray{QStringLiteral("*.atlassian.net")}}}));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Good"))).status, 201);
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Bad"), QStringLiteral("https://jira.example.com")));
    QCOMPARE(r.status, 403);
    QVERIFY(r.problem().detail.contains(QStringLiteral("host")) || r.problem().message.contains(QStringLiteral("host")));
}

void TestIntegrationPoints::requiredConfigBlocksCreation()
{
    m_ws->createIntegrationPoint(point({{QStringLiteral("required_config"), QJsonObject{{QStringLiteral("project"), QStringLiteral("OPS|SEC")}}}}));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Ops"))).status, 201);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"),
                        jira(QStringLiteral("Abc"), QStringLiteral("https://acme.atlassian.net"), QStringLiteral("ticketing-rules"), QStringLiteral("ABC")))
                 .status,
             403);
}

void TestIntegrationPoints::httpsRequiredBlocksCreation()
{
    m_ws->createIntegrationPoint(point({{QStringLiteral("https_required"), true}}));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Secure"))).status, 201);
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("Plain"), QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(r.status, 403);
}

void TestIntegrationPoints::credentialTypesBlockCreation()
{
    // Without a credential an Integration cannot satisfy a credential-type rule.
    m_ws->createIntegrationPoint(point({{QStringLiteral("credential_types"), QJsonArray{QStringLiteral("basic")}}}));
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("No cred")));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
}

void TestIntegrationPoints::connectorMismatchIsRefused()
{
    QJsonObject notifications = point({});
    notifications.insert(QStringLiteral("connector"), QStringLiteral("notifications"));
    notifications.insert(QStringLiteral("environments"), QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}}});
    m_ws->createIntegrationPoint(notifications);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/testco"), jira(QStringLiteral("J"))).status, 403);
}

void TestIntegrationPoints::tokenTtlIsCapped()
{
    m_ws->createIntegrationPoint(point({{QStringLiteral("max_token_ttl"), 120}}));
    const QJsonObject created = m_ws->createIntegration(QStringLiteral("testco"), jira(QStringLiteral("J")));
    const QString id = created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    ApiResponse r = m_ws->post(QStringLiteral("/v1/tokens/testco/") + id, QJsonObject{{QStringLiteral("token_ttl"), 600}});
    QCOMPARE(r.status, 400);
    r = m_ws->post(QStringLiteral("/v1/tokens/testco/") + id, QJsonObject{});
    QCOMPARE(r.status, 201);
    QVERIFY(r.result().toObject().value(QStringLiteral("secret")).toString().startsWith(QStringLiteral("pbi_")));
    const QDateTime expires = QDateTime::fromString(r.result().toObject().value(QStringLiteral("expires")).toString(), Qt::ISODateWithMs);
    QVERIFY(expires <= QDateTime::currentDateTimeUtc().addSecs(125));
}

void TestIntegrationPoints::tighteningBlocksUseAndIsStored()
{
    m_ws->createIntegrationPoint(point({}));
    const QJsonObject created = m_ws->createIntegration(QStringLiteral("prodco"), jira(QStringLiteral("J")));
    const QString id = created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("compliance")).toString(), QStringLiteral("compliant"));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/tokens/prodco/") + id, QJsonObject{}).status, 201);
    // Tighten: prod no longer allows Jira.
    ApiResponse r = m_ws->put(QStringLiteral("/v1/integration-points/ticketing-rules"),
                              point({}, {{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}}, {QStringLiteral("prod"), QJsonArray{}}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("affected")).toArray(), QJsonArray{id});
    const QJsonObject integration = m_ws->get(QStringLiteral("/v1/integrations/prodco/") + id).result().toObject();
    QCOMPARE(integration.value(QStringLiteral("compliance")).toString(), QStringLiteral("non_compliant"));
    QVERIFY(!integration.value(QStringLiteral("violations")).toArray().isEmpty());
    r = m_ws->post(QStringLiteral("/v1/tokens/prodco/") + id, QJsonObject{});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
    // Loosen again: compliant and usable.
    QCOMPARE(m_ws->put(QStringLiteral("/v1/integration-points/ticketing-rules"), point({})).status, 200);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/tokens/prodco/") + id, QJsonObject{}).status, 201);
}

void TestIntegrationPoints::previewListsExactlyTheBrokenOnes()
{
    m_ws->createIntegrationPoint(point({}));
    const QString a = m_ws->createIntegration(QStringLiteral("testco"), jira(QStringLiteral("A"), QStringLiteral("https://a.atlassian.net")))
                          .value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    const QString b = m_ws->createIntegration(QStringLiteral("testco"), jira(QStringLiteral("B"), QStringLiteral("https://jira.corp.example")))
                          .value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    const QString c = m_ws->createIntegration(QStringLiteral("prodco"), jira(QStringLiteral("C"), QStringLiteral("https://c.atlassian.net")))
                          .value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    // Not under the Integration Point: never listed.
    m_ws->createIntegration(QStringLiteral("prodco"), jira(QStringLiteral("Free"), QStringLiteral("https://x.example"), QString()));
    const QJsonObject proposed = point({{QStringLiteral("host_patterns"), QJsonArray{QStringLiteral("*.atlassian.net")}}});
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integration-points/ticketing-rules/preview"), proposed);
    QCOMPARE(r.status, 200);
    const QJsonObject out = r.result().toObject();
    QCOMPARE(out.value(QStringLiteral("would_break")).toArray(), QJsonArray{b});
    QCOMPARE(out.value(QStringLiteral("integrations")).toArray().size(), 3);
    for (const QJsonValue& v : out.value(QStringLiteral("integrations")).toArray()) {
        const QJsonObject i = v.toObject();
        const bool isB = i.value(QStringLiteral("integration_id")).toString() == b;
        QCOMPARE(i.value(QStringLiteral("compliant_after")).toBool(), !isB);
        if (isB)
            QCOMPARE(i.value(QStringLiteral("violations")).toArray().first().toObject().value(QStringLiteral("rule")).toString(),
                     QStringLiteral("host"));
    }
    Q_UNUSED(a);
    Q_UNUSED(c);
    // Nothing was saved.
    const QJsonObject stored = m_ws->get(QStringLiteral("/v1/integration-points/ticketing-rules")).result().toObject();
    QVERIFY(!stored.value(QStringLiteral("rules")).toObject().contains(QStringLiteral("host_patterns")));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/integrations/testco/") + b).result().toObject().value(QStringLiteral("compliance")).toString(),
             QStringLiteral("compliant"));
    // An invalid proposal is a 400, not a preview.
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integration-points/ticketing-rules/preview"), QJsonObject{{QStringLiteral("connector"), 5}}).status, 400);
}

void TestIntegrationPoints::verifySavesNothing()
{
    m_ws->createIntegrationPoint(point({}, {{QStringLiteral("test"), QJsonArray{}}, {QStringLiteral("prod"), QJsonArray{QStringLiteral("*")}}}));
    ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/testco/verify"), jira(QStringLiteral("J")));
    QCOMPARE(r.status, 403);
    r = m_ws->post(QStringLiteral("/v1/integrations/prodco/verify"), jira(QStringLiteral("J")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.result().toObject().value(QStringLiteral("valid")).toBool());
    r = m_ws->post(QStringLiteral("/v1/integrations/prodco/verify"), jira(QStringLiteral("J"), QStringLiteral("not a url")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("provider_config.url"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/integrations")).result().toArray().size(), 0);
}

void TestIntegrationPoints::deleteRefusedWhileReferenced()
{
    m_ws->createIntegrationPoint(point({}));
    m_ws->createIntegration(QStringLiteral("testco"), jira(QStringLiteral("J")));
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integration-points/ticketing-rules")).status, 409);
}

QTEST_GUILESS_MAIN(TestIntegrationPoints)
#include "TestIntegrationPoints.moc"
