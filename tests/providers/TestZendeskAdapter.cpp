// Zendesk Support adapter against patchbay-sim.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestZendeskAdapter final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    CallResult call(const QString& op, const QJsonObject& params = {}) { return run(m_registry, demoCall(QStringLiteral("ticketing_zendesk"), op, params)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void verify()
    {
        const auto v = call(QStringLiteral("verify"));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        QCOMPARE(v.outcome->result.toObject().value(QStringLiteral("identity")).toString(), QStringLiteral("demo@example.com"));
        QCOMPARE(call(QStringLiteral("ticketing_list_projects")).problemType(), QStringLiteral("operation_not_supported"));
    }

    void listWithCursorAndSearch()
    {
        const auto first = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("limit"), 2}});
        QVERIFY2(first.ok(), qPrintable(first.describe()));
        QCOMPARE(first.outcome->result.toArray().size(), 2);
        QVERIFY(!first.outcome->cursor.isEmpty());
        const auto next = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("limit"), 2}, {QStringLiteral("cursor"), first.outcome->cursor}});
        QVERIFY2(next.ok(), qPrintable(next.describe()));
        QVERIFY(!next.outcome->result.toArray().isEmpty());

        const auto found = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QJsonArray{QStringLiteral("tags[eq]billing"), QStringLiteral("priority[eq]MEDIUM")}}});
        QVERIFY2(found.ok(), qPrintable(found.describe()));
        QCOMPARE(found.outcome->result.toArray().size(), 1);
        const QJsonObject t = found.outcome->result.toArray().first().toObject();
        QCOMPARE(t.value(QStringLiteral("summary")).toString(), QStringLiteral("Invoice shows the wrong VAT"));
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("MEDIUM"));
        QVERIFY(t.value(QStringLiteral("unmapped")).toObject().contains(QStringLiteral("via")));
        QVERIFY(found.exchanges.first().url.contains(QLatin1String("/api/v2/search/export")));
    }

    void lifecycle()
    {
        const auto created = call(QStringLiteral("ticketing_create_ticket"),
                                  {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Refund request")},
                                                                        {QStringLiteral("description"), QStringLiteral("Order 1234 arrived broken")},
                                                                        {QStringLiteral("priority"), QStringLiteral("URGENT")}, {QStringLiteral("tags"), QJsonArray{QStringLiteral("refund")}}}}});
        QVERIFY2(created.ok(), qPrintable(created.describe()));
        QCOMPARE(created.outcome->httpStatus, 201);
        const QString id = created.outcome->result.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(created.outcome->result.toObject().value(QStringLiteral("priority")).toString(), QStringLiteral("URGENT"));

        const auto patched = call(QStringLiteral("ticketing_patch_ticket"),
                                  {{QStringLiteral("ticketId"), id},
                                   {QStringLiteral("body"), QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("pending")),
                                                                       patchOp(QStringLiteral("add"), QStringLiteral("/tags/-"), QStringLiteral("vip"))}}});
        QVERIFY2(patched.ok(), qPrintable(patched.describe()));
        QCOMPARE(patched.outcome->result.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QVERIFY(patched.outcome->result.toObject().value(QStringLiteral("tags")).toArray().contains(QStringLiteral("vip")));

        const auto got = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(got.ok(), qPrintable(got.describe()));
        QCOMPARE(got.outcome->result.toObject().value(QStringLiteral("description")).toString(), QStringLiteral("Order 1234 arrived broken"));

        const auto comment = call(QStringLiteral("ticketing_create_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Replacement shipped")}}}});
        QVERIFY2(comment.ok(), qPrintable(comment.describe()));
        QCOMPARE(comment.outcome->result.toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Replacement shipped"));
        const auto comments = call(QStringLiteral("ticketing_list_comments"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(comments.ok(), qPrintable(comments.describe()));
        QCOMPARE(comments.outcome->result.toArray().size(), 2); // the description is the first comment
    }

    void providerErrors()
    {
        const auto bad = call(QStringLiteral("ticketing_patch_ticket"),
                              {{QStringLiteral("ticketId"), QStringLiteral("1")}, {QStringLiteral("body"), QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("teleported"))}}});
        QCOMPARE(bad.problemType(), QStringLiteral("validation_failed"));
        QVERIFY2(bad.problem->detail.contains(QLatin1String("Status: is not valid")), qPrintable(bad.problem->detail));
        QCOMPARE(call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), QStringLiteral("999999")}}).problemType(), QStringLiteral("not_found"));
        OperationCall c = demoCall(QStringLiteral("ticketing_zendesk"), QStringLiteral("verify"));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("wrong-token");
        const auto denied = run(m_registry, c);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(denied.problem->detail.contains(QLatin1String("Couldn't authenticate you")));
    }
};

QTEST_GUILESS_MAIN(TestZendeskAdapter)
#include "TestZendeskAdapter.moc"
