// /v1/audit: the hash-chained audit log and its verification.
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

namespace pb {

void addAuditRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/audit/organizations"), Access::Read, QStringLiteral("audit.list"),
          [](Call& call) -> Result<ApiResponse> {
              static const QHash<QString, QString> columns = [] {
                  QHash<QString, QString> c;
                  for (const char* f : {"id", "seq", "created_at", "member_id", "token_id", "method", "path", "action",
                                        "resource_type", "resource_id", "account_id", "integration_id", "status", "outcome"})
                      c.insert(QString::fromLatin1(f), QString::fromLatin1(f));
                  c.insert(QStringLiteral("code"), QStringLiteral("status"));
                  return c;
              }();
              // Newest first unless told otherwise.
              ApiRequest& req = call.request;
              if (req.queryValues(QStringLiteral("order")).isEmpty())
                  req.query.append({QStringLiteral("order"), QStringLiteral("seq[desc]")});
              // A narrowed role sees the entries of the Accounts it sees, of organization-level
              // objects, and its own successes; not refused attempts naming other Accounts' ids.
              SqlCondition narrowed;
              if (call.caller.scope) {
                  narrowed = call.caller.scope->accountIdCondition(QStringLiteral("account_id"));
                  narrowed.where = QStringLiteral("%1 OR ((account_id IS NULL OR account_id = '') AND (resource_type IN "
                                                  "('members', 'roles', 'organization', 'integration_points') OR "
                                                  "(member_id = ? AND status < 400)))")
                                       .arg(narrowed.where);
                  narrowed.binds.append(call.caller.memberId);
              }
              return sqlListResponse(call, QStringLiteral("SELECT * FROM audit_events"), narrowed.where, narrowed.binds, columns,
                                     AuditLog::rowJson, QStringLiteral("seq"));
          });
    // Patchbay addition: the local API server's access log (newest first). Administrators only:
    // it shows who called what, by token id.
    r.add("GET", QStringLiteral("/v1/audit/access-log"), Access::Administer, QStringLiteral("audit.access_log"),
          [](Call& call) -> Result<ApiResponse> {
              static const QHash<QString, QString> columns = [] {
                  QHash<QString, QString> c;
                  for (const char* f : {"id", "created_at", "method", "path", "status", "duration_ms", "token_id"})
                      c.insert(QString::fromLatin1(f), QString::fromLatin1(f));
                  return c;
              }();
              ApiRequest& req = call.request;
              if (req.queryValues(QStringLiteral("order")).isEmpty())
                  req.query.append({QStringLiteral("order"), QStringLiteral("created_at[desc]")});
              auto rowJson = [](const Row& row) {
                  return QJsonObject{{QStringLiteral("id"), row.value(QStringLiteral("id")).toString()},
                                     {QStringLiteral("created_at"), row.value(QStringLiteral("created_at")).toString()},
                                     {QStringLiteral("method"), row.value(QStringLiteral("method")).toString()},
                                     {QStringLiteral("path"), row.value(QStringLiteral("path")).toString()},
                                     {QStringLiteral("status"), row.value(QStringLiteral("status")).toInt()},
                                     {QStringLiteral("duration_ms"), row.value(QStringLiteral("duration_ms")).toLongLong()},
                                     {QStringLiteral("token_id"), row.value(QStringLiteral("token_id")).toString()}};
              };
              return sqlListResponse(call, QStringLiteral("SELECT * FROM access_log"), {}, {}, columns, rowJson,
                                     QStringLiteral("created_at"));
          });
    // Patchbay addition: walks the chain and reports every edited, inserted or deleted row.
    r.add("GET", QStringLiteral("/v1/audit/verify"), Access::Read, QStringLiteral("audit.verify"),
          [](Call& call) -> Result<ApiResponse> {
              auto out = call.core->audit->verify();
              if (!out)
                  return out.problem();
              return ApiResponse::ofResult(*out);
          });
}

} // namespace pb
