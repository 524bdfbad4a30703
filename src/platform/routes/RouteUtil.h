#pragma once

#include "core/Api.h"
#include "core/Result.h"
#include "platform/Core.h"
#include "platform/Json.h"
#include "platform/JsonPatch.h"
#include "platform/ListQuery.h"
#include "platform/Resolve.h"
#include "platform/Router.h"

#include <functional>

namespace pb {

// A list answer after limit/start_after/order/filter.
Result<ApiResponse> listResponse(const Call& call, const QJsonArray& all, const QString& defaultOrder = QStringLiteral("name"),
                                 bool descending = false);

// A list straight from SQL when the query allows it (see ListQuery::sqlPlan), else in memory.
// selectSql: "SELECT ... FROM ..." with an optional base condition in baseWhere.
Result<ApiResponse> sqlListResponse(Call& call, const QString& selectSql, const QString& baseWhere, const QVariantList& baseBinds,
                                    const QHash<QString, QString>& columns, const std::function<QJsonObject(const Row&)>& toJson,
                                    const QString& defaultOrder = QStringLiteral("name"));

// PATCH = apply a JSON Patch to the current JSON form, then replace with the outcome.
Result<ApiResponse> patchVia(Call& call, const QJsonObject& current,
                             const std::function<Result<ApiResponse>(Call&, const QJsonObject&)>& replace);

// Optional string member that must be one of the allowed values.
Result<QString> enumField(const QJsonObject& body, const QString& field, const QStringList& allowed,
                          const QString& defaultValue);
Result<QStringList> stringListField(const QJsonObject& body, const QString& field);

} // namespace pb
