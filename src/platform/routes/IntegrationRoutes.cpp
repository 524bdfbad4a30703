// /v1/integrations: Account x Provider bindings, checked against the catalog and their
// Integration Point before they are saved.
#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/CredentialStore.h"
#include "platform/RoleScope.h"
#include "platform/VaultOps.h"
#include "platform/policy/PolicyEngine.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

QJsonObject integrationJson(Workspace& ws, const Row& r)
{
    QJsonObject config = json::object(r.value(QStringLiteral("provider_config")));
    const QString providerId = r.value(QStringLiteral("provider_type")).toString();
    config.insert(QStringLiteral("type"), providerId);
    const QString credentialId = r.value(QStringLiteral("credential_id")).toString();
    if (!credentialId.isEmpty()) {
        // Lists join the type in (credential_type); single reads look it up.
        QString type = r.value(QStringLiteral("credential_type")).toString();
        if (!r.contains(QStringLiteral("credential_type"))) {
            auto found = ws.scalar(QStringLiteral("SELECT type FROM credentials WHERE id = ?"), {credentialId});
            type = found ? found->toString() : QString();
        }
        config.insert(QStringLiteral("credential"), QJsonObject{{QStringLiteral("id"), credentialId}, {QStringLiteral("type"), type}});
    }
    const ProviderSpec* provider = Catalog::builtin().provider(providerId);
    return {{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
            {QStringLiteral("account_id"), r.value(QStringLiteral("account_id")).toString()},
            {QStringLiteral("category"), r.value(QStringLiteral("category")).toString()},
            {QStringLiteral("provider_type"), providerId},
            {QStringLiteral("provider_fullname"), provider ? provider->fullname : providerId},
            {QStringLiteral("provider_config"), config},
            {QStringLiteral("integration_point_id"), json::column(r.value(QStringLiteral("integration_point_id")))},
            {QStringLiteral("enabled"), r.value(QStringLiteral("enabled")).toInt() != 0},
            {QStringLiteral("compliance"), r.value(QStringLiteral("compliance")).toString()},
            {QStringLiteral("violations"), json::array(r.value(QStringLiteral("violations")))},
            {QStringLiteral("refresh_token_id"), json::column(r.value(QStringLiteral("refresh_token_id")))},
            {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
}

namespace {

struct IntegrationDraft {
    QString id;
    json::Names names;
    QString accountId;
    QString providerId;
    QString category;
    QJsonObject config; // without type and credential
    QString pointId;
    bool enabled = true;
    QString credentialId;                        // a reference, or the inline credential's new id
    std::optional<CredentialDraft> inlineCredential;
    Row evaluationRow; // what the policy engine sees
};

struct CredentialRef {
    QString id;
    QString type;
};

// A credential named by id or name, looked up within the Account first (idx_credentials_account_name):
// the import resolves one such reference per Integration, so this must not scan every credential.
Result<CredentialRef> referencedCredential(Call& call, const QString& accountId, const QString& key)
{
    Workspace& ws = *call.core->ws;
    auto own = ws.selectOne(QStringLiteral("SELECT id, type FROM credentials WHERE account_id = ? AND (id = ? OR name = ?) LIMIT 1"),
                            {accountId, key, key.toLower()});
    if (!own)
        return own.problem();
    if (own->has_value())
        return CredentialRef{(*own)->value(QStringLiteral("id")).toString(), (*own)->value(QStringLiteral("type")).toString()};
    auto elsewhere = ws.scalar(QStringLiteral("SELECT id FROM credentials WHERE id = ? OR name = ? LIMIT 1"), {key, key.toLower()});
    if (!elsewhere)
        return elsewhere.problem();
    if (elsewhere->isValid())
        return Problem(403, QStringLiteral("cross_account_credential"),
                       QStringLiteral("The credential belongs to another Account."),
                       QStringLiteral("Credential \"%1\" may be used only by Integrations of its own Account.").arg(key),
                       QStringLiteral("Create a credential in this Account."))
            .withParameter(QStringLiteral("provider_config.credential"), QStringLiteral("body"), key);
    return Problem::badRequest(QStringLiteral("No credential \"%1\" in this Account.").arg(key))
        .withParameter(QStringLiteral("provider_config.credential"), QStringLiteral("body"), key);
}

Result<IntegrationDraft> parseIntegration(Call& call, const QString& accountId, const QJsonObject& body, const Row* existing)
{
    IntegrationDraft d;
    d.accountId = accountId;
    d.id = existing ? existing->value(QStringLiteral("id")).toString() : newId();
    const QJsonValue pc = body.value(QStringLiteral("provider_config"));
    if (!pc.isObject())
        return Problem::badRequest(QStringLiteral("\"provider_config\" must be an object naming the provider in \"type\"."))
            .withParameter(QStringLiteral("provider_config"), QStringLiteral("body"));
    QJsonObject config = pc.toObject();
    d.providerId = config.value(QStringLiteral("type")).toString();
    const Catalog& catalog = Catalog::builtin();
    const ProviderSpec* provider = catalog.provider(d.providerId);
    if (!provider)
        return Problem::badRequest(QStringLiteral("Unknown provider \"%1\".").arg(d.providerId),
                                   QStringLiteral("List the providers with GET /v1/capabilities/providers."))
            .withParameter(QStringLiteral("provider_config.type"), QStringLiteral("body"), d.providerId);
    d.category = provider->connectorId;
    if (Status s = checkIntegrationCategory(call, accountId, d.category); !s) // a role narrowed to categories
        return s.problem();
    if (Status s = catalog.validateConfig(d.providerId, config); !s)
        return s.problem();
    auto names = json::names(body, d.providerId.replace(QLatin1Char('_'), QLatin1Char('-')));
    d.providerId = provider->id;
    if (!names)
        return names.problem();
    d.names = *names;
    const QJsonValue enabled = body.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool())
        return Problem::badRequest(QStringLiteral("\"enabled\" must be true or false."))
            .withParameter(QStringLiteral("enabled"), QStringLiteral("body"), enabled);
    d.enabled = enabled.toBool(true);
    const QJsonValue point = body.value(QStringLiteral("integration_point_id"));
    if (point.isString() && !point.toString().isEmpty()) {
        auto row = findIntegrationPoint(call, point.toString(), QStringLiteral("integration_point_id"));
        if (!row) {
            Problem p = row.problem();
            p.status = 400;
            p.location = QStringLiteral("body");
            return p;
        }
        d.pointId = row->value(QStringLiteral("id")).toString();
    }
    d.evaluationRow = {{QStringLiteral("id"), d.id},
                       {QStringLiteral("name"), d.names.name},
                       {QStringLiteral("account_id"), accountId},
                       {QStringLiteral("provider_type"), d.providerId},
                       {QStringLiteral("integration_point_id"), d.pointId}};
    const QJsonValue credential = config.take(QStringLiteral("credential"));
    config.remove(QStringLiteral("type"));
    d.config = config;
    QString credentialType;
    if (credential.isString() || (credential.isObject() && credential.toObject().contains(QStringLiteral("id")))) {
        const QString key = credential.isString() ? credential.toString()
                                                  : credential.toObject().value(QStringLiteral("id")).toString();
        auto ref = referencedCredential(call, accountId, key);
        if (!ref)
            return ref.problem();
        d.credentialId = ref->id;
        credentialType = ref->type;
    } else if (credential.isObject()) {
        QJsonObject inlineBody;
        inlineBody.insert(QStringLiteral("config"), credential.toObject());
        inlineBody.insert(QStringLiteral("name"), QString(d.names.name.left(53) + QStringLiteral("-credential")));
        inlineBody.insert(QStringLiteral("fullname"), QString(d.names.fullname + QStringLiteral(" credential")));
        auto draft = parseCredential(inlineBody, true);
        if (!draft) {
            Problem p = draft.problem();
            p.parameter = QStringLiteral("provider_config.credential.") + p.parameter.section(QLatin1Char('.'), -1);
            return p;
        }
        draft->id = newId();
        draft->ownerType = QStringLiteral("integration");
        draft->ownerId = d.id;
        draft->accountId = accountId;
        d.credentialId = draft->id;
        credentialType = draft->type;
        d.inlineCredential = *draft;
        d.evaluationRow.insert(QStringLiteral("draft_credential_type"), credentialType);
        d.evaluationRow.insert(QStringLiteral("draft_credential_set_at"), toRfc3339(nowUtc()));
        d.evaluationRow.insert(QStringLiteral("draft_credential_expires"), QString());
    } else if (!credential.isUndefined() && !credential.isNull()) {
        return Problem::badRequest(QStringLiteral("provider_config.credential must be a credential id or name, or an inline credential object."))
            .withParameter(QStringLiteral("provider_config.credential"), QStringLiteral("body"));
    }
    if (!credentialType.isEmpty() && !provider->credentialTypes.contains(credentialType))
        return Problem::badRequest(QStringLiteral("%1 does not accept %2 credentials.").arg(provider->fullname, credentialType),
                                   QStringLiteral("Accepted: %1.").arg(provider->credentialTypes.join(QStringLiteral(", "))))
            .withParameter(QStringLiteral("provider_config.credential"), QStringLiteral("body"), credentialType);
    d.evaluationRow.insert(QStringLiteral("credential_id"), d.credentialId);
    d.evaluationRow.insert(QStringLiteral("provider_config"), json::text(d.config));
    return d;
}

Status checkPolicy(Call& call, const IntegrationDraft& d, const QString& context)
{
    auto violations = evaluateIntegration(*call.core, d.evaluationRow);
    if (!violations)
        return violations.problem();
    if (violations->isEmpty())
        return {};
    QList<Violation> list;
    for (const QJsonValue& v : *violations) {
        const QJsonObject o = v.toObject();
        list.append({o.value(QStringLiteral("rule")).toString(), o.value(QStringLiteral("message")).toString(),
                     o.value(QStringLiteral("parameter")).toString()});
    }
    return PolicyEngine::toProblem(list, context);
}

Row integrationRow(const IntegrationDraft& d)
{
    return {{QStringLiteral("name"), d.names.name},
            {QStringLiteral("fullname"), d.names.fullname},
            {QStringLiteral("category"), d.category},
            {QStringLiteral("provider_type"), d.providerId},
            {QStringLiteral("provider_config"), json::text(d.config)},
            {QStringLiteral("credential_id"), json::optional(d.credentialId)},
            {QStringLiteral("integration_point_id"), json::optional(d.pointId)},
            {QStringLiteral("enabled"), d.enabled ? 1 : 0},
            {QStringLiteral("compliance"), QStringLiteral("compliant")},
            {QStringLiteral("violations"), QStringLiteral("[]")},
            {QStringLiteral("updated_at"), toRfc3339(nowUtc())}};
}

// Runs `commit` after storing the inline credential, if there is one.
void withInlineCredential(Core& core, const IntegrationDraft& d, std::function<Status()> commit,
                          std::function<void(Status)> done)
{
    if (d.inlineCredential)
        return storeNewCredential(core, *d.inlineCredential, commit, done);
    done(core.ws->transaction(commit));
}

struct Scope {
    Row account;
    QString accountId;
};

Result<Scope> accountScope(Call& call)
{
    auto account = findAccount(call, call.param(QStringLiteral("accountId")));
    if (!account)
        return account.problem();
    Scope s{*account, account->value(QStringLiteral("id")).toString()};
    call.accountId = s.accountId;
    return s;
}

void replaceIntegration(const CallPtr& call, const Row& existing, const QJsonObject& body, ApiCallback done)
{
    Core& core = *call->core;
    const QString accountId = existing.value(QStringLiteral("account_id")).toString();
    auto d = parseIntegration(*call, accountId, body, &existing);
    if (!d)
        return done(ApiResponse::ofProblem(d.problem()));
    if (Status s = checkNameFree(*core.ws, QStringLiteral("integrations"), d->names.name, d->id, QStringLiteral("account_id"), accountId); !s)
        return done(ApiResponse::ofProblem(s.problem()));
    if (Status s = checkPolicy(*call, *d, QStringLiteral("The Integration cannot be saved")); !s)
        return done(ApiResponse::ofProblem(s.problem()));
    Core* c = &core;
    const IntegrationDraft draft = *d;
    withInlineCredential(core, draft,
                         [c, draft]() -> Status {
                             if (Status s = c->ws->update(QStringLiteral("integrations"), integrationRow(draft), QStringLiteral("id"), draft.id); !s)
                                 return s;
                             return reevaluateIntegrations(*c, QStringLiteral("id"), draft.id);
                         },
                         [c, draft, done](Status s) {
                             if (!s)
                                 return done(ApiResponse::ofProblem(s.problem()));
                             auto row = c->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"), {draft.id});
                             if (!row || !row->has_value())
                                 return done(ApiResponse::ofProblem(Problem::internal(QStringLiteral("The Integration vanished."))));
                             done(ApiResponse::ofResult(integrationJson(*c->ws, **row)));
                         });
}

} // namespace

Status importIntegration(Call& call, const QString& accountId, const QString& id, const QJsonObject& body,
                         QList<QVariantList>* statusRows)
{
    Row existingId{{QStringLiteral("id"), id}};
    const QJsonValue credential = body.value(QStringLiteral("provider_config")).toObject().value(QStringLiteral("credential"));
    if (credential.isObject() && !credential.toObject().contains(QStringLiteral("id")))
        return Problem::badRequest(QStringLiteral("An import cannot carry inline credentials."),
                                   QStringLiteral("Exports hold credentials as metadata only; reference them by name."))
            .withParameter(QStringLiteral("provider_config.credential"), QStringLiteral("body"));
    auto d = parseIntegration(call, accountId, body, &existingId);
    if (!d)
        return d.problem();
    if (Status s = checkPolicy(call, *d, QStringLiteral("The imported Integration \"%1\" is refused").arg(d->names.name)); !s)
        return s;
    Row row = integrationRow(*d);
    row.insert(QStringLiteral("id"), id);
    row.insert(QStringLiteral("account_id"), accountId);
    row.insert(QStringLiteral("created_at"), row.value(QStringLiteral("updated_at")));
    if (Status s = call.core->ws->insert(QStringLiteral("integrations"), row); !s)
        return s;
    // Written by the caller in one insertMany (integration_id, account_id, updated_at).
    statusRows->append({id, accountId, row.value(QStringLiteral("updated_at"))});
    return {};
}

void addIntegrationRoutes(Router& r)
{
    static const QHash<QString, QString> columns{
        {QStringLiteral("id"), QStringLiteral("i.id")},
        {QStringLiteral("name"), QStringLiteral("i.name")},
        {QStringLiteral("fullname"), QStringLiteral("i.fullname")},
        {QStringLiteral("account_id"), QStringLiteral("i.account_id")},
        {QStringLiteral("category"), QStringLiteral("i.category")},
        {QStringLiteral("provider_type"), QStringLiteral("i.provider_type")},
        {QStringLiteral("integration_point_id"), QStringLiteral("i.integration_point_id")},
        {QStringLiteral("compliance"), QStringLiteral("i.compliance")},
        {QStringLiteral("created_at"), QStringLiteral("i.created_at")},
        {QStringLiteral("updated_at"), QStringLiteral("i.updated_at")}};
    static const QString select = QStringLiteral(
        "SELECT i.*, c.type AS credential_type FROM integrations i LEFT JOIN credentials c ON c.id = i.credential_id");
    r.add("GET", QStringLiteral("/v1/integrations"), Access::Read, QStringLiteral("integrations.list"),
          [](Call& call) -> Result<ApiResponse> {
              Workspace* ws = call.core->ws.get();
              const SqlCondition narrowed = call.caller.scope
                  ? call.caller.scope->integrationsCondition(QStringLiteral("i.account_id"), QStringLiteral("i.category"))
                  : SqlCondition{};
              return sqlListResponse(call, select, narrowed.where, narrowed.binds, columns,
                                     [ws](const Row& row) { return integrationJson(*ws, row); });
          });
    r.add("GET", QStringLiteral("/v1/integrations/{accountId}"), Access::Read, QStringLiteral("integrations.list"),
          [](Call& call) -> Result<ApiResponse> {
              auto scope = accountScope(call);
              if (!scope)
                  return scope.problem();
              Workspace* ws = call.core->ws.get();
              SqlCondition where{QStringLiteral("i.account_id = ?"), {scope->accountId}};
              if (call.caller.scope) { // a role narrowed to some connector categories
                  const SqlCondition narrowed =
                      call.caller.scope->integrationsCondition(QStringLiteral("i.account_id"), QStringLiteral("i.category"));
                  where.where += QStringLiteral(" AND (") + narrowed.where + QStringLiteral(")");
                  where.binds.append(narrowed.binds);
              }
              return sqlListResponse(call, select, where.where, where.binds, columns,
                                     [ws](const Row& row) { return integrationJson(*ws, row); });
          });
    r.add("GET", QStringLiteral("/v1/integrations/{accountId}/{integrationId}"), Access::Read, QStringLiteral("integrations.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto scope = accountScope(call);
              if (!scope)
                  return scope.problem();
              auto row = findIntegration(call, scope->accountId, call.param(QStringLiteral("integrationId")));
              if (!row)
                  return row.problem();
              return ApiResponse::ofResult(integrationJson(*call.core->ws, *row));
          });
    r.add("POST", QStringLiteral("/v1/integrations/{accountId}/verify"), Access::Manage, QStringLiteral("integrations.verify"),
          [](Call& call) -> Result<ApiResponse> {
              auto scope = accountScope(call);
              if (!scope)
                  return scope.problem();
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              auto d = parseIntegration(call, scope->accountId, *body, nullptr);
              if (!d)
                  return d.problem();
              if (Status s = checkNameFree(*call.core->ws, QStringLiteral("integrations"), d->names.name, {},
                                           QStringLiteral("account_id"), scope->accountId);
                  !s)
                  return s.problem();
              if (Status s = checkPolicy(call, *d, QStringLiteral("The Integration would be refused")); !s)
                  return s.problem();
              return ApiResponse::ofResult(QJsonObject{{QStringLiteral("valid"), true}, {QStringLiteral("violations"), QJsonArray()}});
          });
    r.addAsync("POST", QStringLiteral("/v1/integrations/{accountId}"), Access::Manage, QStringLiteral("integrations.create"),
               [](const CallPtr& call, ApiCallback done) {
                   Core& core = *call->core;
                   auto scope = accountScope(*call);
                   if (!scope)
                       return done(ApiResponse::ofProblem(scope.problem()));
                   auto body = json::bodyObject(call->request.body);
                   if (!body)
                       return done(ApiResponse::ofProblem(body.problem()));
                   auto d = parseIntegration(*call, scope->accountId, *body, nullptr);
                   if (!d)
                       return done(ApiResponse::ofProblem(d.problem()));
                   if (Status s = checkNameFree(*core.ws, QStringLiteral("integrations"), d->names.name, {},
                                                QStringLiteral("account_id"), scope->accountId);
                       !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   if (Status s = checkPolicy(*call, *d, QStringLiteral("The Integration cannot be created")); !s)
                       return done(ApiResponse::ofProblem(s.problem()));
                   Core* c = &core;
                   const IntegrationDraft draft = *d;
                   call->resourceId = draft.id;
                   call->integrationId = draft.id;
                   auto token = std::make_shared<QJsonObject>();
                   withInlineCredential(
                       core, draft,
                       [c, draft, token]() -> Status {
                           Row row = integrationRow(draft);
                           row.insert(QStringLiteral("id"), draft.id);
                           row.insert(QStringLiteral("account_id"), draft.accountId);
                           row.insert(QStringLiteral("created_at"), row.value(QStringLiteral("updated_at")));
                           if (Status s = c->ws->insert(QStringLiteral("integrations"), row); !s)
                               return s;
                           if (Status s = c->ws->insert(QStringLiteral("integration_status"),
                                                        {{QStringLiteral("integration_id"), draft.id},
                                                         {QStringLiteral("account_id"), draft.accountId},
                                                         {QStringLiteral("updated_at"), row.value(QStringLiteral("updated_at"))}});
                               !s)
                               return s;
                           auto ttl = integrationTokenTtl(*c, row, std::nullopt);
                           if (!ttl)
                               return ttl.problem();
                           auto pair = c->tokens->issueIntegrationPair(draft.accountId, draft.id, *ttl, QStringLiteral("integration"));
                           if (!pair)
                               return pair.problem();
                           *token = *pair;
                           const QString refreshId = pair->value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
                           auto u = c->ws->exec(QStringLiteral("UPDATE integrations SET refresh_token_id = ? WHERE id = ?"), {refreshId, draft.id});
                           if (!u)
                               return u.problem();
                           return {};
                       },
                       [c, draft, token, done](Status s) {
                           if (!s)
                               return done(ApiResponse::ofProblem(s.problem()));
                           auto row = c->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"), {draft.id});
                           if (!row || !row->has_value())
                               return done(ApiResponse::ofProblem(Problem::internal(QStringLiteral("The Integration vanished."))));
                           QJsonArray createdCredentials;
                           if (draft.inlineCredential)
                               createdCredentials.append(draft.credentialId);
                           done(ApiResponse::ofResult(QJsonObject{{QStringLiteral("integration"), integrationJson(*c->ws, **row)},
                                                                  {QStringLiteral("token"), *token},
                                                                  {QStringLiteral("credentials_created"), createdCredentials}},
                                                      201));
                       });
               });
    r.addAsync("PUT", QStringLiteral("/v1/integrations/{accountId}/{integrationId}"), Access::Manage,
               QStringLiteral("integrations.update"), [](const CallPtr& call, ApiCallback done) {
                   auto scope = accountScope(*call);
                   if (!scope)
                       return done(ApiResponse::ofProblem(scope.problem()));
                   auto row = findIntegration(*call, scope->accountId, call->param(QStringLiteral("integrationId")));
                   if (!row)
                       return done(ApiResponse::ofProblem(row.problem()));
                   call->resourceId = call->integrationId = row->value(QStringLiteral("id")).toString();
                   auto body = json::bodyObject(call->request.body);
                   if (!body)
                       return done(ApiResponse::ofProblem(body.problem()));
                   replaceIntegration(call, *row, *body, done);
               });
    r.addAsync("PATCH", QStringLiteral("/v1/integrations/{accountId}/{integrationId}"), Access::Manage,
               QStringLiteral("integrations.update"), [](const CallPtr& call, ApiCallback done) {
                   auto scope = accountScope(*call);
                   if (!scope)
                       return done(ApiResponse::ofProblem(scope.problem()));
                   auto row = findIntegration(*call, scope->accountId, call->param(QStringLiteral("integrationId")));
                   if (!row)
                       return done(ApiResponse::ofProblem(row.problem()));
                   call->resourceId = call->integrationId = row->value(QStringLiteral("id")).toString();
                   auto patched = applyJsonPatch(integrationJson(*call->core->ws, *row), call->request.body);
                   if (!patched)
                       return done(ApiResponse::ofProblem(patched.problem()));
                   replaceIntegration(call, *row, patched->toObject(), done);
               });
    r.addAsync("DELETE", QStringLiteral("/v1/integrations/{accountId}/{integrationId}"), Access::Manage,
               QStringLiteral("integrations.delete"), [](const CallPtr& call, ApiCallback done) {
                   Core& core = *call->core;
                   auto scope = accountScope(*call);
                   if (!scope)
                       return done(ApiResponse::ofProblem(scope.problem()));
                   auto row = findIntegration(*call, scope->accountId, call->param(QStringLiteral("integrationId")));
                   if (!row)
                       return done(ApiResponse::ofProblem(row.problem()));
                   const QString id = row->value(QStringLiteral("id")).toString();
                   call->resourceId = call->integrationId = id;
                   // Checked before the keychain is touched, so a refusal leaves everything as it was.
                   auto sharedWith = core.ws->scalar(QStringLiteral("SELECT i.name FROM integrations i JOIN credentials c ON c.id = i.credential_id "
                                                                    "WHERE c.owner_id = ? AND i.id <> ?"),
                                                     {id, id});
                   if (!sharedWith)
                       return done(ApiResponse::ofProblem(sharedWith.problem()));
                   if (sharedWith->isValid())
                       return done(ApiResponse::ofProblem(
                           Problem::conflict(QStringLiteral("Another Integration uses a credential this Integration owns."), sharedWith->toString())
                               .withRemediation(QStringLiteral("Point that Integration at another credential first."))));
                   Core* c = &core;
                   deleteOwnerWithCredentials(core, id, [c, id] { return c->tokens->revokeIntegrationTokens(id); },
                                              {QStringLiteral("DELETE FROM integrations WHERE id = ?")},
                                              [done](Status s) { done(s ? ApiResponse::noContent() : ApiResponse::ofProblem(s.problem())); });
               });
}

} // namespace pb
