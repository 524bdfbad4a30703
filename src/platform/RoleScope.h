#pragma once

#include "core/Result.h"
#include "platform/Roles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace pb {

class Workspace;
struct Call;

// What one bound role grants: its permission_set (already capped by the token's role) and the
// Accounts / connector categories its `resources` narrow it to. An empty list means "any".
// Within a grant every given dimension must match (ids AND labels AND environments); within a
// dimension any value matches (label "eu" OR label "fr").
struct RoleGrant {
    RoleLevel level = RoleLevel::None;
    QStringList accountIds;
    QStringList labels;
    QStringList environments;
    QStringList categories;

    bool narrowsAccounts() const { return !accountIds.isEmpty() || !labels.isEmpty() || !environments.isEmpty(); }
    bool narrowed() const { return narrowsAccounts() || !categories.isEmpty(); }
    bool admitsAccount(const QString& id, const QStringList& accountLabels, const QString& environment) const;
    bool admitsCategory(const QString& category) const { return categories.isEmpty() || categories.contains(category); }
    // A sentence naming the narrowing, for 403 messages ("labels eu; environments test").
    QString describe() const;
};

// A SQL condition with its bound values, to AND into a list query.
struct SqlCondition {
    QString where;
    QVariantList binds;
};

// The narrowing of a caller whose bound roles have `resources` (see docs/API-NOTES.md, Roles).
// Callers without narrowing carry no RoleScope at all (Caller::scope is null), so built-in
// roles pay nothing. An Account the scope does not admit is invisible: 404, filtered from lists.
class RoleScope final {
public:
    explicit RoleScope(QList<RoleGrant> grants) : m_grants(std::move(grants)) {}

    const QList<RoleGrant>& grants() const { return m_grants; }

    // The caller's level on one Account (None: invisible).
    RoleLevel accountLevel(const QString& id, const QStringList& labels, const QString& environment) const;
    // The caller's level on an Integration of that Account in that connector category.
    RoleLevel integrationLevel(const QString& id, const QStringList& labels, const QString& environment,
                               const QString& category) const;

    // Conditions for list queries. accountsAlias: an `accounts` table alias in the query;
    // accountIdColumn: a column holding an Account id (NULL/empty ids are org-level and kept
    // only when keepOrgLevel).
    SqlCondition accountsCondition(const QString& accountsAlias) const;
    SqlCondition accountIdCondition(const QString& accountIdColumn, bool keepOrgLevel = false) const;
    SqlCondition integrationsCondition(const QString& accountIdColumn, const QString& categoryColumn) const;
    // Rows of `credentials` (unaliased): Integration Point credentials are organization-level.
    SqlCondition credentialsCondition() const;

    // The rules in one line, for messages.
    QString describe() const;

private:
    QList<RoleGrant> m_grants;
};

using RoleScopePtr = std::shared_ptr<const RoleScope>;

// The effective role of a member's role_binding: the highest permission_set (capped by the
// token's role) and the narrowing, or a null scope when some unnarrowed role already grants
// that highest level everywhere.
struct ResolvedRoles {
    RoleLevel level = RoleLevel::None;
    RoleScopePtr scope;
};
Result<ResolvedRoles> resolveRoleBindings(Workspace& ws, const QJsonArray& bindings, RoleLevel tokenCap);

// Validates a role's `resources` object (POST/PUT/PATCH /v1/roles): 400 naming the member.
Status validateRoleResources(const QJsonObject& resources);

// ---- Enforcement helpers for routes (all no-ops for a caller without a scope) ----

// An Account row just found for this call: 404 (as if it did not exist) when outside the
// caller's scope; 403 when visible but this route needs more than the caller's level there.
Status checkAccountAccess(const Call& call, const QVariantMap& account, const QString& key, const QString& parameter);
// The same by Account id (reads the row); used for children (credentials, tokens, status).
Status checkAccountIdAccess(const Call& call, const QString& accountId, const QString& key, const QString& parameter);
// An Integration row just found: its Account and connector category must be in scope.
Status checkIntegrationAccess(const Call& call, const QVariantMap& integration, const QString& key, const QString& parameter);
// Creating or moving an Account to these labels/environment (id empty when new): 403 naming the rule.
Status checkAccountPlacement(const Call& call, const QString& id, const QStringList& labels, const QString& environment);
// Creating an Integration of this category in this Account: 403 naming the rule.
Status checkIntegrationCategory(const Call& call, const QString& accountId, const QString& category);
// The ids of the Accounts this caller sees (only meaningful when call.caller.scope is set).
Result<QSet<QString>> visibleAccountIds(const Call& call);
// Keeps the items of a JSON list whose `field` names a visible Account (or is empty/null when
// keepOrgLevel). Unchanged for an unnarrowed caller.
Result<QJsonArray> filterByAccount(const Call& call, const QJsonArray& items, const QString& field, bool keepOrgLevel);

// Whole-organization operations (export) are refused to a narrowed caller.
Status checkUnnarrowed(const Call& call, const QString& what);
// Members and roles are refused to a narrowed caller: binding or editing a role would let it
// widen its own reach (e.g. create a member bound to the unnarrowed administrator role).
Status checkMayGrantRoles(const Call& call);

} // namespace pb
