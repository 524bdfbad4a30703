#pragma once

#include "core/Result.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

class QTcpSocket;

namespace pb {

// The listening socket under the HTTP server. QtHttpServer 6.4 buffers a whole request body
// before handing the request over and has no size limit of its own, so every accepted
// connection gets a byte counter that runs before the HTTP parser sees new data: a connection
// sending far more than the body cap is cut off early instead of filling memory. With a TLS
// configuration the connections are QSslSockets doing the server handshake.
class GuardedTcpServer final : public QTcpServer {
    Q_OBJECT
public:
    // Called with the socket and the bytes received since the last complete request; return
    // false to have the connection answered and closed by the callee.
    using Guard = std::function<bool(QTcpSocket*, qint64 bytesSinceRequest)>;

    GuardedTcpServer(std::optional<QSslConfiguration> tls, Guard guard, QObject* parent = nullptr);

    // A request whose headers and body do not arrive completely within this time has its
    // connection closed (slow or stalled clients would otherwise hold it forever). 0 = none.
    void setReadTimeoutMs(int ms) { m_readTimeoutMs = ms; }

    // The HTTP layer calls this when a request was parsed completely.
    static void requestCompleted(QTcpSocket* socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
    Guard m_guard;
    int m_readTimeoutMs = 0;
};

// A server-side TLS configuration from a PEM certificate (chain) and an unencrypted PEM private
// key (RSA or EC), or a problem saying which file is unusable and why.
Result<QSslConfiguration> loadTlsConfiguration(const QString& certificatePath, const QString& keyPath);

} // namespace pb
