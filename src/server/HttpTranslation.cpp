#include "server/HttpTranslation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>

namespace pb::http {

QList<QPair<QString, QString>> parseQuery(const QByteArray& rawQuery)
{
    QList<QPair<QString, QString>> out;
    const QList<QByteArray> pairs = rawQuery.split('&');
    for (const QByteArray& pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        out.append({QUrl::fromPercentEncoding(key), QUrl::fromPercentEncoding(value)});
    }
    return out;
}

QByteArray headerValue(const HeaderList& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    return {};
}

bool isConnectorPath(const QString& path)
{
    static const QString prefixes[] = {QStringLiteral("/v1/ticketing"), QStringLiteral("/v1/notifications"),
                                       QStringLiteral("/v1/sink")};
    for (const QString& prefix : prefixes)
        if (path == prefix || path.startsWith(prefix + QLatin1Char('/')))
            return true;
    return false;
}

Result<QString> bearerToken(const HeaderList& headers, const QString& path)
{
    const QByteArray header = headerValue(headers, QByteArrayLiteral("Authorization"));
    const bool connector = isConnectorPath(path);
    const QString needs = connector ? QStringLiteral("an Integration Access Token (pbi_…)")
                                    : QStringLiteral("an Organization Access Token (pbo_…)");
    const QString api = connector ? QStringLiteral("The Connector API") : QStringLiteral("The Management API");
    const QString remediation =
        connector ? QStringLiteral("Send \"Authorization: Bearer <integration access token>\"; issue one with "
                                   "POST /v1/tokens/{accountId}/{integrationId}.")
                  : QStringLiteral("Send \"Authorization: Bearer <organization access token>\"; the workspace's "
                                   "first one is printed by `patchbay-cli init`.");
    if (header.isEmpty()) {
        return Problem(401, QStringLiteral("missing_token"), QStringLiteral("This endpoint needs a bearer token."),
                       api + QStringLiteral(" needs ") + needs + QStringLiteral(" in the Authorization header."),
                       remediation)
            .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"))
            .withInstance(path);
    }
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = space < 0 ? header : header.left(space);
    const QString secret = space < 0 ? QString() : QString::fromUtf8(header.mid(space + 1).trimmed());
    if (scheme.compare(QByteArrayLiteral("Bearer"), Qt::CaseInsensitive) != 0 || secret.isEmpty()) {
        // Never echo the header: it may hold a password.
        return Problem(401, QStringLiteral("missing_token"),
                       QStringLiteral("The Authorization header is not a bearer token."),
                       api + QStringLiteral(" needs ") + needs + QStringLiteral(" as \"Bearer <token>\"."),
                       remediation)
            .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"))
            .withInstance(path);
    }
    return secret;
}

Result<QJsonValue> parseBody(const QByteArray& method, const HeaderList& headers, const QByteArray& body)
{
    if (body.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray contentType = headerValue(headers, QByteArrayLiteral("Content-Type"));
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    const bool json = mediaType == QByteArrayLiteral("application/json");
    const bool jsonPatch = mediaType == QByteArrayLiteral("application/json-patch+json") &&
                           method == QByteArrayLiteral("PATCH");
    if (!json && !jsonPatch) {
        const QString accepted = method == QByteArrayLiteral("PATCH")
                                     ? QStringLiteral("application/json or application/json-patch+json")
                                     : QStringLiteral("application/json");
        return Problem::unsupportedMediaType(
                   QStringLiteral("The request body must be JSON."),
                   (mediaType.isEmpty() ? QStringLiteral("The request has a body but no Content-Type.")
                                        : QStringLiteral("Content-Type \"") + QString::fromLatin1(mediaType) +
                                              QStringLiteral("\" is not accepted.")) +
                       QStringLiteral(" This endpoint takes ") + accepted + QLatin1Char('.'))
            .withRemediation(QStringLiteral("Send the body as JSON with \"Content-Type: ") + accepted.section(
                                 QLatin1Char(' '), 0, 0) + QStringLiteral("\"."))
            .withParameter(QStringLiteral("Content-Type"), QStringLiteral("header"),
                           QString::fromLatin1(mediaType));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || doc.isNull()) {
        return Problem(400, QStringLiteral("malformed_json"), QStringLiteral("The request body is not valid JSON."),
                       QStringLiteral("JSON parse error at offset ") + QString::number(error.offset) +
                           QStringLiteral(": ") + error.errorString() + QLatin1Char('.'),
                       QStringLiteral("Send a JSON object (or, for PATCH, a JSON Patch array)."))
            .withParameter(QStringLiteral("body"), QStringLiteral("body"), static_cast<int>(error.offset));
    }
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

Problem payloadTooLarge(qint64 size, qint64 cap)
{
    return Problem(413, QStringLiteral("payload_too_large"), QStringLiteral("The request body is too large."),
                   QStringLiteral("The body has ") + QString::number(size) +
                       QStringLiteral(" bytes; this server accepts at most ") + QString::number(cap) +
                       QStringLiteral(" bytes."),
                   QStringLiteral("Send a smaller body (split batches), or start the server with a larger "
                                  "--max-body."))
        .withParameter(QStringLiteral("body"), QStringLiteral("body"));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Payload Too Large");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 422: return QByteArrayLiteral("Unprocessable Entity");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    default: return status < 400 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Error");
    }
}

QByteArray serializeResponse(const ApiResponse& response, const QString& path, bool closeConnection)
{
    int status = response.status;
    if (status < 100 || status > 599)
        status = 500;
    QByteArray body;
    if (status != 204 && !response.body.isUndefined()) {
        QJsonValue value = response.body;
        if (status >= 400 && value.isObject()) {
            QJsonObject problem = value.toObject();
            if (problem.value(QStringLiteral("instance")).toString().isEmpty()) {
                problem.insert(QStringLiteral("instance"), path);
                value = problem;
            }
        }
        body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                               : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    }
    QByteArray out;
    out.reserve(body.size() + 256);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (status != 204) {
        out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    // Token secrets travel in these bodies: keep them out of every cache.
    out += "Cache-Control: no-store\r\n";
    out += "X-Content-Type-Options: nosniff\r\n";
    for (const auto& [key, value] : response.headers) {
        // Header injection guard: a value from below never gets to start a new header line.
        if (key.contains('\r') || key.contains('\n') || value.contains('\r') || value.contains('\n'))
            continue;
        out += key + ": " + value + "\r\n";
    }
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace pb::http
