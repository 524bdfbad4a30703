#include "core/Problem.h"

#include "core/Clock.h"

#include <QStringBuilder>

namespace pb {

Problem::Problem(int status_, QString type_, QString message_, QString detail_, QString remediation_)
    : status(status_)
    , type(std::move(type_))
    , message(std::move(message_))
    , detail(std::move(detail_))
    , remediation(std::move(remediation_))
{
}

Problem& Problem::withParameter(const QString& id, const QString& loc, const QJsonValue& val)
{
    parameter = id;
    location = loc;
    value = val;
    return *this;
}

Problem& Problem::withRemediation(const QString& text)
{
    remediation = text;
    return *this;
}

Problem& Problem::withInstance(const QString& path)
{
    instance = path;
    return *this;
}

QJsonObject Problem::toJson() const
{
    QJsonObject o{{QStringLiteral("status"), status},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("detail"), detail},
                  {QStringLiteral("remediation"), remediation},
                  {QStringLiteral("occurred_at"), toRfc3339(nowUtc())}};
    if (!instance.isEmpty())
        o.insert(QStringLiteral("instance"), instance);
    if (!parameter.isEmpty()) {
        QJsonObject p{{QStringLiteral("id"), parameter}, {QStringLiteral("location"), location}};
        if (!value.isUndefined() && !value.isNull())
            p.insert(QStringLiteral("value"), value);
        o.insert(QStringLiteral("context"), QJsonObject{{QStringLiteral("parameter"), p}});
    }
    return o;
}

Problem Problem::fromJson(const QJsonObject& obj)
{
    Problem p(obj.value(QStringLiteral("status")).toInt(500), obj.value(QStringLiteral("type")).toString(),
              obj.value(QStringLiteral("message")).toString(), obj.value(QStringLiteral("detail")).toString(),
              obj.value(QStringLiteral("remediation")).toString());
    p.instance = obj.value(QStringLiteral("instance")).toString();
    const QJsonObject param =
        obj.value(QStringLiteral("context")).toObject().value(QStringLiteral("parameter")).toObject();
    p.parameter = param.value(QStringLiteral("id")).toString();
    p.location = param.value(QStringLiteral("location")).toString();
    p.value = param.value(QStringLiteral("value"));
    return p;
}

QString Problem::toText() const
{
    QString text = QStringLiteral("error: ") % message % QStringLiteral(" (") % QString::number(status) %
                   QStringLiteral(" ") % type % QStringLiteral(")");
    if (!detail.isEmpty())
        text += QStringLiteral("\n  detail: ") % detail;
    if (!parameter.isEmpty())
        text += QStringLiteral("\n  parameter: ") % parameter %
                (location.isEmpty() ? QString() : QStringLiteral(" (in ") % location % QStringLiteral(")"));
    if (!remediation.isEmpty())
        text += QStringLiteral("\n  what to do: ") % remediation;
    return text;
}

Problem Problem::badRequest(const QString& m, const QString& d) { return {400, QStringLiteral("bad_request"), m, d}; }
Problem Problem::unauthorized(const QString& m, const QString& d) { return {401, QStringLiteral("unauthorized"), m, d}; }
Problem Problem::forbidden(const QString& m, const QString& d) { return {403, QStringLiteral("forbidden"), m, d}; }
Problem Problem::notFound(const QString& m, const QString& d) { return {404, QStringLiteral("not_found"), m, d}; }
Problem Problem::conflict(const QString& m, const QString& d) { return {409, QStringLiteral("conflict"), m, d}; }
Problem Problem::unsupportedMediaType(const QString& m, const QString& d)
{
    return {415, QStringLiteral("unsupported_media_type"), m, d};
}
Problem Problem::tooManyRequests(const QString& m, const QString& d)
{
    return {429, QStringLiteral("too_many_requests"), m, d};
}
Problem Problem::internal(const QString& m, const QString& d) { return {500, QStringLiteral("internal"), m, d}; }
Problem Problem::notImplemented(const QString& m, const QString& d)
{
    return {501, QStringLiteral("not_implemented"), m, d};
}
Problem Problem::badGateway(const QString& m, const QString& d) { return {502, QStringLiteral("bad_gateway"), m, d}; }
Problem Problem::unavailable(const QString& m, const QString& d)
{
    return {503, QStringLiteral("service_unavailable"), m, d};
}
Problem Problem::gatewayTimeout(const QString& m, const QString& d)
{
    return {504, QStringLiteral("gateway_timeout"), m, d};
}

} // namespace pb
