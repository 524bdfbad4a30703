#include "sim/SimServer.h"

#include <QJsonObject>

namespace pb::sim {

// The control endpoint used by tests and demos: /_sim/info, /_sim/faults, /_sim/requests, /_sim/reset.
SimResponse SimServer::control(const SimRequest& r)
{
    const QString path = r.fullPath;
    if (path == QLatin1String("/_sim/info") && r.method == "GET") {
        QJsonArray prefixes;
        for (const auto& p : m_state->providers)
            prefixes.append(p->prefix());
        return SimResponse::json(200, QJsonObject{{QStringLiteral("port"), m_state->port},
                                                  {QStringLiteral("other_port"), m_state->otherPort},
                                                  {QStringLiteral("tls_port"), m_state->tlsPort},
                                                  {QStringLiteral("prefixes"), prefixes}});
    }
    if (path == QLatin1String("/_sim/faults") && r.method == "POST") {
        const QJsonObject o = r.json().toObject();
        QString error;
        const Fault f = Fault::parse(o.value(QStringLiteral("fault")).toString(), &error);
        if (!error.isEmpty() || f.isEmpty())
            return SimResponse::json(400, QJsonObject{{QStringLiteral("message"), error.isEmpty() ? QStringLiteral("empty fault") : error}});
        const QString provider = prefixForProvider(o.value(QStringLiteral("provider")).toString(QStringLiteral("*")));
        m_state->faults.add(provider, f, o.value(QStringLiteral("count")).toInt(1));
        return SimResponse::json(201, QJsonObject{{QStringLiteral("provider"), provider}});
    }
    if (path == QLatin1String("/_sim/faults") && r.method == "DELETE") {
        m_state->faults.clear();
        return SimResponse::empty(204);
    }
    if (path == QLatin1String("/_sim/requests") && r.method == "GET") {
        QJsonArray out;
        const bool otherOnly = r.queryValue(QStringLiteral("host")) == QLatin1String("other");
        for (const QJsonValue& v : std::as_const(m_state->requests))
            if (!otherOnly || v.toObject().value(QStringLiteral("other_host")).toBool())
                out.append(v);
        return SimResponse::json(200, out);
    }
    if (path == QLatin1String("/_sim/requests") && r.method == "DELETE") {
        m_state->requests = QJsonArray();
        return SimResponse::empty(204);
    }
    if (path == QLatin1String("/_sim/reset") && r.method == "POST") {
        m_state->reset();
        return SimResponse::empty(204);
    }
    return SimResponse::json(404, QJsonObject{{QStringLiteral("message"), QStringLiteral("Unknown control path %1").arg(path)}});
}

} // namespace pb::sim
