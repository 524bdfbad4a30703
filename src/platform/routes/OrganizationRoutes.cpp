// /v1/organization: the one Organization of this workspace.
#include "core/Clock.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

Result<QJsonObject> organizationJson(Workspace& ws)
{
    auto row = ws.selectOne(QStringLiteral("SELECT * FROM organization"));
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::internal(QStringLiteral("The workspace has no Organization."));
    const Row& r = **row;
    return QJsonObject{{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
                       {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
                       {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
                       {QStringLiteral("options"), json::object(r.value(QStringLiteral("options")))},
                       {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
                       {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
}

Result<ApiResponse> replaceOrganization(Call& call, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    auto names = json::names(body);
    if (!names)
        return names.problem();
    const QJsonValue optionsValue = body.value(QStringLiteral("options"));
    if (!optionsValue.isUndefined() && !optionsValue.isObject())
        return Problem::badRequest(QStringLiteral("\"options\" must be an object."))
            .withParameter(QStringLiteral("options"), QStringLiteral("body"), optionsValue);
    QJsonObject options = optionsValue.toObject();
    for (const QString& key : {QStringLiteral("token_ttl"), QStringLiteral("refresh_token_ttl")}) {
        if (!options.contains(key))
            continue;
        const QJsonValue v = options.value(key);
        const qint64 max = key == QStringLiteral("token_ttl") ? TokenService::personalAccessMaxSeconds
                                                              : TokenService::refreshSeconds;
        if (!v.isDouble() || v.toDouble() < 60 || v.toDouble() > max)
            return Problem::badRequest(QStringLiteral("options.%1 must be a number of seconds from 60 to %2.").arg(key).arg(max))
                .withParameter(QStringLiteral("options.") + key, QStringLiteral("body"), v);
    }
    Status s = ws.update(QStringLiteral("organization"),
                         {{QStringLiteral("name"), names->name},
                          {QStringLiteral("fullname"), names->fullname},
                          {QStringLiteral("options"), json::text(options)},
                          {QStringLiteral("updated_at"), toRfc3339(nowUtc())}},
                         QStringLiteral("id"), call.core->organizationId);
    if (!s)
        return s.problem();
    call.resourceId = call.core->organizationId;
    auto out = organizationJson(ws);
    if (!out)
        return out.problem();
    return ApiResponse::ofResult(*out);
}

} // namespace

void addOrganizationRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/organization"), Access::Read, QStringLiteral("organization.get"),
          [](Call& call) -> Result<ApiResponse> {
              // The one row every client reads first and that almost never changes: kept in
              // memory until the next write (Core::dropCaches).
              Core& core = *call.core;
              if (!core.organization) {
                  auto out = organizationJson(*core.ws);
                  if (!out)
                      return out.problem();
                  core.organization = *out;
              }
              return ApiResponse::ofResult(*core.organization);
          });
    r.add("PUT", QStringLiteral("/v1/organization"), Access::Administer, QStringLiteral("organization.update"),
          [](Call& call) -> Result<ApiResponse> {
              auto body = json::bodyObject(call.request.body);
              if (!body)
                  return body.problem();
              return replaceOrganization(call, *body);
          });
    r.add("PATCH", QStringLiteral("/v1/organization"), Access::Administer, QStringLiteral("organization.update"),
          [](Call& call) -> Result<ApiResponse> {
              auto current = organizationJson(*call.core->ws);
              if (!current)
                  return current.problem();
              return patchVia(call, *current, replaceOrganization);
          });
}

} // namespace pb
