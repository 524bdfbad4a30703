#include "core/Api.h"

#include <QJsonObject>

namespace pb {

namespace {
ApiRequest make(QByteArray method, const QString& path, const QJsonValue& body, const QString& token)
{
    ApiRequest r;
    r.method = std::move(method);
    r.path = path;
    r.body = body;
    r.token = token;
    return r;
}
} // namespace

ApiRequest ApiRequest::get(const QString& path, const QString& token)
{
    return make(QByteArrayLiteral("GET"), path, QJsonValue(QJsonValue::Undefined), token);
}
ApiRequest ApiRequest::post(const QString& path, const QJsonValue& body, const QString& token)
{
    return make(QByteArrayLiteral("POST"), path, body, token);
}
ApiRequest ApiRequest::put(const QString& path, const QJsonValue& body, const QString& token)
{
    return make(QByteArrayLiteral("PUT"), path, body, token);
}
ApiRequest ApiRequest::patch(const QString& path, const QJsonValue& body, const QString& token)
{
    return make(QByteArrayLiteral("PATCH"), path, body, token);
}
ApiRequest ApiRequest::del(const QString& path, const QString& token)
{
    return make(QByteArrayLiteral("DELETE"), path, QJsonValue(QJsonValue::Undefined), token);
}

ApiRequest& ApiRequest::withQuery(const QString& key, const QString& value)
{
    query.append({key, value});
    return *this;
}

QByteArray ApiRequest::header(const QByteArray& name) const
{
    for (const auto& [k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QString ApiRequest::queryValue(const QString& key) const
{
    for (const auto& [k, v] : query)
        if (k == key)
            return v;
    return {};
}

QStringList ApiRequest::queryValues(const QString& key) const
{
    QStringList out;
    for (const auto& [k, v] : query)
        if (k == key)
            out.append(v);
    return out;
}

QJsonValue ApiResponse::result() const
{
    return body.toObject().value(QStringLiteral("result"));
}

Problem ApiResponse::problem() const
{
    return Problem::fromJson(body.toObject());
}

ApiResponse ApiResponse::ofResult(const QJsonValue& result, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonObject{{QStringLiteral("result"), result}};
    return r;
}

ApiResponse ApiResponse::ofResult(const QJsonValue& result, const QString& cursor, int status)
{
    ApiResponse r;
    r.status = status;
    QJsonObject o{{QStringLiteral("result"), result}};
    if (!cursor.isEmpty())
        o.insert(QStringLiteral("cursor"), cursor);
    r.body = o;
    return r;
}

ApiResponse ApiResponse::ofProblem(const Problem& problem)
{
    ApiResponse r;
    r.status = problem.status;
    r.body = problem.toJson();
    return r;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    r.body = QJsonValue(QJsonValue::Undefined);
    return r;
}

} // namespace pb
