#include "CliRunner.h"

#include <QTemporaryDir>

// API problems reach the user as readable text on stderr, the problem body with --json, and
// distinct exit codes.
class TestCliErrors final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CliRunner m_cli;
    QString m_integrationToken;

private slots:
    void initTestCase()
    {
        m_cli.workspace = m_dir.filePath(QStringLiteral("errors.pbw"));
        const CliRun init = m_cli.run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--organization"),
                                       QStringLiteral("Err Corp"), QStringLiteral("--admin"), QStringLiteral("Ed Admin")});
        CLI_EXPECT(init, 0);
        m_cli.token = init.result().toObject().value(QStringLiteral("token")).toObject().value(QStringLiteral("access"))
                          .toObject().value(QStringLiteral("secret")).toString();
        CLI_EXPECT(m_cli.run({QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("acme")}), 0);
        CLI_EXPECT(m_cli.run({QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("acme"), QStringLiteral("--name"),
                              QStringLiteral("tok"), QStringLiteral("--type"), QStringLiteral("basic"), QStringLiteral("--username"),
                              QStringLiteral("u@acme.example"), QStringLiteral("--secret-stdin")},
                             QByteArrayLiteral("errors-secret")),
                   0);
        CLI_EXPECT(m_cli.run({QStringLiteral("integrations"), QStringLiteral("create"), QStringLiteral("acme"), QStringLiteral("--name"),
                              QStringLiteral("jira"), QStringLiteral("--provider"), QStringLiteral("ticketing_jira"),
                              QStringLiteral("--config"), QStringLiteral("url=https://acme.atlassian.net"),
                              QStringLiteral("--credential"), QStringLiteral("tok")}),
                   0);
        const CliRun token = m_cli.run({QStringLiteral("tokens"), QStringLiteral("issue-integration"), QStringLiteral("acme"),
                                        QStringLiteral("jira"), QStringLiteral("--secret-only")});
        CLI_EXPECT(token, 0);
        m_integrationToken = token.outText().trimmed();
    }

    void missingToken()
    {
        CliRunner anonymous = m_cli;
        anonymous.token.clear();
        const CliRun r = anonymous.run({QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(r, 3);
        QVERIFY(r.errText().contains(QStringLiteral("PATCHBAY_TOKEN")));
    }

    void badToken()
    {
        CliRunner bad = m_cli;
        bad.token = QStringLiteral("pb_org_not-a-real-token");
        const CliRun r = bad.run({QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(r, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("(401 ")), qPrintable(r.errText()));
        QVERIFY2(!r.errText().contains(bad.token), "the token must never be echoed");
        const CliRun json = bad.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(json, 3);
        QCOMPARE(json.json().value(QStringLiteral("status")).toInt(), 401);
        QVERIFY(!json.json().value(QStringLiteral("message")).toString().isEmpty());
    }

    void integrationTokenOnManagementApi()
    {
        CliRunner wrong = m_cli;
        wrong.token = m_integrationToken;
        const CliRun r = wrong.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(r, 3);
        const QString text = QString::fromUtf8(r.out + r.err);
        QVERIFY2(text.contains(QStringLiteral("Integration Access Token")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Management API")), qPrintable(text));
    }

    void organizationTokenOnConnectorApi()
    {
        const CliRun r = m_cli.run({QStringLiteral("connector"), QStringLiteral("call"), QStringLiteral("ticketing_list_projects")});
        CLI_EXPECT(r, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("Organization Access Token")), qPrintable(r.errText()));
        QVERIFY2(r.errText().contains(QStringLiteral("Connector API")), qPrintable(r.errText()));
    }

    void viewerCannotMutate()
    {
        const CliRun created = m_cli.run({QStringLiteral("--json"), QStringLiteral("members"), QStringLiteral("create"),
                                          QStringLiteral("--fullname"), QStringLiteral("Vic Viewer"), QStringLiteral("--role"),
                                          QStringLiteral("viewer")});
        CLI_EXPECT(created, 0);
        CliRunner viewer = m_cli;
        viewer.token = created.result().toObject().value(QStringLiteral("token")).toObject().value(QStringLiteral("access"))
                           .toObject().value(QStringLiteral("secret")).toString();
        QVERIFY(!viewer.token.isEmpty());
        CLI_EXPECT(viewer.run({QStringLiteral("accounts"), QStringLiteral("list")}), 0);
        const CliRun denied = viewer.run({QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--name"),
                                          QStringLiteral("viewer-made")});
        CLI_EXPECT(denied, 3);
        QVERIFY2(denied.errText().contains(QStringLiteral("(403 ")), qPrintable(denied.errText()));
        const CliRun reveal = viewer.run({QStringLiteral("credentials"), QStringLiteral("reveal"), QStringLiteral("acme"),
                                          QStringLiteral("tok")});
        CLI_EXPECT(reveal, 3);
        QVERIFY(!reveal.out.contains("errors-secret") && !reveal.err.contains("errors-secret"));
    }

    void keychainUnavailable()
    {
        // No Secret Service on this bus: the clear keychain problem, exit 6, nothing stored.
        CliRunner noKeyring = m_cli;
        noKeyring.extraEnv = {{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus")}};
        const CliRun r = noKeyring.run({QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("acme"),
                                        QStringLiteral("--name"), QStringLiteral("no-keyring"), QStringLiteral("--type"),
                                        QStringLiteral("token"), QStringLiteral("--secret-stdin")},
                                       QByteArrayLiteral("never-stored"));
        CLI_EXPECT(r, 6);
        QVERIFY2(r.errText().contains(QStringLiteral("keychain_unavailable")), qPrintable(r.errText()));
        QVERIFY(r.errText().contains(QStringLiteral("what to do:")));
        CLI_EXPECT(m_cli.run({QStringLiteral("credentials"), QStringLiteral("get"), QStringLiteral("acme"), QStringLiteral("no-keyring")}), 4);
    }

    void badSlugName()
    {
        const CliRun r = m_cli.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("create"),
                                    QStringLiteral("--name"), QStringLiteral("Bad Name!")});
        CLI_EXPECT(r, 5);
        QCOMPARE(r.json().value(QStringLiteral("status")).toInt(), 400);
        QCOMPARE(r.json().value(QStringLiteral("context")).toObject().value(QStringLiteral("parameter")).toObject()
                     .value(QStringLiteral("id")).toString(),
                 QStringLiteral("name"));
        const CliRun human = m_cli.run({QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--name"),
                                        QStringLiteral("Bad Name!")});
        CLI_EXPECT(human, 5);
        QVERIFY(human.errText().contains(QStringLiteral("parameter: name")));
    }

    void duplicateName()
    {
        const CliRun r = m_cli.run({QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("acme")});
        CLI_EXPECT(r, 5);
        QVERIFY(r.errText().contains(QStringLiteral("(409 ")));
    }

    void notFound()
    {
        const CliRun r = m_cli.run({QStringLiteral("accounts"), QStringLiteral("get"), QStringLiteral("no-such-account")});
        CLI_EXPECT(r, 4);
        QVERIFY(r.errText().startsWith(QStringLiteral("error: ")));
    }

    void malformedInputs()
    {
        const CliRun kv = m_cli.run({QStringLiteral("integrations"), QStringLiteral("create"), QStringLiteral("acme"),
                                     QStringLiteral("--provider"), QStringLiteral("ticketing_jira"), QStringLiteral("--config"),
                                     QStringLiteral("no-equals-sign")});
        CLI_EXPECT(kv, 2);
        QVERIFY(kv.errText().contains(QStringLiteral("key=value")));
        const CliRun body = m_cli.run({QStringLiteral("api"), QStringLiteral("POST"), QStringLiteral("/v1/accounts"),
                                       QStringLiteral("--body"), QStringLiteral("{not json")});
        CLI_EXPECT(body, 2);
        QVERIFY(body.errText().contains(QStringLiteral("not valid JSON")));
    }

    void rawApi()
    {
        const CliRun r = m_cli.run({QStringLiteral("api"), QStringLiteral("GET"), QStringLiteral("/v1/accounts"),
                                    QStringLiteral("--query"), QStringLiteral("limit=1")});
        CLI_EXPECT(r, 0);
        QCOMPARE(r.result().toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "TestCliErrors.moc"
