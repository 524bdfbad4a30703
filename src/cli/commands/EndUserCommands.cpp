#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

namespace {

QList<OptionSpec> endUserFields()
{
    return {opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name within the Account.")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("email"), QStringLiteral("EMAIL"), QStringLiteral("E-mail address."))};
}

QJsonObject endUserBody(const Invocation& inv)
{
    QJsonObject body;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("email"), QStringLiteral("email"));
    return body;
}

} // namespace

Command endUserCommands()
{
    const ArgSpec account = arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name."));
    const ArgSpec endUser = arg(QStringLiteral("END_USER"), QStringLiteral("End User id or name."));
    return group(
        QStringLiteral("end-users"), QStringLiteral("End Users: an Account's people who register Integrations."),
        {leaf(QStringLiteral("list"), QStringLiteral("List the End Users of an Account."), {account}, listOptions(),
              {QStringLiteral("patchbay-cli end-users list globex")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(apiPath({QStringLiteral("accounts"), inv.arg(0), QStringLiteral("end-users")}));
                  applyListOptions(r, inv);
                  return ctx.run(r, View{{{QStringLiteral("NAME"), QStringLiteral("name")},
                                          {QStringLiteral("EMAIL"), QStringLiteral("email")},
                                          {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                                          {QStringLiteral("ID"), QStringLiteral("id")}},
                                         {}});
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one End User."), {account, endUser}, {},
              {QStringLiteral("patchbay-cli end-users get globex grace")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("accounts"), inv.arg(0), QStringLiteral("end-users"), inv.arg(1)})));
              }),
         leaf(QStringLiteral("create"), QStringLiteral("Add an End User to an Account."), {account}, endUserFields(),
              {QStringLiteral("patchbay-cli end-users create globex --fullname \"Grace Hopper\" --email grace@globex.example")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<ApiResponse> response = ctx.call(
                      ApiRequest::post(apiPath({QStringLiteral("accounts"), inv.arg(0), QStringLiteral("end-users")}), endUserBody(inv)));
                  if (!response)
                      return ctx.fail(response.problem());
                  if (ctx.json || response->isError())
                      return ctx.show(*response);
                  return ctx.showResult(response->result().toObject().value(QStringLiteral("end_user")));
              }),
         leaf(QStringLiteral("update"), QStringLiteral("Change fields of an End User (JSON Patch)."), {account, endUser},
              endUserFields(), {QStringLiteral("patchbay-cli end-users update globex grace --email g@globex.example")},
              [](CommandContext& ctx, const Invocation& inv) {
                  QJsonArray ops;
                  const QJsonObject body = endUserBody(inv);
                  for (auto it = body.begin(); it != body.end(); ++it)
                      appendOps(ops, replaceOps({{it.key(), it.value()}}));
                  if (ops.isEmpty())
                      return nothingToUpdate(ctx, inv);
                  return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("accounts"), inv.arg(0), QStringLiteral("end-users"), inv.arg(1)}), ops));
              }),
         leaf(QStringLiteral("delete"), QStringLiteral("Remove an End User."), {account, endUser}, {},
              {QStringLiteral("patchbay-cli end-users delete globex grace")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("accounts"), inv.arg(0), QStringLiteral("end-users"), inv.arg(1)})));
              })});
}

} // namespace pb::cli
