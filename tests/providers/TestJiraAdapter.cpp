// Jira Cloud adapter against patchbay-sim: every unified operation plus verify and errors.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestJiraAdapter final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    CallResult call(const QString& op, const QJsonObject& params = {}) { return run(m_registry, demoCall(QStringLiteral("ticketing_jira"), op, params)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void verify()
    {
        const auto r = call(QStringLiteral("verify"));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.outcome->result.toObject().value(QStringLiteral("identity")).toString(), QStringLiteral("demo@example.com"));
        QCOMPARE(r.exchanges.size(), 1);
        QVERIFY(r.exchanges.first().url.endsWith(QLatin1String("/rest/api/3/myself")));
    }

    void listProjects()
    {
        const auto r = call(QStringLiteral("ticketing_list_projects"));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        const QJsonArray projects = r.outcome->result.toArray();
        QVERIFY(projects.size() >= 2);
        QCOMPARE(projects.first().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("DEMO"));
        const auto page = call(QStringLiteral("ticketing_list_projects"), {{QStringLiteral("limit"), 1}});
        QVERIFY2(page.ok(), qPrintable(page.describe()));
        QCOMPARE(page.outcome->result.toArray().size(), 1);
        QCOMPARE(page.outcome->cursor, QStringLiteral("1"));
    }

    void queryWithFilterAndCursor()
    {
        const auto first = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("limit"), 1}});
        QVERIFY2(first.ok(), qPrintable(first.describe()));
        QCOMPARE(first.outcome->result.toArray().size(), 1);
        QVERIFY(!first.outcome->cursor.isEmpty());
        const auto second = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("limit"), 1}, {QStringLiteral("cursor"), first.outcome->cursor}});
        QVERIFY2(second.ok(), qPrintable(second.describe()));
        QVERIFY(second.outcome->result.toArray().first().toObject().value(QStringLiteral("id")) !=
                first.outcome->result.toArray().first().toObject().value(QStringLiteral("id")));

        const auto filtered = call(QStringLiteral("ticketing_query_tickets"),
                                   {{QStringLiteral("filter"), QJsonArray{QStringLiteral("tags[eq]auth"), QStringLiteral("priority[eq]HIGH")}}});
        QVERIFY2(filtered.ok(), qPrintable(filtered.describe()));
        const QJsonArray tickets = filtered.outcome->result.toArray();
        QCOMPARE(tickets.size(), 1);
        const QJsonObject t = tickets.first().toObject();
        QCOMPARE(t.value(QStringLiteral("summary")).toString(), QStringLiteral("Login page returns 500"));
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(t.value(QStringLiteral("project")).toString(), QStringLiteral("DEMO"));
        QCOMPARE(t.value(QStringLiteral("description")).toString(), QStringLiteral("Users see an error after SSO."));
        QVERIFY(t.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(t.value(QStringLiteral("unmapped")).toObject().value(QStringLiteral("customfield_10010")).toString(), QStringLiteral("sim"));

        const auto bad = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QStringLiteral("colour[eq]red")}});
        QCOMPARE(bad.problemType(), QStringLiteral("validation_failed"));
    }

    void ticketLifecycle()
    {
        const auto created = call(QStringLiteral("ticketing_create_ticket"),
                                  {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Printer on fire")},
                                                                        {QStringLiteral("description"), QStringLiteral("Line one\nLine two")},
                                                                        {QStringLiteral("priority"), QStringLiteral("URGENT")},
                                                                        {QStringLiteral("tags"), QJsonArray{QStringLiteral("hardware")}}}}});
        QVERIFY2(created.ok(), qPrintable(created.describe()));
        QCOMPARE(created.outcome->httpStatus, 201);
        const QJsonObject t = created.outcome->result.toObject();
        const QString id = t.value(QStringLiteral("id")).toString();
        QVERIFY(id.startsWith(QLatin1String("DEMO-")));
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("CRITICAL"));
        QCOMPARE(t.value(QStringLiteral("description")).toString(), QStringLiteral("Line one\nLine two"));
        QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("To Do"));
        QVERIFY(t.value(QStringLiteral("url")).toString().endsWith(QStringLiteral("/browse/") + id));

        const auto got = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(got.ok(), qPrintable(got.describe()));
        QCOMPARE(got.outcome->result.toObject().value(QStringLiteral("summary")).toString(), QStringLiteral("Printer on fire"));

        const QJsonArray patch{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")}, {QStringLiteral("path"), QStringLiteral("/summary")}, {QStringLiteral("value"), QStringLiteral("Printer fire out")}},
                               QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")}, {QStringLiteral("path"), QStringLiteral("/status")}, {QStringLiteral("value"), QStringLiteral("Done")}},
                               QJsonObject{{QStringLiteral("op"), QStringLiteral("add")}, {QStringLiteral("path"), QStringLiteral("/tags/-")}, {QStringLiteral("value"), QStringLiteral("resolved")}}};
        const auto patched = call(QStringLiteral("ticketing_patch_ticket"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), patch}});
        QVERIFY2(patched.ok(), qPrintable(patched.describe()));
        const QJsonObject p = patched.outcome->result.toObject();
        QCOMPARE(p.value(QStringLiteral("summary")).toString(), QStringLiteral("Printer fire out"));
        QCOMPARE(p.value(QStringLiteral("status")).toString(), QStringLiteral("Done"));
        QVERIFY(p.value(QStringLiteral("tags")).toArray().contains(QStringLiteral("resolved")));

        const auto badStatus = call(QStringLiteral("ticketing_patch_ticket"),
                                    {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")}, {QStringLiteral("path"), QStringLiteral("/status")}, {QStringLiteral("value"), QStringLiteral("Teleported")}}}}});
        QCOMPARE(badStatus.problemType(), QStringLiteral("validation_failed"));

        const auto comment = call(QStringLiteral("ticketing_create_comment"),
                                  {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Extinguisher used")}}}});
        QVERIFY2(comment.ok(), qPrintable(comment.describe()));
        const QString commentId = comment.outcome->result.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(comment.outcome->result.toObject().value(QStringLiteral("content")).toString(), QStringLiteral("Extinguisher used"));

        const auto comments = call(QStringLiteral("ticketing_list_comments"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(comments.ok(), qPrintable(comments.describe()));
        QCOMPARE(comments.outcome->result.toArray().size(), 1);
        QCOMPARE(comments.outcome->result.toArray().first().toObject().value(QStringLiteral("ticket_id")).toString(), id);

        const auto deleted = call(QStringLiteral("ticketing_delete_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("commentId"), commentId}});
        QVERIFY2(deleted.ok(), qPrintable(deleted.describe()));
        const auto again = call(QStringLiteral("ticketing_delete_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("commentId"), commentId}});
        QCOMPARE(again.problemType(), QStringLiteral("not_found"));
    }

    void providerValidationMessage()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("ticketing_create_ticket"),
                                   {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("x")}, {QStringLiteral("project"), QStringLiteral("NOPE")}}}});
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("validation_failed"));
        QVERIFY2(r.problem->detail.contains(QLatin1String("valid project is required")), qPrintable(r.problem->detail));
        const auto missing = call(QStringLiteral("ticketing_get_ticket"), {});
        QCOMPARE(missing.problemType(), QStringLiteral("validation_failed"));
        QCOMPARE(missing.problem->parameter, QStringLiteral("ticketId"));
        QVERIFY(missing.exchanges.isEmpty());
    }

    void notFound()
    {
        const auto r = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), QStringLiteral("DEMO-99999")}});
        QCOMPARE(r.problemType(), QStringLiteral("not_found"));
        QCOMPARE(r.problem->status, 404);
        QVERIFY(r.problem->detail.contains(QLatin1String("Issue does not exist")));
    }

    void wrongCredentials()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("verify"));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("wrong-token-123");
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("authentication_failed"));
        QCOMPARE(r.problem->status, 401);
        QVERIFY(!exchangesJson(r.exchanges).contains("wrong-token-123"));
    }
};

QTEST_GUILESS_MAIN(TestJiraAdapter)
#include "TestJiraAdapter.moc"
