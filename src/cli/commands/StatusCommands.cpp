#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

Command statusCommand()
{
    return leaf(QStringLiteral("status"),
                QStringLiteral("Integration status: all Integrations, or one (with --events: its call history)."),
                {arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name."), true),
                 arg(QStringLiteral("INTEGRATION"), QStringLiteral("Integration id or name."), true)},
                listOptions() + QList<OptionSpec>{flag(QStringLiteral("events"), QStringLiteral("Show the call history."))},
                {QStringLiteral("patchbay-cli status"), QStringLiteral("patchbay-cli status globex jira --events")},
                [](CommandContext& ctx, const Invocation& inv) {
                    if (inv.args.size() == 1)
                        return ctx.usageError(QStringLiteral("give both ACCOUNT and INTEGRATION, or neither"), inv.commandPath);
                    QString path = QStringLiteral("/v1/status");
                    if (inv.args.size() == 2) {
                        path = apiPath({QStringLiteral("status"), inv.arg(0), inv.arg(1)});
                        if (inv.isSet(QStringLiteral("events")))
                            path += QStringLiteral("/events");
                    }
                    ApiRequest r = ApiRequest::get(path);
                    applyListOptions(r, inv);
                    const View view = inv.isSet(QStringLiteral("events"))
                                          ? View{{{QStringLiteral("TIME"), QStringLiteral("created_at")},
                                                  {QStringLiteral("STATUS"), QStringLiteral("status")},
                                                  {QStringLiteral("ERROR"), QStringLiteral("error")},
                                                  {QStringLiteral("OPERATION"), QStringLiteral("request.operation_id")},
                                                  {QStringLiteral("MS"), QStringLiteral("request.duration_ms")}},
                                                 {}}
                                          : View{{{QStringLiteral("INTEGRATION"), QStringLiteral("integration_name")},
                                                  {QStringLiteral("PROVIDER"), QStringLiteral("provider_type")},
                                                  {QStringLiteral("STATUS"), QStringLiteral("status")},
                                                  {QStringLiteral("REQUESTS"), QStringLiteral("requests")},
                                                  {QStringLiteral("FAILED"), QStringLiteral("failed")},
                                                  {QStringLiteral("LAST ERROR"), QStringLiteral("last_error")},
                                                  {QStringLiteral("ACCOUNT"), QStringLiteral("account_id")}},
                                                 {}};
                    return ctx.run(r, view);
                });
}

} // namespace pb::cli
