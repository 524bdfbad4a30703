#include "providers/OperationCall.h"

#include "core/Clock.h"

#include <QJsonArray>

namespace pb {

QJsonObject ExchangeRecord::toJson() const
{
    auto headers = [](const QList<QPair<QString, QString>>& list) {
        QJsonArray a;
        for (const auto& [k, v] : list)
            a.append(QJsonArray{k, v});
        return a;
    };
    return {{QStringLiteral("method"), method},
            {QStringLiteral("url"), url},
            {QStringLiteral("request_headers"), headers(requestHeaders)},
            {QStringLiteral("request_body"), requestBodyExcerpt},
            {QStringLiteral("status"), status},
            {QStringLiteral("response_headers"), headers(responseHeaders)},
            {QStringLiteral("response_body"), responseBodyExcerpt},
            {QStringLiteral("started_at"), toRfc3339(startedAt)},
            {QStringLiteral("duration_ms"), durationMs},
            {QStringLiteral("error"), error}};
}

} // namespace pb
