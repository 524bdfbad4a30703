#pragma once

#include "core/Problem.h"
#include "providers/OperationCall.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
class QSslError;
class QTimer;
QT_END_NAMESPACE

namespace pb {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP exchange to make, as a value. The limits are per request so each Integration can
// carry its own policy (plain http, pinned certificate, timeout).
struct HttpRequest {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;
    QByteArray body;
    int timeoutMs = 30000;                 // the whole exchange: redirects, retries and waits
    qint64 maxResponseBytes = 4 * 1024 * 1024;
    int maxRedirects = 5;
    int maxRetries = 2;                    // on 429/503 carrying Retry-After
    int maxRetryWaitMs = 5000;             // a longer Retry-After ends in "rate limited"
    bool allowPlainHttp = false;           // http:// to non-loopback hosts
    QByteArray pinnedSha256;               // hex SHA-256 of the accepted server certificate
    QList<QByteArray> secrets;             // values redacted wherever they appear in records
    QList<QByteArray> secretHeaders;       // lower-case names of credential-bearing headers
    bool redactUrlPath = false;            // webhook URLs: the path is the credential
    bool redactResponseBody = false;       // token endpoints: the answer is a credential
};

struct HttpResult {
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QUrl finalUrl;
    std::optional<Problem> problem; // transport failure (policy, timeout, TLS, size, network)
    QList<ExchangeRecord> exchanges;
    int retryAfterSeconds = -1;     // from the last response, when it carried Retry-After

    QByteArray header(const QByteArray& name) const;
};

// A canned answer standing in for the network (parser tests and fuzzing): status, headers, body.
struct CannedResponse {
    int status = 200;
    HeaderList headers;
    QByteArray body;
};
using CannedTransport = std::function<CannedResponse(const HttpRequest&)>;

class HttpClient;

// The handle of one in-flight request. Emits finished exactly once (also after cancel()),
// then deletes itself.
class HttpReply final : public QObject {
    Q_OBJECT
public:
    void cancel();

Q_SIGNALS:
    void finished(const pb::HttpResult& result);

private:
    friend class HttpClient;
    HttpReply(QNetworkAccessManager* nam, HttpRequest request, CannedTransport canned, QObject* parent);
    void answerCanned();
    void start();
    void startAttempt();
    void onReadyRead();
    void onMetaData();
    void onSslErrors(const QList<QSslError>& errors);
    void onEncrypted();
    void onFinished();
    void abortWith(Problem problem);
    void finish(std::optional<Problem> problem);
    bool followRedirect(int status);
    bool scheduleRetry(int status);
    void recordAttempt(int status, const QString& error);

    QNetworkAccessManager* m_nam;
    HttpRequest m_request;
    CannedTransport m_canned;
    QPointer<QNetworkReply> m_reply;
    QTimer* m_deadline;
    QTimer* m_retryTimer;
    QElapsedTimer m_clock;
    QElapsedTimer m_attemptClock;
    ExchangeRecord m_current;
    QByteArray m_buffer;
    HttpResult m_result;
    QByteArray m_peerSha256;
    int m_redirects = 0;
    int m_retries = 0;
    bool m_done = false;
};

// The one owner of the QNetworkAccessManager for provider traffic.
class HttpClient final : public QObject {
    Q_OBJECT
public:
    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    // The reply belongs to the client and deletes itself after finished.
    HttpReply* send(const HttpRequest& request);

    // Refuses schemes other than https, and http to non-loopback hosts unless allowed.
    // Decided on the URL alone: nothing is resolved or sent.
    static std::optional<Problem> checkTransportPolicy(const QUrl& url, bool allowPlainHttp);
    static bool isLoopbackHost(const QString& host);
    // Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); -1 if unparsable.
    static int parseRetryAfter(const QByteArray& value);

    // Test and fuzzing seam: answers every request from `transport` instead of the network
    // (transport policy checks still apply; no redirects or retries). Empty = the network.
    void setCannedTransportForTesting(CannedTransport transport) { m_canned = std::move(transport); }

private:
    QNetworkAccessManager* m_nam;
    CannedTransport m_canned;
};

} // namespace pb
