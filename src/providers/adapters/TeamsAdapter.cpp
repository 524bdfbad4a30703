#include "providers/adapters/TeamsAdapter.h"

namespace pb {

QJsonObject TeamsAdapter::payload(const RunPtr& run, const QJsonObject& m) const
{
    if (config(run, QStringLiteral("card_format"), QStringLiteral("adaptive_card")) != QLatin1String("message_card"))
        return adaptiveCard(m);
    static const QHash<QString, QString> colours{{QStringLiteral("URGENT"), QStringLiteral("C4314B")}, {QStringLiteral("CRITICAL"), QStringLiteral("C4314B")},
                                                 {QStringLiteral("HIGH"), QStringLiteral("E3A21A")}};
    QJsonObject card{{QStringLiteral("@type"), QStringLiteral("MessageCard")},
                     {QStringLiteral("@context"), QStringLiteral("http://schema.org/extensions")},
                     {QStringLiteral("summary"), m.value(QStringLiteral("summary"))},
                     {QStringLiteral("title"), m.value(QStringLiteral("summary"))},
                     {QStringLiteral("themeColor"), colours.value(m.value(QStringLiteral("priority")).toString(), QStringLiteral("0076D7"))}};
    const QString description = m.value(QStringLiteral("description")).toString();
    if (!description.isEmpty())
        card.insert(QStringLiteral("text"), description);
    if (!m.value(QStringLiteral("priority")).toString().isEmpty())
        card.insert(QStringLiteral("sections"), QJsonArray{QJsonObject{{QStringLiteral("facts"), QJsonArray{QJsonObject{
                                                                            {QStringLiteral("name"), QStringLiteral("Priority")},
                                                                            {QStringLiteral("value"), m.value(QStringLiteral("priority"))}}}}}});
    return card;
}

QJsonObject TeamsAdapter::adaptiveCard(const QJsonObject& m)
{
    QJsonArray body{QJsonObject{{QStringLiteral("type"), QStringLiteral("TextBlock")}, {QStringLiteral("text"), m.value(QStringLiteral("summary"))},
                                {QStringLiteral("weight"), QStringLiteral("Bolder")}, {QStringLiteral("size"), QStringLiteral("Medium")},
                                {QStringLiteral("wrap"), true}}};
    const QString description = m.value(QStringLiteral("description")).toString();
    if (!description.isEmpty())
        body.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("TextBlock")}, {QStringLiteral("text"), description}, {QStringLiteral("wrap"), true}});
    if (!m.value(QStringLiteral("priority")).toString().isEmpty())
        body.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("FactSet")},
                                {QStringLiteral("facts"), QJsonArray{QJsonObject{{QStringLiteral("title"), QStringLiteral("Priority")},
                                                                                 {QStringLiteral("value"), m.value(QStringLiteral("priority"))}}}}});
    const QJsonObject card{{QStringLiteral("type"), QStringLiteral("AdaptiveCard")},
                           {QStringLiteral("$schema"), QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json")},
                           {QStringLiteral("version"), QStringLiteral("1.4")},
                           {QStringLiteral("body"), body}};
    return {{QStringLiteral("type"), QStringLiteral("message")},
            {QStringLiteral("attachments"), QJsonArray{QJsonObject{{QStringLiteral("contentType"), QStringLiteral("application/vnd.microsoft.card.adaptive")},
                                                                   {QStringLiteral("content"), card}}}}};
}

bool TeamsAdapter::verifiedBy(const HttpResult& r) const
{
    return r.status == 400;
}

bool TeamsAdapter::accepted(const HttpResult& r) const
{
    return r.body.trimmed() == "1" || r.body.trimmed().isEmpty();
}

} // namespace pb
