// /v1/credentials: metadata here, secret fields only in the keychain (CredentialStore).
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/CredentialStore.h"
#include "platform/RoleScope.h"
#include "platform/VaultOps.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

struct Owner {
    QString type;
    QString id;
    QString accountId;
};

Result<Owner> findOwnerUnscoped(Call& call, const QString& key);

// The owner, as long as a narrowed role sees it: an Account or Integration outside its scope
// gets exactly the answer of an owner that does not exist.
Result<Owner> findOwner(Call& call, const QString& key)
{
    auto owner = findOwnerUnscoped(call, key);
    if (!owner || !call.caller.scope || owner->type == QStringLiteral("integration_point"))
        return owner;
    Status s;
    if (owner->type == QStringLiteral("account")) {
        s = checkAccountIdAccess(call, owner->id, key, QStringLiteral("ownerId"));
    } else {
        auto integration = call.core->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"), {owner->id});
        if (!integration)
            return integration.problem();
        if (integration->has_value())
            s = checkIntegrationAccess(call, **integration, key, QStringLiteral("ownerId"));
    }
    if (!s && s.problem().status == 404)
        return Problem::notFound(QStringLiteral("No Account, Integration or Integration Point \"%1\".").arg(key))
            .withParameter(QStringLiteral("ownerId"), QStringLiteral("path"), key);
    if (!s)
        return s.problem();
    return owner;
}

Result<Owner> findOwnerUnscoped(Call& call, const QString& key)
{
    Workspace& ws = *call.core->ws;
    auto account = ws.selectOne(QStringLiteral("SELECT id FROM accounts WHERE id = ? OR name = ?"), {key, key.toLower()});
    if (!account)
        return account.problem();
    if (account->has_value()) {
        const QString id = (*account)->value(QStringLiteral("id")).toString();
        return Owner{QStringLiteral("account"), id, id};
    }
    auto integration = ws.selectOne(QStringLiteral("SELECT id, account_id FROM integrations WHERE id = ?"), {key});
    if (!integration)
        return integration.problem();
    if (integration->has_value())
        return Owner{QStringLiteral("integration"), key, (*integration)->value(QStringLiteral("account_id")).toString()};
    auto point = ws.selectOne(QStringLiteral("SELECT id FROM integration_points WHERE id = ? OR name = ?"), {key, key.toLower()});
    if (!point)
        return point.problem();
    if (point->has_value())
        return Owner{QStringLiteral("integration_point"), (*point)->value(QStringLiteral("id")).toString(), {}};
    return Problem::notFound(QStringLiteral("No Account, Integration or Integration Point \"%1\".").arg(key))
        .withParameter(QStringLiteral("ownerId"), QStringLiteral("path"), key);
}

// Integration Point credentials are organization-level: only administrators manage them.
Status mayManageOwner(const Call& call, const Owner& owner)
{
    if (owner.type == QStringLiteral("integration_point") && call.caller.role != RoleLevel::Administrator)
        return Problem(403, QStringLiteral("permission_denied"), QStringLiteral("Your role does not allow this call."),
                       QStringLiteral("Credentials of an Integration Point need the administrator role."),
                       QStringLiteral("Ask an administrator."));
    return {};
}

Result<std::pair<Owner, Row>> findCredential(Call& call)
{
    auto owner = findOwner(call, call.param(QStringLiteral("ownerId")));
    if (!owner)
        return owner.problem();
    call.accountId = owner->accountId;
    auto row = findByIdOrName(*call.core->ws, QStringLiteral("credentials"), call.param(QStringLiteral("credentialId")),
                              QStringLiteral("credential"), QStringLiteral("credentialId"), QStringLiteral("owner_id"), owner->id);
    if (!row)
        return row.problem();
    call.resourceId = row->value(QStringLiteral("id")).toString();
    return std::make_pair(*owner, *row);
}

Result<QJsonArray> expiring(Call& call, int days)
{
    Workspace& ws = *call.core->ws;
    const SqlCondition narrowed = call.caller.scope ? call.caller.scope->credentialsCondition() : SqlCondition{};
    auto rows = ws.select(QStringLiteral("SELECT * FROM credentials")
                              + (narrowed.where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + narrowed.where),
                          narrowed.binds);
    if (!rows)
        return rows.problem();
    const QDateTime horizon = nowUtc().addDays(days);
    QJsonArray out;
    for (const Row& r : *rows) {
        QJsonObject c = credentialJson(r);
        const QDateTime expires = parseRfc3339(r.value(QStringLiteral("expires")).toString());
        QDateTime due;
        QString reason;
        if (expires.isValid() && expires <= horizon) {
            due = expires;
            reason = QStringLiteral("expires");
        }
        // The strictest maximum age among the Integration Points of the Integrations using it.
        auto points = ws.select(QStringLiteral("SELECT DISTINCT integration_point_id FROM integrations "
                                               "WHERE credential_id = ? AND integration_point_id IS NOT NULL"),
                                {r.value(QStringLiteral("id"))});
        if (!points)
            return points.problem();
        const QDateTime setAt = parseRfc3339(r.value(QStringLiteral("secret_set_at")).toString());
        for (const Row& p : *points) {
            auto rules = rulesOfPoint(*call.core, p.value(QStringLiteral("integration_point_id")).toString());
            if (!rules || !rules->maxCredentialAgeDays)
                continue;
            const QDateTime ageDue = setAt.addDays(*rules->maxCredentialAgeDays);
            if (ageDue <= horizon && (!due.isValid() || ageDue < due)) {
                due = ageDue;
                reason = QStringLiteral("max_age");
            }
        }
        if (!due.isValid())
            continue;
        c.insert(QStringLiteral("expiry_reason"), reason);
        c.insert(QStringLiteral("due_at"), toRfc3339(due));
        c.insert(QStringLiteral("expired"), due <= nowUtc());
        out.append(c);
    }
    return out;
}

void replaceCredential(const CallPtr& call, const Owner& owner, const Row& existing, const QJsonObject& body,
                       ApiCallback done)
{
    Core& core = *call->core;
    auto draft = parseCredential(body, false);
    if (!draft)
        return done(ApiResponse::ofProblem(draft.problem()));
    if (draft->type != existing.value(QStringLiteral("type")).toString())
        return done(ApiResponse::ofProblem(
            Problem::badRequest(QStringLiteral("A credential's type cannot change."),
                                QStringLiteral("It is a %1 credential.").arg(existing.value(QStringLiteral("type")).toString()))
                .withParameter(QStringLiteral("config.type"), QStringLiteral("body"))
                .withRemediation(QStringLiteral("Create a new credential of the other type instead."))));
    const QString id = existing.value(QStringLiteral("id")).toString();
    if (Status s = checkNameFree(*core.ws, QStringLiteral("credentials"), draft->name, id, QStringLiteral("owner_id"), owner.id); !s)
        return done(ApiResponse::ofProblem(s.problem()));
    draft->id = id;
    draft->accountId = owner.accountId;
    draft->ownerId = owner.id;
    const bool rotating = !draft->secrets.isEmpty();
    Core* c = &core;
    CredentialDraft d = *draft;
    rotateCredentialSecrets(core, d, [c, d, existing, rotating, id]() -> Status {
        const QString now = toRfc3339(nowUtc());
        QJsonArray rotated = json::array(existing.value(QStringLiteral("rotated_at")));
        Row values{{QStringLiteral("name"), d.name},
                   {QStringLiteral("fullname"), d.fullname},
                   {QStringLiteral("metadata"), json::text(d.metadata)},
                   {QStringLiteral("expires"), json::optional(d.expires)},
                   {QStringLiteral("updated_at"), now}};
        if (rotating) {
            rotated.append(now);
            values.insert(QStringLiteral("rotated_at"), json::text(rotated));
            values.insert(QStringLiteral("secret_set_at"), now);
        }
        if (Status s = c->ws->update(QStringLiteral("credentials"), values, QStringLiteral("id"), id); !s)
            return s;
        return reevaluateIntegrations(*c, QStringLiteral("credential_id"), id);
    },
                            [call, c, id, rotating, done](Status s) {
                                if (!s)
                                    return done(ApiResponse::ofProblem(s.problem()));
                                call->auditDetail = rotating ? QStringLiteral("secret rotated") : QString();
                                auto row = c->ws->selectOne(QStringLiteral("SELECT * FROM credentials WHERE id = ?"), {id});
                                if (!row || !row->has_value())
                                    return done(ApiResponse::ofProblem(Problem::internal(QStringLiteral("The credential vanished."))));
                                done(ApiResponse::ofResult(credentialJson(**row)));
                            });
}

} // namespace

void addCredentialRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/credentials"), Access::Read, QStringLiteral("credentials.list"),
          [](Call& call) -> Result<ApiResponse> {
              const QString daysText = call.request.queryValue(QStringLiteral("expiring_within_days"));
              if (!daysText.isEmpty()) {
                  bool ok = false;
                  const int days = daysText.toInt(&ok);
                  if (!ok || days < 0)
                      return Problem::badRequest(QStringLiteral("expiring_within_days must be a number of days (0 or more)."))
                          .withParameter(QStringLiteral("expiring_within_days"), QStringLiteral("query"), daysText);
                  auto list = expiring(call, days);
                  if (!list)
                      return list.problem();
                  return listResponse(call, *list, QStringLiteral("due_at"));
              }
              // A narrowed role lists only the credentials of what it sees.
              const SqlCondition narrowed = call.caller.scope ? call.caller.scope->credentialsCondition() : SqlCondition{};
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM credentials")
                                                    + (narrowed.where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + narrowed.where),
                                                narrowed.binds);
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& row : *rows)
                  all.append(credentialJson(row));
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/credentials/{ownerId}"), Access::Read, QStringLiteral("credentials.list"),
          [](Call& call) -> Result<ApiResponse> {
              auto owner = findOwner(call, call.param(QStringLiteral("ownerId")));
              if (!owner)
                  return owner.problem();
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM credentials WHERE owner_id = ?"), {owner->id});
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& row : *rows)
                  all.append(credentialJson(row));
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/credentials/{ownerId}/{credentialId}"), Access::Read, QStringLiteral("credentials.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto found = findCredential(call);
              if (!found)
                  return found.problem();
              return ApiResponse::ofResult(credentialJson(found->second));
          });
    r.addAsync("POST", QStringLiteral("/v1/credentials/{ownerId}"), Access::Manage, QStringLiteral("credentials.create"),
               [](const CallPtr& call, ApiCallback done) {
                   Core& core = *call->core;
                   auto owner = findOwner(*call, call->param(QStringLiteral("ownerId")));
                   if (!owner)
                       return done(ApiResponse::ofProblem(owner.problem()));
                   call->accountId = owner->accountId;
                   if (Status s = mayManageOwner(*call, *owner); !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   auto body = json::bodyObject(call->request.body);
                   if (!body)
                       return done(ApiResponse::ofProblem(body.problem()));
                   auto draft = parseCredential(*body, true);
                   if (!draft)
                       return done(ApiResponse::ofProblem(draft.problem()));
                   if (Status s = checkNameFree(*core.ws, QStringLiteral("credentials"), draft->name, {},
                                                QStringLiteral("owner_id"), owner->id);
                       !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   draft->id = newId();
                   draft->ownerType = owner->type;
                   draft->ownerId = owner->id;
                   draft->accountId = owner->accountId;
                   call->resourceId = draft->id;
                   Core* c = &core;
                   const QString id = draft->id;
                   storeNewCredential(core, *draft, {}, [c, id, done](Status s) {
                       if (!s)
                           return done(ApiResponse::ofProblem(s.problem()));
                       auto row = c->ws->selectOne(QStringLiteral("SELECT * FROM credentials WHERE id = ?"), {id});
                       if (!row || !row->has_value())
                           return done(ApiResponse::ofProblem(Problem::internal(QStringLiteral("The credential vanished."))));
                       done(ApiResponse::ofResult(credentialJson(**row), 201));
                   });
               });
    r.addAsync("PUT", QStringLiteral("/v1/credentials/{ownerId}/{credentialId}"), Access::Manage,
               QStringLiteral("credentials.update"), [](const CallPtr& call, ApiCallback done) {
                   auto found = findCredential(*call);
                   if (!found)
                       return done(ApiResponse::ofProblem(found.problem()));
                   if (Status s = mayManageOwner(*call, found->first); !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   auto body = json::bodyObject(call->request.body);
                   if (!body)
                       return done(ApiResponse::ofProblem(body.problem()));
                   replaceCredential(call, found->first, found->second, *body, done);
               });
    r.addAsync("PATCH", QStringLiteral("/v1/credentials/{ownerId}/{credentialId}"), Access::Manage,
               QStringLiteral("credentials.update"), [](const CallPtr& call, ApiCallback done) {
                   auto found = findCredential(*call);
                   if (!found)
                       return done(ApiResponse::ofProblem(found.problem()));
                   if (Status s = mayManageOwner(*call, found->first); !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   auto patched = applyJsonPatch(credentialJson(found->second), call->request.body);
                   if (!patched)
                       return done(ApiResponse::ofProblem(patched.problem()));
                   replaceCredential(call, found->first, found->second, patched->toObject(), done);
               });
    r.addAsync("DELETE", QStringLiteral("/v1/credentials/{ownerId}/{credentialId}"), Access::Manage,
               QStringLiteral("credentials.delete"), [](const CallPtr& call, ApiCallback done) {
                   Core& core = *call->core;
                   auto found = findCredential(*call);
                   if (!found)
                       return done(ApiResponse::ofProblem(found.problem()));
                   if (Status s = mayManageOwner(*call, found->first); !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   const QString id = found->second.value(QStringLiteral("id")).toString();
                   auto users = core.ws->scalar(QStringLiteral("SELECT name FROM integrations WHERE credential_id = ?"), {id});
                   if (!users)
                       return done(ApiResponse::ofProblem(users.problem()));
                   if (users->isValid())
                       return done(ApiResponse::ofProblem(
                           Problem::conflict(QStringLiteral("The credential is still used by an Integration."), users->toString())
                               .withRemediation(QStringLiteral("Point the Integration at another credential first."))));
                   auto keys = vaultKeysWhere(core, QStringLiteral("credential_id = ?"), {id});
                   if (!keys)
                       return done(ApiResponse::ofProblem(keys.problem()));
                   Core* c = &core;
                   removeKeysThenCommit(
                       core, *keys,
                       [c, id]() -> Status {
                           if (auto r1 = c->ws->remove(QStringLiteral("vault_index"), QStringLiteral("credential_id"), id); !r1)
                               return r1.problem();
                           if (auto r2 = c->ws->remove(QStringLiteral("credentials"), QStringLiteral("id"), id); !r2)
                               return r2.problem();
                           return {};
                       },
                       [done](Status s) { done(s ? ApiResponse::noContent() : ApiResponse::ofProblem(s.problem())); });
               });
    // Patchbay addition: the secret back for display; administrators only, always audited.
    r.addAsync("GET", QStringLiteral("/v1/credentials/{ownerId}/{credentialId}/reveal"), Access::Administer,
               QStringLiteral("credentials.reveal"), [](const CallPtr& call, ApiCallback done) {
                   call->auditRead = true;
                   auto found = findCredential(*call);
                   if (!found)
                       return done(ApiResponse::ofProblem(found.problem()));
                   const QJsonObject meta = credentialJson(found->second);
                   readCredentialSecrets(*call->core, found->second.value(QStringLiteral("id")).toString(),
                                         [meta, done](Result<QHash<QString, QByteArray>> secrets) {
                                             if (!secrets)
                                                 return done(ApiResponse::ofProblem(secrets.problem()));
                                             QJsonObject config = meta.value(QStringLiteral("config")).toObject();
                                             for (auto it = secrets->cbegin(); it != secrets->cend(); ++it)
                                                 config.insert(it.key(), QString::fromUtf8(it.value()));
                                             QJsonObject out = meta;
                                             out.insert(QStringLiteral("config"), config);
                                             done(ApiResponse::ofResult(out));
                                         });
               });
}

} // namespace pb
