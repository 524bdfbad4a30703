#include "HttpTestClient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace pb::test {

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

HttpTestClient::HttpTestClient(QUrl base)
    : m_base(std::move(base))
{
}

QByteArray HttpTestClient::json(const QJsonValue& value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

HttpReply HttpTestClient::send(const QByteArray& method, const QString& pathAndQuery, const QByteArray& body,
                               const QByteArray& contentType, const QList<QPair<QByteArray, QByteArray>>& extraHeaders)
{
    QUrl url = m_base;
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1), QUrl::StrictMode);
    QNetworkRequest request(url);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    for (const auto& [k, v] : extraHeaders)
        request.setRawHeader(k, v);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply* reply = body.isEmpty() && method != "POST" && method != "PUT" && method != "PATCH"
                               ? m_nam->sendCustomRequest(request, method)
                               : m_nam->sendCustomRequest(request, method, body);
    if (m_ignoreTls)
        reply->ignoreSslErrors();
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A safety net so a broken server fails the test instead of hanging it; never reached by a
    // passing run.
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();

    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && out.status == 0)
        out.networkError = reply->errorString();
    const QJsonDocument doc = QJsonDocument::fromJson(out.raw);
    if (doc.isObject())
        out.json = doc.object();
    else if (doc.isArray())
        out.json = doc.array();
    reply->deleteLater();
    return out;
}

} // namespace pb::test
