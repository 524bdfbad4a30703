#include "BenchConnector.h"

#include "BenchSupport.h"

#include "support/TestWorkspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pb::bench {

namespace {

const QString kSection = u"6 connector overhead"_s;

QString simPath()
{
    const QByteArray env = qgetenv("PATCHBAY_SIM");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
#ifdef PATCHBAY_SIM_PATH
    return QStringLiteral(PATCHBAY_SIM_PATH);
#else
    return QCoreApplication::applicationDirPath() + u"/../src/sim/patchbay-sim"_s;
#endif
}

// The simulator's published demo credentials (docs/SIMULATOR.md), not a secret of anyone's.
QByteArray simBasicAuth()
{
    return "Basic " + QByteArray("demo@example.com:demo-token").toBase64();
}

} // namespace

void runConnectorSection(test::TestWorkspace& ws, int samples)
{
    std::printf("\n== 6. connector call overhead against patchbay-sim (%d samples each, interleaved)\n", samples);
    std::fflush(stdout);
    QTemporaryDir dir;
    const QString portFile = dir.filePath(u"sim.port"_s);
    QProcess sim;
    sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    sim.setStandardOutputFile(QProcess::nullDevice());
    sim.start(simPath(), {u"--port"_s, u"0"_s, u"--port-file"_s, portFile});
    if (!sim.waitForStarted(10000)) {
        info(kSection, u"connector overhead"_s, u"not measured: cannot start %1"_s.arg(simPath()));
        return;
    }
    int port = 0;
    spinUntil([&] {
        QFile f(portFile);
        if (f.open(QIODevice::ReadOnly))
            port = QString::fromUtf8(f.readAll()).trimmed().toInt();
        return port > 0;
    }, 10000);
    auto stopSim = [&] {
        sim.terminate();
        if (!sim.waitForFinished(5000))
            sim.kill();
        sim.waitForFinished(2000);
    };
    if (port <= 0) {
        info(kSection, u"connector overhead"_s, u"not measured: the simulator wrote no port"_s);
        stopSim();
        return;
    }
    const QString base = u"http://127.0.0.1:%1/jira"_s.arg(port);

    // An Account with one Jira Integration on the simulator, its basic credential inline (the
    // secret goes to the keychain), under an Integration Point that allows plain HTTP.
    ws.post(u"/v1/accounts"_s, QJsonObject{{u"name"_s, u"bench-sim"_s}, {u"fullname"_s, u"Bench simulator"_s}, {u"environment"_s, u"test"_s}});
    ws.post(u"/v1/integration-points"_s,
            QJsonObject{{u"name"_s, u"bench-sim-point"_s}, {u"fullname"_s, u"Bench simulator point"_s}, {u"connector"_s, u"ticketing"_s},
                        {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}},
                        {u"rules"_s, QJsonObject{{u"allow_http"_s, true}}}});
    const ApiResponse created = ws.post(
        u"/v1/integrations/bench-sim"_s,
        QJsonObject{{u"name"_s, u"sim-jira"_s},
                    {u"fullname"_s, u"Simulator Jira"_s},
                    {u"integration_point_id"_s, u"bench-sim-point"_s},
                    {u"provider_config"_s, QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                                       {u"url"_s, base},
                                                       {u"project"_s, u"DEMO"_s},
                                                       {u"credential"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                                                                     {u"username"_s, u"demo@example.com"_s},
                                                                                     {u"secret"_s, u"demo-token"_s}}}}}});
    const QString token = created.result().toObject().value(u"token"_s).toObject().value(u"access"_s).toObject().value(u"secret"_s).toString();
    auto cleanup = [&] {
        ws.del(u"/v1/accounts/bench-sim"_s); // removes the keychain entry too
        ws.del(u"/v1/integration-points/bench-sim-point"_s);
        stopSim();
    };
    if (created.status != 201 || token.isEmpty()) {
        info(kSection, u"connector overhead"_s,
             u"not measured: creating the Integration failed (%1)"_s.arg(QString::fromUtf8(test::describe(created)).left(300)));
        cleanup();
        return;
    }

    const ApiRequest connector = ApiRequest::get(u"/v1/ticketing/tickets/DEMO-1"_s, token);
    QNetworkAccessManager nam;
    QNetworkRequest raw(QUrl(base + u"/rest/api/3/issue/DEMO-1"_s));
    raw.setRawHeader("Authorization", simBasicAuth());
    raw.setRawHeader("Accept", "application/json");

    auto timeConnector = [&](int* status) {
        QElapsedTimer t;
        t.start();
        bool done = false;
        ws.platform().dispatch(connector, [&](const ApiResponse& r) {
            *status = r.status;
            done = true;
        });
        spinUntil([&] { return done; }, 30000);
        return msSince(t);
    };
    auto timeRaw = [&](int* status) {
        QElapsedTimer t;
        t.start();
        QNetworkReply* reply = nam.get(raw);
        spinUntil([&] { return reply->isFinished(); }, 30000);
        reply->readAll();
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return msSince(t);
    };

    int status = 0;
    timeConnector(&status);
    if (status != 200) {
        const ApiResponse r = ws.platform().dispatchSync(connector);
        info(kSection, u"connector overhead"_s,
             u"not measured: the connector call answered %1 (%2)"_s.arg(r.status).arg(QString::fromUtf8(test::describe(r)).left(300)));
        cleanup();
        return;
    }
    // Warm both paths (connections, caches), then interleave so load changes hit both alike.
    for (int i = 0; i < 20; ++i) {
        timeConnector(&status);
        timeRaw(&status);
    }
    QList<double> viaConnector;
    QList<double> viaRaw;
    int failures = 0;
    for (int i = 0; i < samples; ++i) {
        viaConnector.append(timeConnector(&status));
        failures += status != 200;
        viaRaw.append(timeRaw(&status));
        failures += status != 200;
    }
    info(kSection, u"raw QNetworkAccessManager p50 / p95"_s,
         u"%1 / %2 ms"_s.arg(percentile(viaRaw, 50), 0, 'f', 3).arg(percentile(viaRaw, 95), 0, 'f', 3));
    info(kSection, u"Connector API call p50 / p95"_s,
         u"%1 / %2 ms"_s.arg(percentile(viaConnector, 50), 0, 'f', 3).arg(percentile(viaConnector, 95), 0, 'f', 3));
    report(kSection, u"overhead at p50 (connector p50 − raw p50)"_s, percentile(viaConnector, 50) - percentile(viaRaw, 50), u"ms"_s, 0.5, true);
    info(kSection, u"overhead at p95"_s, u"%1 ms"_s.arg(percentile(viaConnector, 95) - percentile(viaRaw, 95), 0, 'f', 3));
    if (failures)
        info(kSection, u"failed calls"_s, QString::number(failures));
    cleanup();
}

} // namespace pb::bench
