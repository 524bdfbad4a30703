#include "providers/NotificationMapping.h"

#include "core/Clock.h"
#include "providers/TicketMapping.h"

namespace pb::notification {

QString Message::text() const
{
    QString t = priority.isEmpty() ? summary : QLatin1Char('[') + priority + QStringLiteral("] ") + summary;
    if (!description.isEmpty())
        t += QLatin1Char('\n') + description;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        t += QLatin1Char('\n') + it.key() + QStringLiteral(": ") + it.value().toString();
    if (!link.isEmpty())
        t += QLatin1Char('\n') + link;
    return t;
}

QJsonObject Message::toJson(const QString& id) const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("summary"), summary}, {QStringLiteral("created_at"), toRfc3339(nowUtc())}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    if (!priority.isEmpty())
        o.insert(QStringLiteral("priority"), priority);
    if (!channel.isEmpty())
        o.insert(QStringLiteral("channel"), channel);
    return o;
}

Result<Message> parse(const QJsonValue& body)
{
    const QJsonObject o = body.toObject();
    Message m;
    m.summary = o.value(QStringLiteral("summary")).toString().trimmed();
    m.description = o.value(QStringLiteral("description")).toString();
    m.priority = o.value(QStringLiteral("priority")).toString().toUpper();
    m.channel = o.value(QStringLiteral("channel")).toString();
    m.link = o.value(QStringLiteral("link")).toString();
    m.fields = o.value(QStringLiteral("fields")).toObject();
    if (!body.isObject() || m.summary.isEmpty())
        return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter summary"),
                       QStringLiteral("A message needs a non-empty summary."), QStringLiteral("Send {\"summary\": \"…\"}."))
            .withParameter(QStringLiteral("summary"));
    if (!m.priority.isEmpty() && !ticket::priorities().contains(m.priority))
        return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter priority"),
                       QStringLiteral("Priority must be one of %1.").arg(ticket::priorities().join(QStringLiteral(", "))))
            .withParameter(QStringLiteral("priority"));
    return m;
}

} // namespace pb::notification
