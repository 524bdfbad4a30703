// /v1/integration-points: organization-wide rules every Integration must satisfy, with a
// preview of what a change would break (Patchbay addition).
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/VaultOps.h"
#include "platform/policy/IntegrationPointRules.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

QJsonObject pointJson(Workspace& ws, const Row& row)
{
    QJsonObject o = integrationPointBody(row);
    auto n = ws.scalar(QStringLiteral("SELECT COUNT(*) FROM integrations WHERE integration_point_id = ?"), {row.value(QStringLiteral("id"))});
    o.insert(QStringLiteral("integrations_count"), n ? n->toInt() : 0);
    return o;
}

struct PointFields {
    json::Names names;
    QString description;
    IntegrationPointRules rules;
};

Result<PointFields> parsePoint(const QJsonObject& body)
{
    auto names = json::names(body);
    if (!names)
        return names.problem();
    auto rules = IntegrationPointRules::fromJson(body);
    if (!rules)
        return rules.problem();
    return PointFields{*names, body.value(QStringLiteral("description")).toString(), *rules};
}

Row pointRow(const PointFields& f)
{
    return {{QStringLiteral("name"), f.names.name},
            {QStringLiteral("fullname"), f.names.fullname},
            {QStringLiteral("description"), f.description},
            {QStringLiteral("connector"), f.rules.connector},
            {QStringLiteral("environments"), json::text(f.rules.environmentsJson())},
            {QStringLiteral("rules"), json::text(f.rules.rulesJson())},
            {QStringLiteral("updated_at"), toRfc3339(nowUtc())}};
}

Result<ApiResponse> replacePoint(Call& call, const Row& existing, const QJsonObject& body)
{
    Workspace& ws = *call.core->ws;
    auto f = parsePoint(body);
    if (!f)
        return f.problem();
    const QString id = existing.value(QStringLiteral("id")).toString();
    if (Status s = checkNameFree(ws, QStringLiteral("integration_points"), f->names.name, id); !s)
        return s.problem();
    call.resourceId = id;
    Status s = ws.transaction([&]() -> Status {
        if (Status u = ws.update(QStringLiteral("integration_points"), pointRow(*f), QStringLiteral("id"), id); !u)
            return u;
        return reevaluateIntegrations(*call.core, QStringLiteral("integration_point_id"), id);
    });
    if (!s)
        return s.problem();
    auto row = findIntegrationPoint(call, id);
    if (!row)
        return row.problem();
    QJsonObject out = pointJson(ws, *row);
    auto broken = ws.select(QStringLiteral("SELECT id FROM integrations WHERE integration_point_id = ? AND compliance <> 'compliant'"), {id});
    QJsonArray affected;
    if (broken)
        for (const Row& b : *broken)
            affected.append(b.value(QStringLiteral("id")).toString());
    out.insert(QStringLiteral("affected"), affected);
    return ApiResponse::ofResult(out);
}

Result<ApiResponse> preview(Call& call, const QString& pointId)
{
    Workspace& ws = *call.core->ws;
    auto body = json::bodyObject(call.request.body);
    if (!body)
        return body.problem();
    if (auto f = parsePoint(*body); !f)
        return f.problem();
    QJsonArray items;
    QJsonArray wouldBreak;
    if (!pointId.isEmpty()) {
        auto rows = ws.select(QStringLiteral("SELECT i.*, a.name AS account_name FROM integrations i "
                                             "JOIN accounts a ON a.id = i.account_id WHERE i.integration_point_id = ?"),
                              {pointId});
        if (!rows)
            return rows.problem();
        for (const Row& row : *rows) {
            auto now = evaluateIntegration(*call.core, row);
            if (!now)
                return now.problem();
            auto after = evaluateIntegration(*call.core, row, &*body);
            if (!after)
                return after.problem();
            const QString id = row.value(QStringLiteral("id")).toString();
            items.append(QJsonObject{{QStringLiteral("integration_id"), id},
                                     {QStringLiteral("integration_name"), row.value(QStringLiteral("name")).toString()},
                                     {QStringLiteral("account_id"), row.value(QStringLiteral("account_id")).toString()},
                                     {QStringLiteral("account_name"), row.value(QStringLiteral("account_name")).toString()},
                                     {QStringLiteral("compliant_now"), now->isEmpty()},
                                     {QStringLiteral("compliant_after"), after->isEmpty()},
                                     {QStringLiteral("violations"), *after}});
            if (now->isEmpty() && !after->isEmpty())
                wouldBreak.append(id);
        }
    }
    return ApiResponse::ofResult(QJsonObject{{QStringLiteral("integrations"), items}, {QStringLiteral("would_break"), wouldBreak}});
}

} // namespace

void addIntegrationPointRoutes(Router& r)
{
    const QString base = QStringLiteral("/v1/integration-points");
    const QString one = base + QStringLiteral("/{integrationPointId}");
    r.add("GET", base, Access::Read, QStringLiteral("integration_points.list"), [](Call& call) -> Result<ApiResponse> {
        auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM integration_points"));
        if (!rows)
            return rows.problem();
        QJsonArray all;
        for (const Row& row : *rows)
            all.append(pointJson(*call.core->ws, row));
        return listResponse(call, all);
    });
    r.add("GET", one, Access::Read, QStringLiteral("integration_points.get"), [](Call& call) -> Result<ApiResponse> {
        auto row = findIntegrationPoint(call, call.param(QStringLiteral("integrationPointId")));
        if (!row)
            return row.problem();
        return ApiResponse::ofResult(pointJson(*call.core->ws, *row));
    });
    r.add("POST", base, Access::Administer, QStringLiteral("integration_points.create"), [](Call& call) -> Result<ApiResponse> {
        Workspace& ws = *call.core->ws;
        auto body = json::bodyObject(call.request.body);
        if (!body)
            return body.problem();
        auto f = parsePoint(*body);
        if (!f)
            return f.problem();
        if (Status s = checkNameFree(ws, QStringLiteral("integration_points"), f->names.name, {}); !s)
            return s.problem();
        Row row = pointRow(*f);
        const QString id = newId();
        row.insert(QStringLiteral("id"), id);
        row.insert(QStringLiteral("created_at"), row.value(QStringLiteral("updated_at")));
        if (Status s = ws.insert(QStringLiteral("integration_points"), row); !s)
            return s.problem();
        call.resourceId = id;
        auto stored = findIntegrationPoint(call, id);
        if (!stored)
            return stored.problem();
        return created(pointJson(ws, *stored));
    });
    r.add("PUT", one, Access::Administer, QStringLiteral("integration_points.update"), [](Call& call) -> Result<ApiResponse> {
        auto row = findIntegrationPoint(call, call.param(QStringLiteral("integrationPointId")));
        if (!row)
            return row.problem();
        auto body = json::bodyObject(call.request.body);
        if (!body)
            return body.problem();
        return replacePoint(call, *row, *body);
    });
    r.add("PATCH", one, Access::Administer, QStringLiteral("integration_points.update"), [](Call& call) -> Result<ApiResponse> {
        auto row = findIntegrationPoint(call, call.param(QStringLiteral("integrationPointId")));
        if (!row)
            return row.problem();
        const Row existing = *row;
        return patchVia(call, integrationPointBody(existing),
                        [existing](Call& c, const QJsonObject& b) { return replacePoint(c, existing, b); });
    });
    r.add("POST", one + QStringLiteral("/preview"), Access::Read, QStringLiteral("integration_points.preview"),
          [](Call& call) -> Result<ApiResponse> {
              auto row = findIntegrationPoint(call, call.param(QStringLiteral("integrationPointId")));
              if (!row)
                  return row.problem();
              return preview(call, row->value(QStringLiteral("id")).toString());
          });
    r.add("POST", base + QStringLiteral("/preview"), Access::Read, QStringLiteral("integration_points.preview"),
          [](Call& call) -> Result<ApiResponse> { return preview(call, {}); });
    r.addAsync("DELETE", one, Access::Administer, QStringLiteral("integration_points.delete"),
               [](const CallPtr& call, ApiCallback done) {
                   Core& core = *call->core;
                   auto row = findIntegrationPoint(*call, call->param(QStringLiteral("integrationPointId")));
                   if (!row)
                       return done(ApiResponse::ofProblem(row.problem()));
                   const QString id = row->value(QStringLiteral("id")).toString();
                   call->resourceId = id;
                   auto user = core.ws->scalar(QStringLiteral("SELECT name FROM integrations WHERE integration_point_id = ?"), {id});
                   if (!user)
                       return done(ApiResponse::ofProblem(user.problem()));
                   if (user->isValid())
                       return done(ApiResponse::ofProblem(
                           Problem::conflict(QStringLiteral("Integrations still reference this Integration Point."), user->toString())
                               .withRemediation(QStringLiteral("Move or delete those Integrations first."))));
                   deleteOwnerWithCredentials(core, id, {}, {QStringLiteral("DELETE FROM integration_points WHERE id = ?")},
                                              [done](Status s) { done(s ? ApiResponse::noContent() : ApiResponse::ofProblem(s.problem())); });
               });
}

} // namespace pb
