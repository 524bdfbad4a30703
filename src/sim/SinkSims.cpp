#include "sim/SinkSims.h"

#include <QRegularExpression>

namespace pb::sim {

namespace {

SimResponse hec(int status, const QString& text, int code, int invalidEvent = -1)
{
    QJsonObject o{{QStringLiteral("text"), text}, {QStringLiteral("code"), code}};
    if (invalidEvent >= 0)
        o.insert(QStringLiteral("invalid-event-number"), invalidEvent);
    return SimResponse::json(status, o);
}

SimResponse esError(int status, const QString& type, const QString& reason)
{
    const QJsonObject cause{{QStringLiteral("type"), type}, {QStringLiteral("reason"), reason}};
    return SimResponse::json(status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("root_cause"), QJsonArray{cause}},
                                                                                      {QStringLiteral("type"), type}, {QStringLiteral("reason"), reason}}},
                                                 {QStringLiteral("status"), status}});
}

} // namespace

SimResponse SplunkSim::errorFor(int status, const QString&) const
{
    return status == 503 ? hec(503, QStringLiteral("Server is busy"), 9) : hec(status, QStringLiteral("Internal server error"), 8);
}

SimResponse SplunkSim::handle(const SimRequest& r)
{
    if (route(r, "GET", "/services/collector/health") || route(r, "GET", "/services/collector/health/1.0"))
        return hec(200, QStringLiteral("HEC is healthy"), 17);
    if (!route(r, "POST", "/services/collector/event") && !route(r, "POST", "/services/collector") && !route(r, "POST", "/services/collector/event/1.0"))
        return hec(404, QStringLiteral("The requested URL was not found on this server."), 404);
    const QByteArray auth = r.header("Authorization");
    if (auth.isEmpty())
        return hec(401, QStringLiteral("Token is required"), 2);
    if (!auth.startsWith("Splunk "))
        return hec(401, QStringLiteral("Invalid authorization"), 3);
    if (auth.mid(7) != kDemoSecret)
        return hec(403, QStringLiteral("Invalid token"), 4);
    const QList<QByteArray> lines = r.body.split('\n');
    int n = 0;
    for (const QByteArray& line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject())
            return hec(400, QStringLiteral("Invalid data format"), 6, n);
        if (!doc.object().contains(QStringLiteral("event")))
            return hec(400, QStringLiteral("Event field is required"), 12, n);
        if (doc.object().value(QStringLiteral("event")).toVariant().toString().isEmpty() && !doc.object().value(QStringLiteral("event")).isObject())
            return hec(400, QStringLiteral("Event field cannot be blank"), 13, n);
        ++n;
    }
    if (n == 0)
        return hec(400, QStringLiteral("No data"), 5);
    m_events += n;
    return hec(200, QStringLiteral("Success"), 0);
}

SimResponse ElasticsearchSim::errorFor(int status, const QString& message) const
{
    return esError(status, status == 429 ? QStringLiteral("es_rejected_execution_exception") : QStringLiteral("cluster_block_exception"), message);
}

SimResponse ElasticsearchSim::bulk(const SimRequest& r, const QString& index)
{
    const QByteArray type = r.header("Content-Type");
    if (!type.startsWith("application/x-ndjson") && !type.startsWith("application/json"))
        return SimResponse::json(406, QJsonObject{{QStringLiteral("error"), QStringLiteral("Content-Type header [%1] is not supported").arg(QString::fromLatin1(type))},
                                                  {QStringLiteral("status"), 406}});
    QList<QByteArray> lines = r.body.split('\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return esError(400, QStringLiteral("action_request_validation_exception"), QStringLiteral("Validation Failed: 1: no requests added;"));
    QJsonArray items;
    bool errors = false;
    for (qsizetype i = 0; i < lines.size(); i += 2) {
        const QJsonObject action = QJsonDocument::fromJson(lines.at(i)).object();
        if (action.size() != 1 || (!action.contains(QStringLiteral("index")) && !action.contains(QStringLiteral("create"))))
            return esError(400, QStringLiteral("illegal_argument_exception"),
                           QStringLiteral("Malformed action/metadata line [%1], expected START_OBJECT or a known action").arg(i + 1));
        const QString verb = action.begin().key();
        const QString target = action.begin().value().toObject().value(QStringLiteral("_index")).toString(index);
        if (target.isEmpty())
            return esError(400, QStringLiteral("action_request_validation_exception"), QStringLiteral("Validation Failed: 1: index is missing;"));
        const QJsonDocument doc = i + 1 < lines.size() ? QJsonDocument::fromJson(lines.at(i + 1)) : QJsonDocument();
        const QString id = QStringLiteral("sim%1").arg(m_seq++);
        QJsonObject result{{QStringLiteral("_index"), target}, {QStringLiteral("_id"), id}};
        if (!doc.isObject() || doc.object().contains(QStringLiteral("_sim_reject"))) {
            errors = true;
            result.insert(QStringLiteral("status"), 400);
            result.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), QStringLiteral("document_parsing_exception")},
                                                                {QStringLiteral("reason"), QStringLiteral("[1:2] failed to parse field [_sim_reject] of type [long] in document with id '%1'").arg(id)}});
        } else {
            result.insert(QStringLiteral("status"), 201);
            result.insert(QStringLiteral("result"), QStringLiteral("created"));
            result.insert(QStringLiteral("_version"), 1);
            ++m_counts[target];
        }
        items.append(QJsonObject{{verb, result}});
    }
    return SimResponse::json(200, QJsonObject{{QStringLiteral("took"), 3}, {QStringLiteral("errors"), errors}, {QStringLiteral("items"), items}});
}

SimResponse ElasticsearchSim::handle(const SimRequest& r)
{
    const QByteArray auth = r.header("Authorization");
    if (!basicOk(r) && auth != "ApiKey " + QByteArray(kDemoSecret)) {
        const QString reason = QStringLiteral("unable to authenticate user [%1] for REST request [%2]").arg(QString::fromLatin1(kDemoUser), r.path);
        return esError(401, QStringLiteral("security_exception"), reason);
    }
    QRegularExpressionMatch m;
    if (route(r, "GET", "/"))
        return SimResponse::json(200, QJsonObject{{QStringLiteral("name"), QStringLiteral("sim-node-1")}, {QStringLiteral("cluster_name"), QStringLiteral("patchbay-sim")},
                                                  {QStringLiteral("version"), QJsonObject{{QStringLiteral("number"), QStringLiteral("8.17.0")}}},
                                                  {QStringLiteral("tagline"), QStringLiteral("You Know, for Search")}});
    if (route(r, "GET", "/_security/_authenticate"))
        return SimResponse::json(200, QJsonObject{{QStringLiteral("username"), QString::fromLatin1(kDemoUser)}, {QStringLiteral("roles"), QJsonArray{QStringLiteral("superuser")}},
                                                  {QStringLiteral("enabled"), true}, {QStringLiteral("authentication_type"), QStringLiteral("realm")}});
    if (route(r, "POST", "/_bulk") || route(r, "PUT", "/_bulk"))
        return bulk(r, QString());
    if (route(r, "POST", "/([a-z0-9._-]+)/_bulk", &m) || route(r, "PUT", "/([a-z0-9._-]+)/_bulk", &m))
        return bulk(r, m.captured(1));
    if (route(r, "GET", "/([a-z0-9._-]+)/_count", &m)) {
        if (!m_counts.contains(m.captured(1)))
            return esError(404, QStringLiteral("index_not_found_exception"), QStringLiteral("no such index [%1]").arg(m.captured(1)));
        return SimResponse::json(200, QJsonObject{{QStringLiteral("count"), m_counts.value(m.captured(1))}});
    }
    return esError(400, QStringLiteral("illegal_argument_exception"), QStringLiteral("request [%1] contains unrecognized parameters or path").arg(r.path));
}

} // namespace pb::sim
