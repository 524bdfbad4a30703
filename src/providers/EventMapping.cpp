#include "providers/EventMapping.h"

#include "core/Clock.h"

namespace pb::event {

QString time(const QJsonObject& e)
{
    const QDateTime t = parseRfc3339(e.value(QStringLiteral("time")).toString());
    return toRfc3339(t.isValid() ? t : nowUtc());
}

Result<QJsonArray> events(const RunPtr& run)
{
    const QJsonValue body = run->call().params.value(QStringLiteral("body"));
    const QJsonValue events = body.toObject().value(QStringLiteral("events"));
    if (!events.isArray() || events.toArray().isEmpty() || events.toArray().size() > 1000)
        return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter events"),
                       QStringLiteral("The body must be {\"events\": [...]} with 1 to 1000 events."),
                       QStringLiteral("Send between 1 and 1000 events per call."))
            .withParameter(QStringLiteral("events"));
    for (const QJsonValue& e : events.toArray())
        if (!e.isObject())
            return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("Invalid parameter events"),
                           QStringLiteral("Every event must be a JSON object.")).withParameter(QStringLiteral("events"));
    return events.toArray();
}

} // namespace pb::event
