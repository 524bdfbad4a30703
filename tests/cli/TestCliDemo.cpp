#include "CliRunner.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

// `patchbay-cli demo` against the simulator of the "sim" fixture: the seeded workspace is
// complete, one Integration is non-compliant, and a connector call reaches the simulated provider.
class TestCliDemo final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CliRunner m_cli;
    QString m_sim;
    QJsonObject m_summary;

private slots:
    void initTestCase()
    {
        QFile port(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/sim.port"));
        QVERIFY2(port.open(QIODevice::ReadOnly), "the sim fixture did not start");
        m_sim = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(port.readAll().trimmed());
        m_cli.workspace = m_dir.filePath(QStringLiteral("demo.pbw"));
    }

    void seed()
    {
        const CliRun r = m_cli.run({QStringLiteral("--json"), QStringLiteral("demo"), QStringLiteral("--sim-url"), m_sim});
        CLI_EXPECT(r, 0);
        m_summary = r.result().toObject();
        QCOMPARE(m_summary.value(QStringLiteral("integration_points")).toArray().size(), 3);
        QCOMPARE(m_summary.value(QStringLiteral("accounts")).toArray().size(), 6);
        QCOMPARE(m_summary.value(QStringLiteral("members")).toArray().size(), 2);
        m_cli.token = m_summary.value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
                          .value(QStringLiteral("secret")).toString();
        QVERIFY(!m_cli.token.isEmpty());

        QStringList nonCompliant;
        const QJsonArray integrations = m_summary.value(QStringLiteral("integrations")).toArray();
        QVERIFY(integrations.size() >= 8);
        for (const QJsonValue& v : integrations)
            if (!v.toObject().value(QStringLiteral("compliant")).toBool())
                nonCompliant.append(v.toObject().value(QStringLiteral("account")).toString() + QLatin1Char('/') +
                                    v.toObject().value(QStringLiteral("name")).toString());
        QCOMPARE(nonCompliant, QStringList{QStringLiteral("initech/teams")});
    }

    void seededThroughTheApi()
    {
        const CliRun accounts = m_cli.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("list"),
                                           QStringLiteral("--filter"), QStringLiteral("environment[eq]test")});
        CLI_EXPECT(accounts, 0);
        QCOMPARE(accounts.result().toArray().size(), 3);
        const CliRun members = m_cli.run({QStringLiteral("members"), QStringLiteral("list")});
        CLI_EXPECT(members, 0);
        QVERIFY(members.outText().contains(QStringLiteral("vic-viewer")));
        QVERIFY(members.outText().contains(QStringLiteral("viewer")));
        const CliRun audit = m_cli.run({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("verify")});
        CLI_EXPECT(audit, 0);
        QVERIFY(audit.result().toObject().value(QStringLiteral("valid")).toBool());
    }

    void nonCompliantIntegrationGetsNoToken()
    {
        const CliRun r = m_cli.run({QStringLiteral("tokens"), QStringLiteral("issue-integration"), QStringLiteral("initech"),
                                    QStringLiteral("teams")});
        CLI_EXPECT(r, 3);
        QVERIFY2(r.errText().contains(QStringLiteral("policy_violation")), qPrintable(r.errText()));
    }

    void connectorCallReachesTheSimulator()
    {
        const CliRun token = m_cli.run({QStringLiteral("tokens"), QStringLiteral("issue-integration"), QStringLiteral("globex-eu"),
                                        QStringLiteral("jira"), QStringLiteral("--secret-only")});
        CLI_EXPECT(token, 0);
        CliRunner connector = m_cli;
        connector.token = token.outText().trimmed();
        const CliRun r = connector.run({QStringLiteral("--json"), QStringLiteral("connector"), QStringLiteral("call"),
                                        QStringLiteral("ticketing_query_tickets"), QStringLiteral("--param"),
                                        QStringLiteral("limit=2")});
        CLI_EXPECT(r, 0);
        QVERIFY(r.result().isArray());
        const CliRun status = m_cli.run({QStringLiteral("--json"), QStringLiteral("status"), QStringLiteral("globex-eu"),
                                         QStringLiteral("jira")});
        CLI_EXPECT(status, 0);
        QVERIFY(status.result().toObject().value(QStringLiteral("requests")).toInt() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestCliDemo)
#include "TestCliDemo.moc"
