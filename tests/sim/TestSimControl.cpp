// patchbay-sim's control endpoint: queued faults, the request log, provider ids as names.
// Runs serially (RUN_SERIAL): queued faults apply to whoever calls next.
#include "SimHarness.h"

#include "core/Ids.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestSimControl final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }
    void cleanup() { simCall("DELETE", QStringLiteral("/_sim/faults")); }

    void info()
    {
        const QJsonObject info = simCall("GET", QStringLiteral("/_sim/info")).toObject();
        QCOMPARE(info.value(QStringLiteral("port")).toInt(), int(simPort()));
        QVERIFY(info.value(QStringLiteral("other_port")).toInt() > 0);
        QCOMPARE(info.value(QStringLiteral("prefixes")).toArray().size(), 9);
    }

    void queuedRateLimitThenSuccess()
    {
        simCall("POST", QStringLiteral("/_sim/faults"),
                QJsonObject{{QStringLiteral("provider"), QStringLiteral("ticketing_jira")}, {QStringLiteral("fault"), QStringLiteral("status=429;retry-after=1")}, {QStringLiteral("count"), 1}});
        const auto r = run(m_registry, demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("verify")));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.exchanges.size(), 2);
        QCOMPARE(r.exchanges.at(0).status, 429);
        QCOMPARE(r.exchanges.at(1).status, 200);
    }

    void queuedFaultsCountDown()
    {
        simCall("POST", QStringLiteral("/_sim/faults"),
                QJsonObject{{QStringLiteral("provider"), QStringLiteral("github")}, {QStringLiteral("fault"), QStringLiteral("status=502")}, {QStringLiteral("count"), 2}});
        QCOMPARE(run(m_registry, demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"))).problemType(), QStringLiteral("provider_unavailable"));
        QCOMPARE(run(m_registry, demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"))).problemType(), QStringLiteral("provider_unavailable"));
        QVERIFY(run(m_registry, demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"))).ok());
    }

    void clearedFaultsDoNotApply()
    {
        simCall("POST", QStringLiteral("/_sim/faults"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("zendesk")}, {QStringLiteral("fault"), QStringLiteral("malformed")}, {QStringLiteral("count"), 5}});
        simCall("DELETE", QStringLiteral("/_sim/faults"));
        QVERIFY(run(m_registry, demoCall(QStringLiteral("ticketing_zendesk"), QStringLiteral("verify"))).ok());
    }

    void unknownFaultRefused()
    {
        const QJsonObject answer = simCall("POST", QStringLiteral("/_sim/faults"), QJsonObject{{QStringLiteral("fault"), QStringLiteral("explode=1")}}).toObject();
        QVERIFY(answer.value(QStringLiteral("message")).toString().contains(QLatin1String("explode")));
    }

    void requestLogShowsHeaders()
    {
        const QString marker = newId();
        OperationCall c = demoCall(QStringLiteral("sink_splunk"), QStringLiteral("verify"));
        c.extraHeaders.append({QByteArrayLiteral("X-Test-Marker"), marker.toUtf8()});
        QVERIFY(run(m_registry, c).ok());
        int seen = 0;
        for (const QJsonValue& v : simCall("GET", QStringLiteral("/_sim/requests")).toArray()) {
            const QJsonObject req = v.toObject();
            if (req.value(QStringLiteral("headers")).toObject().value(QStringLiteral("x-test-marker")).toString() == marker) {
                ++seen;
                QVERIFY(req.value(QStringLiteral("path")).toString().startsWith(QLatin1String("/splunk/services/collector")));
                QVERIFY(!req.value(QStringLiteral("other_host")).toBool());
            }
        }
        QCOMPARE(seen, 2);
    }
};

QTEST_GUILESS_MAIN(TestSimControl)
#include "TestSimControl.moc"
