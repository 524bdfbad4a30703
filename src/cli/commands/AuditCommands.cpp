#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

Command auditCommands()
{
    return group(
        QStringLiteral("audit"), QStringLiteral("The hash-chained audit log."),
        {leaf(QStringLiteral("list"), QStringLiteral("List audit events, newest first."), {},
              listOptions() + QList<OptionSpec>{
                                  opt(QStringLiteral("member"), QStringLiteral("MEMBER"), QStringLiteral("Only events of this member id.")),
                                  opt(QStringLiteral("account"), QStringLiteral("ACCOUNT"), QStringLiteral("Only events of this Account id.")),
                                  opt(QStringLiteral("integration"), QStringLiteral("INTEGRATION"), QStringLiteral("Only events of this Integration id.")),
                                  opt(QStringLiteral("since"), QStringLiteral("RFC3339"), QStringLiteral("Only events at or after this time."))},
              {QStringLiteral("patchbay-cli audit list --limit 20"),
               QStringLiteral("patchbay-cli audit list --filter method[eq]DELETE")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/audit/organizations"));
                  applyListOptions(r, inv);
                  const QList<QPair<QString, QString>> filters{{QStringLiteral("member"), QStringLiteral("member_id[eq]")},
                                                               {QStringLiteral("account"), QStringLiteral("account_id[eq]")},
                                                               {QStringLiteral("integration"), QStringLiteral("integration_id[eq]")},
                                                               {QStringLiteral("since"), QStringLiteral("created_at[gte]")}};
                  for (const auto& [option, prefix] : filters)
                      if (inv.isSet(option))
                          r.withQuery(QStringLiteral("filter"), prefix + inv.value(option));
                  return ctx.run(r, View{{{QStringLiteral("TIME"), QStringLiteral("created_at")},
                                          {QStringLiteral("METHOD"), QStringLiteral("method")},
                                          {QStringLiteral("PATH"), QStringLiteral("path")},
                                          {QStringLiteral("ACTION"), QStringLiteral("action")},
                                          {QStringLiteral("STATUS"), QStringLiteral("status")},
                                          {QStringLiteral("MEMBER"), QStringLiteral("member_id")}},
                                         {}});
              }),
         leaf(QStringLiteral("verify"),
              QStringLiteral("Verify the hash chain; pinpoints any edited, inserted or deleted event."), {}, {},
              {QStringLiteral("patchbay-cli audit verify")},
              [](CommandContext& ctx, const Invocation&) {
                  Result<ApiResponse> response = ctx.call(ApiRequest::get(QStringLiteral("/v1/audit/verify")));
                  if (!response)
                      return ctx.fail(response.problem());
                  const int code = ctx.show(*response);
                  // A broken chain is a failure scripts must notice.
                  if (code == 0 && !response->result().toObject().value(QStringLiteral("valid")).toBool(true))
                      return 1;
                  return code;
              })});
}

} // namespace pb::cli
