#include "server/LocalApiServer.h"

#include "core/Clock.h"
#include "server/AccessLog.h"
#include "server/GuardedTcpServer.h"
#include "server/HttpTranslation.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace pb {

Q_LOGGING_CATEGORY(lcServer, "patchbay.server")

// The QtHttpServer front: parses HTTP and hands every complete request to LocalApiServer.
// Subclassing QAbstractHttpServer (rather than QHttpServer's router) lets every method and path
// go to the platform's own router unchanged.
class HttpEndpoint final : public QAbstractHttpServer {
public:
    explicit HttpEndpoint(LocalApiServer* owner)
        : QAbstractHttpServer(owner)
        , m_owner(owner)
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        m_owner->handle(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest&, QTcpSocket*) override {}

private:
    LocalApiServer* m_owner;
};

// One request in flight: where to answer and what to log.
struct LocalApiServer::Exchange {
    QPointer<QTcpSocket> socket;
    QElapsedTimer clock;
    AccessLogEntry entry;
    bool closeAfter = false;
    bool dispatched = false; // counted in m_pending until answered
    bool done = false;
};

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post: return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Put: return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Patch: return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Delete: return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Head: return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Connect: return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace: return QByteArrayLiteral("TRACE");
    default: return QByteArrayLiteral("UNKNOWN");
    }
}

bool isApiMethod(const QByteArray& method)
{
    return method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

ApiResponse withHeader(ApiResponse response, const QByteArray& key, const QByteArray& value)
{
    response.headers.append({key, value});
    return response;
}

} // namespace

LocalApiServer::LocalApiServer(Dispatcher dispatcher, QObject* parent)
    : QObject(parent)
    , m_dispatcher(std::move(dispatcher))
{
}

LocalApiServer::~LocalApiServer()
{
    stop();
}

void LocalApiServer::setOptions(const Options& options)
{
    m_options = options;
}

Status LocalApiServer::fail(const Problem& problem)
{
    Q_EMIT error(problem);
    return problem;
}

Status LocalApiServer::start()
{
    if (isRunning())
        return {};
    const Options& o = m_options;
    const bool loopback = o.address.isLoopback();
    const bool tlsGiven = !o.tlsCertificatePath.isEmpty() || !o.tlsKeyPath.isEmpty();
    if (!loopback && !o.allowNonLoopback)
        return fail(Problem(400, QStringLiteral("non_loopback_refused"),
                            QStringLiteral("The API server only binds to loopback unless told otherwise."),
                            QStringLiteral("Address ") + o.address.toString() +
                                QStringLiteral(" is reachable from other machines."),
                            QStringLiteral("Bind 127.0.0.1 (the default), or pass --address together with "
                                           "--tls-cert and --tls-key to serve other machines over TLS.")));
    if (!loopback && !tlsGiven)
        return fail(Problem(400, QStringLiteral("tls_required"),
                            QStringLiteral("A non-loopback address needs TLS."),
                            QStringLiteral("Address ") + o.address.toString() +
                                QStringLiteral(" would expose bearer tokens in clear text to the network."),
                            QStringLiteral("Pass --tls-cert and --tls-key with a certificate and private key "
                                           "(PEM) that you provide, or bind 127.0.0.1.")));
    std::optional<QSslConfiguration> tls;
    if (tlsGiven) {
        auto conf = loadTlsConfiguration(o.tlsCertificatePath, o.tlsKeyPath);
        if (!conf)
            return fail(conf.problem());
        tls = *conf;
    }
    if (o.maxBodyBytes <= 0)
        return fail(Problem(400, QStringLiteral("invalid_option"), QStringLiteral("The body cap must be positive."),
                            QStringLiteral("maxBodyBytes is ") + QString::number(o.maxBodyBytes) + QLatin1Char('.')));

    m_limiter.configure(o.rateLimitPerSecond, o.rateLimitBurst > 0 ? o.rateLimitBurst : 2 * o.rateLimitPerSecond);

    // Far past the cap (twice it plus room for headers), a connection is cut without waiting for
    // the body to finish; up to there the request completes and gets a proper 413 problem.
    const qint64 hardLimit = 2 * o.maxBodyBytes + 64 * 1024;
    const qint64 cap = o.maxBodyBytes;
    auto guard = [hardLimit, cap](QTcpSocket* socket, qint64 bytes) {
        if (bytes <= hardLimit)
            return true;
        ApiResponse tooLarge = ApiResponse::ofProblem(http::payloadTooLarge(bytes, cap));
        socket->write(http::serializeResponse(tooLarge, QString(), true));
        socket->flush();
        socket->abort();
        return false;
    };
    auto* listener = new GuardedTcpServer(tls, guard);
    listener->setReadTimeoutMs(o.requestTimeoutMs);
    if (!listener->listen(o.address, o.port)) {
        const QString why = listener->errorString();
        delete listener;
        return fail(Problem(503, QStringLiteral("listen_failed"), QStringLiteral("The API server could not start."),
                            QStringLiteral("Cannot listen on ") + o.address.toString() + QLatin1Char(':') +
                                QString::number(o.port) + QStringLiteral(": ") + why,
                            QStringLiteral("Choose another --port (0 picks a free one) or stop the program "
                                           "using this one.")));
    }
    // Accept failures (e.g. out of file descriptors) leave the server running; report them.
    connect(listener, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        auto* server = qobject_cast<QTcpServer*>(sender());
        Q_EMIT error(Problem(503, QStringLiteral("accept_failed"), QStringLiteral("A connection could not be accepted."),
                             server ? server->errorString() : QString(),
                             QStringLiteral("Check the process's open file limit; fewer concurrent clients help.")));
    });
    auto* endpoint = new HttpEndpoint(this);
    endpoint->bind(listener);
    m_endpoint = endpoint;

    m_url = QUrl();
    m_url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    m_url.setHost(listener->serverAddress().toString());
    m_url.setPort(listener->serverPort());
    qCDebug(lcServer) << "API server listening on" << m_url.toString();
    Q_EMIT started(m_url);
    return {};
}

void LocalApiServer::stop()
{
    if (!m_endpoint)
        return;
    // Stop listening and drop every connection now; the objects themselves go later, so stop()
    // is safe from any slot, even one running inside a socket's own signal. Dispatches still
    // running find their socket gone and answer nobody.
    const auto listeners = m_endpoint->findChildren<QTcpServer*>();
    for (QTcpServer* listener : listeners) {
        listener->close();
        const auto sockets = listener->findChildren<QTcpSocket*>();
        for (QTcpSocket* socket : sockets)
            socket->abort();
    }
    m_endpoint->deleteLater();
    m_endpoint = nullptr;
    m_url = QUrl();
    Q_EMIT stopped();
}

void LocalApiServer::handle(const QHttpServerRequest& request, QTcpSocket* socket)
{
    GuardedTcpServer::requestCompleted(socket);

    auto exchange = std::make_shared<Exchange>();
    exchange->clock.start();
    exchange->socket = socket;
    exchange->entry.time = nowUtc();

    const http::HeaderList headers = request.headers();
    const QByteArray method = methodName(request.method());
    const QUrl url = request.url();
    const QString path = url.path(QUrl::PrettyDecoded);
    exchange->entry.method = QString::fromLatin1(method);
    exchange->entry.path = path;
    exchange->closeAfter =
        http::headerValue(headers, QByteArrayLiteral("Connection")).compare("close", Qt::CaseInsensitive) == 0;

    const QByteArray authorization = http::headerValue(headers, QByteArrayLiteral("Authorization"));
    exchange->entry.tokenId = tokenIdForLog(QString::fromUtf8(authorization.mid(authorization.indexOf(' ') + 1)));

    if (!isApiMethod(method)) {
        Problem p(405, QStringLiteral("method_not_allowed"), QStringLiteral("This HTTP method is not supported."),
                  QStringLiteral("The API takes GET, POST, PUT, PATCH and DELETE; this request used ") +
                      QString::fromLatin1(method) + QLatin1Char('.'),
                  QStringLiteral("Use one of the methods PLATFORM-API.md lists for this path."));
        finish(exchange, withHeader(ApiResponse::ofProblem(p), "Allow", "GET, POST, PUT, PATCH, DELETE"));
        return;
    }

    const QByteArray body = request.body();
    const qint64 declared = http::headerValue(headers, QByteArrayLiteral("Content-Length")).toLongLong();
    if (body.size() > m_options.maxBodyBytes || declared > m_options.maxBodyBytes) {
        exchange->closeAfter = true; // the rest of an oversized body is not worth reading
        finish(exchange, ApiResponse::ofProblem(http::payloadTooLarge(qMax<qint64>(body.size(), declared),
                                                                      m_options.maxBodyBytes)));
        return;
    }

    auto token = http::bearerToken(headers, path);
    if (!token) {
        finish(exchange, ApiResponse::ofProblem(token.problem()));
        return;
    }

    const RateLimiter::Decision decision = m_limiter.take(*token);
    if (!decision.allowed) {
        Problem p = Problem::tooManyRequests(
            QStringLiteral("Too many requests for this token."),
            QStringLiteral("This server allows ") + QString::number(m_limiter.ratePerSecond()) +
                QStringLiteral(" requests per second per token (bursts of ") + QString::number(m_limiter.burst()) +
                QStringLiteral(")."));
        p.withRemediation(QStringLiteral("Wait for the number of seconds in the Retry-After header, then retry."));
        finish(exchange, withHeader(ApiResponse::ofProblem(p), "Retry-After",
                                    QByteArray::number(decision.retryAfterSeconds)));
        return;
    }

    auto json = http::parseBody(method, headers, body);
    if (!json) {
        finish(exchange, ApiResponse::ofProblem(json.problem()));
        return;
    }

    ApiRequest api;
    api.method = method;
    api.path = path;
    api.query = http::parseQuery(url.query(QUrl::FullyEncoded).toLatin1());
    api.body = *json;
    api.token = *token;

    ++m_pending;
    exchange->dispatched = true;
    QPointer<LocalApiServer> self(this);
    m_dispatcher(api, [self, exchange](ApiResponse response) {
        if (!self)
            return;
        if (QThread::currentThread() != self->thread()) {
            QMetaObject::invokeMethod(
                self.data(), [self, exchange, response]() {
                    if (self)
                        self->finish(exchange, response);
                },
                Qt::QueuedConnection);
            return;
        }
        self->finish(exchange, response);
    });
    if (!exchange->done && m_options.requestTimeoutMs > 0) {
        QTimer::singleShot(m_options.requestTimeoutMs, this, [this, exchange]() {
            if (exchange->done)
                return;
            Problem p = Problem::gatewayTimeout(
                QStringLiteral("The request took too long."),
                QStringLiteral("No answer within ") + QString::number(m_options.requestTimeoutMs) +
                    QStringLiteral(" ms; a late result is discarded."));
            p.withRemediation(QStringLiteral("Retry later; if a provider is slow, check its status with GET /v1/status."));
            finish(exchange, ApiResponse::ofProblem(p));
        });
    }
}

void LocalApiServer::finish(const std::shared_ptr<Exchange>& exchange, const ApiResponse& response)
{
    if (exchange->done)
        return;
    exchange->done = true;
    if (exchange->dispatched)
        --m_pending;

    AccessLogEntry entry = exchange->entry;
    entry.durationMs = exchange->clock.elapsed();
    if (QTcpSocket* socket = exchange->socket.data(); socket && socket->state() == QAbstractSocket::ConnectedState) {
        socket->write(http::serializeResponse(response, exchange->entry.path, exchange->closeAfter));
        if (exchange->closeAfter)
            socket->disconnectFromHost();
        entry.status = response.status;
    } else {
        entry.status = 0;
    }
    if (m_sink)
        m_sink->record(entry);
}

} // namespace pb
