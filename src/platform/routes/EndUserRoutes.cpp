// /v1/accounts/{accountId}/end-users: the tenant's people who register Integrations
// (a Patchbay addition; the hosted API has no path for them).
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

QJsonObject endUserJson(const Row& r)
{
    return {{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
            {QStringLiteral("email"), r.value(QStringLiteral("email")).toString()},
            {QStringLiteral("account_id"), r.value(QStringLiteral("account_id")).toString()},
            {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
}

Result<std::pair<Row, Row>> findEndUser(Call& call)
{
    auto account = findAccount(call, call.param(QStringLiteral("accountId")));
    if (!account)
        return account.problem();
    const QString accountId = account->value(QStringLiteral("id")).toString();
    call.accountId = accountId;
    auto user = findByIdOrName(*call.core->ws, QStringLiteral("end_users"), call.param(QStringLiteral("endUserId")),
                               QStringLiteral("End User"), QStringLiteral("endUserId"), QStringLiteral("account_id"),
                               accountId);
    if (!user)
        return user.problem();
    return std::make_pair(*account, *user);
}

Result<ApiResponse> replaceEndUser(Call& call, const Row& existing, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    auto names = json::names(body);
    if (!names)
        return names.problem();
    const QString id = existing.value(QStringLiteral("id")).toString();
    const QString accountId = existing.value(QStringLiteral("account_id")).toString();
    if (Status s = checkNameFree(ws, QStringLiteral("end_users"), names->name, id, QStringLiteral("account_id"), accountId); !s)
        return s.problem();
    call.resourceId = id;
    if (Status s = ws.update(QStringLiteral("end_users"),
                             {{QStringLiteral("name"), names->name},
                              {QStringLiteral("fullname"), names->fullname},
                              {QStringLiteral("email"), body.value(QStringLiteral("email")).toString()},
                              {QStringLiteral("updated_at"), toRfc3339(nowUtc())}},
                             QStringLiteral("id"), id);
        !s)
        return s.problem();
    auto row = ws.selectOne(QStringLiteral("SELECT * FROM end_users WHERE id = ?"), {id});
    if (!row || !row->has_value())
        return Problem::internal(QStringLiteral("The End User vanished while it was updated."));
    return ApiResponse::ofResult(endUserJson(**row));
}

} // namespace

void addEndUserRoutes(Router& r)
{
    const QString base = QStringLiteral("/v1/accounts/{accountId}/end-users");
    const QString one = base + QStringLiteral("/{endUserId}");
    r.add("GET", base, Access::Read, QStringLiteral("end_users.list"), [](Call& call) -> Result<ApiResponse> {
        auto account = findAccount(call, call.param(QStringLiteral("accountId")));
        if (!account)
            return account.problem();
        auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM end_users WHERE account_id = ?"),
                                          {account->value(QStringLiteral("id"))});
        if (!rows)
            return rows.problem();
        QJsonArray all;
        for (const Row& row : *rows)
            all.append(endUserJson(row));
        return listResponse(call, all);
    });
    r.add("GET", one, Access::Read, QStringLiteral("end_users.get"), [](Call& call) -> Result<ApiResponse> {
        auto found = findEndUser(call);
        if (!found)
            return found.problem();
        return ApiResponse::ofResult(endUserJson(found->second));
    });
    r.add("POST", base, Access::Manage, QStringLiteral("end_users.create"), [](Call& call) -> Result<ApiResponse> {
        Workspace& ws = *call.core->ws;
        auto account = findAccount(call, call.param(QStringLiteral("accountId")));
        if (!account)
            return account.problem();
        const QString accountId = account->value(QStringLiteral("id")).toString();
        call.accountId = accountId;
        auto body = json::bodyObject(call.request.body);
        if (!body)
            return body.problem();
        auto names = json::names(*body);
        if (!names)
            return names.problem();
        if (Status s = checkNameFree(ws, QStringLiteral("end_users"), names->name, {}, QStringLiteral("account_id"), accountId); !s)
            return s.problem();
        const QString id = newId();
        const QString now = toRfc3339(nowUtc());
        if (Status s = ws.insert(QStringLiteral("end_users"),
                                 {{QStringLiteral("id"), id},
                                  {QStringLiteral("account_id"), accountId},
                                  {QStringLiteral("name"), names->name},
                                  {QStringLiteral("fullname"), names->fullname},
                                  {QStringLiteral("email"), body->value(QStringLiteral("email")).toString()},
                                  {QStringLiteral("created_at"), now},
                                  {QStringLiteral("updated_at"), now}});
            !s)
            return s.problem();
        call.resourceId = id;
        auto row = ws.selectOne(QStringLiteral("SELECT * FROM end_users WHERE id = ?"), {id});
        if (!row || !row->has_value())
            return Problem::internal(QStringLiteral("The End User vanished after it was created."));
        return created(QJsonObject{{QStringLiteral("end_user"), endUserJson(**row)}});
    });
    r.add("PUT", one, Access::Manage, QStringLiteral("end_users.update"), [](Call& call) -> Result<ApiResponse> {
        auto found = findEndUser(call);
        if (!found)
            return found.problem();
        auto body = json::bodyObject(call.request.body);
        if (!body)
            return body.problem();
        return replaceEndUser(call, found->second, *body);
    });
    r.add("PATCH", one, Access::Manage, QStringLiteral("end_users.update"), [](Call& call) -> Result<ApiResponse> {
        auto found = findEndUser(call);
        if (!found)
            return found.problem();
        const Row existing = found->second;
        return patchVia(call, endUserJson(existing),
                        [existing](Call& c, const QJsonObject& b) { return replaceEndUser(c, existing, b); });
    });
    r.add("DELETE", one, Access::Manage, QStringLiteral("end_users.delete"), [](Call& call) -> Result<ApiResponse> {
        auto found = findEndUser(call);
        if (!found)
            return found.problem();
        call.resourceId = found->second.value(QStringLiteral("id")).toString();
        auto removed = call.core->ws->remove(QStringLiteral("end_users"), QStringLiteral("id"), call.resourceId);
        if (!removed)
            return removed.problem();
        return ApiResponse::noContent();
    });
}

} // namespace pb
