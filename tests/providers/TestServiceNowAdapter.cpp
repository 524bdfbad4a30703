// ServiceNow Table API adapter against patchbay-sim.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestServiceNowAdapter final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    CallResult call(const QString& op, const QJsonObject& params = {}) { return run(m_registry, demoCall(QStringLiteral("ticketing_servicenow"), op, params)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void verifyAndProjects()
    {
        const auto v = call(QStringLiteral("verify"));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        QVERIFY(v.exchanges.first().url.contains(QLatin1String("/api/now/table/incident")));
        const auto p = call(QStringLiteral("ticketing_list_projects"));
        QVERIFY2(p.ok(), qPrintable(p.describe()));
        QCOMPARE(p.outcome->result.toArray().first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Service Desk"));
    }

    void queryFilterAndOffsetCursor()
    {
        const auto first = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("limit"), 1}});
        QVERIFY2(first.ok(), qPrintable(first.describe()));
        QCOMPARE(first.outcome->result.toArray().size(), 1);
        QCOMPARE(first.outcome->cursor, QStringLiteral("1"));
        QVERIFY(first.exchanges.first().url.contains(QLatin1String("sysparm_offset=0")));
        const auto filtered = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QStringLiteral("priority[eq]CRITICAL")}});
        QVERIFY2(filtered.ok(), qPrintable(filtered.describe()));
        const QJsonArray list = filtered.outcome->result.toArray();
        QVERIFY(!list.isEmpty());
        for (const QJsonValue& t : list)
            QCOMPARE(t.toObject().value(QStringLiteral("priority")).toString(), QStringLiteral("CRITICAL"));
        const QJsonObject vpn = list.first().toObject();
        QVERIFY(vpn.value(QStringLiteral("name")).toString().startsWith(QLatin1String("INC")));
        QVERIFY(vpn.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(vpn.value(QStringLiteral("unmapped")).toObject().value(QStringLiteral("u_sim_flag")).toString(), QStringLiteral("seeded"));
        QCOMPARE(call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QStringLiteral("colour[eq]red")}}).problemType(), QStringLiteral("validation_failed"));
    }

    void lifecycle()
    {
        const auto created = call(QStringLiteral("ticketing_create_ticket"),
                                  {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Badge reader offline")},
                                                                        {QStringLiteral("description"), QStringLiteral("Building B")},
                                                                        {QStringLiteral("priority"), QStringLiteral("HIGH")}}}});
        QVERIFY2(created.ok(), qPrintable(created.describe()));
        const QJsonObject t = created.outcome->result.toObject();
        const QString id = t.value(QStringLiteral("id")).toString();
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("New"));

        const auto got = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(got.ok(), qPrintable(got.describe()));
        QCOMPARE(got.outcome->result.toObject().value(QStringLiteral("description")).toString(), QStringLiteral("Building B"));

        const auto patched = call(QStringLiteral("ticketing_patch_ticket"),
                                  {{QStringLiteral("ticketId"), id},
                                   {QStringLiteral("body"), QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("In Progress")),
                                                                       patchOp(QStringLiteral("replace"), QStringLiteral("/priority"), QStringLiteral("PLANNING"))}}});
        QVERIFY2(patched.ok(), qPrintable(patched.describe()));
        QCOMPARE(patched.outcome->result.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("In Progress"));
        QCOMPARE(patched.outcome->result.toObject().value(QStringLiteral("priority")).toString(), QStringLiteral("PLANNING"));

        const auto comment = call(QStringLiteral("ticketing_create_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Technician on site")}}}});
        QVERIFY2(comment.ok(), qPrintable(comment.describe()));
        QCOMPARE(comment.outcome->result.toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Technician on site"));
        const auto comments = call(QStringLiteral("ticketing_list_comments"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(comments.ok(), qPrintable(comments.describe()));
        QCOMPARE(comments.outcome->result.toArray().size(), 1);
    }

    void providerErrors()
    {
        const auto blank = call(QStringLiteral("ticketing_patch_ticket"),
                                {{QStringLiteral("ticketId"), QStringLiteral("c4ca4238a0b923820dcc509a6f75849b")},
                                 {QStringLiteral("body"), QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/summary"), QString())}}});
        QCOMPARE(blank.problemType(), QStringLiteral("not_found")); // sys_id 1 is a group, not an incident
        const auto missing = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), QStringLiteral("ffffffffffffffffffffffffffffffff")}});
        QCOMPARE(missing.problemType(), QStringLiteral("not_found"));
        QVERIFY(missing.problem->detail.contains(QLatin1String("No Record found")));
        const auto invalid = call(QStringLiteral("ticketing_create_ticket"), {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral(" ")}}}});
        QCOMPARE(invalid.problemType(), QStringLiteral("validation_failed"));
        QVERIFY2(invalid.problem->detail.contains(QLatin1String("Short description is mandatory")), qPrintable(invalid.problem->detail));
    }

    void wrongCredentialsAndApiKey()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_servicenow"), QStringLiteral("verify"));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("nope-nope");
        const auto bad = run(m_registry, c);
        QCOMPARE(bad.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(bad.problem->detail.contains(QLatin1String("User Not Authenticated")));

        OperationCall key = demoCall(QStringLiteral("ticketing_servicenow"), QStringLiteral("verify"));
        key.credentialType = QStringLiteral("token");
        key.secrets = {{QStringLiteral("secret"), QByteArrayLiteral("demo-token")}};
        const auto r = run(m_registry, key);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QVERIFY(!exchangesJson(r.exchanges).contains("demo-token"));
    }

    void oauthClientCredentials()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_servicenow"), QStringLiteral("ticketing_query_tickets"));
        c.credentialType = QStringLiteral("o_auth_client");
        c.secrets = {{QStringLiteral("client_id"), QByteArrayLiteral("demo-client")}, {QStringLiteral("client_secret"), QByteArrayLiteral("demo-token")},
                     {QStringLiteral("token_url"), simBase(QStringLiteral("servicenow")).toUtf8() + "/oauth_token.do"}};
        const auto r = run(m_registry, c);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.exchanges.size(), 2);
        const QByteArray json = exchangesJson(r.exchanges);
        QVERIFY(!json.contains("demo-token"));
        QVERIFY(!json.contains("sn-access-"));

        c.secrets[QStringLiteral("client_secret")] = QByteArrayLiteral("wrong-secret");
        QCOMPARE(run(m_registry, c).problemType(), QStringLiteral("authentication_failed"));
    }
};

QTEST_GUILESS_MAIN(TestServiceNowAdapter)
#include "TestServiceNowAdapter.moc"
