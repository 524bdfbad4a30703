#include "providers/TicketMapping.h"

namespace pb::ticket {

const QStringList& priorities()
{
    static const QStringList p{QStringLiteral("URGENT"), QStringLiteral("CRITICAL"), QStringLiteral("HIGH"),
                               QStringLiteral("MEDIUM"), QStringLiteral("MODERATE"), QStringLiteral("LOW"),
                               QStringLiteral("PLANNING")};
    return p;
}

QJsonObject unmapped(const QJsonObject& provider, const QStringList& mapped)
{
    QJsonObject out;
    for (auto it = provider.begin(); it != provider.end(); ++it)
        if (!mapped.contains(it.key()) && !it.value().isNull())
            out.insert(it.key(), it.value());
    return out;
}

QJsonObject skeleton()
{
    QJsonObject t;
    for (const char* k : {"id", "name", "summary", "description", "creator", "assignee", "contact", "priority", "status",
                          "project", "issue_type", "parent", "due_date", "completion_date", "created_at", "updated_at", "url"})
        t.insert(QLatin1String(k), QJsonValue::Null);
    t.insert(QStringLiteral("tags"), QJsonArray());
    t.insert(QStringLiteral("custom_fields"), QJsonObject());
    t.insert(QStringLiteral("unmapped"), QJsonObject());
    return t;
}

} // namespace pb::ticket
