#include "platform/Resolve.h"

#include "core/Ids.h"
#include "platform/Core.h"
#include "platform/RoleScope.h"
#include "platform/Router.h"

namespace pb {

Result<Row> findByIdOrName(Workspace& ws, const QString& table, const QString& key, const QString& what,
                           const QString& parameter, const QString& scopeColumn, const QString& scopeValue)
{
    QString sqlText = QStringLiteral("SELECT * FROM %1 WHERE (id = ? OR name = ?)").arg(table);
    QVariantList binds{key, key.toLower()};
    if (!scopeColumn.isEmpty()) {
        sqlText += QStringLiteral(" AND %1 = ?").arg(scopeColumn);
        binds.append(scopeValue);
    }
    auto row = ws.selectOne(sqlText, binds);
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::notFound(QStringLiteral("No %1 named or identified \"%2\".").arg(what, key),
                                 scopeColumn.isEmpty() ? QString()
                                                       : QStringLiteral("Looked only within %1 %2.").arg(scopeColumn, scopeValue))
            .withParameter(parameter, QStringLiteral("path"), key);
    return **row;
}

Result<Row> findAccount(Call& call, const QString& key, const QString& parameter)
{
    auto row = findByIdOrName(*call.core->ws, QStringLiteral("accounts"), key, QStringLiteral("Account"), parameter);
    if (!row)
        return row;
    // A role narrowed to some Accounts sees no other (404), and may change only where it manages.
    if (Status s = checkAccountAccess(call, *row, key, parameter); !s)
        return s.problem();
    return row;
}

Result<Row> findMember(Call& call, const QString& key)
{
    return findByIdOrName(*call.core->ws, QStringLiteral("members"), key, QStringLiteral("member"),
                          QStringLiteral("memberId"));
}

Result<Row> findIntegrationPoint(Call& call, const QString& key, const QString& parameter)
{
    return findByIdOrName(*call.core->ws, QStringLiteral("integration_points"), key,
                          QStringLiteral("Integration Point"), parameter);
}

Result<Row> findIntegration(Call& call, const QString& accountId, const QString& key, const QString& parameter)
{
    auto row = findByIdOrName(*call.core->ws, QStringLiteral("integrations"), key, QStringLiteral("Integration"), parameter,
                              QStringLiteral("account_id"), accountId);
    if (!row)
        return row;
    if (Status s = checkIntegrationAccess(call, *row, key, parameter); !s)
        return s.problem();
    return row;
}

Status checkNameFree(Workspace& ws, const QString& table, const QString& name, const QString& excludeId,
                     const QString& scopeColumn, const QString& scopeValue)
{
    QString sqlText = QStringLiteral("SELECT id FROM %1 WHERE name = ? AND id <> ?").arg(table);
    QVariantList binds{name, excludeId};
    if (!scopeColumn.isEmpty()) {
        sqlText += QStringLiteral(" AND %1 = ?").arg(scopeColumn);
        binds.append(scopeValue);
    }
    auto taken = ws.scalar(sqlText, binds);
    if (!taken)
        return taken.problem();
    if (taken->isValid())
        return Problem::conflict(QStringLiteral("The name \"%1\" is already taken in this scope.").arg(name),
                                 QStringLiteral("Names are unique slugs within their scope."))
            .withParameter(QStringLiteral("name"), QStringLiteral("body"), name)
            .withRemediation(QStringLiteral("Choose another name, or update the existing object."));
    return {};
}

ApiResponse created(const QJsonValue& result)
{
    return ApiResponse::ofResult(result, 201);
}

} // namespace pb
