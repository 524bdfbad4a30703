#pragma once

#include "core/Result.h"
#include "storage/Workspace.h"

#include <QJsonArray>
#include <QJsonObject>

#include "platform/policy/IntegrationPointRules.h"
#include "platform/policy/PolicyEngine.h"

#include <optional>

namespace pb {

struct Core;

// Evaluates one Integration row against its Integration Point (if any); returns the violations
// as JSON objects ({rule, message, parameter}). The Account and credential are looked up.
Result<QJsonArray> evaluateIntegration(Core& core, const Row& integration, const QJsonObject* pointOverride = nullptr);
// Re-evaluates and stores compliance for every Integration matching `column = value`
// (e.g. integration_point_id, account_id, credential_id).
Status reevaluateIntegrations(Core& core, const QString& column, const QString& value);


// Calls `each` with the facts of every Integration under one Integration Point, read with their
// Account and credential in one query (no per-Integration lookups).
Status forEachIntegrationFacts(Core& core, const QString& pointId, const std::function<void(const IntegrationFacts&)>& each);

// The API body of an Integration Point row ({name, fullname, description, connector, environments, rules}).
QJsonObject integrationPointBody(const Row& point);
Result<IntegrationPointRules> rulesOfPoint(Core& core, const QString& pointId);
// Checks an Integration may be used right now: enabled, and compliant with its Integration
// Point as the rules stand today (evaluated live, not from the stored state).
// `rules` (optional) receives the Integration Point's rules it checked, so a caller need not
// read them again.
Status integrationUsable(Core& core, const Row& integration, const QString& context,
                         std::optional<IntegrationPointRules>* rules = nullptr);
// The access-token TTL for an Integration: requested or 10 min default, capped by its Integration Point.
Result<qint64> integrationTokenTtl(Core& core, const Row& integration, std::optional<qint64> requestedSeconds);

} // namespace pb
