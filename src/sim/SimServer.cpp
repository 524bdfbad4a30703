#include "sim/SimServer.h"

#include "sim/Providers.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace pb::sim {

namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "UNKNOWN";
    }
}

constexpr qsizetype kLogCap = 500;

} // namespace

// Accepts the provider id ("ticketing_jira") or the prefix ("jira").
QString prefixForProvider(const QString& provider)
{
    static const QHash<QString, QString> ids{
        {QStringLiteral("ticketing_jira"), QStringLiteral("jira")},
        {QStringLiteral("ticketing_servicenow"), QStringLiteral("servicenow")},
        {QStringLiteral("ticketing_zendesk"), QStringLiteral("zendesk")},
        {QStringLiteral("ticketing_github"), QStringLiteral("github")},
        {QStringLiteral("notifications_slack"), QStringLiteral("slack")},
        {QStringLiteral("notifications_slack_webhook"), QStringLiteral("slack-webhook")},
        {QStringLiteral("notifications_teams"), QStringLiteral("teams")},
        {QStringLiteral("sink_splunk"), QStringLiteral("splunk")},
        {QStringLiteral("sink_elasticsearch"), QStringLiteral("elasticsearch")}};
    return ids.value(provider, provider);
}

void SimState::reset()
{
    providers = makeProviders();
    faults.clear();
    requests = QJsonArray();
}

ProviderSim* SimState::provider(const QString& prefix) const
{
    for (const auto& p : providers)
        if (p->prefix() == prefix)
            return p.get();
    return nullptr;
}

SimServer::SimServer(SimState* state, bool isOther, QObject* parent)
    : QAbstractHttpServer(parent)
    , m_state(state)
    , m_isOther(isOther)
{
}

void SimServer::missingHandler(const QHttpServerRequest&, QTcpSocket* socket)
{
    write(socket, SimResponse::json(404, QJsonObject{{QStringLiteral("message"), QStringLiteral("Not Found")}}));
}

bool SimServer::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    SimRequest r;
    r.method = methodName(request.method());
    r.fullPath = request.url().path();
    r.query = request.query();
    r.headers = request.headers();
    r.body = request.body();

    QJsonObject headers;
    for (const auto& [k, v] : r.headers)
        headers.insert(QString::fromLatin1(k).toLower(), QString::fromLatin1(v));
    m_state->requests.append(QJsonObject{{QStringLiteral("port"), int(socket->localPort())},
                                         {QStringLiteral("other_host"), m_isOther},
                                         {QStringLiteral("method"), QString::fromLatin1(r.method)},
                                         {QStringLiteral("path"), r.fullPath},
                                         {QStringLiteral("query"), r.query.toString(QUrl::FullyEncoded)},
                                         {QStringLiteral("headers"), headers},
                                         {QStringLiteral("body"), QString::fromUtf8(r.body.left(2048))}});
    while (m_state->requests.size() > kLogCap)
        m_state->requests.removeFirst();

    if (r.fullPath.startsWith(QLatin1String("/_sim/")) || r.fullPath == QLatin1String("/_sim")) {
        write(socket, control(r));
        return true;
    }
    const QStringList segments = r.fullPath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    ProviderSim* provider = segments.isEmpty() ? nullptr : m_state->provider(segments.first());
    if (!provider) {
        write(socket, SimResponse::json(404, QJsonObject{{QStringLiteral("message"),
                                                          QStringLiteral("No simulated provider at %1").arg(r.fullPath)}}));
        return true;
    }
    r.path = r.fullPath.mid(provider->prefix().size() + 1);
    if (r.path.isEmpty())
        r.path = QStringLiteral("/");
    const QByteArray host = r.header("Host").isEmpty() ? "127.0.0.1" : r.header("Host");
    r.baseUrl = (m_state->tlsPort && socket->localPort() == m_state->tlsPort ? QStringLiteral("https://") : QStringLiteral("http://")) +
                QString::fromLatin1(host) + QLatin1Char('/') + provider->prefix();

    // The "other host" never injects faults: it stands for an unrelated server.
    Fault fault;
    // "_sim_nofault" marks the target of an injected same-origin redirect: answer it normally.
    if (!m_isOther && !r.query.hasQueryItem(QStringLiteral("_sim_nofault"))) {
        QString error;
        const QByteArray spec = r.header("X-Sim-Fault");
        fault = spec.isEmpty() ? m_state->faults.take(provider->prefix()) : Fault::parse(QString::fromLatin1(spec), &error);
        if (!error.isEmpty()) {
            write(socket, SimResponse::json(400, QJsonObject{{QStringLiteral("message"), error}}));
            return true;
        }
    }
    SimResponse response;
    if (fault.status > 0)
        response = provider->errorFor(fault.status, QStringLiteral("Injected fault: HTTP %1").arg(fault.status));
    else if (fault.redirect.isEmpty() && !fault.drop && !fault.malformed && fault.oversizedBytes == 0 && !fault.drip)
        response = provider->handle(r);
    if (!fault.redirect.isEmpty()) {
        QString target = fault.redirect;
        if (target == QLatin1String("other") || target == QLatin1String("same")) {
            const bool same = target == QLatin1String("same");
            target = same ? r.baseUrl.left(r.baseUrl.size() - provider->prefix().size() - 1) + r.fullPath
                          : QStringLiteral("http://127.0.0.1:%1%2").arg(m_state->otherPort).arg(r.fullPath);
            QUrlQuery q = r.query;
            if (same)
                q.addQueryItem(QStringLiteral("_sim_nofault"), QStringLiteral("1"));
            if (!q.isEmpty())
                target += QLatin1Char('?') + q.toString(QUrl::FullyEncoded);
        }
        response = SimResponse::empty(307);
        response.headers.append({QByteArrayLiteral("Location"), target.toUtf8()});
    }
    const QString prefix = provider->prefix();
    if (fault.latencyMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(fault.latencyMs, this, [this, guard, response, fault, prefix] {
            if (guard)
                respond(guard, response, fault, prefix);
        });
    } else {
        respond(socket, response, fault, prefix);
    }
    return true;
}

void SimServer::respond(QTcpSocket* socket, const SimResponse& response, const Fault& fault, const QString&)
{
    if (fault.drop) {
        socket->abort();
        return;
    }
    if (fault.drip) {
        drip(socket);
        return;
    }
    if (fault.malformed) {
        write(socket, SimResponse::text(200, "{\"result\": [{\"id\": \"1\", \"summary\": tru", "application/json"));
        return;
    }
    if (fault.oversizedBytes > 0) {
        // No Content-Length: the client must stop reading by itself.
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[");
        const QByteArray chunk(64 * 1024, 'x');
        for (qint64 sent = 0; sent < fault.oversizedBytes && socket->state() == QAbstractSocket::ConnectedState; sent += chunk.size())
            socket->write(chunk);
        socket->disconnectFromHost();
        return;
    }
    SimResponse r = response;
    if (fault.retryAfter >= 0)
        r.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault.retryAfter)});
    if (!fault.retryAfterDate.isEmpty()) {
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(fault.retryAfterDate.toInt());
        r.headers.append({QByteArrayLiteral("Retry-After"),
                          QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()});
    }
    if (!fault.contentType.isEmpty()) {
        for (auto& h : r.headers)
            if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
                h.second = fault.contentType;
    }
    write(socket, r);
}

void SimServer::write(QTcpSocket* socket, const SimResponse& response, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto& [k, v] : response.headers)
        out += k + ": " + v + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += close ? "Connection: close\r\n\r\n" : "\r\n";
    out += response.body;
    socket->write(out);
    if (close)
        socket->disconnectFromHost();
}

void SimServer::drip(QTcpSocket* socket)
{
    // Announces a body and sends it one byte every 200 ms: only a deadline ends this.
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
    auto* timer = new QTimer(socket);
    QPointer<QTcpSocket> guard(socket);
    QObject::connect(timer, &QTimer::timeout, socket, [guard, timer, sent = 0]() mutable {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState || ++sent > 3000) {
            timer->stop();
            return;
        }
        guard->write(" ");
    });
    timer->start(200);
}

} // namespace pb::sim
