#include "providers/ProviderAdapter.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace pb {

OperationRun::OperationRun(OperationCall call, OperationCallback done, HttpClient* http)
    : m_call(std::move(call))
    , m_doneCb(std::move(done))
    , m_http(http)
{
    m_clock.start();
}

int OperationRun::remainingMs() const
{
    return int(std::max<qint64>(1, m_call.timeoutMs - m_clock.elapsed()));
}

void OperationRun::send(const HttpRequest& request, std::function<void(const HttpResult&)> next)
{
    if (m_done)
        return;
    HttpReply* reply = m_http->send(request);
    auto self = shared_from_this();
    QObject::connect(reply, &HttpReply::finished, m_http, [self, next = std::move(next)](const HttpResult& r) {
        self->m_exchanges += r.exchanges;
        if (r.problem)
            self->fail(*r.problem);
        else
            next(r);
    });
}

void OperationRun::fail(Problem problem)
{
    if (std::exchange(m_done, true))
        return;
    m_doneCb(std::move(problem), m_exchanges);
}

void OperationRun::succeed(const QJsonValue& result, const QString& cursor, int httpStatus)
{
    if (std::exchange(m_done, true))
        return;
    OperationOutcome out;
    out.result = result;
    out.cursor = cursor;
    out.httpStatus = httpStatus;
    out.exchanges = m_exchanges;
    m_doneCb(std::move(out), m_exchanges);
}

HttpRequest ProviderAdapter::makeRequest(const RunPtr& run, const QByteArray& method, const QString& path,
                                         const QList<QPair<QString, QString>>& query) const
{
    const OperationCall& call = run->call();
    HttpRequest req;
    req.method = method;
    QString base = call.config.value(QStringLiteral("url")).toString().trimmed();
    if (base.isEmpty())
        base = defaultBaseUrl();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url(base + path);
    if (!query.isEmpty()) {
        QUrlQuery q(url);
        for (const auto& [k, v] : query)
            q.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
        url.setQuery(q);
    }
    req.url = url;
    req.timeoutMs = run->remainingMs();
    req.maxResponseBytes = call.maxResponseBytes;
    req.allowPlainHttp = call.allowPlainHttp;
    req.pinnedSha256 = call.pinnedSha256;
    req.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    req.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Patchbay/0.1")});
    req.headers += call.extraHeaders;
    for (auto it = call.secrets.cbegin(); it != call.secrets.cend(); ++it)
        if (it.key() != QLatin1String("username") && it.key() != QLatin1String("client_id") &&
            it.key() != QLatin1String("token_url") && it.key() != QLatin1String("certificate"))
            req.secrets.append(it.value());
    return req;
}

void ProviderAdapter::setJsonBody(HttpRequest& req, const QJsonValue& body) const
{
    req.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                              : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
}

QString ProviderAdapter::providerMessage(const HttpResult& result) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        for (const char* key : {"message", "error_description", "error", "detail", "description"}) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (v.isString())
                return v.toString();
            if (v.isObject() && v.toObject().value(QStringLiteral("message")).isString())
                return v.toObject().value(QStringLiteral("message")).toString();
        }
    }
    return QString::fromUtf8(result.body.left(300)).simplified();
}

Problem ProviderAdapter::problemFor(const HttpResult& r) const
{
    const QString msg = providerMessage(r);
    const QString who = providerId();
    const QString detail = msg.isEmpty() ? QStringLiteral("%1 answered HTTP %2.").arg(who).arg(r.status)
                                         : QStringLiteral("%1 answered HTTP %2: %3").arg(who).arg(r.status).arg(msg);
    switch (r.status) {
    case 401:
        return Problem(401, QStringLiteral("authentication_failed"), QStringLiteral("Authentication with the provider failed"),
                       detail, QStringLiteral("Check the Integration's credential (user name, token or secret) and that it is still valid."));
    case 403:
        return Problem(403, QStringLiteral("forbidden"), QStringLiteral("The provider refused access"), detail,
                       QStringLiteral("Grant the credential's account the permission this operation needs."));
    case 404:
        return Problem(404, QStringLiteral("not_found"), QStringLiteral("The provider has no such object"), detail,
                       QStringLiteral("Check the id, and the project or repository configured on the Integration."));
    case 400:
    case 409:
    case 422:
        return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("The provider rejected the request"), detail,
                       QStringLiteral("Correct the request as the provider's message says."));
    case 429: {
        Problem p(429, QStringLiteral("rate_limited"), QStringLiteral("The provider is rate limiting requests"),
                  r.retryAfterSeconds >= 0 ? detail + QStringLiteral(" Retry after %1 seconds.").arg(r.retryAfterSeconds) : detail,
                  QStringLiteral("Wait before retrying; Patchbay already retried within its bounds."));
        if (r.retryAfterSeconds >= 0)
            p.withParameter(QStringLiteral("Retry-After"), QStringLiteral("header"), r.retryAfterSeconds);
        return p;
    }
    case 500:
    case 502:
    case 503:
    case 504: {
        Problem p(503, QStringLiteral("provider_unavailable"), QStringLiteral("The provider is unavailable"), detail,
                  QStringLiteral("Retry later; check the provider's status page."));
        if (r.retryAfterSeconds >= 0)
            p.withParameter(QStringLiteral("Retry-After"), QStringLiteral("header"), r.retryAfterSeconds);
        return p;
    }
    default:
        return Problem(502, QStringLiteral("provider_error"), QStringLiteral("The provider answered with an unexpected status"),
                       detail, QStringLiteral("Check the Integration's URL and the provider's documentation."));
    }
}

Problem ProviderAdapter::malformed(const QString& detail)
{
    return Problem(502, QStringLiteral("malformed_response"), QStringLiteral("The provider's response could not be understood"),
                   detail, QStringLiteral("Check that the Integration's URL points at the provider's API."));
}

Problem ProviderAdapter::unsupported(const OperationCall& call)
{
    return Problem(501, QStringLiteral("operation_not_supported"),
                   QStringLiteral("%1 does not support %2").arg(call.providerId, call.operationId),
                   QStringLiteral("The provider has no equivalent of this operation."),
                   QStringLiteral("Use one of the operations listed for the provider in the catalog."));
}

Problem ProviderAdapter::invalidParam(const QString& name, const QString& detail)
{
    return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter %1").arg(name), detail,
                   QStringLiteral("Correct the parameter and send again."))
        .withParameter(name, name == QLatin1String("body") ? QStringLiteral("body") : QStringLiteral("query"));
}

void ProviderAdapter::sendJson(const RunPtr& run, const HttpRequest& req,
                               std::function<void(const QJsonValue&, const HttpResult&)> next) const
{
    run->send(req, [this, run, req, next = std::move(next)](const HttpResult& r) {
        if (r.status >= 300) {
            run->fail(problemFor(r));
            return;
        }
        if (r.body.trimmed().isEmpty()) {
            // No content is an answer only where the API has nothing to say.
            if (r.status == 204 || r.status == 202 || (req.method != "GET" && req.method != "POST"))
                next(QJsonValue(), r);
            else
                run->fail(malformed(QStringLiteral("HTTP %1 with an empty body where JSON was expected.").arg(r.status)));
            return;
        }
        const QByteArray type = r.header("Content-Type").toLower();
        if (!type.isEmpty() && !type.contains("json")) {
            run->fail(malformed(QStringLiteral("Expected JSON, got Content-Type %1.").arg(QString::fromLatin1(type))));
            return;
        }
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.body, &err);
        if (err.error != QJsonParseError::NoError) {
            run->fail(malformed(QStringLiteral("Invalid JSON at offset %1: %2.").arg(err.offset).arg(err.errorString())));
            return;
        }
        next(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), r);
    });
}

void ProviderAdapter::api(const RunPtr& run, const QByteArray& method, const QString& path,
                          const QList<QPair<QString, QString>>& query, const QJsonValue& body,
                          std::function<void(const QJsonValue&, const HttpResult&)> next) const
{
    if (run->call().credentialType == QLatin1String("o_auth_client") && acceptsOAuthClient() && run->accessToken().isEmpty()) {
        fetchAccessToken(run, [=, this] { api(run, method, path, query, body, next); });
        return;
    }
    HttpRequest req = makeRequest(run, method, path, query);
    if (!body.isUndefined())
        setJsonBody(req, body);
    if (!run->accessToken().isEmpty()) {
        req.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + run->accessToken()});
        req.secrets.append(run->accessToken());
    } else if (Status s = applyAuth(req, run->call()); !s) {
        run->fail(s.problem());
        return;
    }
    sendJson(run, req, std::move(next));
}

void ProviderAdapter::fetchAccessToken(const RunPtr& run, std::function<void()> next) const
{
    const OperationCall& call = run->call();
    HttpRequest req = makeRequest(run, "POST", QString());
    req.url = QUrl(QString::fromUtf8(call.secrets.value(QStringLiteral("token_url"))));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(call.secrets.value(QStringLiteral("client_id"))))));
    form.addQueryItem(QStringLiteral("client_secret"), QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(call.secrets.value(QStringLiteral("client_secret"))))));
    req.body = form.toString(QUrl::FullyEncoded).toUtf8();
    req.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    req.redactResponseBody = true; // it carries the access token
    sendJson(run, req, [run, next = std::move(next)](const QJsonValue& v, const HttpResult&) {
        const QByteArray token = v.toObject().value(QStringLiteral("access_token")).toString().toUtf8();
        if (token.isEmpty()) {
            run->fail(malformed(QStringLiteral("The token endpoint answered no access_token.")));
            return;
        }
        run->setAccessToken(token);
        next();
    });
}

QString ProviderAdapter::enc(const QString& pathSegment)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(pathSegment));
}

QString ProviderAdapter::baseUrl(const RunPtr& run)
{
    QString base = run->call().config.value(QStringLiteral("url")).toString().trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

std::optional<QString> ProviderAdapter::requireParam(const RunPtr& run, const QString& name)
{
    const QJsonValue v = run->call().params.value(name);
    QString s = v.isDouble() ? QString::number(v.toInteger()) : v.toString();
    if (s.trimmed().isEmpty()) {
        run->fail(invalidParam(name, QStringLiteral("%1 is required.").arg(name)).withParameter(name, QStringLiteral("path")));
        return std::nullopt;
    }
    return s.trimmed();
}

std::optional<QJsonObject> ProviderAdapter::requireBody(const RunPtr& run)
{
    const QJsonValue v = run->call().params.value(QStringLiteral("body"));
    if (!v.isObject()) {
        run->fail(invalidParam(QStringLiteral("body"), QStringLiteral("A JSON object body is required.")));
        return std::nullopt;
    }
    return v.toObject();
}

QString ProviderAdapter::config(const RunPtr& run, const QString& key, const QString& fallback)
{
    const QJsonValue v = run->call().config.value(key);
    const QString s = v.isDouble() ? QString::number(v.toInteger()) : v.toString();
    return s.isEmpty() ? fallback : s;
}

int ProviderAdapter::limitParam(const RunPtr& run, int fallback, int max)
{
    const QJsonValue v = run->call().params.value(QStringLiteral("limit"));
    int n = v.isString() ? v.toString().toInt() : v.toInt(fallback);
    if (n <= 0)
        n = fallback;
    return std::min(n, max);
}

QList<FilterTerm> ProviderAdapter::filters(const RunPtr& run)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z_.]+)\\[([a-z ]+)\\](.*)$"));
    QStringList raw;
    const QJsonValue v = run->call().params.value(QStringLiteral("filter"));
    if (v.isString())
        raw << v.toString();
    for (const QJsonValue& e : v.toArray())
        raw << e.toString();
    QList<FilterTerm> out;
    for (const QString& f : raw) {
        const auto m = re.match(f.trimmed());
        if (m.hasMatch())
            out.append({m.captured(1), m.captured(2), m.captured(3).trimmed()});
        else if (!f.trimmed().isEmpty())
            out.append({QString(), QString(), f.trimmed()}); // free text
    }
    return out;
}

Result<QJsonObject> ProviderAdapter::patchChanges(const QJsonValue& patch)
{
    if (!patch.isArray())
        return invalidParam(QStringLiteral("body"), QStringLiteral("A JSON Patch array (RFC 6902) is required."));
    QJsonObject changes;
    for (const QJsonValue& opv : patch.toArray()) {
        const QJsonObject op = opv.toObject();
        const QString kind = op.value(QStringLiteral("op")).toString();
        const QString path = op.value(QStringLiteral("path")).toString();
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty())
            return invalidParam(QStringLiteral("body"), QStringLiteral("Patch path \"%1\" names no field.").arg(path));
        if (kind == QLatin1String("replace") || (kind == QLatin1String("add") && parts.size() == 1)) {
            changes.insert(parts.first(), op.value(QStringLiteral("value")));
        } else if (kind == QLatin1String("add") && parts.size() == 2 && parts.first() == QLatin1String("tags")) {
            QJsonArray add = changes.value(QStringLiteral("+tags")).toArray();
            add.append(op.value(QStringLiteral("value")));
            changes.insert(QStringLiteral("+tags"), add);
        } else if (kind == QLatin1String("remove") && parts.size() == 1) {
            changes.insert(parts.first(), QJsonValue::Null);
        } else if (kind == QLatin1String("test")) {
            continue;
        } else {
            return invalidParam(QStringLiteral("body"),
                                QStringLiteral("Unsupported patch operation %1 on %2.").arg(kind, path));
        }
    }
    return changes;
}

QString ProviderAdapter::secret(const OperationCall& call, const char* field)
{
    return QString::fromUtf8(call.secrets.value(QLatin1String(field)));
}

Status ProviderAdapter::requireCredential(const OperationCall& call, std::initializer_list<const char*> types)
{
    QStringList names;
    for (const char* t : types) {
        if (call.credentialType == QLatin1String(t))
            return {};
        names << QLatin1String(t);
    }
    return Problem(400, QStringLiteral("unsupported_credential"),
                   QStringLiteral("%1 does not accept a %2 credential").arg(call.providerId, call.credentialType),
                   QStringLiteral("Accepted credential types: %1.").arg(names.join(QStringLiteral(", "))),
                   QStringLiteral("Attach a credential of an accepted type to the Integration."));
}

} // namespace pb
