// /v1/audit: the hash-chained audit log and its verification.
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
              return sqlListResponse(call, QStringLiteral("SELECT * FROM audit_events"), {}, {}, columns, AuditLog::rowJson,
                                     QStringLiteral("seq"));
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
