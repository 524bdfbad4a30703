#pragma once

#include "core/Api.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace pb {

struct OperationSpec;

// What the console sends: one catalog operation with its path and query parameters and body.
// Plain data, so the form, the raw JSON editor, history re-runs and "Copy as curl" share it.
// Its JSON form (the raw editor's text) is
//   {"operation": "ticketing_get_ticket", "path": {"ticketId": "OPS-1"},
//    "query": {"limit": "5", "filter": ["status[eq]open"]}, "body": {...}}
struct ConsoleRequest {
    QString operationId;
    QJsonObject pathParams;               // name -> string
    QList<QPair<QString, QString>> query; // repeatable keys (filter)
    QJsonValue body = QJsonValue::Undefined;

    QJsonObject toJson() const;
    static Result<ConsoleRequest> fromJson(const QJsonObject& json);

    // The Connector API path with the path parameters filled in (percent-encoded), no query.
    Result<QString> resolvedPath(const OperationSpec& operation) const;
    // The Connector API request; a missing required path parameter is a 400 problem naming it.
    Result<ApiRequest> toApiRequest(const OperationSpec& operation, const QString& token) const;
    // A curl command line against the local API server. The bearer token is always the
    // placeholder $PATCHBAY_INTEGRATION_TOKEN, never the console's secret.
    Result<QString> toCurl(const OperationSpec& operation, const QString& baseUrl) const;

    QString queryValue(const QString& key) const;
    void setQueryValue(const QString& key, const QString& value); // replaces every value of key

    // The request a call-history event describes (operation and path parameters; the platform
    // records query keys but not their values, and never bodies).
    static std::optional<ConsoleRequest> fromHistoryEvent(const QJsonObject& event);

    bool operator==(const ConsoleRequest& other) const = default;
};

// The name of the environment variable "Copy as curl" uses in place of the token.
inline constexpr auto kCurlTokenPlaceholder = "$PATCHBAY_INTEGRATION_TOKEN";

} // namespace pb
