// /v1/roles: the built-in roles (administrator, member, viewer) and custom roles that narrow one.
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

QJsonObject roleJson(const Row& r)
{
    return {{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
            {QStringLiteral("description"), r.value(QStringLiteral("description")).toString()},
            {QStringLiteral("builtin"), r.value(QStringLiteral("builtin")).toInt() != 0},
            {QStringLiteral("permission_set"), r.value(QStringLiteral("permission_set")).toString()},
            {QStringLiteral("resources"), json::object(r.value(QStringLiteral("resources")))},
            {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
}

Result<Row> findRole(Call& call)
{
    return findByIdOrName(*call.core->ws, QStringLiteral("roles"), call.param(QStringLiteral("roleId")),
                          QStringLiteral("role"), QStringLiteral("roleId"));
}

struct RoleFields {
    json::Names names;
    QString description;
    QString permissionSet;
    QJsonObject resources;
};

Result<RoleFields> parseRole(const QJsonObject& body)
{
    RoleFields f;
    auto names = json::names(body);
    if (!names)
        return names.problem();
    f.names = *names;
    f.description = body.value(QStringLiteral("description")).toString();
    auto set = enumField(body, QStringLiteral("permission_set"), builtinRoleNames(), QStringLiteral("viewer"));
    if (!set)
        return set.problem();
    f.permissionSet = *set;
    const QJsonValue resources = body.value(QStringLiteral("resources"));
    if (!resources.isUndefined() && !resources.isNull() && !resources.isObject())
        return Problem::badRequest(QStringLiteral("\"resources\" must be an object."))
            .withParameter(QStringLiteral("resources"), QStringLiteral("body"), resources);
    f.resources = resources.toObject();
    // Narrowing to Accounts (ids, labels, environments) and connector categories; enforced for
    // every Management API call of a member bound to this role (RoleScope.h).
    if (Status s = validateRoleResources(f.resources); !s)
        return s.problem();
    return f;
}

Result<ApiResponse> replaceRole(Call& call, const Row& existing, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    if (existing.value(QStringLiteral("builtin")).toInt() != 0)
        return Problem::forbidden(QStringLiteral("Built-in roles cannot be changed."),
                                  existing.value(QStringLiteral("name")).toString())
            .withRemediation(QStringLiteral("Create a custom role instead."));
    auto f = parseRole(body);
    if (!f)
        return f.problem();
    const QString id = existing.value(QStringLiteral("id")).toString();
    if (Status s = checkNameFree(ws, QStringLiteral("roles"), f->names.name, id); !s)
        return s.problem();
    call.resourceId = id;
    if (Status s = ws.update(QStringLiteral("roles"),
                             {{QStringLiteral("name"), f->names.name},
                              {QStringLiteral("fullname"), f->names.fullname},
                              {QStringLiteral("description"), f->description},
                              {QStringLiteral("permission_set"), f->permissionSet},
                              {QStringLiteral("resources"), json::text(f->resources)},
                              {QStringLiteral("updated_at"), toRfc3339(nowUtc())}},
                             QStringLiteral("id"), id);
        !s)
        return s.problem();
    auto row = findByIdOrName(ws, QStringLiteral("roles"), id, QStringLiteral("role"), QStringLiteral("roleId"));
    if (!row)
        return row.problem();
    return ApiResponse::ofResult(roleJson(*row));
}

} // namespace

void addRoleRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/roles"), Access::Read, QStringLiteral("roles.list"),
          [](Call& call) -> Result<ApiResponse> {
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM roles"));
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& row : *rows)
                  all.append(roleJson(row));
              return listResponse(call, all);
          });
    r.add("GET", QStringLiteral("/v1/roles/{roleId}"), Access::Read, QStringLiteral("roles.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findRole(call);
              if (!row)
                  return row.problem();
              return ApiResponse::ofResult(roleJson(*row));
          });
    r.add("POST", QStringLiteral("/v1/roles"), Access::Administer, QStringLiteral("roles.create"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              Workspace& ws = *call.core->ws;
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              auto f = parseRole(*body);
              if (!f)
                  return f.problem();
              if (Status s = checkNameFree(ws, QStringLiteral("roles"), f->names.name, {}); !s)
                  return s.problem();
              const QString id = newId();
              const QString now = toRfc3339(nowUtc());
              if (Status s = ws.insert(QStringLiteral("roles"), {{QStringLiteral("id"), id},
                                                                 {QStringLiteral("name"), f->names.name},
                                                                 {QStringLiteral("fullname"), f->names.fullname},
                                                                 {QStringLiteral("description"), f->description},
                                                                 {QStringLiteral("builtin"), 0},
                                                                 {QStringLiteral("permission_set"), f->permissionSet},
                                                                 {QStringLiteral("resources"), json::text(f->resources)},
                                                                 {QStringLiteral("created_at"), now},
                                                                 {QStringLiteral("updated_at"), now}});
                  !s)
                  return s.problem();
              call.resourceId = id;
              auto row = findByIdOrName(ws, QStringLiteral("roles"), id, QStringLiteral("role"), QStringLiteral("roleId"));
              if (!row)
                  return row.problem();
              return created(roleJson(*row));
          });
    r.add("PUT", QStringLiteral("/v1/roles/{roleId}"), Access::Administer, QStringLiteral("roles.update"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              auto row = findRole(call);
              if (!row)
                  return row.problem();
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              return replaceRole(call, *row, *body);
          });
    r.add("PATCH", QStringLiteral("/v1/roles/{roleId}"), Access::Administer, QStringLiteral("roles.update"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              auto row = findRole(call);
              if (!row)
                  return row.problem();
              const Row existing = *row;
              return patchVia(call, roleJson(existing),
                              [existing](Call& c, const QJsonObject& b) { return replaceRole(c, existing, b); });
          });
    r.add("DELETE", QStringLiteral("/v1/roles/{roleId}"), Access::Administer, QStringLiteral("roles.delete"),
          [](Call& call) -> Result<ApiResponse> {
              if (Status s = checkMayGrantRoles(call); !s) // RoleScope.h
                  return s.problem();
              Workspace& ws = *call.core->ws;
              auto row = findRole(call);
              if (!row)
                  return row.problem();
              if (row->value(QStringLiteral("builtin")).toInt() != 0)
                  return Problem::forbidden(QStringLiteral("Built-in roles cannot be deleted."));
              const QString name = row->value(QStringLiteral("name")).toString();
              auto members = ws.select(QStringLiteral("SELECT name, role_binding FROM members"));
              if (!members)
                  return members.problem();
              for (const Row& m : *members) {
                  if (json::strings(json::array(m.value(QStringLiteral("role_binding")))).contains(name))
                      return Problem::conflict(QStringLiteral("The role is still bound to a member."),
                                               m.value(QStringLiteral("name")).toString())
                          .withRemediation(QStringLiteral("Change the member's role_binding first."));
              }
              call.resourceId = row->value(QStringLiteral("id")).toString();
              auto removed = ws.remove(QStringLiteral("roles"), QStringLiteral("id"), call.resourceId);
              if (!removed)
                  return removed.problem();
              return ApiResponse::noContent();
          });
}

} // namespace pb
