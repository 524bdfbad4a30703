#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QTemporaryDir>

// `patchbay-cli connector call` for every operation every provider of the catalog supports, against
// the simulator of the "sim" fixture, on a demo workspace. Each provider×operation is one row of
// `operation`; rows of one Integration run in an order where a created ticket (and comment) feeds
// the later get/patch/comment rows. Operations a provider does not support must fail clearly.
class TestCliConnector final : public QObject {
    Q_OBJECT
private:
    struct Target {
        QString integration; // account/name in the demo workspace
        QString provider;
        QStringList operations; // the provider's catalog operations, in the order the rows run
    };

    QTemporaryDir m_dir;
    CliRunner m_cli; // the administrator
    QString m_sim;
    QHash<QString, QString> m_tokens;  // integration -> pbi_ secret
    QHash<QString, QString> m_tickets; // integration -> id of the ticket created by create_ticket
    QHash<QString, QString> m_summaries;
    QHash<QString, QString> m_comments; // integration -> id of the comment created by create_comment

    static QString s(const char* text) { return QString::fromUtf8(text); }

    static QStringList ticketingOps()
    {
        return {s("ticketing_list_projects"), s("ticketing_query_tickets"), s("ticketing_create_ticket"),
                s("ticketing_get_ticket"),   s("ticketing_patch_ticket"),  s("ticketing_create_comment"),
                s("ticketing_list_comments"), s("ticketing_delete_comment")};
    }

    // One Integration per provider. initech/teams is the seeder's non-compliant one; initTestCase
    // adds a compliant Teams Integration to initech-staging (a test Account) instead.
    static QList<Target> targets()
    {
        // Zendesk has no projects and its comments cannot be deleted; ServiceNow's Table API does
        // not let a client delete journal entries (comments).
        QStringList zendesk = ticketingOps();
        zendesk.removeAll(s("ticketing_delete_comment"));
        zendesk.removeAll(s("ticketing_list_projects"));
        QStringList servicenow = ticketingOps();
        servicenow.removeAll(s("ticketing_delete_comment"));
        return {{s("globex-eu/jira"), s("ticketing_jira"), ticketingOps()},
                {s("globex-sandbox/servicenow"), s("ticketing_servicenow"), servicenow},
                {s("initech/zendesk"), s("ticketing_zendesk"), zendesk},
                {s("initech-staging/github"), s("ticketing_github"), ticketingOps()},
                {s("globex-eu/slack"), s("notifications_slack"), {s("notifications_create_message")}},
                {s("hooli-trial/slack-webhook"), s("notifications_slack_webhook"), {s("notifications_create_message")}},
                {s("initech-staging/teams-compliant"), s("notifications_teams"), {s("notifications_create_message")}},
                {s("umbrella/splunk"), s("sink_splunk"), {s("sink_post_events")}},
                {s("umbrella/elasticsearch"), s("sink_elasticsearch"), {s("sink_post_events")}}};
    }

    QString tokenFor(const QString& integration)
    {
        if (m_tokens.contains(integration))
            return m_tokens.value(integration);
        const QStringList parts = integration.split(QLatin1Char('/'));
        const CliRun r = m_cli.run({s("tokens"), s("issue-integration"), parts.at(0), parts.at(1), s("--ttl"), s("30m"),
                                    s("--secret-only")});
        if (r.exitCode != 0) {
            qWarning().noquote() << "issue-integration" << integration << "failed:" << r.errText();
            return {};
        }
        const QString token = r.outText().trimmed();
        m_tokens.insert(integration, token);
        return token;
    }

    CliRun call(const QString& integration, const QString& op, const QStringList& params = {},
                const QByteArray& body = {})
    {
        CliRunner connector = m_cli;
        connector.token = tokenFor(integration);
        QStringList args{s("--json"), s("connector"), s("call"), op};
        for (const QString& p : params)
            args << s("--param") << p;
        if (!body.isEmpty())
            args << s("--body") << QString::fromUtf8(body);
        return connector.run(args);
    }

    static QByteArray compact(const QJsonValue& v)
    {
        return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    }

private slots:
    void initTestCase()
    {
        QFile port(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + s("/sim.port"));
        QVERIFY2(port.open(QIODevice::ReadOnly), "the sim fixture did not start");
        m_sim = s("http://127.0.0.1:") + QString::fromLatin1(port.readAll().trimmed());
        m_cli.workspace = m_dir.filePath(s("connector.pbw"));

        const CliRun seed = m_cli.run({s("--json"), s("demo"), s("--sim-url"), m_sim});
        CLI_EXPECT(seed, 0);
        m_cli.token = seed.result().toObject().value(s("token")).toObject().value(s("access")).toObject()
                          .value(s("secret")).toString();
        QVERIFY(!m_cli.token.isEmpty());

        // A compliant Teams Integration: the seeder's initech/teams is refused tokens on purpose.
        const QByteArray hook = (m_sim + s("/teams/webhookb2/0000-demo/IncomingWebhook/1234/demo-hook")).toUtf8();
        CLI_EXPECT(m_cli.run({s("credentials"), s("create"), s("initech-staging"), s("--name"), s("teams-hook"),
                              s("--type"), s("secret"), s("--secret-stdin")},
                             hook),
                   0);
        CLI_EXPECT(m_cli.run({s("integrations"), s("create"), s("initech-staging"), s("--name"), s("teams-compliant"),
                              s("--provider"), s("notifications_teams"), s("--config"), s("card_format=adaptive_card"),
                              s("--credential"), s("teams-hook"), s("--integration-point"), s("chat-notifications")}),
                   0);
    }

    // The rows below cover exactly the operations resources/catalog/providers/*.json list.
    void rowsCoverTheCatalog()
    {
        // PATCHBAY_TEST_DATA is <source>/tests/cli/data (which need not exist).
        QDir dir(QDir::cleanPath(qEnvironmentVariable("PATCHBAY_TEST_DATA") + s("/../../../resources/catalog/providers")));
        const QStringList files = dir.entryList({s("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(s("no provider files in ") + dir.absolutePath()));
        QHash<QString, QStringList> covered;
        for (const Target& t : targets())
            covered.insert(t.provider, t.operations);
        QCOMPARE(covered.size(), files.size());
        for (const QString& f : files) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonObject provider = QJsonDocument::fromJson(file.readAll()).object();
            const QString id = provider.value(s("id")).toString();
            QStringList ops;
            for (const QJsonValue& v : provider.value(s("operations")).toArray())
                ops << (v.isString() ? v.toString() : v.toObject().value(s("id")).toString());
            QStringList mine = covered.value(id);
            ops.sort();
            mine.sort();
            QVERIFY2(covered.contains(id), qPrintable(s("no Integration covers provider ") + id));
            QCOMPARE(mine, ops);
        }
    }

    void operation_data()
    {
        QTest::addColumn<QString>("integration");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("op");
        for (const Target& t : targets())
            for (const QString& op : t.operations)
                QTest::newRow(qPrintable(t.provider + QLatin1Char(':') + op)) << t.integration << t.provider << op;
    }

    void operation()
    {
        QFETCH(QString, integration);
        QFETCH(QString, provider);
        QFETCH(QString, op);
        QVERIFY2(!tokenFor(integration).isEmpty(), qPrintable(s("no Integration Access Token for ") + integration));

        const QString ticket = m_tickets.value(integration);
        const QString comment = m_comments.value(integration);
        const bool needsTicket = op == s("ticketing_get_ticket") || op == s("ticketing_patch_ticket") ||
                                 op.contains(s("comment"));
        if (needsTicket)
            QVERIFY2(!ticket.isEmpty(), "ticketing_create_ticket failed earlier, so there is no ticket to use");
#define EXPECT_CALL_OK(r) CLI_EXPECT(r, 0)

        if (op == s("ticketing_list_projects")) {
            const CliRun r = call(integration, op, {s("limit=10")});
            EXPECT_CALL_OK(r);
            const QJsonArray projects = r.result().toArray();
            QVERIFY2(!projects.isEmpty(), r.out.constData());
            for (const QJsonValue& p : projects) {
                QVERIFY2(!p.toObject().value(s("id")).toString().isEmpty(), compact(p).constData());
                QVERIFY2(!p.toObject().value(s("name")).toString().isEmpty(), compact(p).constData());
            }
        } else if (op == s("ticketing_query_tickets")) {
            const CliRun r = call(integration, op, {s("limit=3")});
            CLI_EXPECT(r, 0);
            QVERIFY2(r.result().isArray(), r.out.constData());
            const QJsonArray tickets = r.result().toArray();
            QVERIFY2(!tickets.isEmpty() && tickets.size() <= 3, r.out.constData());
            for (const QJsonValue& t : tickets) {
                QVERIFY2(!t.toObject().value(s("id")).toString().isEmpty(), compact(t).constData());
                QVERIFY2(!t.toObject().value(s("summary")).toString().isEmpty(), compact(t).constData());
            }
        } else if (op == s("ticketing_create_ticket")) {
            const QString summary = s("Disk usage above 95% on db-7 (") + provider + QLatin1Char(')');
            const QJsonObject body{{s("summary"), summary},
                                   {s("description"), s("Raised by TestCliConnector: /var/lib/postgresql at 96%.")},
                                   {s("issue_type"), s("Task")},
                                   {s("priority"), s("HIGH")}};
            const CliRun r = call(integration, op, {}, compact(body));
            CLI_EXPECT(r, 0);
            const QJsonObject created = r.result().toObject();
            const QString id = created.value(s("id")).toString();
            QVERIFY2(!id.isEmpty(), r.out.constData());
            QCOMPARE(created.value(s("summary")).toString(), summary);
            QCOMPARE(created.value(s("description")).toString(), body.value(s("description")).toString());
            m_tickets.insert(integration, id);
            m_summaries.insert(integration, summary);
        } else if (op == s("ticketing_get_ticket")) {
            const CliRun r = call(integration, op, {s("ticketId=") + ticket});
            CLI_EXPECT(r, 0);
            const QJsonObject t = r.result().toObject();
            QCOMPARE(t.value(s("id")).toString(), ticket);
            QCOMPARE(t.value(s("summary")).toString(), m_summaries.value(integration));
        } else if (op == s("ticketing_patch_ticket")) {
            const QString summary = m_summaries.value(integration) + s(" [patched]");
            const QJsonArray patch{QJsonObject{{s("op"), s("replace")}, {s("path"), s("/summary")}, {s("value"), summary}},
                                   QJsonObject{{s("op"), s("replace")}, {s("path"), s("/priority")}, {s("value"), s("LOW")}}};
            const CliRun r = call(integration, op, {s("ticketId=") + ticket}, compact(patch));
            CLI_EXPECT(r, 0);
            const QJsonObject t = r.result().toObject();
            QCOMPARE(t.value(s("id")).toString(), ticket);
            QCOMPARE(t.value(s("summary")).toString(), summary);
            m_summaries.insert(integration, summary);
            // The change is stored at the provider, not just echoed.
            const CliRun again = call(integration, s("ticketing_get_ticket"), {s("ticketId=") + ticket});
            CLI_EXPECT(again, 0);
            QCOMPARE(again.result().toObject().value(s("summary")).toString(), summary);
        } else if (op == s("ticketing_create_comment")) {
            const QString content = s("Investigating; freed 12 GB of WAL on db-7 (") + provider + QLatin1Char(')');
            const CliRun r = call(integration, op, {s("ticketId=") + ticket}, compact(QJsonObject{{s("content"), content}}));
            CLI_EXPECT(r, 0);
            const QJsonObject c = r.result().toObject();
            QVERIFY2(!c.value(s("id")).toString().isEmpty(), r.out.constData());
            QCOMPARE(c.value(s("content")).toString(), content);
            QCOMPARE(c.value(s("ticket_id")).toString(), ticket);
            m_comments.insert(integration, c.value(s("id")).toString());
        } else if (op == s("ticketing_list_comments")) {
            QVERIFY2(!comment.isEmpty(), "ticketing_create_comment failed earlier");
            const CliRun r = call(integration, op, {s("ticketId=") + ticket});
            CLI_EXPECT(r, 0);
            QVERIFY2(r.result().isArray(), r.out.constData());
            QStringList ids;
            for (const QJsonValue& c : r.result().toArray()) {
                QVERIFY2(!c.toObject().value(s("content")).toString().isEmpty(), compact(c).constData());
                ids << c.toObject().value(s("id")).toString();
            }
            QVERIFY2(ids.contains(comment), r.out.constData());
        } else if (op == s("ticketing_delete_comment")) {
            QVERIFY2(!comment.isEmpty(), "ticketing_create_comment failed earlier");
            const CliRun r = call(integration, op, {s("ticketId=") + ticket, s("commentId=") + comment});
            EXPECT_CALL_OK(r);
            const CliRun list = call(integration, s("ticketing_list_comments"), {s("ticketId=") + ticket});
            CLI_EXPECT(list, 0);
            for (const QJsonValue& c : list.result().toArray())
                QVERIFY2(c.toObject().value(s("id")).toString() != comment, list.out.constData());
        } else if (op == s("notifications_create_message")) {
            const QString summary = s("db-7 disk usage above 95% (") + provider + QLatin1Char(')');
            const QJsonObject body{{s("summary"), summary},
                                   {s("description"), s("Freed 12 GB of WAL; watching.")},
                                   {s("priority"), s("HIGH")},
                                   {s("link"), s("https://status.example.com/incidents/42")},
                                   {s("fields"), QJsonObject{{s("host"), s("db-7")}, {s("usage"), s("96%")}}}};
            const CliRun r = call(integration, op, {}, compact(body));
            CLI_EXPECT(r, 0);
            const QJsonObject m = r.result().toObject();
            QCOMPARE(m.value(s("summary")).toString(), summary);
            QVERIFY2(m.contains(s("id")), r.out.constData());
            if (provider == s("notifications_slack")) // webhooks return no message id
                QVERIFY2(!m.value(s("id")).toString().isEmpty(), r.out.constData());
        } else if (op == s("sink_post_events")) {
            const QJsonArray events{
                QJsonObject{{s("time"), s("2026-11-01T10:00:00Z")}, {s("severity"), s("LOW")}, {s("type"), s("auth.login")},
                            {s("message"), s("ada@acme.example signed in")}, {s("host"), s("console-1")}},
                QJsonObject{{s("severity"), s("HIGH")}, {s("type"), s("auth.failed")},
                            {s("message"), s("5 failed logins for root")}, {s("fields"), QJsonObject{{s("ip"), s("203.0.113.9")}}}}};
            const CliRun r = call(integration, op, {}, compact(QJsonObject{{s("events"), events}}));
            CLI_EXPECT(r, 0);
            const QJsonObject res = r.result().toObject();
            QCOMPARE(res.value(s("accepted")).toInt(-1), 2);
            QCOMPARE(res.value(s("failed")).toInt(-1), 0);
        } else {
            QFAIL(qPrintable(s("no test for operation ") + op));
        }
#undef EXPECT_CALL_OK
    }

    // Operations outside a provider's catalog entry are refused with a non-zero exit and a message
    // that names the provider and the operation.
    void unsupportedOperation_data()
    {
        QTest::addColumn<QString>("integration");
        QTest::addColumn<QString>("op");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("messages");
        QTest::newRow("zendesk:delete_comment")
            << s("initech/zendesk") << s("ticketing_delete_comment") << QStringList{s("ticketId=1"), s("commentId=1")} << 1
            << QStringList{s("ticketing_delete_comment"), s("operation_not_supported")};
        // Another connector's operation: the token reaches only its own Integration's connector.
        QTest::newRow("slack:query_tickets") << s("globex-eu/slack") << s("ticketing_query_tickets") << QStringList{}
                                             << 3 << QStringList{s("ticketing"), s("wrong_connector")};
        QTest::newRow("splunk:create_message") << s("umbrella/splunk") << s("notifications_create_message")
                                               << QStringList{} << 3 << QStringList{s("notifications"), s("wrong_connector")};
    }

    void unsupportedOperation()
    {
        QFETCH(QString, integration);
        QFETCH(QString, op);
        QFETCH(QStringList, params);
        QFETCH(int, exitCode);
        QFETCH(QStringList, messages);
        QByteArray body;
        if (op.contains(s("create")))
            body = R"({"summary":"should not be sent"})";
        const CliRun r = call(integration, op, params, body);
        CLI_EXPECT(r, exitCode);
        QVERIFY2(r.errText().startsWith(s("error: ")), qPrintable(r.errText()));
        for (const QString& m : messages)
            QVERIFY2(r.errText().contains(m), qPrintable(s("missing '") + m + s("' in: ") + r.errText()));
        QVERIFY2(r.json().value(s("status")).toInt() >= 400, r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliConnector)
#include "TestCliConnector.moc"
