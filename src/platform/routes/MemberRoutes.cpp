// /v1/members: people and service identities of the Organization, each bound to roles.
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

QJsonObject memberJson(const Row& r)
{
    QJsonObject o{{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
                  {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
                  {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
                  {QStringLiteral("email"), r.value(QStringLiteral("email")).toString()},
                  {QStringLiteral("type"), r.value(QStringLiteral("type")).toString()},
                  {QStringLiteral("state"), r.value(QStringLiteral("state")).toString()},
                  {QStringLiteral("role_binding"), json::array(r.value(QStringLiteral("role_binding")))},
                  {QStringLiteral("last_logon"), json::column(r.value(QStringLiteral("last_logon")))},
                  {QStringLiteral("token_ttl"), json::column(r.value(QStringLiteral("token_ttl")))},
                  {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
                  {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
    return o;
}

// The highest built-in level among the role names; each name must exist.
Result<RoleLevel> levelOfRoles(Workspace& ws, const QStringList& roles)
{
    RoleLevel level = RoleLevel::None;
    for (const QString& role : roles) {
        auto set = ws.scalar(QStringLiteral("SELECT permission_set FROM roles WHERE name = ? OR id = ?"), {role, role});
        if (!set)
            return set.problem();
        if (!set->isValid())
            return Problem::badRequest(QStringLiteral("No role named \"%1\".").arg(role))
                .withParameter(QStringLiteral("role_binding"), QStringLiteral("body"), role)
                .withRemediation(QStringLiteral("List the roles with GET /v1/roles."));
        level = std::max(level, roleLevel(set->toString()));
    }
    return level;
}

// Refuses a change that would leave the Organization without an enabled administrator.
Status keepsAnAdministrator(Workspace& ws, const QString& changedMemberId)
{
    auto rows = ws.select(QStringLiteral("SELECT id, role_binding FROM members WHERE state = 'enabled' AND id <> ?"),
                          {changedMemberId});
    if (!rows)
        return rows.problem();
    for (const Row& r : *rows) {
        auto level = levelOfRoles(ws, json::strings(json::array(r.value(QStringLiteral("role_binding")))));
        if (level && *level == RoleLevel::Administrator)
            return {};
    }
    return Problem::conflict(QStringLiteral("The Organization would have no enabled administrator."),
                             QStringLiteral("This member is the last enabled administrator."))
        .withRemediation(QStringLiteral("Make another member an administrator first."));
}

struct MemberFields {
    json::Names names;
    QString email;
    QString type;
    QString state;
    QStringList roles;
    RoleLevel level = RoleLevel::None;
    QVariant tokenTtl;
};

Result<MemberFields> parseMember(Workspace& ws, const QJsonObject& body, const QString& defaultType)
{
    MemberFields m;
    auto names = json::names(body);
    if (!names)
        return names.problem();
    m.names = *names;
    m.email = body.value(QStringLiteral("email")).toString();
    auto type = enumField(body, QStringLiteral("type"), {QStringLiteral("personal"), QStringLiteral("service")}, defaultType);
    if (!type)
        return type.problem();
    m.type = *type;
    auto state = enumField(body, QStringLiteral("state"), {QStringLiteral("enabled"), QStringLiteral("disabled")},
                           QStringLiteral("enabled"));
    if (!state)
        return state.problem();
    m.state = *state;
    auto roles = stringListField(body, QStringLiteral("role_binding"));
    if (!roles)
        return roles.problem();
    m.roles = roles->isEmpty() ? QStringList{QStringLiteral("viewer")} : *roles;
    auto level = levelOfRoles(ws, m.roles);
    if (!level)
        return level.problem();
    m.level = *level;
    const QJsonValue ttl = body.value(QStringLiteral("token_ttl"));
    if (!ttl.isUndefined() && !ttl.isNull()) {
        const qint64 max = m.type == QStringLiteral("personal") ? TokenService::personalAccessMaxSeconds
                                                                : TokenService::serviceAccessMaxSeconds;
        if (!ttl.isDouble() || ttl.toDouble() < 60 || ttl.toDouble() > max)
            return Problem::badRequest(QStringLiteral("token_ttl must be from 60 to %1 seconds for a %2 member.").arg(max).arg(m.type))
                .withParameter(QStringLiteral("token_ttl"), QStringLiteral("body"), ttl);
        m.tokenTtl = static_cast<qint64>(ttl.toDouble());
    }
    return m;
}

Result<ApiResponse> replaceMember(Call& call, const Row& existing, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    const QString id = existing.value(QStringLiteral("id")).toString();
    auto m = parseMember(ws, body, existing.value(QStringLiteral("type")).toString());
    if (!m)
        return m.problem();
    if (Status s = checkNameFree(ws, QStringLiteral("members"), m->names.name, id); !s)
        return s.problem();
    call.resourceId = id;
    Status s = ws.transaction([&]() -> Status {
        if (Status u = ws.update(QStringLiteral("members"),
                                 {{QStringLiteral("name"), m->names.name},
                                  {QStringLiteral("fullname"), m->names.fullname},
                                  {QStringLiteral("email"), m->email},
                                  {QStringLiteral("type"), m->type},
                                  {QStringLiteral("state"), m->state},
                                  {QStringLiteral("role_binding"), json::text(json::fromStrings(m->roles))},
                                  {QStringLiteral("token_ttl"), m->tokenTtl},
                                  {QStringLiteral("updated_at"), toRfc3339(nowUtc())}},
                                 QStringLiteral("id"), id);
            !u)
            return u;
        if (m->state != QStringLiteral("enabled") || m->level != RoleLevel::Administrator) {
            // Only matters if this member was an administrator; checking always is simplest.
            auto wasLevel = levelOfRoles(ws, json::strings(json::array(existing.value(QStringLiteral("role_binding")))));
            if (wasLevel && *wasLevel == RoleLevel::Administrator)
                return keepsAnAdministrator(ws, id);
        }
        return {};
    });
    if (!s)
        return s.problem();
    auto row = findMember(call, id);
    if (!row)
        return row.problem();
    return ApiResponse::ofResult(memberJson(*row));
}

} // namespace

void addMemberRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/members"), Access::Read, QStringLiteral("members.list"),
          [](Call& call) -> Result<ApiResponse> {
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM members"));
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& row : *rows)
                  all.append(memberJson(row));
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/members/{memberId}"), Access::Read, QStringLiteral("members.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findMember(call, call.param(QStringLiteral("memberId")));
              if (!row)
                  return row.problem();
              return ApiResponse::ofResult(memberJson(*row));
          });
    // Patchbay runs locally without a login service, so creating a member also issues that
    // member's first Organization Access Token pair (shown once).
    r.add("POST", QStringLiteral("/v1/members"), Access::Administer, QStringLiteral("members.create"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              Workspace& ws = *call.core->ws;
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              auto m = parseMember(ws, *body, QStringLiteral("personal"));
              if (!m)
                  return m.problem();
              if (Status s = checkNameFree(ws, QStringLiteral("members"), m->names.name, {}); !s)
                  return s.problem();
              const QString id = newId();
              const QString now = toRfc3339(nowUtc());
              QJsonObject token;
              Status s = ws.transaction([&]() -> Status {
                  if (Status i = ws.insert(QStringLiteral("members"),
                                           {{QStringLiteral("id"), id},
                                            {QStringLiteral("name"), m->names.name},
                                            {QStringLiteral("fullname"), m->names.fullname},
                                            {QStringLiteral("email"), m->email},
                                            {QStringLiteral("type"), m->type},
                                            {QStringLiteral("state"), m->state},
                                            {QStringLiteral("role_binding"), json::text(json::fromStrings(m->roles))},
                                            {QStringLiteral("token_ttl"), m->tokenTtl},
                                            {QStringLiteral("created_at"), now},
                                            {QStringLiteral("updated_at"), now}});
                      !i)
                      return i;
                  const qint64 ttl = m->tokenTtl.isValid() ? m->tokenTtl.toLongLong()
                                                           : TokenService::personalAccessMaxSeconds;
                  auto pair = call.core->tokens->issueOrganizationPair(id, m->level, ttl, QStringLiteral("initial token"));
                  if (!pair)
                      return pair.problem();
                  token = *pair;
                  return {};
              });
              if (!s)
                  return s.problem();
              call.resourceId = id;
              auto row = findMember(call, id);
              if (!row)
                  return row.problem();
              return created(QJsonObject{{QStringLiteral("member"), memberJson(*row)}, {QStringLiteral("token"), token}});
          });
    r.add("PUT", QStringLiteral("/v1/members/{memberId}"), Access::Administer, QStringLiteral("members.update"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              auto row = findMember(call, call.param(QStringLiteral("memberId")));
              if (!row)
                  return row.problem();
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              return replaceMember(call, *row, *body);
          });
    r.add("PATCH", QStringLiteral("/v1/members/{memberId}"), Access::Administer, QStringLiteral("members.update"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              auto row = findMember(call, call.param(QStringLiteral("memberId")));
              if (!row)
                  return row.problem();
              const Row existing = *row;
              return patchVia(call, memberJson(existing), [existing](Call& c, const QJsonObject& body) {
                  return replaceMember(c, existing, body);
              });
          });
    r.add("DELETE", QStringLiteral("/v1/members/{memberId}"), Access::Administer, QStringLiteral("members.delete"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              Workspace& ws = *call.core->ws;
              auto row = findMember(call, call.param(QStringLiteral("memberId")));
              if (!row)
                  return row.problem();
              const QString id = row->value(QStringLiteral("id")).toString();
              call.resourceId = id;
              Status s = ws.transaction([&]() -> Status {
                  if (Status k = keepsAnAdministrator(ws, id); !k) {
                      auto level = levelOfRoles(ws, json::strings(json::array(row->value(QStringLiteral("role_binding")))));
                      if (level && *level == RoleLevel::Administrator)
                          return k;
                  }
                  if (Status t = call.core->tokens->revokeMemberTokens(id); !t)
                      return t;
                  auto removed = ws.remove(QStringLiteral("members"), QStringLiteral("id"), id);
                  if (!removed)
                      return removed.problem();
                  return {};
              });
              if (!s)
                  return s.problem();
              return ApiResponse::noContent();
          });
}

} // namespace pb
