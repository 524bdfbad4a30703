// Splunk HEC and Elasticsearch _bulk adapters against patchbay-sim.
#include "SimHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestSinkAdapters final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;
    static QJsonObject batch(int n, bool withReject = false)
    {
        QJsonArray events;
        for (int i = 0; i < n; ++i)
            events.append(QJsonObject{{QStringLiteral("time"), QStringLiteral("2026-11-21T22:00:00Z")}, {QStringLiteral("severity"), QStringLiteral("HIGH")},
                                      {QStringLiteral("message"), QStringLiteral("login failed %1").arg(i)}, {QStringLiteral("host"), QStringLiteral("web-1")}});
        if (withReject)
            events.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("bad")}, {QStringLiteral("_sim_reject"), true}});
        return {{QStringLiteral("body"), QJsonObject{{QStringLiteral("events"), events}}}};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void splunk()
    {
        const auto v = run(m_registry, demoCall(QStringLiteral("sink_splunk"), QStringLiteral("verify")));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        QCOMPARE(v.exchanges.size(), 2); // health, then an empty authenticated post
        const auto r = run(m_registry, demoCall(QStringLiteral("sink_splunk"), QStringLiteral("sink_post_events"), batch(3)));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.outcome->result.toObject().value(QStringLiteral("accepted")).toInt(), 3);
        QVERIFY(r.exchanges.first().requestHeaders.contains({QStringLiteral("Authorization"), QStringLiteral("Splunk [redacted]")}));
        QVERIFY(!exchangesJson(v.exchanges + r.exchanges).contains("demo-token"));

        OperationCall bad = demoCall(QStringLiteral("sink_splunk"), QStringLiteral("verify"));
        bad.secrets[QStringLiteral("secret")] = QByteArrayLiteral("00000000-bad-token");
        const auto denied = run(m_registry, bad);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(denied.problem->detail.contains(QLatin1String("Invalid token")));
        QCOMPARE(run(m_registry, demoCall(QStringLiteral("sink_splunk"), QStringLiteral("sink_post_events"), {{QStringLiteral("body"), QJsonObject{{QStringLiteral("events"), QJsonArray()}}}})).problemType(),
                 QStringLiteral("validation_failed"));
    }

    void elasticsearch()
    {
        const auto v = run(m_registry, demoCall(QStringLiteral("sink_elasticsearch"), QStringLiteral("verify")));
        QVERIFY2(v.ok(), qPrintable(v.describe()));
        const auto r = run(m_registry, demoCall(QStringLiteral("sink_elasticsearch"), QStringLiteral("sink_post_events"), batch(4, true)));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        const QJsonObject result = r.outcome->result.toObject();
        QCOMPARE(result.value(QStringLiteral("accepted")).toInt(), 4);
        QCOMPARE(result.value(QStringLiteral("failed")).toInt(), 1);
        const QJsonObject error = result.value(QStringLiteral("errors")).toArray().first().toObject();
        QCOMPARE(error.value(QStringLiteral("index")).toInt(), 4);
        QVERIFY(error.value(QStringLiteral("message")).toString().startsWith(QLatin1String("document_parsing_exception")));
        QVERIFY(r.exchanges.first().requestHeaders.contains({QStringLiteral("Content-Type"), QStringLiteral("application/x-ndjson")}));
        QVERIFY(r.exchanges.first().requestBodyExcerpt.contains(QLatin1String("@timestamp")));
    }

    void elasticsearchBatchesAndApiKey()
    {
        OperationCall c = demoCall(QStringLiteral("sink_elasticsearch"), QStringLiteral("sink_post_events"), batch(5));
        c.config[QStringLiteral("max_batch_size")] = 2;
        c.credentialType = QStringLiteral("token");
        c.secrets = {{QStringLiteral("secret"), QByteArrayLiteral("demo-token")}};
        const auto r = run(m_registry, c);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.exchanges.size(), 3);
        QCOMPARE(r.outcome->result.toObject().value(QStringLiteral("accepted")).toInt(), 5);
        QVERIFY(r.exchanges.first().requestHeaders.contains({QStringLiteral("Authorization"), QStringLiteral("ApiKey [redacted]")}));

        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("bad-api-key");
        const auto denied = run(m_registry, c);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QVERIFY(denied.problem->detail.contains(QLatin1String("security_exception")));
    }
};

QTEST_GUILESS_MAIN(TestSinkAdapters)
#include "TestSinkAdapters.moc"
