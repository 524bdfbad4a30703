// GitHub Issues adapter against patchbay-sim.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestGitHubAdapter final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    CallResult call(const QString& op, const QJsonObject& params = {}) { return run(m_registry, demoCall(QStringLiteral("ticketing_github"), op, params)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void verifyAndRepositories()
    {
        const auto v = call(QStringLiteral("verify"));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        QCOMPARE(v.outcome->result.toObject().value(QStringLiteral("identity")).toString(), QStringLiteral("demo/patchbay"));
        const auto p = call(QStringLiteral("ticketing_list_projects"), {{QStringLiteral("limit"), 2}});
        QVERIFY2(p.ok(), qPrintable(p.describe()));
        QCOMPARE(p.outcome->result.toArray().size(), 2);
        QCOMPARE(p.outcome->cursor, QStringLiteral("2")); // from the Link header
        const auto last = call(QStringLiteral("ticketing_list_projects"), {{QStringLiteral("limit"), 2}, {QStringLiteral("cursor"), QStringLiteral("2")}});
        QVERIFY2(last.ok(), qPrintable(last.describe()));
        QCOMPARE(last.outcome->result.toArray().size(), 1);
        QVERIFY(last.outcome->cursor.isEmpty());
    }

    void queryExcludesPullRequests()
    {
        const auto all = call(QStringLiteral("ticketing_query_tickets"));
        QVERIFY2(all.ok(), qPrintable(all.describe()));
        for (const QJsonValue& t : all.outcome->result.toArray())
            QVERIFY(t.toObject().value(QStringLiteral("summary")).toString() != QLatin1String("Fix typo in README"));
        const auto bugs = call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QJsonArray{QStringLiteral("tags[eq]bug"), QStringLiteral("status[eq]open")}}});
        QVERIFY2(bugs.ok(), qPrintable(bugs.describe()));
        QCOMPARE(bugs.outcome->result.toArray().size(), 1);
        const QJsonObject t = bugs.outcome->result.toArray().first().toObject();
        QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(t.value(QStringLiteral("project")).toString(), QStringLiteral("demo/patchbay"));
        QCOMPARE(t.value(QStringLiteral("creator")).toString(), QStringLiteral("demo"));
        QCOMPARE(call(QStringLiteral("ticketing_query_tickets"), {{QStringLiteral("filter"), QStringLiteral("summary[like]x")}}).problemType(), QStringLiteral("validation_failed"));
    }

    void lifecycle()
    {
        const auto created = call(QStringLiteral("ticketing_create_ticket"),
                                  {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Token refresh loops")}, {QStringLiteral("description"), QStringLiteral("Seen in 0.1")},
                                                                        {QStringLiteral("tags"), QJsonArray{QStringLiteral("bug")}}}}});
        QVERIFY2(created.ok(), qPrintable(created.describe()));
        const QString id = created.outcome->result.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(created.outcome->result.toObject().value(QStringLiteral("name")).toString(), QLatin1Char('#') + id);

        const auto patched = call(QStringLiteral("ticketing_patch_ticket"),
                                  {{QStringLiteral("ticketId"), id},
                                   {QStringLiteral("body"), QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("closed")),
                                                                       patchOp(QStringLiteral("add"), QStringLiteral("/tags/-"), QStringLiteral("fixed"))}}});
        QVERIFY2(patched.ok(), qPrintable(patched.describe()));
        const QJsonObject p = patched.outcome->result.toObject();
        QCOMPARE(p.value(QStringLiteral("status")).toString(), QStringLiteral("closed"));
        QVERIFY(p.value(QStringLiteral("tags")).toArray().contains(QStringLiteral("fixed")));
        QVERIFY(p.value(QStringLiteral("tags")).toArray().contains(QStringLiteral("bug")));
        QVERIFY(!p.value(QStringLiteral("completion_date")).isNull());

        const auto got = call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(got.ok(), qPrintable(got.describe()));

        const auto comment = call(QStringLiteral("ticketing_create_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("body"), QJsonObject{{QStringLiteral("content"), QStringLiteral("Fixed in main")}}}});
        QVERIFY2(comment.ok(), qPrintable(comment.describe()));
        const QString cid = comment.outcome->result.toObject().value(QStringLiteral("id")).toString();
        const auto comments = call(QStringLiteral("ticketing_list_comments"), {{QStringLiteral("ticketId"), id}});
        QVERIFY2(comments.ok(), qPrintable(comments.describe()));
        QCOMPARE(comments.outcome->result.toArray().size(), 1);
        const auto del = call(QStringLiteral("ticketing_delete_comment"), {{QStringLiteral("ticketId"), id}, {QStringLiteral("commentId"), cid}});
        QVERIFY2(del.ok(), qPrintable(del.describe()));
        QCOMPARE(del.outcome->httpStatus, 204);
    }

    void providerErrors()
    {
        const auto invalid = call(QStringLiteral("ticketing_create_ticket"), {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), QString()}}}});
        QCOMPARE(invalid.problemType(), QStringLiteral("validation_failed"));
        QVERIFY2(invalid.problem->detail.contains(QLatin1String("Validation Failed")), qPrintable(invalid.problem->detail));
        QVERIFY(invalid.problem->detail.contains(QLatin1String("title missing_field")));
        QCOMPARE(call(QStringLiteral("ticketing_get_ticket"), {{QStringLiteral("ticketId"), QStringLiteral("9999")}}).problemType(), QStringLiteral("not_found"));
        OperationCall c = demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("ghp_wrongwrong");
        const auto denied = run(m_registry, c);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(denied.problem->detail.contains(QLatin1String("Bad credentials")));
        QVERIFY(!exchangesJson(denied.exchanges).contains("ghp_wrongwrong"));
        OperationCall ghost = demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"));
        ghost.config[QStringLiteral("owner")] = QStringLiteral("ghost");
        QCOMPARE(run(m_registry, ghost).problemType(), QStringLiteral("not_found"));
    }
};

QTEST_GUILESS_MAIN(TestGitHubAdapter)
#include "TestGitHubAdapter.moc"
