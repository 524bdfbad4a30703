#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace pb::sim {

// One request as a provider simulator sees it: the path below the provider's prefix.
struct SimRequest {
    QByteArray method;
    QString path;     // e.g. "/rest/api/3/issue/DEMO-1" (prefix removed)
    QString fullPath; // e.g. "/jira/rest/api/3/issue/DEMO-1"
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString baseUrl;  // scheme://host:port/prefix as the client addressed it

    QByteArray header(const QByteArray& name) const;
    QString queryValue(const QString& key) const { return query.queryItemValue(key, QUrl::FullyDecoded); }
    QJsonValue json() const;
};

struct SimResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static SimResponse json(int status, const QJsonValue& body);
    static SimResponse text(int status, const QByteArray& body, const QByteArray& type = "text/plain; charset=utf-8");
    static SimResponse empty(int status);
};

QByteArray reasonPhrase(int status);

} // namespace pb::sim
