#include "platform/routes/RouteUtil.h"

namespace pb {

Result<ApiResponse> listResponse(const Call& call, const QJsonArray& all, const QString& defaultOrder, bool descending)
{
    auto q = ListQuery::parse(call.request);
    if (!q)
        return q.problem();
    return ApiResponse::ofResult(q->apply(all, defaultOrder, descending));
}

Result<ApiResponse> sqlListResponse(Call& call, const QString& selectSql, const QString& baseWhere, const QVariantList& baseBinds,
                                    const QHash<QString, QString>& columns, const std::function<QJsonObject(const Row&)>& toJson,
                                    const QString& defaultOrder)
{
    auto q = ListQuery::parse(call.request);
    if (!q)
        return q.problem();
    const auto plan = q->sqlPlan(columns, defaultOrder);
    QString sqlText = selectSql;
    QVariantList binds = baseBinds;
    QStringList where;
    if (!baseWhere.isEmpty())
        where.append(QStringLiteral("(") + baseWhere + QStringLiteral(")"));
    if (plan && !plan->where.isEmpty()) {
        where.append(plan->where);
        binds.append(plan->binds);
    }
    if (!where.isEmpty())
        sqlText += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    if (plan)
        sqlText += QStringLiteral(" ORDER BY %1 LIMIT %2").arg(plan->orderBy).arg(plan->limit);
    auto rows = call.core->ws->select(sqlText, binds);
    if (!rows)
        return rows.problem();
    QJsonArray items;
    for (const Row& row : *rows)
        items.append(toJson(row));
    return ApiResponse::ofResult(plan ? items : q->apply(items, defaultOrder));
}

Result<ApiResponse> patchVia(Call& call, const QJsonObject& current,
                             const std::function<Result<ApiResponse>(Call&, const QJsonObject&)>& replace)
{
    auto patched = applyJsonPatch(current, call.request.body);
    if (!patched)
        return patched.problem();
    if (!patched->isObject())
        return Problem::badRequest(QStringLiteral("The patched document is no longer an object."));
    return replace(call, patched->toObject());
}

Result<QString> enumField(const QJsonObject& body, const QString& field, const QStringList& allowed,
                          const QString& defaultValue)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return defaultValue;
    if (!v.isString() || !allowed.contains(v.toString()))
        return Problem::badRequest(QStringLiteral("\"%1\" must be one of: %2.").arg(field, allowed.join(QStringLiteral(", "))))
            .withParameter(field, QStringLiteral("body"), v);
    return v.toString();
}

Result<QStringList> stringListField(const QJsonObject& body, const QString& field)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return QStringList();
    if (!v.isArray())
        return Problem::badRequest(QStringLiteral("\"%1\" must be an array of strings.").arg(field))
            .withParameter(field, QStringLiteral("body"), v);
    QStringList out;
    const QJsonArray a = v.toArray();
    for (const QJsonValue& e : a) {
        if (!e.isString())
            return Problem::badRequest(QStringLiteral("\"%1\" must be an array of strings.").arg(field))
                .withParameter(field, QStringLiteral("body"), v);
        out.append(e.toString());
    }
    return out;
}

} // namespace pb
