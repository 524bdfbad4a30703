// /v1/integration-points: organization-wide rules every Integration must satisfy, with a
// preview of what a change would break (Patchbay addition).
#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Compliance.h"
#include "platform/VaultOps.h"
#include "platform/policy/IntegrationPointRules.h"
#include "platform/policy/PolicyEngine.h"
#include "platform/RoleScope.h"
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

// Every Integration under the point judged against the current and the proposed rules. Both
// rule sets are parsed and compiled once, the Integrations come with their Account and
// credential facts in one query over covering indexes (schema v4), and the judging runs in
// memory as the rows stream in (issue "Benchmarks at scale").
Result<ApiResponse> preview(Call& call, const Row* point)
{
    auto body = json::bodyObject(call.request.body);
    if (!body)
        return body.problem();
    auto proposed = parsePoint(*body);
    if (!proposed)
        return proposed.problem();
    QJsonArray items;
    QJsonArray wouldBreak;
    if (point) {
        const QString pointId = point->value(QStringLiteral("id")).toString();
        auto current = rulesOfPoint(*call.core, pointId);
        if (!current)
            return current.problem();
        const PolicyEngine engine(Catalog::builtin());
        // A rule change breaks thousands of Integrations with the same few messages: each
        // distinct violation is turned into JSON once.
        QHash<QString, QJsonObject> violationObjects;
        Status s = forEachIntegrationFacts(*call.core, pointId, [&](const IntegrationFacts& f) {
            const bool compliantNow = engine.evaluate(*current, f).isEmpty();
            const QList<Violation> after = engine.evaluate(proposed->rules, f);
            QJsonArray violations;
            for (const Violation& v : after) {
                const QString key = v.rule + QLatin1Char('\n') + v.parameter + QLatin1Char('\n') + v.message;
                auto it = violationObjects.constFind(key);
                if (it == violationObjects.cend()) {
                    if (violationObjects.size() >= 4096)
                        violationObjects.clear();
                    it = violationObjects.insert(key, v.toJson());
                }
                violations.append(*it);
            }
            // Latin-1 keys in sorted order: each insert appends, with no key conversion.
            QJsonObject item;
            item.insert(QLatin1StringView("account_id"), f.accountId);
            item.insert(QLatin1StringView("account_name"), f.accountName);
            item.insert(QLatin1StringView("compliant_after"), after.isEmpty());
            item.insert(QLatin1StringView("compliant_now"), compliantNow);
            item.insert(QLatin1StringView("integration_id"), f.integrationId);
            item.insert(QLatin1StringView("integration_name"), f.integrationName);
            item.insert(QLatin1StringView("violations"), violations);
            items.append(item);
            if (compliantNow && !after.isEmpty())
                wouldBreak.append(f.integrationId);
        });
        if (!s)
            return s.problem();
    }
    if (call.caller.scope) { // a narrowed role sees only its own Accounts' Integrations (RoleScope.h)
        auto visible = filterByAccount(call, items, QStringLiteral("account_id"), false);
        if (!visible)
            return visible.problem();
        QSet<QString> ids;
        for (const QJsonValue& v : std::as_const(*visible))
            ids.insert(v.toObject().value(QStringLiteral("integration_id")).toString());
        QJsonArray kept;
        for (const QJsonValue& v : std::as_const(wouldBreak))
            if (ids.contains(v.toString()))
                kept.append(v);
        items = *visible;
        wouldBreak = kept;
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
              return preview(call, &*row);
          });
    r.add("POST", base + QStringLiteral("/preview"), Access::Read, QStringLiteral("integration_points.preview"),
          [](Call& call) -> Result<ApiResponse> { return preview(call, nullptr); });
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
