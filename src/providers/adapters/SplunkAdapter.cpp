#include "providers/adapters/SplunkAdapter.h"

#include "core/Clock.h"
#include "providers/EventMapping.h"

namespace pb {

QStringList SplunkAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("sink_post_events")};
}

Status SplunkAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (Status s = requireCredential(call, {"token"}); !s)
        return s;
    req.headers.append({QByteArrayLiteral("Authorization"), "Splunk " + call.secrets.value(QStringLiteral("secret"))});
    return {};
}

QString SplunkAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonObject o = QJsonDocument::fromJson(result.body).object();
    if (o.contains(QStringLiteral("text")))
        return QStringLiteral("%1 (code %2)").arg(o.value(QStringLiteral("text")).toString()).arg(o.value(QStringLiteral("code")).toInt());
    return ProviderAdapter::providerMessage(result);
}

Problem SplunkAdapter::problemFor(const HttpResult& result) const
{
    // HEC answers an invalid token with 403 code 4, a missing or malformed one with 401 code 2/3.
    const int code = QJsonDocument::fromJson(result.body).object().value(QStringLiteral("code")).toInt(-1);
    if (code == 2 || code == 3 || code == 4) {
        HttpResult as401 = result;
        as401.status = 401;
        return ProviderAdapter::problemFor(as401);
    }
    return ProviderAdapter::problemFor(result);
}

void SplunkAdapter::execute(const RunPtr& run)
{
    const QString op = run->call().operationId;
    if (op == QLatin1String("verify")) {
        // Health needs no token; an empty event post proves the token without indexing anything.
        api(run, "GET", QStringLiteral("/services/collector/health"), {}, QJsonValue::Undefined, [this, run](const QJsonValue&, const HttpResult&) {
            HttpRequest req = makeRequest(run, "POST", QStringLiteral("/services/collector/event"));
            if (Status s = applyAuth(req, run->call()); !s) {
                run->fail(s.problem());
                return;
            }
            run->send(req, [this, run](const HttpResult& r) {
                const int code = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("code")).toInt(-1);
                if (r.status == 400 && code == 5)
                    run->succeed(QJsonObject{{QStringLiteral("verified"), true}});
                else
                    run->fail(r.status >= 300 ? problemFor(r) : malformed(QStringLiteral("HEC accepted an empty post.")));
            });
        });
    } else if (op == QLatin1String("sink_post_events")) {
        auto events = event::events(run);
        if (!events) {
            run->fail(events.problem());
            return;
        }
        QByteArray payload;
        for (const QJsonValue& ev : *events) {
            const QJsonObject e = ev.toObject();
            QJsonObject hec{{QStringLiteral("time"), double(parseRfc3339(event::time(e)).toMSecsSinceEpoch()) / 1000.0},
                            {QStringLiteral("event"), e},
                            {QStringLiteral("source"), e.value(QStringLiteral("source")).toString(config(run, QStringLiteral("source"), QStringLiteral("patchbay")))},
                            {QStringLiteral("sourcetype"), config(run, QStringLiteral("sourcetype"), QStringLiteral("_json"))}};
            if (e.contains(QStringLiteral("host")))
                hec.insert(QStringLiteral("host"), e.value(QStringLiteral("host")));
            const QString index = config(run, QStringLiteral("index"));
            if (!index.isEmpty())
                hec.insert(QStringLiteral("index"), index);
            payload += QJsonDocument(hec).toJson(QJsonDocument::Compact) + '\n';
        }
        HttpRequest req = makeRequest(run, "POST", QStringLiteral("/services/collector/event"));
        req.body = payload;
        req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        if (Status s = applyAuth(req, run->call()); !s) {
            run->fail(s.problem());
            return;
        }
        const int n = int(events->size());
        sendJson(run, req, [run, n](const QJsonValue& v, const HttpResult&) {
            if (v.toObject().value(QStringLiteral("code")).toInt(-1) != 0) {
                run->fail(malformed(QStringLiteral("HEC did not answer code 0.")));
                return;
            }
            run->succeed(QJsonObject{{QStringLiteral("accepted"), n}, {QStringLiteral("failed"), 0}, {QStringLiteral("errors"), QJsonArray()}});
        });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
