#include "providers/HttpClient.h"

#include "core/Clock.h"
#include "providers/Redactor.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

namespace pb {

namespace {

QString origin(const QUrl& u)
{
    return u.scheme().toLower() + QStringLiteral("://") + u.host().toLower() + QLatin1Char(':') +
           QString::number(u.port(u.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80));
}

QByteArray normalizedPin(QByteArray pin)
{
    return pin.replace(':', QByteArray()).replace(' ', QByteArray()).toLower();
}

Problem timeoutProblem(int timeoutMs, const QUrl& url)
{
    return Problem(504, QStringLiteral("provider_timeout"),
                   QStringLiteral("The provider did not answer within %1 ms").arg(timeoutMs),
                   QStringLiteral("No complete response from %1 before the deadline.").arg(url.host()),
                   QStringLiteral("Check that the provider is reachable, or raise the timeout."));
}

Problem networkProblem(QNetworkReply::NetworkError error, const QString& text, const QUrl& url)
{
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError:
        return Problem(502, QStringLiteral("tls_error"), QStringLiteral("The provider's TLS certificate was refused"),
                       text, QStringLiteral("Install a certificate trusted by the system, or pin the server "
                                            "certificate's SHA-256 fingerprint on the Integration."));
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        return Problem(503, QStringLiteral("provider_unavailable"),
                       QStringLiteral("Could not connect to %1").arg(url.host()), text,
                       QStringLiteral("Check the Integration's URL and that the provider is running."));
    default:
        return Problem(502, QStringLiteral("provider_connection_failed"),
                       QStringLiteral("The connection to %1 failed").arg(url.host()), text,
                       QStringLiteral("Retry later; if it persists, check the provider and the network."));
    }
}

} // namespace

QByteArray HttpResult::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setAutoDeleteReplies(false);
}

HttpClient::~HttpClient() = default;

HttpReply* HttpClient::send(const HttpRequest& request)
{
    auto* reply = new HttpReply(m_nam, request, m_canned, this);
    // Start on the next turn of the event loop so callers can connect to finished first.
    QTimer::singleShot(0, reply, &HttpReply::start);
    return reply;
}

bool HttpClient::isLoopbackHost(const QString& host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    QHostAddress addr;
    return addr.setAddress(h) && addr.isLoopback();
}

std::optional<Problem> HttpClient::checkTransportPolicy(const QUrl& url, bool allowPlainHttp)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return Problem(400, QStringLiteral("invalid_provider_url"), QStringLiteral("The provider URL is not usable"),
                       QStringLiteral("Only absolute http(s) URLs with a host are accepted; got \"%1\".")
                           .arg(url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo)),
                       QStringLiteral("Set the Integration's url to the provider's https:// base URL."));
    if (!url.userInfo().isEmpty())
        return Problem(400, QStringLiteral("invalid_provider_url"), QStringLiteral("The provider URL carries user information"),
                       QStringLiteral("Credentials in a URL (user:password@host) are not accepted; they would bypass redaction."),
                       QStringLiteral("Remove them from the URL and attach a credential to the Integration."));
    if (scheme == QLatin1String("http") && !allowPlainHttp && !isLoopbackHost(url.host()))
        return Problem(400, QStringLiteral("insecure_transport_refused"),
                       QStringLiteral("Plain http:// to %1 is refused").arg(url.host()),
                       QStringLiteral("Credentials would travel unencrypted; plain http is allowed only to loopback "
                                      "addresses. No connection was made."),
                       QStringLiteral("Use https://, or allow plain HTTP in the Integration Point."));
    return std::nullopt;
}

int HttpClient::parseRetryAfter(const QByteArray& value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const int seconds = v.toInt(&ok);
    if (ok)
        return seconds < 0 ? -1 : seconds;
    // HTTP-date (RFC 9110 IMF-fixdate), e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeSpec(Qt::UTC);
    return int(std::max<qint64>(0, nowUtc().secsTo(when)));
}

HttpReply::HttpReply(QNetworkAccessManager* nam, HttpRequest request, CannedTransport canned, QObject* parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(std::move(request))
    , m_canned(std::move(canned))
    , m_deadline(new QTimer(this))
    , m_retryTimer(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    m_retryTimer->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this,
            [this] { abortWith(timeoutProblem(m_request.timeoutMs, m_request.url)); });
    connect(m_retryTimer, &QTimer::timeout, this, &HttpReply::startAttempt);
}

void HttpReply::cancel()
{
    abortWith(Problem(499, QStringLiteral("cancelled"), QStringLiteral("The request was cancelled"),
                      QStringLiteral("Cancelled before the provider answered.")));
}

void HttpReply::start()
{
    if (m_done)
        return;
    m_clock.start();
    m_deadline->start(std::max(1, m_request.timeoutMs));
    if (m_canned)
        answerCanned();
    else
        startAttempt();
}

void HttpReply::answerCanned()
{
    if (auto p = HttpClient::checkTransportPolicy(m_request.url, m_request.allowPlainHttp)) {
        finish(*p);
        return;
    }
    const Redactor redactor(m_request.secrets, m_request.secretHeaders, m_request.redactUrlPath);
    const CannedResponse canned = m_canned(m_request);
    m_current = ExchangeRecord{};
    m_current.method = QString::fromLatin1(m_request.method);
    m_current.url = redactor.url(m_request.url);
    m_current.startedAt = nowUtc();
    for (const auto& [k, v] : m_request.headers)
        m_current.requestHeaders.append({QString::fromLatin1(k), redactor.headerValue(k, v)});
    m_current.requestBodyExcerpt = redactor.text(m_request.body);
    for (const auto& [k, v] : canned.headers)
        m_current.responseHeaders.append({QString::fromLatin1(k), redactor.headerValue(k, v)});
    m_current.responseBodyExcerpt = redactor.text(canned.body);
    m_current.status = canned.status;
    m_result.exchanges.append(m_current);
    if (canned.body.size() > m_request.maxResponseBytes) {
        finish(Problem(502, QStringLiteral("response_too_large"),
                       QStringLiteral("The provider's response exceeds %1 bytes").arg(m_request.maxResponseBytes)));
        return;
    }
    m_result.status = canned.status;
    m_result.headers = canned.headers;
    m_result.body = canned.body;
    m_result.retryAfterSeconds = HttpClient::parseRetryAfter(m_result.header("Retry-After"));
    finish(std::nullopt);
}

void HttpReply::startAttempt()
{
    if (m_done)
        return;
    if (auto p = HttpClient::checkTransportPolicy(m_request.url, m_request.allowPlainHttp)) {
        finish(*p);
        return;
    }
    const Redactor redactor(m_request.secrets, m_request.secretHeaders, m_request.redactUrlPath);
    QNetworkRequest req(m_request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    req.setSslConfiguration(ssl);

    m_current = ExchangeRecord{};
    m_current.method = QString::fromLatin1(m_request.method);
    m_current.url = redactor.url(m_request.url);
    m_current.startedAt = nowUtc();
    for (const auto& [k, v] : m_request.headers) {
        req.setRawHeader(k, v);
        m_current.requestHeaders.append({QString::fromLatin1(k), redactor.headerValue(k, v)});
    }
    m_current.requestBodyExcerpt = redactor.text(m_request.body);
    m_buffer.clear();
    m_peerSha256.clear();
    m_attemptClock.start();

    m_reply = m_nam->sendCustomRequest(req, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpReply::onReadyRead);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpReply::onMetaData);
    connect(m_reply, &QNetworkReply::sslErrors, this, &HttpReply::onSslErrors);
    connect(m_reply, &QNetworkReply::encrypted, this, &HttpReply::onEncrypted);
    connect(m_reply, &QNetworkReply::finished, this, &HttpReply::onFinished);
}

void HttpReply::onMetaData()
{
    if (!m_reply)
        return;
    const QVariant len = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (len.isValid() && len.toLongLong() > m_request.maxResponseBytes)
        abortWith(Problem(502, QStringLiteral("response_too_large"),
                          QStringLiteral("The provider's response exceeds %1 bytes").arg(m_request.maxResponseBytes),
                          QStringLiteral("Announced Content-Length %1; the transfer was stopped.").arg(len.toLongLong()),
                          QStringLiteral("Ask for smaller pages (limit), or check the provider URL.")));
}

void HttpReply::onReadyRead()
{
    if (!m_reply)
        return;
    m_buffer += m_reply->readAll();
    if (m_buffer.size() > m_request.maxResponseBytes)
        abortWith(Problem(502, QStringLiteral("response_too_large"),
                          QStringLiteral("The provider's response exceeds %1 bytes").arg(m_request.maxResponseBytes),
                          QStringLiteral("The transfer was stopped after %1 bytes.").arg(m_buffer.size()),
                          QStringLiteral("Ask for smaller pages (limit), or check the provider URL.")));
}

static QByteArray certDigest(const QSslCertificate& cert)
{
    return cert.isNull() ? QByteArray() : cert.digest(QCryptographicHash::Sha256).toHex();
}

void HttpReply::onSslErrors(const QList<QSslError>& errors)
{
    if (!m_reply)
        return;
    QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    m_peerSha256 = certDigest(peer);
    const QByteArray pin = normalizedPin(m_request.pinnedSha256);
    // Exactly the pinned certificate is accepted; anything else keeps the verification failure.
    if (!pin.isEmpty() && m_peerSha256 == pin)
        m_reply->ignoreSslErrors(errors);
}

void HttpReply::onEncrypted()
{
    if (!m_reply)
        return;
    const QByteArray pin = normalizedPin(m_request.pinnedSha256);
    const QByteArray peer = certDigest(m_reply->sslConfiguration().peerCertificate());
    if (!pin.isEmpty() && peer != pin)
        abortWith(Problem(502, QStringLiteral("tls_error"),
                          QStringLiteral("The provider's certificate does not match the pinned fingerprint"),
                          QStringLiteral("Pinned %1, server presented %2.").arg(QString::fromLatin1(pin), QString::fromLatin1(peer)),
                          QStringLiteral("Update the pinned fingerprint if the server's certificate was renewed.")));
}

void HttpReply::recordAttempt(int status, const QString& error)
{
    const Redactor redactor(m_request.secrets, m_request.secretHeaders, m_request.redactUrlPath);
    m_current.status = status;
    m_current.error = redactor.text(error.toUtf8());
    m_current.durationMs = m_attemptClock.elapsed();
    if (m_reply) {
        for (const auto& [k, v] : m_reply->rawHeaderPairs())
            m_current.responseHeaders.append({QString::fromLatin1(k), redactor.headerValue(k, v)});
    }
    m_current.responseBodyExcerpt = m_request.redactResponseBody ? Redactor::mask() : redactor.text(m_buffer);
    m_result.exchanges.append(m_current);
}

void HttpReply::abortWith(Problem problem)
{
    if (m_done)
        return;
    m_retryTimer->stop();
    if (QNetworkReply* reply = m_reply) {
        // Detach first so the reply's own finished signal cannot race this ending.
        disconnect(reply, nullptr, this, nullptr);
        m_buffer += reply->bytesAvailable() > 0 ? reply->read(qMax<qint64>(0, m_request.maxResponseBytes)) : QByteArray();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->abort();
        recordAttempt(status, problem.message);
        reply->deleteLater();
        m_reply.clear();
    }
    finish(std::move(problem));
}

void HttpReply::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    m_buffer += reply->readAll();
    if (m_buffer.size() > m_request.maxResponseBytes) {
        abortWith(Problem(502, QStringLiteral("response_too_large"),
                          QStringLiteral("The provider's response exceeds %1 bytes").arg(m_request.maxResponseBytes)));
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    const bool transportError = status == 0 || (error > QNetworkReply::NoError && error < 200);
    recordAttempt(status, transportError ? reply->errorString() : QString());
    if (transportError) {
        Problem p = networkProblem(error, reply->errorString(), m_request.url);
        if (error == QNetworkReply::SslHandshakeFailedError && !m_peerSha256.isEmpty())
            p.detail += QStringLiteral(" Server certificate SHA-256: %1.").arg(QString::fromLatin1(m_peerSha256));
        m_reply.clear();
        finish(p);
        return;
    }
    m_result.status = status;
    m_result.headers = reply->rawHeaderPairs();
    m_result.body = m_buffer;
    m_result.finalUrl = m_request.url;
    m_result.retryAfterSeconds = HttpClient::parseRetryAfter(m_result.header("Retry-After"));
    m_reply.clear();
    if (followRedirect(status) || scheduleRetry(status))
        return;
    finish(std::nullopt);
}

bool HttpReply::followRedirect(int status)
{
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
        return false;
    const QByteArray location = m_result.header("Location");
    if (location.isEmpty())
        return false;
    if (++m_redirects > m_request.maxRedirects) {
        finish(Problem(502, QStringLiteral("too_many_redirects"), QStringLiteral("The provider redirected too often"),
                       QStringLiteral("More than %1 redirects.").arg(m_request.maxRedirects)));
        return true;
    }
    const QUrl next = m_request.url.resolved(QUrl::fromEncoded(location));
    if (m_request.url.scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https")) {
        finish(Problem(502, QStringLiteral("redirect_refused"), QStringLiteral("A redirect from https to %1 was refused")
                                                                    .arg(next.scheme())));
        return true;
    }
    const bool keepsBody = status == 307 || status == 308;
    if (origin(next) != origin(m_request.url) && keepsBody) {
        // A replayed body carrying a secret (an OAuth client secret, a token) would leak it.
        for (const QByteArray& s : std::as_const(m_request.secrets)) {
            if (s.size() >= 4 && (m_request.body.contains(s) || m_request.body.contains(s.toPercentEncoding()))) {
                finish(Problem(502, QStringLiteral("redirect_refused"),
                               QStringLiteral("A redirect to another host was refused"),
                               QStringLiteral("The request body carries a credential and the provider redirected it to %1.").arg(next.host()),
                               QStringLiteral("Check the Integration's URL: it should name the provider's API host directly.")));
                return true;
            }
        }
    }
    if (origin(next) != origin(m_request.url)) {
        // A webhook's URL is its credential, and a Location may echo a secret: a redirect that
        // would carry one to another origin is refused rather than followed.
        bool urlCarriesSecret = m_request.redactUrlPath;
        const QByteArray target = next.toEncoded();
        for (const QByteArray& s : std::as_const(m_request.secrets))
            if (s.size() >= 4 && (target.contains(s) || target.contains(s.toPercentEncoding())))
                urlCarriesSecret = true;
        if (urlCarriesSecret) {
            finish(Problem(502, QStringLiteral("redirect_refused"), QStringLiteral("A redirect to another host was refused"),
                           QStringLiteral("The request URL carries a credential and the provider redirected it to %1.").arg(next.host()),
                           QStringLiteral("Check the webhook URL: it should be the one the provider issued, not a forwarding address.")));
            return true;
        }
        // Credentials belong to the origin they were configured for: never forward them.
        const Redactor redactor(m_request.secrets, m_request.secretHeaders, false);
        HeaderList kept;
        for (const auto& h : m_request.headers)
            if (!redactor.isSecretHeader(h.first))
                kept.append(h);
        m_request.headers = kept;
    }
    if (status == 303 || ((status == 301 || status == 302) && m_request.method == "POST")) {
        m_request.method = QByteArrayLiteral("GET");
        m_request.body.clear();
    }
    m_request.url = next;
    startAttempt();
    return true;
}

bool HttpReply::scheduleRetry(int status)
{
    if ((status != 429 && status != 503) || m_retries >= m_request.maxRetries || m_result.retryAfterSeconds < 0)
        return false;
    const qint64 waitMs = qint64(m_result.retryAfterSeconds) * 1000;
    if (waitMs > m_request.maxRetryWaitMs || m_clock.elapsed() + waitMs >= m_request.timeoutMs)
        return false;
    ++m_retries;
    m_retryTimer->start(int(waitMs));
    return true;
}

void HttpReply::finish(std::optional<Problem> problem)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline->stop();
    m_retryTimer->stop();
    m_result.problem = std::move(problem);
    if (m_result.finalUrl.isEmpty())
        m_result.finalUrl = m_request.url;
    Q_EMIT finished(m_result);
    deleteLater();
}

} // namespace pb
