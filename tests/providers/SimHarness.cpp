#include "SimHarness.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace pb::test {

quint16 simPort()
{
    QFile f(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/sim.port"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return quint16(f.readAll().trimmed().toUInt());
}

QString simBase(const QString& prefix)
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(simPort()).arg(prefix);
}

QJsonValue simCall(const QByteArray& method, const QString& path, const QJsonValue& body)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(simPort()).arg(path)));
    QByteArray payload;
    if (!body.isUndefined()) {
        payload = body.isArray() ? QJsonDocument(body.toArray()).toJson() : QJsonDocument(body.toObject()).toJson();
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QNetworkReply* reply = nam.sendCustomRequest(req, method, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

OperationCall demoCall(const QString& providerId, const QString& operationId, const QJsonObject& params)
{
    OperationCall c;
    c.providerId = providerId;
    c.operationId = operationId;
    c.params = params;
    c.timeoutMs = 20000;
    auto basic = [&c] {
        c.credentialType = QStringLiteral("basic");
        c.secrets.insert(QStringLiteral("username"), QByteArrayLiteral("demo@example.com"));
        c.secrets.insert(QStringLiteral("secret"), QByteArrayLiteral("demo-token"));
    };
    auto token = [&c] {
        c.credentialType = QStringLiteral("token");
        c.secrets.insert(QStringLiteral("secret"), QByteArrayLiteral("demo-token"));
    };
    auto hook = [&c](const QString& url) {
        c.credentialType = QStringLiteral("secret");
        c.secrets.insert(QStringLiteral("secret"), url.toUtf8());
    };
    if (providerId == QLatin1String("ticketing_jira")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("jira"))}, {QStringLiteral("project"), QStringLiteral("DEMO")}};
        basic();
    } else if (providerId == QLatin1String("ticketing_servicenow")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("servicenow"))}, {QStringLiteral("table"), QStringLiteral("incident")}};
        basic();
    } else if (providerId == QLatin1String("ticketing_zendesk")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("zendesk"))}};
        basic();
    } else if (providerId == QLatin1String("ticketing_github")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("github"))}, {QStringLiteral("owner"), QStringLiteral("demo")},
                    {QStringLiteral("repository"), QStringLiteral("patchbay")}};
        token();
    } else if (providerId == QLatin1String("notifications_slack")) {
        c.config = {{QStringLiteral("url"), QString(simBase(QStringLiteral("slack")) + QStringLiteral("/api"))}, {QStringLiteral("channel"), QStringLiteral("#general")}};
        token();
    } else if (providerId == QLatin1String("notifications_slack_webhook")) {
        hook(simBase(QStringLiteral("slack-webhook")) + QStringLiteral("/services/T0000/B0000/demo-hook"));
    } else if (providerId == QLatin1String("notifications_teams")) {
        hook(simBase(QStringLiteral("teams")) + QStringLiteral("/webhookb2/0000-demo/IncomingWebhook/1234/demo-hook"));
    } else if (providerId == QLatin1String("sink_splunk")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("splunk"))}, {QStringLiteral("index"), QStringLiteral("main")}};
        token();
    } else if (providerId == QLatin1String("sink_elasticsearch")) {
        c.config = {{QStringLiteral("url"), simBase(QStringLiteral("elasticsearch"))}, {QStringLiteral("index"), QStringLiteral("patchbay-events")}};
        basic();
    }
    return c;
}

QString CallResult::describe() const
{
    return problem ? problem->toText() : QStringLiteral("(no problem)");
}

CallResult run(AdapterRegistry& registry, const OperationCall& call)
{
    CallResult out;
    bool done = false;
    QEventLoop loop;
    registry.execute(call, [&](Result<OperationOutcome> r, QList<ExchangeRecord> exchanges) {
        if (r.ok())
            out.outcome = r.value();
        else
            out.problem = r.problem();
        out.exchanges = exchanges;
        done = true;
        loop.quit();
    });
    if (!done) {
        // Hang guard only: every call has its own deadline well below this.
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!done)
        out.problem = Problem(500, QStringLiteral("test_hang"), QStringLiteral("No answer within 120 s"));
    return out;
}

QByteArray exchangesJson(const QList<ExchangeRecord>& exchanges)
{
    QJsonArray a;
    for (const ExchangeRecord& e : exchanges)
        a.append(e.toJson());
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

} // namespace pb::test
