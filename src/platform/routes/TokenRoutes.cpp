// /v1/tokens: Organization Access Tokens (ad hoc, narrowed), Integration Access Tokens, and the
// refresh / rotate / reset / revoke lifecycle. Secrets appear only in the answer that issues them.
#include "core/Clock.h"
#include "platform/Compliance.h"
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

Result<Row> findToken(Call& call, const QString& id)
{
    auto row = call.core->ws->selectOne(QStringLiteral("SELECT * FROM tokens WHERE id = ?"), {id});
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::notFound(QStringLiteral("No token with this id."), id)
            .withParameter(QStringLiteral("refreshTokenId"), QStringLiteral("path"), id);
    // A narrowed role does not see the tokens of Integrations outside its scope.
    const QString integrationId = (*row)->value(QStringLiteral("integration_id")).toString();
    if (call.caller.scope && !integrationId.isEmpty()) {
        auto integration = call.core->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"), {integrationId});
        if (!integration)
            return integration.problem();
        Status s = integration->has_value() ? checkIntegrationAccess(call, **integration, id, QStringLiteral("refreshTokenId"))
                                            : checkAccountIdAccess(call, (*row)->value(QStringLiteral("account_id")).toString(), id,
                                                                   QStringLiteral("refreshTokenId"));
        if (!s && s.problem().status == 404)
            return Problem::notFound(QStringLiteral("No token with this id."), id)
                .withParameter(QStringLiteral("refreshTokenId"), QStringLiteral("path"), id);
        if (!s)
            return s.problem();
    }
    return **row;
}

// Members manage their own organization tokens and every integration token; administrators all.
Status mayManageToken(const Call& call, const Row& token)
{
    if (call.caller.role == RoleLevel::Administrator)
        return {};
    if (token.value(QStringLiteral("resource_type")).toString() == QStringLiteral("integration"))
        return {};
    if (token.value(QStringLiteral("member_id")).toString() == call.caller.memberId)
        return {};
    return Problem::forbidden(QStringLiteral("Only administrators manage another member's tokens."));
}

Result<std::optional<qint64>> ttlField(const QJsonObject& body)
{
    const QJsonValue v = body.value(QStringLiteral("token_ttl"));
    if (v.isUndefined() || v.isNull())
        return std::optional<qint64>();
    if (!v.isDouble() || v.toDouble() < 1)
        return Problem::badRequest(QStringLiteral("token_ttl must be a positive number of seconds."))
            .withParameter(QStringLiteral("token_ttl"), QStringLiteral("body"), v);
    return std::optional<qint64>(static_cast<qint64>(v.toDouble()));
}

Result<Row> memberOf(Call& call, const QString& memberId)
{
    auto row = call.core->ws->selectOne(QStringLiteral("SELECT * FROM members WHERE id = ?"), {memberId});
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::notFound(QStringLiteral("The member no longer exists."), memberId);
    return **row;
}

qint64 accessCap(const Row& member)
{
    return member.value(QStringLiteral("type")).toString() == QStringLiteral("service")
               ? TokenService::serviceAccessMaxSeconds
               : TokenService::personalAccessMaxSeconds;
}

} // namespace

void addTokenRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/tokens"), Access::Read, QStringLiteral("tokens.list"),
          [](Call& call) -> Result<ApiResponse> {
              // A narrowed role lists organization tokens and those of the Integrations it sees.
              SqlCondition narrowed;
              if (call.caller.scope) {
                  const SqlCondition i = call.caller.scope->integrationsCondition(QStringLiteral("rs_t.account_id"),
                                                                                  QStringLiteral("rs_t.category"));
                  narrowed.where = QStringLiteral(" WHERE integration_id IS NULL OR integration_id = '' OR integration_id IN "
                                                  "(SELECT rs_t.id FROM integrations rs_t WHERE ") + i.where + QStringLiteral(")");
                  narrowed.binds = i.binds;
              }
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM tokens") + narrowed.where, narrowed.binds);
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& row : *rows)
                  all.append(TokenService::infoJson(row, call.core->organizationId));
              return listResponse(call, all, QStringLiteral("created_at"), true);
          });
    r.add("GET", QStringLiteral("/v1/tokens/{refreshTokenId}/info"), Access::Read, QStringLiteral("tokens.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findToken(call, call.param(QStringLiteral("refreshTokenId")));
              if (!row)
                  return row.problem();
              return ApiResponse::ofResult(TokenService::infoJson(*row, call.core->organizationId));
          });
    // Ad-hoc Organization Access Token for the caller, optionally narrowed to a lesser role.
    r.add("POST", QStringLiteral("/v1/tokens"), Access::Manage, QStringLiteral("tokens.issue"),
          [](Call& call) -> Result<ApiResponse> {
              const QJsonObject body = call.request.body.toObject();
              auto ttl = ttlField(body);
              if (!ttl)
                  return ttl.problem();
              auto member = memberOf(call, call.caller.memberId);
              if (!member)
                  return member.problem();
              const qint64 cap = accessCap(*member);
              if (ttl->value_or(0) > cap)
                  return Problem::badRequest(QStringLiteral("token_ttl exceeds the %1 s maximum for this member.").arg(cap),
                                             QStringLiteral("Personal members' tokens last at most 24 hours."))
                      .withParameter(QStringLiteral("token_ttl"), QStringLiteral("body"), static_cast<double>(**ttl));
              const QVariant memberTtl = member->value(QStringLiteral("token_ttl"));
              const qint64 accessTtl = ttl->value_or(memberTtl.isNull() ? cap : std::min(cap, memberTtl.toLongLong()));
              RoleLevel role = call.caller.role;
              const QString requested = body.value(QStringLiteral("permissions")).toObject().value(QStringLiteral("role")).toString();
              if (!requested.isEmpty()) {
                  const RoleLevel want = roleLevel(requested);
                  if (want == RoleLevel::None)
                      return Problem::badRequest(QStringLiteral("Unknown role \"%1\".").arg(requested))
                          .withParameter(QStringLiteral("permissions.role"), QStringLiteral("body"), requested);
                  if (want > role)
                      return Problem::forbidden(QStringLiteral("A token's scope can be narrowed, never widened."),
                                                QStringLiteral("You act as %1 and asked for %2.").arg(roleName(role), requested))
                          .withParameter(QStringLiteral("permissions.role"), QStringLiteral("body"), requested);
                  role = want;
              }
              auto pair = call.core->tokens->issueOrganizationPair(call.caller.memberId, role, accessTtl,
                                                                   body.value(QStringLiteral("name")).toString());
              if (!pair)
                  return pair.problem();
              call.resourceId = pair->value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
              return created(*pair);
          });
    // Integration Access Token for one Integration; its TTL is capped by the Integration Point.
    r.add("POST", QStringLiteral("/v1/tokens/{accountId}/{integrationId}"), Access::Manage,
          QStringLiteral("tokens.issue_integration"), [](Call& call) -> Result<ApiResponse> {
              auto account = findAccount(call, call.param(QStringLiteral("accountId")));
              if (!account)
                  return account.problem();
              const QString accountId = account->value(QStringLiteral("id")).toString();
              call.accountId = accountId;
              auto integration = findIntegration(call, accountId, call.param(QStringLiteral("integrationId")));
              if (!integration)
                  return integration.problem();
              call.integrationId = integration->value(QStringLiteral("id")).toString();
              const QJsonObject body = call.request.body.toObject();
              auto ttl = ttlField(body);
              if (!ttl)
                  return ttl.problem();
              if (Status s = integrationUsable(*call.core, *integration,
                                               QStringLiteral("No token can be issued for this Integration"));
                  !s)
                  return s.problem();
              auto effective = integrationTokenTtl(*call.core, *integration, *ttl);
              if (!effective)
                  return effective.problem();
              auto pair = call.core->tokens->issueIntegrationPair(accountId, call.integrationId, *effective,
                                                                  body.value(QStringLiteral("name")).toString());
              if (!pair)
                  return pair.problem();
              QJsonObject token = pair->value(QStringLiteral("access")).toObject();
              token.insert(QStringLiteral("refresh"), pair->value(QStringLiteral("refresh")));
              call.resourceId = token.value(QStringLiteral("id")).toString();
              return created(token);
          });
    r.add("DELETE", QStringLiteral("/v1/tokens/{refreshTokenId}"), Access::Manage, QStringLiteral("tokens.revoke"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findToken(call, call.param(QStringLiteral("refreshTokenId")));
              if (!row)
                  return row.problem();
              if (Status s = mayManageToken(call, *row); !s)
                  return s.problem();
              call.resourceId = row->value(QStringLiteral("id")).toString();
              call.accountId = row->value(QStringLiteral("account_id")).toString();
              call.integrationId = row->value(QStringLiteral("integration_id")).toString();
              const QString pairId = row->value(QStringLiteral("kind")).toString() == QStringLiteral("refresh")
                                         ? call.resourceId
                                         : row->value(QStringLiteral("refresh_id")).toString();
              Status s = pairId.isEmpty()
                             ? Status(call.core->ws->exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ?"),
                                                          {toRfc3339(nowUtc()), call.resourceId})
                                          ? Status()
                                          : Status(Problem::internal(QStringLiteral("Revoking failed."))))
                             : call.core->tokens->revokePair(pairId);
              if (!s)
                  return s.problem();
              return ApiResponse::noContent();
          });
    // Bearer: the refresh token itself (whose id must be the path's), or an administrator's token.
    r.add("PUT", QStringLiteral("/v1/tokens/{refreshTokenId}/refresh"), Access::Refresh, QStringLiteral("tokens.refresh"),
          [](Call& call) -> Result<ApiResponse> {
              const QString id = call.param(QStringLiteral("refreshTokenId"));
              if (call.caller.kind == QStringLiteral("refresh") && call.caller.tokenId != id)
                  return Problem::forbidden(QStringLiteral("This refresh token belongs to another pair."),
                                            QStringLiteral("Refresh with the refresh token whose id is in the path."));
              auto row = findToken(call, id);
              if (!row)
                  return row.problem();
              call.resourceId = id;
              call.integrationId = row->value(QStringLiteral("integration_id")).toString();
              call.accountId = row->value(QStringLiteral("account_id")).toString();
              if (!call.integrationId.isEmpty()) {
                  auto integration = call.core->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"),
                                                              {call.integrationId});
                  if (!integration || !integration->has_value())
                      return Problem::notFound(QStringLiteral("The token's Integration no longer exists."));
                  if (Status s = integrationUsable(*call.core, **integration,
                                                   QStringLiteral("The Integration's token cannot be refreshed"));
                      !s)
                      return s.problem();
              }
              auto pair = call.core->tokens->refresh(id);
              if (!pair)
                  return pair.problem();
              return ApiResponse::ofResult(*pair);
          });
    auto ownerMatches = [](Call& call, const Row& token) -> Status {
        const QString owner = call.param(QStringLiteral("ownerId"));
        const QString memberId = token.value(QStringLiteral("member_id")).toString();
        const QString integrationId = token.value(QStringLiteral("integration_id")).toString();
        if (owner == memberId || owner == integrationId || owner == token.value(QStringLiteral("account_id")).toString())
            return {};
        if (!memberId.isEmpty()) {
            auto m = findMember(call, owner);
            if (m && m->value(QStringLiteral("id")).toString() == memberId)
                return {};
        }
        return Problem::notFound(QStringLiteral("The token does not belong to this owner."), owner)
            .withParameter(QStringLiteral("ownerId"), QStringLiteral("path"), owner);
    };
    r.add("PUT", QStringLiteral("/v1/tokens/{ownerId}/{refreshTokenId}/rotate"), Access::Manage,
          QStringLiteral("tokens.rotate"), [ownerMatches](Call& call) -> Result<ApiResponse> {
              auto row = findToken(call, call.param(QStringLiteral("refreshTokenId")));
              if (!row)
                  return row.problem();
              if (Status s = ownerMatches(call, *row); !s)
                  return s.problem();
              if (Status s = mayManageToken(call, *row); !s)
                  return s.problem();
              call.resourceId = row->value(QStringLiteral("id")).toString();
              call.integrationId = row->value(QStringLiteral("integration_id")).toString();
              call.accountId = row->value(QStringLiteral("account_id")).toString();
              auto pair = call.core->tokens->rotate(call.resourceId);
              if (!pair)
                  return pair.problem();
              if (!call.integrationId.isEmpty())
                  (void)call.core->ws->exec(QStringLiteral("UPDATE integrations SET refresh_token_id = ? WHERE refresh_token_id = ?"),
                                            {pair->value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString(),
                                             call.resourceId});
              return ApiResponse::ofResult(*pair);
          });
    // Reset: revoke every token of the owner (member or Integration) and issue one new pair.
    r.add("PUT", QStringLiteral("/v1/tokens/{ownerId}/{refreshTokenId}/reset"), Access::Manage,
          QStringLiteral("tokens.reset"), [ownerMatches](Call& call) -> Result<ApiResponse> {
              auto row = findToken(call, call.param(QStringLiteral("refreshTokenId")));
              if (!row)
                  return row.problem();
              if (Status s = ownerMatches(call, *row); !s)
                  return s.problem();
              if (Status s = mayManageToken(call, *row); !s)
                  return s.problem();
              call.resourceId = row->value(QStringLiteral("id")).toString();
              call.integrationId = row->value(QStringLiteral("integration_id")).toString();
              call.accountId = row->value(QStringLiteral("account_id")).toString();
              const QString memberId = row->value(QStringLiteral("member_id")).toString();
              QJsonObject out;
              Status s = call.core->ws->transaction([&]() -> Status {
                  Status revoked = call.integrationId.isEmpty() ? call.core->tokens->revokeMemberTokens(memberId)
                                                                : call.core->tokens->revokeIntegrationTokens(call.integrationId);
                  if (!revoked)
                      return revoked;
                  Result<QJsonObject> pair = Problem::internal(QStringLiteral("unreachable"));
                  if (call.integrationId.isEmpty()) {
                      auto member = memberOf(call, memberId);
                      if (!member)
                          return member.problem();
                      pair = call.core->tokens->issueOrganizationPair(memberId, roleLevel(row->value(QStringLiteral("role")).toString()),
                                                                      accessCap(*member), row->value(QStringLiteral("name")).toString());
                  } else {
                      auto integration = call.core->ws->selectOne(QStringLiteral("SELECT * FROM integrations WHERE id = ?"),
                                                                  {call.integrationId});
                      if (!integration || !integration->has_value())
                          return Problem::notFound(QStringLiteral("The token's Integration no longer exists."));
                      auto ttl = integrationTokenTtl(*call.core, **integration, std::nullopt);
                      if (!ttl)
                          return ttl.problem();
                      pair = call.core->tokens->issueIntegrationPair(call.accountId, call.integrationId, *ttl,
                                                                     row->value(QStringLiteral("name")).toString());
                  }
                  if (!pair)
                      return pair.problem();
                  out = *pair;
                  return {};
              });
              if (!s)
                  return s.problem();
              return ApiResponse::ofResult(out);
          });
}

} // namespace pb
