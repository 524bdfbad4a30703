#pragma once

#include "core/Problem.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace pb {

// One call to the Management or Connector API, exactly as it would arrive over HTTP
// (PLATFORM-API.md). The GUI, the CLI, the local API server and the tests all speak this.
struct ApiRequest {
    QByteArray method = QByteArrayLiteral("GET"); // GET POST PUT PATCH DELETE
    QString path;                                 // e.g. "/v1/accounts/acme"
    QList<QPair<QString, QString>> query;         // repeatable keys: filter, order
    QJsonValue body;                              // Undefined when the request has none
    QString token;                                // bearer secret (never logged)
    // Extra request headers that matter to the API (never Authorization: that is `token`).
    // Patchbay extension: "X-Patchbay-Trace: exchanges" asks the Connector API to add the
    // provider exchanges (secrets redacted) to the response body as "exchanges".
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiRequest get(const QString& path, const QString& token = {});
    static ApiRequest post(const QString& path, const QJsonValue& body, const QString& token = {});
    static ApiRequest put(const QString& path, const QJsonValue& body, const QString& token = {});
    static ApiRequest patch(const QString& path, const QJsonValue& body, const QString& token = {});
    static ApiRequest del(const QString& path, const QString& token = {});
    ApiRequest& withQuery(const QString& key, const QString& value);

    QByteArray header(const QByteArray& name) const; // case-insensitive; empty if absent
    QString queryValue(const QString& key) const;
    QStringList queryValues(const QString& key) const;
};

struct ApiResponse {
    int status = 200;
    QJsonValue body;                                  // {"result": ...} or a problem object
    QList<QPair<QByteArray, QByteArray>> headers;     // e.g. Retry-After

    bool isError() const { return status >= 400; }
    // The "result" member of a success body.
    QJsonValue result() const;
    // The problem of an error body.
    Problem problem() const;

    static ApiResponse ofResult(const QJsonValue& result, int status = 200);
    static ApiResponse ofResult(const QJsonValue& result, const QString& cursor, int status = 200);
    static ApiResponse ofProblem(const Problem& problem);
    static ApiResponse noContent();
};

using ApiCallback = std::function<void(ApiResponse)>;

} // namespace pb
