#pragma once

#include "core/Api.h"
#include "core/Result.h"
#include "storage/Workspace.h"

namespace pb {

struct Call;

// Finds one row of a named resource by id or name (names match case-insensitively).
// scopeColumn/scopeValue restrict the search (e.g. integrations of one Account).
Result<Row> findByIdOrName(Workspace& ws, const QString& table, const QString& key, const QString& what,
                           const QString& parameter, const QString& scopeColumn = {}, const QString& scopeValue = {});

Result<Row> findAccount(Call& call, const QString& key, const QString& parameter = QStringLiteral("accountId"));
Result<Row> findMember(Call& call, const QString& key);
Result<Row> findIntegrationPoint(Call& call, const QString& key,
                                 const QString& parameter = QStringLiteral("integrationPointId"));
Result<Row> findIntegration(Call& call, const QString& accountId, const QString& key,
                            const QString& parameter = QStringLiteral("integrationId"));

// Checks the name is free in its scope (excludeId: the object being replaced).
Status checkNameFree(Workspace& ws, const QString& table, const QString& name, const QString& excludeId,
                     const QString& scopeColumn = {}, const QString& scopeValue = {});

// Common envelope helpers.
ApiResponse created(const QJsonValue& result);

} // namespace pb
