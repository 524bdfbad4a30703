#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

#include <memory>

namespace pb::test {

// What came back from one HTTP call.
struct HttpReply {
    int status = 0;                                 // 0: no HTTP answer (connection error)
    QByteArray raw;                                 // the body as sent
    QJsonValue json;                                // parsed body (Undefined if none or not JSON)
    QList<QPair<QByteArray, QByteArray>> headers;   // response headers
    QString networkError;

    QByteArray header(const QByteArray& name) const;
    QJsonObject object() const { return json.toObject(); }
    QJsonValue result() const { return object().value(QStringLiteral("result")); }
    QString problemType() const { return object().value(QStringLiteral("type")).toString(); }
};

// A blocking HTTP client for tests: each call spins an event loop until the reply finishes (the
// server under test runs in the same thread and answers from that loop).
class HttpTestClient final {
public:
    explicit HttpTestClient(QUrl base);

    void setToken(const QString& token) { m_token = token; }
    void setIgnoreTlsErrors(bool ignore) { m_ignoreTls = ignore; }

    HttpReply get(const QString& pathAndQuery) { return send("GET", pathAndQuery); }
    HttpReply del(const QString& path) { return send("DELETE", path); }
    HttpReply post(const QString& path, const QJsonValue& body) { return send("POST", path, json(body)); }
    HttpReply put(const QString& path, const QJsonValue& body) { return send("PUT", path, json(body)); }
    HttpReply patch(const QString& path, const QJsonValue& body) { return send("PATCH", path, json(body)); }

    // Full control: raw body, content type ("" = none), extra headers, token override.
    HttpReply send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {},
                   const QByteArray& contentType = QByteArrayLiteral("application/json"),
                   const QList<QPair<QByteArray, QByteArray>>& extraHeaders = {});

    static QByteArray json(const QJsonValue& value);

private:
    std::unique_ptr<QNetworkAccessManager> m_nam = std::make_unique<QNetworkAccessManager>();
    QUrl m_base;
    QString m_token;
    bool m_ignoreTls = false;
};

} // namespace pb::test
