#include "server/GuardedTcpServer.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

namespace pb {

namespace {
const char* const BytesProperty = "pb_bytes_since_request";
const QString ReadTimerName = QStringLiteral("pb_read_timer");

Problem tlsProblem(const QString& message, const QString& detail)
{
    return Problem(400, QStringLiteral("tls_configuration_invalid"), message, detail,
                   QStringLiteral("Pass --tls-cert with a PEM certificate and --tls-key with its unencrypted PEM "
                                  "private key (RSA or EC)."));
}
} // namespace

GuardedTcpServer::GuardedTcpServer(std::optional<QSslConfiguration> tls, Guard guard, QObject* parent)
    : QTcpServer(parent)
    , m_tls(std::move(tls))
    , m_guard(std::move(guard))
{
}

void GuardedTcpServer::requestCompleted(QTcpSocket* socket)
{
    socket->setProperty(BytesProperty, qint64(0));
    if (auto* timer = socket->findChild<QTimer*>(ReadTimerName, Qt::FindDirectChildrenOnly))
        timer->stop();
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket* socket = nullptr;
    if (m_tls) {
        auto* ssl = new QSslSocket(this);
        ssl->setSslConfiguration(*m_tls);
        if (!ssl->setSocketDescriptor(socketDescriptor)) {
            delete ssl;
            return;
        }
        ssl->startServerEncryption();
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
    }
    // Connected before the HTTP server's own readyRead handler (which is connected when it takes
    // the pending connection), so the count runs first. QtHttpServer reads everything available
    // on each readyRead, hence bytesAvailable() here is what arrived since the last one.
    QTimer* readTimer = nullptr;
    if (m_readTimeoutMs > 0) {
        readTimer = new QTimer(socket);
        readTimer->setObjectName(ReadTimerName);
        readTimer->setSingleShot(true);
        readTimer->setInterval(m_readTimeoutMs);
        connect(readTimer, &QTimer::timeout, socket, &QTcpSocket::abort);
    }
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, readTimer]() {
        if (readTimer && !readTimer->isActive())
            readTimer->start();
        const qint64 total = socket->property(BytesProperty).toLongLong() + socket->bytesAvailable();
        socket->setProperty(BytesProperty, total);
        if (m_guard && !m_guard(socket, total))
            socket->setProperty(BytesProperty, qint64(0));
    });
    addPendingConnection(socket);
}

Result<QSslConfiguration> loadTlsConfiguration(const QString& certificatePath, const QString& keyPath)
{
    if (!QSslSocket::supportsSsl())
        return tlsProblem(QStringLiteral("TLS is not available."),
                          QStringLiteral("Qt Network found no TLS backend (OpenSSL) on this system."));
    if (certificatePath.isEmpty() || keyPath.isEmpty())
        return tlsProblem(QStringLiteral("A TLS certificate and key are required."),
                          QStringLiteral("Both a certificate file and a private key file must be given."));
    QFile certFile(certificatePath);
    if (!certFile.open(QIODevice::ReadOnly))
        return tlsProblem(QStringLiteral("The TLS certificate cannot be read."),
                          certificatePath + QStringLiteral(": ") + certFile.errorString());
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull())
        return tlsProblem(QStringLiteral("The TLS certificate is not a PEM certificate."), certificatePath);
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return tlsProblem(QStringLiteral("The TLS private key cannot be read."),
                          keyPath + QStringLiteral(": ") + keyFile.errorString());
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        return tlsProblem(QStringLiteral("The TLS private key is not usable."),
                          keyPath + QStringLiteral(" is not an unencrypted PEM RSA or EC private key."));

    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(chain.constFirst());
    if (chain.size() > 1)
        conf.setLocalCertificateChain(chain);
    conf.setPrivateKey(key);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    conf.setPeerVerifyMode(QSslSocket::VerifyNone); // clients authenticate with bearer tokens
    return conf;
}

} // namespace pb
