// Slack (Web API and incoming webhook) and Microsoft Teams adapters against patchbay-sim.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestNotificationAdapters final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    static QJsonObject message(const QString& summary)
    {
        return {{QStringLiteral("body"), QJsonObject{{QStringLiteral("summary"), summary}, {QStringLiteral("description"), QStringLiteral("db-2 at 97%")},
                                                     {QStringLiteral("priority"), QStringLiteral("HIGH")}}}};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void slackPostAndVerify()
    {
        const auto v = run(m_registry, demoCall(QStringLiteral("notifications_slack"), QStringLiteral("verify")));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        QCOMPARE(v.outcome->result.toObject().value(QStringLiteral("team")).toString(), QStringLiteral("Demo"));
        const auto r = run(m_registry, demoCall(QStringLiteral("notifications_slack"), QStringLiteral("notifications_create_message"), message(QStringLiteral("Disk almost full"))));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        const QJsonObject m = r.outcome->result.toObject();
        QVERIFY(m.value(QStringLiteral("id")).toString().startsWith(QLatin1String("1763762400.")));
        QCOMPARE(m.value(QStringLiteral("channel")).toString(), QStringLiteral("C0000GENERAL"));
        QVERIFY(r.exchanges.first().requestBodyExcerpt.contains(QLatin1String("Disk almost full")));
        QVERIFY(r.exchanges.first().url.endsWith(QLatin1String("/slack/api/chat.postMessage")));
    }

    void slackErrorsFromOkFalse()
    {
        OperationCall c = demoCall(QStringLiteral("notifications_slack"), QStringLiteral("notifications_create_message"), message(QStringLiteral("x")));
        c.config[QStringLiteral("channel")] = QStringLiteral("#nowhere");
        const auto missing = run(m_registry, c);
        QCOMPARE(missing.problemType(), QStringLiteral("not_found"));
        QVERIFY(missing.problem->detail.contains(QLatin1String("channel_not_found")));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("xoxb-wrong");
        QCOMPARE(run(m_registry, c).problemType(), QStringLiteral("authentication_failed"));
        const auto empty = run(m_registry, demoCall(QStringLiteral("notifications_slack"), QStringLiteral("notifications_create_message"), {{QStringLiteral("body"), QJsonObject{}}}));
        QCOMPARE(empty.problemType(), QStringLiteral("validation_failed"));
        QVERIFY(empty.exchanges.isEmpty());
    }

    void slackWebhook()
    {
        const auto v = run(m_registry, demoCall(QStringLiteral("notifications_slack_webhook"), QStringLiteral("verify")));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        const auto r = run(m_registry, demoCall(QStringLiteral("notifications_slack_webhook"), QStringLiteral("notifications_create_message"), message(QStringLiteral("Deploy done"))));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.outcome->result.toObject().value(QStringLiteral("summary")).toString(), QStringLiteral("Deploy done"));
        const QByteArray json = exchangesJson(v.exchanges + r.exchanges);
        QVERIFY(!json.contains("demo-hook"));
        QVERIFY(!json.contains("T0000"));

        OperationCall wrong = demoCall(QStringLiteral("notifications_slack_webhook"), QStringLiteral("notifications_create_message"), message(QStringLiteral("x")));
        wrong.secrets[QStringLiteral("secret")] = simBase(QStringLiteral("slack-webhook")).toUtf8() + "/services/T0000/B0000/stale-hook";
        const auto denied = run(m_registry, wrong);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(!exchangesJson(denied.exchanges).contains("stale-hook"));
    }

    void teamsAdaptiveAndMessageCard()
    {
        const auto v = run(m_registry, demoCall(QStringLiteral("notifications_teams"), QStringLiteral("verify")));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        const auto adaptive = run(m_registry, demoCall(QStringLiteral("notifications_teams"), QStringLiteral("notifications_create_message"), message(QStringLiteral("Backup failed"))));
        QVERIFY2(adaptive.ok(), qPrintable(adaptive.describe()));
        QCOMPARE(adaptive.exchanges.first().status, 202);
        QVERIFY(adaptive.exchanges.first().requestBodyExcerpt.contains(QLatin1String("AdaptiveCard")));

        OperationCall legacy = demoCall(QStringLiteral("notifications_teams"), QStringLiteral("notifications_create_message"), message(QStringLiteral("Backup failed")));
        legacy.config[QStringLiteral("card_format")] = QStringLiteral("message_card");
        const auto card = run(m_registry, legacy);
        QVERIFY2(card.ok(), qPrintable(card.describe()));
        QVERIFY(card.exchanges.first().requestBodyExcerpt.contains(QLatin1String("MessageCard")));

        legacy.secrets[QStringLiteral("secret")] = simBase(QStringLiteral("teams")).toUtf8() + "/webhookb2/0000-demo/IncomingWebhook/1234/revoked";
        QCOMPARE(run(m_registry, legacy).problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(!exchangesJson(v.exchanges + adaptive.exchanges + card.exchanges).contains("demo-hook"));
    }
};

QTEST_GUILESS_MAIN(TestNotificationAdapters)
#include "TestNotificationAdapters.moc"
