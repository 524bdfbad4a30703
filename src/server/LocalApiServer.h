#pragma once

#include "core/Api.h"
#include "core/Result.h"
#include "server/RateLimiter.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

class QHttpServerRequest;
class QTcpSocket;

namespace pb {

class AccessLogSink;

// The Management and Connector APIs over HTTP (PLATFORM-API.md): a thin adapter that turns each
// HTTP request into an ApiRequest, hands it to the platform's dispatch(), and writes the
// ApiResponse back. What only HTTP has lives here: parsing (QtHttpServer), the body cap, the
// request timeout, the per-token rate limit, TLS for non-loopback binds, content types and the
// access log.
//
// Wire it to a Platform with:
//   LocalApiServer server([&platform](const ApiRequest& r, ApiCallback cb) { platform.dispatch(r, std::move(cb)); });
class LocalApiServer final : public QObject {
    Q_OBJECT
public:
    using Dispatcher = std::function<void(const ApiRequest&, ApiCallback)>;

    struct Options {
        QHostAddress address = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0;                  // 0: the system picks a free port (see url())
        bool allowNonLoopback = false;     // any non-loopback address also needs TLS below
        QString tlsCertificatePath;        // PEM certificate (chain) the user provides
        QString tlsKeyPath;                // PEM private key (RSA or EC), unencrypted
        qint64 maxBodyBytes = 1024 * 1024; // larger bodies get 413 payload_too_large
        int requestTimeoutMs = 30000;      // a dispatch slower than this gets 504; 0 = none
        double rateLimitPerSecond = 50;    // per bearer token; 0 = no limit
        double rateLimitBurst = 0;         // bucket size; 0 = twice the rate
    };

    explicit LocalApiServer(Dispatcher dispatcher, QObject* parent = nullptr);
    ~LocalApiServer() override;

    void setOptions(const Options& options); // takes effect at the next start()
    const Options& options() const { return m_options; }

    // Not owned; every answered request is recorded there (may be null).
    void setAccessLogSink(AccessLogSink* sink) { m_sink = sink; }

    // Binds and starts serving. Refuses (and emits error) a non-loopback address without
    // allowNonLoopback and a readable TLS certificate and key, or when the port is taken.
    Status start();
    // Closes the listening socket and every connection; dispatches still running are answered
    // to nobody. Safe to call when not running.
    void stop();

    bool isRunning() const { return m_endpoint != nullptr; }
    QUrl url() const { return m_url; }
    int pendingRequests() const { return m_pending; }

    RateLimiter& rateLimiter() { return m_limiter; }

Q_SIGNALS:
    void started(const QUrl& url);
    void stopped();
    void error(const pb::Problem& problem);

private:
    struct Exchange;
    friend class HttpEndpoint;

    void handle(const QHttpServerRequest& request, QTcpSocket* socket);
    void finish(const std::shared_ptr<Exchange>& exchange, const ApiResponse& response);
    Status fail(const Problem& problem);

    Dispatcher m_dispatcher;
    Options m_options;
    AccessLogSink* m_sink = nullptr;
    RateLimiter m_limiter;
    QObject* m_endpoint = nullptr; // the QAbstractHttpServer; owns the listening sockets
    QUrl m_url;
    int m_pending = 0;
};

} // namespace pb
