#include "platform/RoleScope.h"

#include "catalog/Catalog.h"
#include "platform/Core.h"
#include "platform/Json.h"
#include "platform/Router.h"
#include "storage/Workspace.h"

#include <algorithm>

namespace pb {

namespace {

const QStringList kEnvironments{QStringLiteral("test"), QStringLiteral("prod")};

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

void appendAll(QVariantList& binds, const QStringList& values)
{
    for (const QString& v : values)
        binds.append(v);
}

// One grant's condition on an `accounts` row aliased `alias` (empty where: any Account).
SqlCondition grantAccounts(const RoleGrant& g, const QString& alias)
{
    SqlCondition c;
    QStringList parts;
    if (!g.accountIds.isEmpty()) {
        parts.append(QStringLiteral("%1.id IN (%2)").arg(alias, placeholders(g.accountIds.size())));
        appendAll(c.binds, g.accountIds);
    }
    if (!g.labels.isEmpty()) {
        parts.append(QStringLiteral("EXISTS (SELECT 1 FROM json_each(%1.labels) WHERE json_each.value IN (%2))")
                         .arg(alias, placeholders(g.labels.size())));
        appendAll(c.binds, g.labels);
    }
    if (!g.environments.isEmpty()) {
        parts.append(QStringLiteral("%1.environment IN (%2)").arg(alias, placeholders(g.environments.size())));
        appendAll(c.binds, g.environments);
    }
    c.where = parts.join(QStringLiteral(" AND "));
    return c;
}

// The access the route of this call needs (routes are few; only narrowed callers ask).
Access routeAccess(const Call& call)
{
    for (const Route& r : call.core->router.routes()) {
        if (r.action == call.action && r.method == call.request.method)
            return r.access;
    }
    return call.request.method == QByteArrayLiteral("GET") ? Access::Read : Access::Manage;
}

Problem hiddenAccount(const QString& key, const QString& parameter)
{
    // Word for word the answer for an Account that does not exist: a narrowed member cannot
    // even learn that it does.
    return Problem::notFound(QStringLiteral("No Account named or identified \"%1\".").arg(key))
        .withParameter(parameter, QStringLiteral("path"), key);
}

Problem tooLow(const Call& call, RoleLevel level, const QString& what)
{
    return Problem(403, QStringLiteral("permission_denied"), QStringLiteral("Your role does not allow this call."),
                   QStringLiteral("%1 %2 needs the member or administrator role on %3; your roles grant %4 there.")
                       .arg(QString::fromLatin1(call.request.method), call.request.path, what,
                            level == RoleLevel::None ? QStringLiteral("nothing") : roleName(level)),
                   QStringLiteral("Ask an administrator for a role that allows it."));
}

Problem invalid(const QString& parameter, const QString& message, const QJsonValue& value)
{
    return Problem::badRequest(message, QStringLiteral("A role's resources look like {\"accounts\": {\"ids\": [...], \"labels\": [...], "
                                                       "\"environments\": [\"test\"|\"prod\"]}, \"integrations\": {\"categories\": [...]}}."))
        .withParameter(parameter, QStringLiteral("body"), value)
        .withRemediation(QStringLiteral("Fix or remove \"%1\" (see docs/API-NOTES.md, Roles).").arg(parameter));
}

Result<QStringList> stringList(const QJsonObject& parent, const QString& key, const QString& parameter)
{
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return QStringList();
    if (!v.isArray())
        return invalid(parameter, QStringLiteral("\"%1\" must be an array of strings.").arg(parameter), v);
    QStringList out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue& e : a) {
        if (!e.isString() || e.toString().isEmpty())
            return invalid(parameter, QStringLiteral("\"%1\" must be an array of non-empty strings.").arg(parameter), v);
        out.append(e.toString());
    }
    return out;
}

} // namespace

bool RoleGrant::admitsAccount(const QString& id, const QStringList& accountLabels, const QString& environment) const
{
    if (!accountIds.isEmpty() && !accountIds.contains(id))
        return false;
    if (!environments.isEmpty() && !environments.contains(environment))
        return false;
    if (!labels.isEmpty() && std::none_of(accountLabels.begin(), accountLabels.end(),
                                          [this](const QString& l) { return labels.contains(l); }))
        return false;
    return true;
}

QString RoleGrant::describe() const
{
    QStringList parts;
    if (!accountIds.isEmpty())
        parts.append(QStringLiteral("account ids %1").arg(accountIds.join(QStringLiteral(", "))));
    if (!labels.isEmpty())
        parts.append(QStringLiteral("account labels %1").arg(labels.join(QStringLiteral(", "))));
    if (!environments.isEmpty())
        parts.append(QStringLiteral("environments %1").arg(environments.join(QStringLiteral(", "))));
    if (!categories.isEmpty())
        parts.append(QStringLiteral("connector categories %1").arg(categories.join(QStringLiteral(", "))));
    const QString what = parts.isEmpty() ? QStringLiteral("all Accounts") : parts.join(QStringLiteral("; "));
    return QStringLiteral("%1 on %2").arg(roleName(level), what);
}

RoleLevel RoleScope::accountLevel(const QString& id, const QStringList& labels, const QString& environment) const
{
    RoleLevel best = RoleLevel::None;
    for (const RoleGrant& g : m_grants) {
        if (g.admitsAccount(id, labels, environment))
            best = std::max(best, g.level);
    }
    return best;
}

RoleLevel RoleScope::integrationLevel(const QString& id, const QStringList& labels, const QString& environment,
                                      const QString& category) const
{
    RoleLevel best = RoleLevel::None;
    for (const RoleGrant& g : m_grants) {
        if (g.admitsAccount(id, labels, environment) && g.admitsCategory(category))
            best = std::max(best, g.level);
    }
    return best;
}

SqlCondition RoleScope::accountsCondition(const QString& accountsAlias) const
{
    SqlCondition out;
    QStringList any;
    for (const RoleGrant& g : m_grants) {
        const SqlCondition c = grantAccounts(g, accountsAlias);
        if (c.where.isEmpty())
            return {QStringLiteral("1 = 1"), {}};
        any.append(QStringLiteral("(") + c.where + QStringLiteral(")"));
        out.binds.append(c.binds);
    }
    out.where = any.isEmpty() ? QStringLiteral("0 = 1") : any.join(QStringLiteral(" OR "));
    return out;
}

SqlCondition RoleScope::accountIdCondition(const QString& accountIdColumn, bool keepOrgLevel) const
{
    const SqlCondition accounts = accountsCondition(QStringLiteral("rs_a"));
    SqlCondition out{QStringLiteral("%1 IN (SELECT rs_a.id FROM accounts rs_a WHERE %2)").arg(accountIdColumn, accounts.where),
                     accounts.binds};
    if (keepOrgLevel)
        out.where = QStringLiteral("(%1 IS NULL OR %1 = '' OR %2)").arg(accountIdColumn, out.where);
    return out;
}

SqlCondition RoleScope::integrationsCondition(const QString& accountIdColumn, const QString& categoryColumn) const
{
    SqlCondition out;
    QStringList any;
    for (const RoleGrant& g : m_grants) {
        QStringList parts;
        const SqlCondition a = grantAccounts(g, QStringLiteral("rs_a"));
        if (!a.where.isEmpty()) {
            parts.append(QStringLiteral("%1 IN (SELECT rs_a.id FROM accounts rs_a WHERE %2)").arg(accountIdColumn, a.where));
            out.binds.append(a.binds);
        }
        if (!g.categories.isEmpty()) {
            parts.append(QStringLiteral("%1 IN (%2)").arg(categoryColumn, placeholders(g.categories.size())));
            appendAll(out.binds, g.categories);
        }
        if (parts.isEmpty())
            return {QStringLiteral("1 = 1"), {}};
        any.append(QStringLiteral("(") + parts.join(QStringLiteral(" AND ")) + QStringLiteral(")"));
    }
    out.where = any.isEmpty() ? QStringLiteral("0 = 1") : any.join(QStringLiteral(" OR "));
    return out;
}

SqlCondition RoleScope::credentialsCondition() const
{
    const SqlCondition accounts = accountIdCondition(QStringLiteral("account_id"));
    const SqlCondition integrations = integrationsCondition(QStringLiteral("rs_i.account_id"), QStringLiteral("rs_i.category"));
    SqlCondition out;
    out.where = QStringLiteral("owner_type = 'integration_point' OR (owner_type = 'account' AND %1) OR "
                               "(owner_type = 'integration' AND owner_id IN (SELECT rs_i.id FROM integrations rs_i WHERE %2))")
                    .arg(accounts.where, integrations.where);
    out.binds = accounts.binds;
    out.binds.append(integrations.binds);
    return out;
}

QString RoleScope::describe() const
{
    QStringList parts;
    for (const RoleGrant& g : m_grants)
        parts.append(g.describe());
    return parts.join(QStringLiteral(" | "));
}

Result<ResolvedRoles> resolveRoleBindings(Workspace& ws, const QJsonArray& bindings, RoleLevel tokenCap)
{
    QList<RoleGrant> grants;
    for (const QJsonValue& b : bindings) {
        auto role = ws.selectOne(QStringLiteral("SELECT permission_set, resources FROM roles WHERE name = ? OR id = ?"),
                                 {b.toString(), b.toString()});
        if (!role)
            return role.problem();
        if (!role->has_value())
            continue; // a binding to a deleted role grants nothing
        RoleGrant g;
        g.level = std::min(roleLevel((*role)->value(QStringLiteral("permission_set")).toString()), tokenCap);
        if (g.level == RoleLevel::None)
            continue;
        const QJsonObject resources = json::object((*role)->value(QStringLiteral("resources")));
        const QJsonObject accounts = resources.value(QStringLiteral("accounts")).toObject();
        g.accountIds = json::strings(accounts.value(QStringLiteral("ids")));
        g.labels = json::strings(accounts.value(QStringLiteral("labels")));
        g.environments = json::strings(accounts.value(QStringLiteral("environments")));
        g.categories = json::strings(resources.value(QStringLiteral("integrations")).toObject().value(QStringLiteral("categories")));
        grants.append(g);
    }
    ResolvedRoles out;
    for (const RoleGrant& g : grants)
        out.level = std::max(out.level, g.level);
    const bool everywhere = std::any_of(grants.begin(), grants.end(),
                                        [&out](const RoleGrant& g) { return !g.narrowed() && g.level == out.level; });
    if (out.level != RoleLevel::None && !everywhere)
        out.scope = std::make_shared<const RoleScope>(grants);
    return out;
}

Status validateRoleResources(const QJsonObject& resources)
{
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        if (it.key() != QStringLiteral("accounts") && it.key() != QStringLiteral("integrations"))
            return invalid(QStringLiteral("resources.") + it.key(),
                           QStringLiteral("Unknown key \"%1\" in \"resources\"; known: accounts, integrations.").arg(it.key()),
                           it.value());
    }
    const QJsonValue accountsValue = resources.value(QStringLiteral("accounts"));
    if (!accountsValue.isUndefined() && !accountsValue.isNull()) {
        if (!accountsValue.isObject())
            return invalid(QStringLiteral("resources.accounts"), QStringLiteral("\"resources.accounts\" must be an object."),
                           accountsValue);
        const QJsonObject accounts = accountsValue.toObject();
        for (auto it = accounts.begin(); it != accounts.end(); ++it) {
            if (it.key() != QStringLiteral("ids") && it.key() != QStringLiteral("labels")
                && it.key() != QStringLiteral("environments"))
                return invalid(QStringLiteral("resources.accounts.") + it.key(),
                               QStringLiteral("Unknown key \"%1\" in \"resources.accounts\"; known: ids, labels, environments.")
                                   .arg(it.key()),
                               it.value());
        }
        for (const QString& key : {QStringLiteral("ids"), QStringLiteral("labels")}) {
            auto list = stringList(accounts, key, QStringLiteral("resources.accounts.") + key);
            if (!list)
                return list.problem();
        }
        auto environments = stringList(accounts, QStringLiteral("environments"), QStringLiteral("resources.accounts.environments"));
        if (!environments)
            return environments.problem();
        for (const QString& e : *environments) {
            if (!kEnvironments.contains(e))
                return invalid(QStringLiteral("resources.accounts.environments"),
                               QStringLiteral("Unknown environment \"%1\"; environments are test and prod.").arg(e),
                               accounts.value(QStringLiteral("environments")));
        }
    }
    const QJsonValue integrationsValue = resources.value(QStringLiteral("integrations"));
    if (!integrationsValue.isUndefined() && !integrationsValue.isNull()) {
        if (!integrationsValue.isObject())
            return invalid(QStringLiteral("resources.integrations"),
                           QStringLiteral("\"resources.integrations\" must be an object."), integrationsValue);
        const QJsonObject integrations = integrationsValue.toObject();
        for (auto it = integrations.begin(); it != integrations.end(); ++it) {
            if (it.key() != QStringLiteral("categories"))
                return invalid(QStringLiteral("resources.integrations.") + it.key(),
                               QStringLiteral("Unknown key \"%1\" in \"resources.integrations\"; known: categories.").arg(it.key()),
                               it.value());
        }
        auto categories = stringList(integrations, QStringLiteral("categories"), QStringLiteral("resources.integrations.categories"));
        if (!categories)
            return categories.problem();
        for (const QString& c : *categories) {
            if (!Catalog::builtin().connector(c)) {
                QStringList known;
                for (const ConnectorSpec& spec : Catalog::builtin().connectors())
                    known.append(spec.id);
                return invalid(QStringLiteral("resources.integrations.categories"),
                               QStringLiteral("Unknown connector category \"%1\"; known: %2.").arg(c, known.join(QStringLiteral(", "))),
                               integrations.value(QStringLiteral("categories")));
            }
        }
    }
    return {};
}

Status checkAccountAccess(const Call& call, const QVariantMap& account, const QString& key, const QString& parameter)
{
    const RoleScope* scope = call.caller.scope.get();
    if (!scope)
        return {};
    const RoleLevel level = scope->accountLevel(account.value(QStringLiteral("id")).toString(),
                                                json::strings(json::array(account.value(QStringLiteral("labels")))),
                                                account.value(QStringLiteral("environment")).toString());
    if (level == RoleLevel::None)
        return hiddenAccount(key, parameter);
    if (!allows(level, routeAccess(call)))
        return tooLow(call, level, QStringLiteral("Account \"%1\"").arg(account.value(QStringLiteral("name")).toString()));
    return {};
}

Status checkAccountIdAccess(const Call& call, const QString& accountId, const QString& key, const QString& parameter)
{
    if (!call.caller.scope || accountId.isEmpty())
        return {};
    auto row = call.core->ws->selectOne(QStringLiteral("SELECT id, name, labels, environment FROM accounts WHERE id = ?"), {accountId});
    if (!row)
        return row.problem();
    if (!row->has_value())
        return hiddenAccount(key, parameter);
    return checkAccountAccess(call, **row, key, parameter);
}

Status checkIntegrationAccess(const Call& call, const QVariantMap& integration, const QString& key, const QString& parameter)
{
    const RoleScope* scope = call.caller.scope.get();
    if (!scope)
        return {};
    auto account = call.core->ws->selectOne(QStringLiteral("SELECT id, name, labels, environment FROM accounts WHERE id = ?"),
                                            {integration.value(QStringLiteral("account_id"))});
    if (!account)
        return account.problem();
    const QString category = integration.value(QStringLiteral("category")).toString();
    RoleLevel level = RoleLevel::None;
    if (account->has_value())
        level = scope->integrationLevel((*account)->value(QStringLiteral("id")).toString(),
                                        json::strings(json::array((*account)->value(QStringLiteral("labels")))),
                                        (*account)->value(QStringLiteral("environment")).toString(), category);
    if (level == RoleLevel::None)
        return Problem::notFound(QStringLiteral("No Integration named or identified \"%1\".").arg(key))
            .withParameter(parameter, QStringLiteral("path"), key);
    if (!allows(level, routeAccess(call)))
        return tooLow(call, level, QStringLiteral("Integration \"%1\"").arg(integration.value(QStringLiteral("name")).toString()));
    return {};
}

Status checkAccountPlacement(const Call& call, const QString& id, const QStringList& labels, const QString& environment)
{
    const RoleScope* scope = call.caller.scope.get();
    if (!scope)
        return {};
    const RoleLevel level = scope->accountLevel(id, labels, environment);
    if (level >= RoleLevel::Member)
        return {};
    return Problem(403, QStringLiteral("permission_denied"), QStringLiteral("This Account would be outside what your role allows."),
                   QStringLiteral("An Account with environment \"%1\" and labels [%2] matches none of your role's rules (%3).")
                       .arg(environment, labels.join(QStringLiteral(", ")), scope->describe()),
                   QStringLiteral("Give the Account a label and environment your role covers, or ask an administrator."))
        .withParameter(QStringLiteral("labels"), QStringLiteral("body"), json::fromStrings(labels));
}

Status checkIntegrationCategory(const Call& call, const QString& accountId, const QString& category)
{
    const RoleScope* scope = call.caller.scope.get();
    if (!scope)
        return {};
    auto account = call.core->ws->selectOne(QStringLiteral("SELECT id, labels, environment FROM accounts WHERE id = ?"), {accountId});
    if (!account)
        return account.problem();
    RoleLevel level = RoleLevel::None;
    if (account->has_value())
        level = scope->integrationLevel(accountId, json::strings(json::array((*account)->value(QStringLiteral("labels")))),
                                        (*account)->value(QStringLiteral("environment")).toString(), category);
    if (level >= RoleLevel::Member)
        return {};
    return Problem(403, QStringLiteral("permission_denied"),
                   QStringLiteral("Your role does not allow Integrations of connector category \"%1\" here.").arg(category),
                   QStringLiteral("Your role's rules: %1.").arg(scope->describe()),
                   QStringLiteral("Pick a category your role covers, or ask an administrator."))
        .withParameter(QStringLiteral("category"), QStringLiteral("body"), category);
}

Result<QSet<QString>> visibleAccountIds(const Call& call)
{
    QSet<QString> out;
    if (!call.caller.scope)
        return out;
    const SqlCondition c = call.caller.scope->accountsCondition(QStringLiteral("accounts"));
    auto rows = call.core->ws->select(QStringLiteral("SELECT id FROM accounts WHERE ") + c.where, c.binds);
    if (!rows)
        return rows.problem();
    for (const Row& r : *rows)
        out.insert(r.value(QStringLiteral("id")).toString());
    return out;
}

Result<QJsonArray> filterByAccount(const Call& call, const QJsonArray& items, const QString& field, bool keepOrgLevel)
{
    if (!call.caller.scope)
        return items;
    auto visible = visibleAccountIds(call);
    if (!visible)
        return visible.problem();
    QJsonArray out;
    for (const QJsonValue& item : items) {
        const QString accountId = item.toObject().value(field).toString();
        if (accountId.isEmpty() ? keepOrgLevel : visible->contains(accountId))
            out.append(item);
    }
    return out;
}

Status checkUnnarrowed(const Call& call, const QString& what)
{
    if (!call.caller.scope)
        return {};
    return Problem(403, QStringLiteral("permission_denied"), QStringLiteral("%1 covers the whole organization.").arg(what),
                   QStringLiteral("Your role is narrowed (%1).").arg(call.caller.scope->describe()),
                   QStringLiteral("Ask an administrator whose role is not narrowed."));
}

Status checkMayGrantRoles(const Call& call)
{
    if (!call.caller.scope)
        return {};
    return Problem(403, QStringLiteral("permission_denied"), QStringLiteral("A narrowed role cannot change members or roles."),
                   QStringLiteral("Your role is narrowed (%1); binding or editing roles could widen it.").arg(call.caller.scope->describe()),
                   QStringLiteral("Ask an administrator whose role is not narrowed."));
}

} // namespace pb
