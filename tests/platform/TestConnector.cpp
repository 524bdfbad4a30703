#include "core/Clock.h"
#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {

// A loopback URL nothing listens on: the adapter fails fast without touching the network.
const QString kDeadUrl = QStringLiteral("http://127.0.0.1:9");

QJsonObject jira(const QString& name, const QString& point = QStringLiteral("rules"))
{
    QJsonObject body{{QStringLiteral("fullname"), name},
                     {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                     {QStringLiteral("url"), kDeadUrl},
                                                                     {QStringLiteral("project"), QStringLiteral("OPS")}}}};
    if (!point.isEmpty())
        body.insert(QStringLiteral("integration_point_id"), point);
    return body;
}

QJsonObject rules(const QJsonObject& extra, const QJsonArray& prod = QJsonArray{QStringLiteral("*")})
{
    QJsonObject r{{QStringLiteral("allow_http"), true}};
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        r.insert(it.key(), it.value());
    return {{QStringLiteral("fullname"), QStringLiteral("Rules")},
            {QStringLiteral("connector"), QStringLiteral("ticketing")},
            {QStringLiteral("environments"), QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}}, {QStringLiteral("prod"), prod}}},
            {QStringLiteral("rules"), r}};
}

} // namespace

class TestConnector final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void organizationTokenIsRefused();
    void integrationTokenIsRefusedByManagement();
    void tokenReachesOnlyItsIntegration();
    void wrongConnectorIsRefused();
    void unknownPathAndMethod();
    void expiredAndRevokedTokensAreRefused();
    void callIsDispatchedAndRecorded();
    void operationAllowListBlocksUse();
    void tightenedRulesBlockUse();
    void disabledIntegrationIsRefused();
    void capabilities();

private:
    QString tokenOf(const QJsonObject& created) const
    {
        return created.value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    }
    QString idOf(const QJsonObject& created) const
    {
        return created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    }
    std::unique_ptr<TestWorkspace> m_ws;
    QJsonObject m_a; // Acme's Jira
    QJsonObject m_b; // Acme's second Jira
    QJsonObject m_c; // Globex's Jira
};

void TestConnector::init()
{
    setClockOffsetForTesting(0);
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_ws->createAccount(QStringLiteral("Acme"), QStringLiteral("prod"));
    m_ws->createAccount(QStringLiteral("Globex"), QStringLiteral("prod"));
    m_ws->createIntegrationPoint(rules({}));
    m_a = m_ws->createIntegration(QStringLiteral("acme"), jira(QStringLiteral("A")));
    m_b = m_ws->createIntegration(QStringLiteral("acme"), jira(QStringLiteral("B")));
    m_c = m_ws->createIntegration(QStringLiteral("globex"), jira(QStringLiteral("C")));
}

void TestConnector::cleanup()
{
    setClockOffsetForTesting(0);
    m_ws.reset();
}

void TestConnector::organizationTokenIsRefused()
{
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), m_ws->adminToken());
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("wrong_token_kind"));
    QVERIFY(r.problem().message.contains(QStringLiteral("Organization Access Token")));
    QVERIFY(r.problem().detail.contains(QStringLiteral("Management API")));
}

void TestConnector::integrationTokenIsRefusedByManagement()
{
    for (const QString& path : QStringList{QStringLiteral("/v1/accounts"), QStringLiteral("/v1/integrations/acme/") + idOf(m_a),
                                QStringLiteral("/v1/tokens"), QStringLiteral("/v1/organization")}) {
        const ApiResponse r = m_ws->get(path, tokenOf(m_a));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problem().type, QStringLiteral("wrong_token_kind"));
        QVERIFY(r.problem().message.contains(QStringLiteral("Integration Access Token")));
        QVERIFY(r.problem().message.contains(QStringLiteral("Management API")));
    }
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/globex"), tokenOf(m_a)).status, 401);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/globex")).status, 200);
}

void TestConnector::tokenReachesOnlyItsIntegration()
{
    // Whatever the path says, A's token runs against A only.
    m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a));
    m_ws->get(QStringLiteral("/v1/ticketing/tickets/") + idOf(m_b), tokenOf(m_a));
    m_ws->call(ApiRequest::get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a))
                   .withQuery(QStringLiteral("integration_id"), idOf(m_c))
                   .withQuery(QStringLiteral("account_id"), QStringLiteral("globex")));
    auto events = [&](const QString& account, const QJsonObject& created) {
        return m_ws->get(QStringLiteral("/v1/status/%1/%2/events").arg(account, idOf(created))).result().toArray();
    };
    QCOMPARE(events(QStringLiteral("acme"), m_a).size(), 3);
    QCOMPARE(events(QStringLiteral("acme"), m_b).size(), 0);
    QCOMPARE(events(QStringLiteral("globex"), m_c).size(), 0);
    // B's history is not reachable through Globex's scope either.
    QCOMPARE(m_ws->get(QStringLiteral("/v1/status/globex/%1/events").arg(idOf(m_a))).status, 404);
}

void TestConnector::wrongConnectorIsRefused()
{
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/notifications/create"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("x")}}, tokenOf(m_a));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("wrong_connector"));
}

void TestConnector::unknownPathAndMethod()
{
    QCOMPARE(m_ws->get(QStringLiteral("/v1/ticketing/nothing-here"), tokenOf(m_a)).status, 404);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a)).status, 405);
}

void TestConnector::expiredAndRevokedTokensAreRefused()
{
    setClockOffsetForTesting(601);
    ApiResponse r = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("token_expired"));
    setClockOffsetForTesting(0);
    const QString tokenId = m_a.value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(m_ws->del(QStringLiteral("/v1/tokens/") + tokenId).status, 204);
    r = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("token_revoked"));
    QString tampered = tokenOf(m_b);
    tampered[50] = tampered.at(50) == QLatin1Char('x') ? QLatin1Char('y') : QLatin1Char('x');
    QCOMPARE(m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tampered).status, 401);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/ticketing/tickets"), QStringLiteral("pbi_nonsense")).status, 401);
    // A deleted Integration's token is dead too.
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/") + idOf(m_b)).status, 204);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_b)).status, 401);
}

void TestConnector::callIsDispatchedAndRecorded()
{
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a));
    QVERIFY2(r.isError(), describe(r).constData()); // nothing listens on the loopback port
    QVERIFY(r.status != 401 && r.status != 403);
    const QJsonObject status = m_ws->get(QStringLiteral("/v1/status/acme/") + idOf(m_a)).result().toObject();
    QCOMPARE(status.value(QStringLiteral("requests")).toInt(), 1);
    QCOMPARE(status.value(QStringLiteral("failed")).toInt(), 1);
    QCOMPARE(status.value(QStringLiteral("status")).toString(), QStringLiteral("failing"));
    QVERIFY(!status.value(QStringLiteral("last_error")).toString().isEmpty());
    const QJsonArray events = m_ws->get(QStringLiteral("/v1/status/acme/%1/events").arg(idOf(m_a))).result().toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject().value(QStringLiteral("request")).toObject().value(QStringLiteral("operation_id")).toString(),
             QStringLiteral("ticketing_query_tickets"));
    QVERIFY(!describe(m_ws->get(QStringLiteral("/v1/status"))).contains(tokenOf(m_a).toUtf8()));
}

void TestConnector::operationAllowListBlocksUse()
{
    QCOMPARE(m_ws->put(QStringLiteral("/v1/integration-points/rules"),
                       rules({{QStringLiteral("operations"), QJsonArray{QStringLiteral("ticketing_query_tickets")}}}))
                 .status,
             200);
    const ApiResponse blocked = m_ws->post(QStringLiteral("/v1/ticketing/tickets"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("x")}}, tokenOf(m_a));
    QCOMPARE(blocked.status, 403);
    QCOMPARE(blocked.problem().type, QStringLiteral("policy_violation"));
    const ApiResponse allowed = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a));
    QVERIFY(allowed.status != 403);
}

void TestConnector::tightenedRulesBlockUse()
{
    QVERIFY(m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_c)).status != 403);
    QCOMPARE(m_ws->put(QStringLiteral("/v1/integration-points/rules"), rules({}, QJsonArray{})).status, 200);
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_c));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
    // The refusal is recorded in the Integration's own history.
    const QJsonArray events = m_ws->get(QStringLiteral("/v1/status/globex/%1/events").arg(idOf(m_c))).result().toArray();
    QCOMPARE(events.first().toObject().value(QStringLiteral("status")).toInt(), 403);
}

void TestConnector::disabledIntegrationIsRefused()
{
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/integrations/acme/") + idOf(m_a),
                         QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                {QStringLiteral("path"), QStringLiteral("/enabled")},
                                                {QStringLiteral("value"), false}}})
                 .status,
             200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/ticketing/tickets"), tokenOf(m_a)).status, 403);
}

void TestConnector::capabilities()
{
    ApiResponse r = m_ws->get(QStringLiteral("/v1/capabilities/connectors"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.result().toArray().size() >= 3);
    r = m_ws->get(QStringLiteral("/v1/capabilities/providers/ticketing_jira"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/capabilities/providers/nope")).status, 404);
}

QTEST_GUILESS_MAIN(TestConnector)
#include "TestConnector.moc"
