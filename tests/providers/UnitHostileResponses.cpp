// Every provider × operation fed hostile answers through the canned transport (no network):
// each call ends exactly once, in a result or a unified problem, never a crash. A seed for the
// fuzz targets of issue 8.
#include "SimHarness.h"

#include "providers/HttpClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace pb;
using namespace pb::test;

namespace {

OperationCall offlineCall(const QString& provider, const QString& op)
{
    OperationCall c;
    c.providerId = provider;
    c.operationId = op;
    c.timeoutMs = 5000;
    c.config = {{QStringLiteral("url"), QStringLiteral("https://provider.example.invalid/base")}, {QStringLiteral("project"), QStringLiteral("OPS")},
                {QStringLiteral("owner"), QStringLiteral("acme")}, {QStringLiteral("repository"), QStringLiteral("app")},
                {QStringLiteral("channel"), QStringLiteral("#alerts")}, {QStringLiteral("index"), QStringLiteral("events")}};
    const bool hook = provider == QLatin1String("notifications_slack_webhook") || provider == QLatin1String("notifications_teams");
    const bool basic = provider == QLatin1String("ticketing_jira") || provider == QLatin1String("ticketing_servicenow") ||
                       provider == QLatin1String("ticketing_zendesk") || provider == QLatin1String("sink_elasticsearch");
    c.credentialType = hook ? QStringLiteral("secret") : basic ? QStringLiteral("basic") : QStringLiteral("token");
    c.secrets.insert(QStringLiteral("username"), QByteArrayLiteral("user@example.com"));
    c.secrets.insert(QStringLiteral("secret"), hook ? QByteArrayLiteral("https://hooks.example.invalid/services/T/B/Zz9-hook") : QByteArrayLiteral("Zz9-secret"));
    QJsonValue body;
    if (op == QLatin1String("ticketing_create_ticket"))
        body = QJsonObject{{QStringLiteral("summary"), QStringLiteral("s")}, {QStringLiteral("description"), QStringLiteral("d")}};
    else if (op == QLatin1String("ticketing_patch_ticket"))
        body = QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("Done")),
                          patchOp(QStringLiteral("add"), QStringLiteral("/tags/-"), QStringLiteral("t"))};
    else if (op == QLatin1String("ticketing_create_comment"))
        body = QJsonObject{{QStringLiteral("content"), QStringLiteral("c")}};
    else if (op == QLatin1String("notifications_create_message"))
        body = QJsonObject{{QStringLiteral("summary"), QStringLiteral("m")}};
    else if (op == QLatin1String("sink_post_events"))
        body = QJsonObject{{QStringLiteral("events"), QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("e")}}}}};
    c.params = {{QStringLiteral("ticketId"), QStringLiteral("1")}, {QStringLiteral("commentId"), QStringLiteral("2")}};
    if (!body.isUndefined())
        c.params.insert(QStringLiteral("body"), body);
    return c;
}

} // namespace

class UnitHostileResponses final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyOperationSurvives()
    {
        const QList<QByteArray> bodies{
            QByteArray(), QByteArrayLiteral("\x00\xff\xfe garbage"), QByteArrayLiteral("{"), QByteArrayLiteral("null"), QByteArrayLiteral("[]"),
            QByteArrayLiteral("{}"), QByteArrayLiteral("123"), QByteArrayLiteral("\"ok\""),
            QByteArrayLiteral("{\"issues\":5,\"values\":{},\"result\":\"x\",\"ticket\":[],\"tickets\":null,\"results\":7,\"comments\":\"c\"}"),
            QByteArrayLiteral("{\"issues\":[1,\"x\",null,{\"fields\":7}],\"result\":[1,{\"sys_id\":[]}],\"items\":[1,{\"index\":5}],\"errors\":true}"),
            QByteArrayLiteral("{\"ok\":\"yes\",\"code\":\"0\",\"text\":{},\"audit\":{\"events\":[{\"type\":\"Comment\",\"id\":{}}]},\"transitions\":[{\"to\":5}]}"),
            QByteArrayLiteral("[{\"number\":1e400,\"labels\":[{},[],null],\"user\":\"u\",\"pull_request\":null}]"),
            QByteArrayLiteral("{\"key\":{\"a\":1},\"fields\":{\"summary\":[],\"created\":\"not a date\",\"priority\":\"High\",\"labels\":\"x\"}}")};
        const QList<int> statuses{200, 201, 204, 400, 401, 404, 422, 429, 500, 503};
        AdapterRegistry registry;
        int seen = 0;
        int calls = 0;
        for (const QString& provider : registry.providers()) {
            for (const QString& op : registry.operations(provider)) {
                for (const QByteArray& body : bodies) {
                    for (int status : statuses) {
                        registry.httpClient()->setCannedTransportForTesting([body, status](const HttpRequest&) {
                            return CannedResponse{status, {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                                                           {QByteArrayLiteral("Link"), QByteArrayLiteral("<x?page=2>; rel=\"next\"")}}, body};
                        });
                        const auto r = run(registry, offlineCall(provider, op));
                        ++calls;
                        QVERIFY2(r.ok() || (r.problem && !r.problem->type.isEmpty() && r.problem->type != QLatin1String("test_hang")),
                                 qPrintable(provider + QLatin1Char(' ') + op));
                        if (r.problem && status < 300 && !body.trimmed().isEmpty())
                            ++seen;
                        QVERIFY(!exchangesJson(r.exchanges).contains("Zz9"));
                    }
                }
            }
        }
        QVERIFY(calls > 2000);
        QVERIFY(seen > 0);
        qInfo("%d hostile answers handled, %d of them 2xx turned into problems", calls, seen);
    }
};

QTEST_GUILESS_MAIN(UnitHostileResponses)
#include "UnitHostileResponses.moc"
