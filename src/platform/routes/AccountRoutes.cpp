// /v1/accounts: the Organization's tenants. Deleting an Account deletes its Integrations,
// Credentials (keychain entries included), End Users and tokens.
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/RoleScope.h"
#include "platform/VaultOps.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

QJsonObject accountJson(const Row& r, const QString& organizationId)
{
    return {{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
            {QStringLiteral("organization_id"), organizationId},
            {QStringLiteral("environment"), r.value(QStringLiteral("environment")).toString()},
            {QStringLiteral("labels"), json::array(r.value(QStringLiteral("labels")))},
            {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
}

namespace {

struct AccountFields {
    json::Names names;
    QString environment;
    QStringList labels;
};

Result<AccountFields> parseAccount(const QJsonObject& body)
{
    AccountFields f;
    auto names = json::names(body);
    if (!names)
        return names.problem();
    f.names = *names;
    auto env = enumField(body, QStringLiteral("environment"), {QStringLiteral("test"), QStringLiteral("prod")},
                         QStringLiteral("prod"));
    if (!env)
        return env.problem();
    f.environment = *env;
    auto labels = stringListField(body, QStringLiteral("labels"));
    if (!labels)
        return labels.problem();
    f.labels = *labels;
    return f;
}

Result<ApiResponse> replaceAccount(Call& call, const Row& existing, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    auto f = parseAccount(body);
    if (!f)
        return f.problem();
    const QString id = existing.value(QStringLiteral("id")).toString();
    // A narrowed role may not move an Account out of its own reach.
    if (Status s = checkAccountPlacement(call, id, f->labels, f->environment); !s)
        return s.problem();
    if (Status s = checkNameFree(ws, QStringLiteral("accounts"), f->names.name, id); !s)
        return s.problem();
    call.resourceId = id;
    call.accountId = id;
    Status s = ws.transaction([&]() -> Status {
        if (Status u = ws.update(QStringLiteral("accounts"),
                                 {{QStringLiteral("name"), f->names.name},
                                  {QStringLiteral("fullname"), f->names.fullname},
                                  {QStringLiteral("environment"), f->environment},
                                  {QStringLiteral("labels"), json::text(json::fromStrings(f->labels))},
                                  {QStringLiteral("updated_at"), toRfc3339(nowUtc())}},
                                 QStringLiteral("id"), id);
            !u)
            return u;
        // The environment decides which providers an Integration Point allows.
        if (f->environment != existing.value(QStringLiteral("environment")).toString())
            return reevaluateIntegrations(*call.core, QStringLiteral("account_id"), id);
        return {};
    });
    if (!s)
        return s.problem();
    auto row = findAccount(call, id);
    if (!row)
        return row.problem();
    return ApiResponse::ofResult(accountJson(*row, call.core->organizationId));
}

} // namespace

void addAccountRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/accounts"), Access::Read, QStringLiteral("accounts.list"),
          [](Call& call) -> Result<ApiResponse> {
              static const QHash<QString, QString> columns{
                  {QStringLiteral("id"), QStringLiteral("id")},
                  {QStringLiteral("name"), QStringLiteral("name")},
                  {QStringLiteral("fullname"), QStringLiteral("fullname")},
                  {QStringLiteral("environment"), QStringLiteral("environment")},
                  {QStringLiteral("created_at"), QStringLiteral("created_at")},
                  {QStringLiteral("updated_at"), QStringLiteral("updated_at")}};
              const QString orgId = call.core->organizationId;
              // A narrowed role lists only the Accounts it sees.
              const SqlCondition scope = call.caller.scope ? call.caller.scope->accountsCondition(QStringLiteral("accounts"))
                                                           : SqlCondition{};
              return sqlListResponse(call, QStringLiteral("SELECT * FROM accounts"), scope.where, scope.binds, columns,
                                     [orgId](const Row& row) { return accountJson(row, orgId); });
          });
    r.add("GET", QStringLiteral("/v1/accounts/{accountId}"), Access::Read, QStringLiteral("accounts.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findAccount(call, call.param(QStringLiteral("accountId")));
              if (!row)
                  return row.problem();
              return ApiResponse::ofResult(accountJson(*row, call.core->organizationId));
          });
    r.add("POST", QStringLiteral("/v1/accounts"), Access::Manage, QStringLiteral("accounts.create"),
          [](Call& call) -> Result<ApiResponse> {
              Workspace& ws = *call.core->ws;
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              auto f = parseAccount(*body);
              if (!f)
                  return f.problem();
              if (Status s = checkAccountPlacement(call, {}, f->labels, f->environment); !s)
                  return s.problem();
              if (Status s = checkNameFree(ws, QStringLiteral("accounts"), f->names.name, {}); !s)
                  return s.problem();
              const QString id = newId();
              const QString now = toRfc3339(nowUtc());
              if (Status s = ws.insert(QStringLiteral("accounts"),
                                       {{QStringLiteral("id"), id},
                                        {QStringLiteral("name"), f->names.name},
                                        {QStringLiteral("fullname"), f->names.fullname},
                                        {QStringLiteral("environment"), f->environment},
                                        {QStringLiteral("labels"), json::text(json::fromStrings(f->labels))},
                                        {QStringLiteral("created_at"), now},
                                        {QStringLiteral("updated_at"), now}});
                  !s)
                  return s.problem();
              call.resourceId = id;
              call.accountId = id;
              auto row = findAccount(call, id);
              if (!row)
                  return row.problem();
              return created(QJsonObject{{QStringLiteral("account"), accountJson(*row, call.core->organizationId)}});
          });
    r.add("PUT", QStringLiteral("/v1/accounts/{accountId}"), Access::Manage, QStringLiteral("accounts.update"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findAccount(call, call.param(QStringLiteral("accountId")));
              if (!row)
                  return row.problem();
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              return replaceAccount(call, *row, *body);
          });
    r.add("PATCH", QStringLiteral("/v1/accounts/{accountId}"), Access::Manage, QStringLiteral("accounts.update"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findAccount(call, call.param(QStringLiteral("accountId")));
              if (!row)
                  return row.problem();
              const Row existing = *row;
              return patchVia(call, accountJson(existing, call.core->organizationId),
                              [existing](Call& c, const QJsonObject& b) { return replaceAccount(c, existing, b); });
          });
    r.addAsync("DELETE", QStringLiteral("/v1/accounts/{accountId}"), Access::Manage, QStringLiteral("accounts.delete"),
               [](const CallPtr& call, ApiCallback done) {
                   auto row = findAccount(*call, call->param(QStringLiteral("accountId")));
                   if (!row)
                       return done(ApiResponse::ofProblem(row.problem()));
                   const QString id = row->value(QStringLiteral("id")).toString();
                   call->resourceId = id;
                   call->accountId = id;
                   Core& core = *call->core;
                   auto keys = vaultKeysWhere(core, QStringLiteral("account_id = ?"), {id});
                   if (!keys)
                       return done(ApiResponse::ofProblem(keys.problem()));
                   removeKeysThenCommit(
                       core, *keys,
                       [&core, id]() -> Status {
                           Workspace& ws = *core.ws;
                           for (const QString& stmt :
                                {QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL")}) {
                               if (auto r2 = ws.exec(stmt, {toRfc3339(nowUtc()), id}); !r2)
                                   return r2.problem();
                           }
                           // Integrations first: they reference the Account's credentials.
                           for (const QString& table : {QStringLiteral("integrations"), QStringLiteral("credentials"),
                                                        QStringLiteral("vault_index"), QStringLiteral("end_users")}) {
                               if (auto r2 = ws.remove(table, QStringLiteral("account_id"), id); !r2)
                                   return r2.problem();
                           }
                           if (auto r2 = ws.remove(QStringLiteral("accounts"), QStringLiteral("id"), id); !r2)
                               return r2.problem();
                           return {};
                       },
                       [done](Status s) { done(s ? ApiResponse::noContent() : ApiResponse::ofProblem(s.problem())); });
               });
}

} // namespace pb
