// /v1/status: per-Integration request counters and call history recorded by the Connector API.
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

namespace {

QJsonObject statusJson(const Row& r)
{
    const qint64 requests = r.value(QStringLiteral("requests")).toLongLong();
    const qint64 failed = r.value(QStringLiteral("failed")).toLongLong();
    const QString lastSuccess = r.value(QStringLiteral("last_success_at")).toString();
    const QString lastFailure = r.value(QStringLiteral("last_failure_at")).toString();
    QString status = QStringLiteral("idle");
    if (requests > 0)
        status = lastFailure > lastSuccess ? QStringLiteral("failing") : QStringLiteral("healthy");
    return {{QStringLiteral("account_id"), r.value(QStringLiteral("account_id")).toString()},
            {QStringLiteral("integration_id"), r.value(QStringLiteral("integration_id")).toString()},
            {QStringLiteral("integration_name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
            {QStringLiteral("provider_type"), r.value(QStringLiteral("provider_type")).toString()},
            {QStringLiteral("status"), status},
            {QStringLiteral("requests"), requests},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("in_bytes"), r.value(QStringLiteral("in_bytes")).toLongLong()},
            {QStringLiteral("out_bytes"), r.value(QStringLiteral("out_bytes")).toLongLong()},
            {QStringLiteral("last_success_at"), json::column(r.value(QStringLiteral("last_success_at")))},
            {QStringLiteral("last_failure_at"), json::column(r.value(QStringLiteral("last_failure_at")))},
            {QStringLiteral("last_error"), r.value(QStringLiteral("last_error")).toString()},
            {QStringLiteral("last_latency_ms"), r.value(QStringLiteral("last_latency_ms")).toLongLong()},
            {QStringLiteral("average_latency_ms"), requests > 0 ? r.value(QStringLiteral("total_latency_ms")).toLongLong() / requests : 0}};
}

const QString statusSelect = QStringLiteral(
    "SELECT s.*, i.name, i.provider_type FROM integration_status s JOIN integrations i ON i.id = s.integration_id");

Result<Row> findStatusScope(Call& call)
{
    auto account = findAccount(call, call.param(QStringLiteral("accountId")));
    if (!account)
        return account.problem();
    call.accountId = account->value(QStringLiteral("id")).toString();
    return findIntegration(call, call.accountId, call.param(QStringLiteral("integrationId")));
}

} // namespace

void addStatusRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/status"), Access::Read, QStringLiteral("status.list"), [](Call& call) -> Result<ApiResponse> {
        // A narrowed role sees the status of the Integrations it sees.
        const SqlCondition narrowed = call.caller.scope
            ? call.caller.scope->integrationsCondition(QStringLiteral("i.account_id"), QStringLiteral("i.category"))
            : SqlCondition{};
        auto rows = call.core->ws->select(statusSelect + (narrowed.where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + narrowed.where),
                                          narrowed.binds);
        if (!rows)
            return rows.problem();
        QJsonArray all;
        for (const Row& row : *rows)
            all.append(statusJson(row));
        return listResponse(call, all);
    });
    r.add("GET", QStringLiteral("/v1/status/{accountId}/{integrationId}"), Access::Read, QStringLiteral("status.get"),
          [](Call& call) -> Result<ApiResponse> {
              auto integration = findStatusScope(call);
              if (!integration)
                  return integration.problem();
              auto row = call.core->ws->selectOne(statusSelect + QStringLiteral(" WHERE s.integration_id = ?"),
                                                  {integration->value(QStringLiteral("id"))});
              if (!row)
                  return row.problem();
              if (!row->has_value())
                  return Problem::notFound(QStringLiteral("No status recorded for this Integration."));
              return ApiResponse::ofResult(statusJson(**row));
          });
    r.add("GET", QStringLiteral("/v1/status/{accountId}/{integrationId}/events"), Access::Read, QStringLiteral("status.events"),
          [](Call& call) -> Result<ApiResponse> {
              auto integration = findStatusScope(call);
              if (!integration)
                  return integration.problem();
              auto rows = call.core->ws->select(QStringLiteral("SELECT * FROM call_history WHERE integration_id = ? AND account_id = ?"),
                                                {integration->value(QStringLiteral("id")), call.accountId});
              if (!rows)
                  return rows.problem();
              QJsonArray all;
              for (const Row& h : *rows) {
                  // The stored request holds what re-running the call needs: query pairs and body.
                  QJsonObject request = json::object(h.value(QStringLiteral("request")));
                  request.insert(QStringLiteral("operation_id"), h.value(QStringLiteral("operation_id")).toString());
                  request.insert(QStringLiteral("method"), h.value(QStringLiteral("method")).toString());
                  request.insert(QStringLiteral("path"), h.value(QStringLiteral("path")).toString());
                  request.insert(QStringLiteral("duration_ms"), h.value(QStringLiteral("duration_ms")).toLongLong());
                  all.append(QJsonObject{{QStringLiteral("id"), h.value(QStringLiteral("id")).toString()},
                                         {QStringLiteral("created_at"), h.value(QStringLiteral("created_at")).toString()},
                                         {QStringLiteral("status"), h.value(QStringLiteral("status")).toInt()},
                                         {QStringLiteral("error"), h.value(QStringLiteral("error")).toString()},
                                         {QStringLiteral("request"), request}});
              }
              return listResponse(call, all, QStringLiteral("created_at"), true);
          });
}

} // namespace pb
