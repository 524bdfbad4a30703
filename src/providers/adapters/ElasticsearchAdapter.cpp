#include "providers/adapters/ElasticsearchAdapter.h"

#include "providers/EventMapping.h"

namespace pb {

QStringList ElasticsearchAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("sink_post_events")};
}

Status ElasticsearchAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (call.credentialType == QLatin1String("basic")) {
        const QByteArray pair = call.secrets.value(QStringLiteral("username")) + ':' + call.secrets.value(QStringLiteral("secret"));
        req.headers.append({QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64()});
        return {};
    }
    if (call.credentialType == QLatin1String("token")) {
        req.headers.append({QByteArrayLiteral("Authorization"), "ApiKey " + call.secrets.value(QStringLiteral("secret"))});
        return {};
    }
    return requireCredential(call, {"basic", "token"});
}

QString ElasticsearchAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonValue error = QJsonDocument::fromJson(result.body).object().value(QStringLiteral("error"));
    if (error.isObject())
        return error.toObject().value(QStringLiteral("type")).toString() + QStringLiteral(": ") + error.toObject().value(QStringLiteral("reason")).toString();
    return ProviderAdapter::providerMessage(result);
}

void ElasticsearchAdapter::postBatch(const RunPtr& run, const QJsonArray& events, int from, QJsonObject totals) const
{
    const int batch = std::clamp(run->call().config.value(QStringLiteral("max_batch_size")).toInt(500), 1, 1000);
    const bool dataStream = run->call().config.value(QStringLiteral("data_stream")).toBool();
    const QByteArray action = dataStream ? "{\"create\":{}}\n" : "{\"index\":{}}\n";
    QByteArray ndjson;
    const int to = std::min(int(events.size()), from + batch);
    for (int i = from; i < to; ++i) {
        QJsonObject doc = events.at(i).toObject();
        doc.insert(QStringLiteral("@timestamp"), event::time(doc));
        doc.remove(QStringLiteral("time"));
        ndjson += action + QJsonDocument(doc).toJson(QJsonDocument::Compact) + '\n';
    }
    QList<QPair<QString, QString>> query;
    const QString pipeline = config(run, QStringLiteral("pipeline"));
    if (!pipeline.isEmpty())
        query.append({QStringLiteral("pipeline"), pipeline});
    const QString refresh = config(run, QStringLiteral("refresh"));
    if (!refresh.isEmpty() && refresh != QLatin1String("false"))
        query.append({QStringLiteral("refresh"), refresh});
    HttpRequest req = makeRequest(run, "POST", QLatin1Char('/') + enc(config(run, QStringLiteral("index"))) + QStringLiteral("/_bulk"), query);
    req.body = ndjson;
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-ndjson")});
    if (Status s = applyAuth(req, run->call()); !s) {
        run->fail(s.problem());
        return;
    }
    sendJson(run, req, [this, run, events, from, to, totals](const QJsonValue& v, const HttpResult&) mutable {
        const QJsonValue items = v.toObject().value(QStringLiteral("items"));
        if (!items.isArray() || items.toArray().size() != to - from) {
            run->fail(malformed(QStringLiteral("The _bulk answer does not list one item per event.")));
            return;
        }
        int accepted = totals.value(QStringLiteral("accepted")).toInt();
        QJsonArray errors = totals.value(QStringLiteral("errors")).toArray();
        int i = from;
        for (const QJsonValue& item : items.toArray()) {
            // {"index": {...}} or {"create": {...}}. Never begin() of an empty object: Qt
            // dereferences it (a crash found by fuzz/regressions/elasticsearch). An item without a
            // result is not an acceptance.
            const QJsonObject wrapper = item.toObject();
            const QJsonObject result = wrapper.isEmpty() ? QJsonObject() : wrapper.constBegin().value().toObject();
            const QJsonObject error = result.value(QStringLiteral("error")).toObject();
            if (!result.isEmpty() && error.isEmpty() && result.value(QStringLiteral("status")).toInt() < 300)
                ++accepted;
            else
                errors.append(QJsonObject{{QStringLiteral("index"), i},
                                          {QStringLiteral("message"), result.isEmpty() ? QStringLiteral("The _bulk answer has no result for this event.")
                                                                                       : QString(error.value(QStringLiteral("type")).toString() + QStringLiteral(": ") +
                                                                                                 error.value(QStringLiteral("reason")).toString())}});
            ++i;
        }
        totals = {{QStringLiteral("accepted"), accepted}, {QStringLiteral("failed"), int(errors.size())}, {QStringLiteral("errors"), errors}};
        if (to < events.size())
            postBatch(run, events, to, totals);
        else
            run->succeed(totals);
    });
}

void ElasticsearchAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    if (op == QLatin1String("verify")) {
        api(run, "GET", QStringLiteral("/_security/_authenticate"), {}, QJsonValue::Undefined, [run](const QJsonValue& v, const HttpResult&) {
            run->succeed(QJsonObject{{QStringLiteral("verified"), true}, {QStringLiteral("identity"), v.toObject().value(QStringLiteral("username"))}});
        });
    } else if (op == QLatin1String("sink_post_events")) {
        auto events = event::events(run);
        if (!events) {
            run->fail(events.problem());
            return;
        }
        if (config(run, QStringLiteral("index")).isEmpty()) {
            run->fail(invalidParam(QStringLiteral("index"), QStringLiteral("The Integration has no index configured.")));
            return;
        }
        postBatch(run, *events, 0, QJsonObject());
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
