#pragma once

#include "core/Api.h"
#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace pb::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The pieces of an HTTP request the server turns into an ApiRequest. Everything here is pure:
// no socket, no Qt HTTP server type, so the rules are unit-tested directly.

// Query string -> (key, value) pairs in order, repeated keys kept, '+' read as a space and
// percent escapes decoded (so clients that form-encode "not in" as "not+in" work).
QList<QPair<QString, QString>> parseQuery(const QByteArray& rawQuery);

// Case-insensitive header lookup; the first occurrence wins.
QByteArray headerValue(const HeaderList& headers, const QByteArray& name);

// The Connector API's paths (/v1/ticketing, /v1/notifications, /v1/sink) need an Integration
// Access Token; every other /v1 path an Organization Access Token.
bool isConnectorPath(const QString& path);

// The bearer secret of an Authorization header, or a 401 problem naming the token kind the
// endpoint needs when the header is missing or not "Bearer <secret>".
Result<QString> bearerToken(const HeaderList& headers, const QString& path);

// The request body as JSON: Undefined when there is none; 415 when a body comes without a JSON
// content type (PATCH also takes application/json-patch+json); 400 with the parse error offset
// when it is not JSON.
Result<QJsonValue> parseBody(const QByteArray& method, const HeaderList& headers, const QByteArray& body);

// 413 problem for a body over the cap (Content-Length or bytes received).
Problem payloadTooLarge(qint64 size, qint64 cap);

// The serialized HTTP/1.1 response for an ApiResponse: status line, Content-Type
// application/json, Content-Length, the response's own headers (Retry-After, ...), and the body
// (none for 204). A problem body gets `instance` = path when the platform left it empty.
QByteArray serializeResponse(const ApiResponse& response, const QString& path, bool closeConnection);

// Reason phrase for a status code ("Not Found").
QByteArray reasonPhrase(int status);

} // namespace pb::http
