#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

Command capabilityCommands()
{
    return group(
        QStringLiteral("capabilities"), QStringLiteral("The catalog: connectors, providers and their operations."),
        {leaf(QStringLiteral("connectors"), QStringLiteral("List connectors, or show one."),
              {arg(QStringLiteral("CONNECTOR"), QStringLiteral("Connector id, e.g. ticketing."), true)}, {},
              {QStringLiteral("patchbay-cli capabilities connectors")},
              [](CommandContext& ctx, const Invocation& inv) {
                  const QString path = inv.args.isEmpty() ? QStringLiteral("/v1/capabilities/connectors")
                                                          : apiPath({QStringLiteral("capabilities"), QStringLiteral("connectors"), inv.arg(0)});
                  return ctx.run(ApiRequest::get(path),
                                 View{{{QStringLiteral("ID"), QStringLiteral("id")},
                                       {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                                       {QStringLiteral("PROVIDERS"), QStringLiteral("provider_ids")}},
                                      {}});
              }),
         leaf(QStringLiteral("providers"), QStringLiteral("List providers, or show one."),
              {arg(QStringLiteral("PROVIDER"), QStringLiteral("Provider id, e.g. ticketing_jira."), true)}, {},
              {QStringLiteral("patchbay-cli capabilities providers"), QStringLiteral("patchbay-cli capabilities providers ticketing_jira")},
              [](CommandContext& ctx, const Invocation& inv) {
                  const QString path = inv.args.isEmpty() ? QStringLiteral("/v1/capabilities/providers")
                                                          : apiPath({QStringLiteral("capabilities"), QStringLiteral("providers"), inv.arg(0)});
                  return ctx.run(ApiRequest::get(path), View{{{QStringLiteral("ID"), QStringLiteral("id")},
                                                              {QStringLiteral("CONNECTOR"), QStringLiteral("connector_id")},
                                                              {QStringLiteral("FULLNAME"), QStringLiteral("fullname")}},
                                                             {}});
              })});
}

} // namespace pb::cli
