#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

Command organizationCommands()
{
    return group(
        QStringLiteral("organization"), QStringLiteral("The workspace's Organization."),
        {leaf(QStringLiteral("get"), QStringLiteral("Show the Organization."), {}, {},
              {QStringLiteral("patchbay-cli organization get")},
              [](CommandContext& ctx, const Invocation&) {
                  return ctx.run(ApiRequest::get(QStringLiteral("/v1/organization")));
              }),
         leaf(QStringLiteral("update"), QStringLiteral("Change the Organization's names or options (JSON Patch)."), {},
              {opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("New name.")),
               opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("New display name.")),
               opt(QStringLiteral("option"), QStringLiteral("KEY=VALUE"), QStringLiteral("Set options.KEY, e.g. token_ttl=12h."), true)},
              {QStringLiteral("patchbay-cli organization update --fullname \"Acme Incorporated\"")},
              [](CommandContext& ctx, const Invocation& inv) {
                  QJsonArray ops = patchFromOptions(inv, {{QStringLiteral("name"), QStringLiteral("name")},
                                                          {QStringLiteral("fullname"), QStringLiteral("fullname")}});
                  for (const QString& kv : inv.valuesOf(QStringLiteral("option"))) {
                      Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("option"));
                      if (!pair)
                          return ctx.fail(pair.problem());
                      // Options are numbers of seconds; durations like 12h are accepted too.
                      Result<qint64> seconds = parseDurationSeconds(pair->second, QStringLiteral("option"));
                      const QJsonValue value = seconds ? QJsonValue(static_cast<double>(*seconds)) : QJsonValue(pair->second);
                      appendOps(ops, replaceOps({{QString(QStringLiteral("options/") + pair->first), value}}));
                  }
                  if (ops.isEmpty())
                      return nothingToUpdate(ctx, inv);
                  return ctx.run(ApiRequest::patch(QStringLiteral("/v1/organization"), ops));
              })});
}

} // namespace pb::cli
