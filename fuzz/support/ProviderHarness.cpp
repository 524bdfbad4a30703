#include "ProviderHarness.h"

#include "FuzzApp.h"
#include "ProviderInput.h"

#include "providers/AdapterRegistry.h"
#include "providers/HttpClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace pb::fuzz {

namespace {

// Distinctive credential values: none may survive redaction into an exchange record.
const QByteArray kSecret = QByteArrayLiteral("Zz9-fuzz-secret-7f3a");
const QByteArray kClientSecret = QByteArrayLiteral("Zz9-fuzz-client-secret-51c2");
const QByteArray kHook = QByteArrayLiteral("https://hooks.example.invalid/services/T0/B0/Zz9-fuzz-hook-9d1e");

AdapterRegistry& registry()
{
    ensureApplication();
    static AdapterRegistry* r = new AdapterRegistry; // lives until exit, like the application
    return *r;
}

QJsonObject patchOp(const QString& op, const QString& path, const QJsonValue& value)
{
    return {{QStringLiteral("op"), op}, {QStringLiteral("path"), path}, {QStringLiteral("value"), value}};
}

// Request parameters that take each operation past its own validation to the provider call,
// and through the multi-step paths (patch: edit, transitions, transition, read back).
QJsonObject paramsFor(const QString& op)
{
    QJsonObject p{{QStringLiteral("ticketId"), QStringLiteral("OPS-1")},
                  {QStringLiteral("commentId"), QStringLiteral("10001")},
                  {QStringLiteral("cursor"), QStringLiteral("2")},
                  {QStringLiteral("limit"), 10},
                  {QStringLiteral("filter"), QJsonArray{QStringLiteral("status[eq]Open"), QStringLiteral("printer")}}};
    QJsonValue body;
    if (op == QLatin1String("ticketing_create_ticket"))
        body = QJsonObject{{QStringLiteral("summary"), QStringLiteral("Printer on fire")},
                           {QStringLiteral("description"), QStringLiteral("Line one\nLine two")},
                           {QStringLiteral("priority"), QStringLiteral("HIGH")},
                           {QStringLiteral("tags"), QJsonArray{QStringLiteral("ops")}}};
    else if (op == QLatin1String("ticketing_patch_ticket"))
        body = QJsonArray{patchOp(QStringLiteral("replace"), QStringLiteral("/summary"), QStringLiteral("New summary")),
                          patchOp(QStringLiteral("replace"), QStringLiteral("/status"), QStringLiteral("Done")),
                          patchOp(QStringLiteral("add"), QStringLiteral("/tags/-"), QStringLiteral("triaged"))};
    else if (op == QLatin1String("ticketing_create_comment"))
        body = QJsonObject{{QStringLiteral("content"), QStringLiteral("Looked at it")}};
    else if (op == QLatin1String("notifications_create_message"))
        body = QJsonObject{{QStringLiteral("summary"), QStringLiteral("Disk full")},
                           {QStringLiteral("description"), QStringLiteral("on db-1")},
                           {QStringLiteral("priority"), QStringLiteral("HIGH")}};
    else if (op == QLatin1String("sink_post_events"))
        body = QJsonObject{{QStringLiteral("events"), QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("login failed")},
                                                                             {QStringLiteral("severity"), QStringLiteral("high")}},
                                                                 QJsonObject{{QStringLiteral("message"), QStringLiteral("second")}}}}};
    if (!body.isUndefined())
        p.insert(QStringLiteral("body"), body);
    return p;
}

OperationCall makeCall(const QString& providerId, const QString& op, const QByteArray& credential)
{
    OperationCall c;
    c.providerId = providerId;
    c.operationId = op;
    c.timeoutMs = 5000;
    c.config = {{QStringLiteral("url"), QStringLiteral("https://provider.example.invalid/base")},
                {QStringLiteral("project"), QStringLiteral("OPS")},
                {QStringLiteral("owner"), QStringLiteral("acme")},
                {QStringLiteral("repository"), QStringLiteral("app")},
                {QStringLiteral("channel"), QStringLiteral("#alerts")},
                {QStringLiteral("index"), QStringLiteral("events")},
                {QStringLiteral("table"), QStringLiteral("incident")}};
    const bool hook = providerId == QLatin1String("notifications_slack_webhook") || providerId == QLatin1String("notifications_teams");
    const bool basic = providerId == QLatin1String("ticketing_jira") || providerId == QLatin1String("ticketing_servicenow") ||
                       providerId == QLatin1String("ticketing_zendesk") || providerId == QLatin1String("sink_elasticsearch");
    QString type = hook ? QStringLiteral("secret") : basic ? QStringLiteral("basic") : QStringLiteral("token");
    if (credential == "basic" || credential == "token" || credential == "secret")
        type = QString::fromLatin1(credential);
    else if (credential == "oauth")
        type = QStringLiteral("o_auth_client");
    c.credentialType = type;
    c.secrets.insert(QStringLiteral("username"), QByteArrayLiteral("fuzz@example.com"));
    c.secrets.insert(QStringLiteral("secret"), hook ? kHook : kSecret);
    if (type == QLatin1String("o_auth_client")) {
        c.secrets.insert(QStringLiteral("client_id"), QByteArrayLiteral("fuzz-client"));
        c.secrets.insert(QStringLiteral("client_secret"), kClientSecret);
        c.secrets.insert(QStringLiteral("token_url"), QByteArrayLiteral("https://login.example.invalid/oauth/token"));
    }
    c.params = paramsFor(op);
    return c;
}

} // namespace

void runProviderInput(const QString& providerId, const uint8_t* data, size_t size)
{
    AdapterRegistry& reg = registry();
    const ProviderInput in = parseProviderInput(bytes(data, size));
    const QStringList ops = reg.operations(providerId);
    if (ops.isEmpty())
        invariantBroken("no adapter for the fuzzed provider", providerId.toUtf8());
    QString op = QString::fromUtf8(in.operation);
    if (!ops.contains(op)) {
        uint sum = 0;
        for (char ch : in.firstLine)
            sum = sum * 31 + uchar(ch);
        op = ops.at(int(sum % uint(ops.size())));
    }

    auto next = std::make_shared<int>(0);
    const QList<CannedResponse> responses = in.responses;
    reg.httpClient()->setCannedTransportForTesting([next, responses](const HttpRequest&) {
        return responses.at(std::min<int>((*next)++, int(responses.size()) - 1));
    });

    const OperationCall call = makeCall(providerId, op, in.credential);
    // The credentials of this call: values the fuzzer copies into an answer are redacted too.
    QList<QByteArray> secrets;
    for (const char* field : {"secret", "client_secret"})
        if (call.secrets.contains(QLatin1String(field)))
            secrets.append(call.secrets.value(QLatin1String(field)));
    bool done = false;
    int calls = 0;
    reg.execute(call, [&](Result<OperationOutcome> r, QList<ExchangeRecord> exchanges) {
        ++calls;
        done = true;
        if (!r.ok() && r.problem().type.isEmpty())
            invariantBroken("a problem without a type", r.problem().message.toUtf8());
        QJsonArray records;
        for (const ExchangeRecord& e : exchanges)
            records.append(e.toJson());
        // The result may echo what the provider sent; the records of what was sent may not.
        const QByteArray text = QJsonDocument(records).toJson(QJsonDocument::Compact);
        for (const QByteArray& secret : secrets)
            if (text.contains(secret))
                invariantBroken("a credential reached the exchange records", secret);
    });
    spinUntil(done);
    // Late callbacks would show as a second call here.
    flushDeferredDeletes();
    QCoreApplication::processEvents();
    if (calls != 1)
        invariantBroken("the operation did not end exactly once");
    // Every reply deletes itself once finished: none may outlive its operation (only the
    // client's QNetworkAccessManager remains a child).
    if (const auto replies = reg.httpClient()->findChildren<HttpReply*>(); !replies.isEmpty())
        invariantBroken("HTTP replies outlived their operation", QByteArray::number(replies.size()));
    reg.httpClient()->setCannedTransportForTesting({});
}

} // namespace pb::fuzz
