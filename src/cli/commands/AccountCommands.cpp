#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

namespace {

const View kAccountList{{{QStringLiteral("NAME"), QStringLiteral("name")},
                         {QStringLiteral("ENVIRONMENT"), QStringLiteral("environment")},
                         {QStringLiteral("LABELS"), QStringLiteral("labels")},
                         {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                         {QStringLiteral("ID"), QStringLiteral("id")}},
                        {}};

QList<OptionSpec> accountFields()
{
    return {opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name [a-z0-9_-] (default: from --fullname).")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("environment"), QStringLiteral("test|prod"), QStringLiteral("Environment (default prod).")),
            opt(QStringLiteral("label"), QStringLiteral("LABEL"), QStringLiteral("Label; replaces all labels on update."), true)};
}

int createAccount(CommandContext& ctx, const Invocation& inv)
{
    QJsonObject body;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("environment"), QStringLiteral("environment"));
    if (inv.isSet(QStringLiteral("label")))
        body.insert(QStringLiteral("labels"), toJsonArray(inv.valuesOf(QStringLiteral("label"))));
    Result<ApiResponse> response = ctx.call(ApiRequest::post(QStringLiteral("/v1/accounts"), body));
    if (!response)
        return ctx.fail(response.problem());
    if (ctx.json || response->isError())
        return ctx.show(*response);
    // Create answers {"account": {...}}: show the account itself.
    const QJsonObject result = response->result().toObject();
    return ctx.showResult(result.contains(QStringLiteral("account")) ? result.value(QStringLiteral("account"))
                                                                    : QJsonValue(result));
}

int updateAccount(CommandContext& ctx, const Invocation& inv)
{
    QJsonArray ops = patchFromOptions(inv, {{QStringLiteral("name"), QStringLiteral("name")},
                                            {QStringLiteral("fullname"), QStringLiteral("fullname")},
                                            {QStringLiteral("environment"), QStringLiteral("environment")}});
    if (inv.isSet(QStringLiteral("label")))
        appendOps(ops, replaceOps({{QStringLiteral("labels"), toJsonArray(inv.valuesOf(QStringLiteral("label")))}}));
    if (ops.isEmpty())
        return nothingToUpdate(ctx, inv);
    return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("accounts"), inv.arg(0)}), ops));
}

} // namespace

Command accountCommands()
{
    const ArgSpec account = arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name."));
    return group(
        QStringLiteral("accounts"), QStringLiteral("Accounts: your tenants, isolated from each other."),
        {leaf(QStringLiteral("list"), QStringLiteral("List Accounts."), {}, listOptions(),
              {QStringLiteral("patchbay-cli accounts list --filter environment[eq]test")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/accounts"));
                  applyListOptions(r, inv);
                  return ctx.run(r, kAccountList);
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Account."), {account}, {},
              {QStringLiteral("patchbay-cli accounts get globex")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("accounts"), inv.arg(0)})));
              }),
         leaf(QStringLiteral("create"), QStringLiteral("Create an Account."), {}, accountFields(),
              {QStringLiteral("patchbay-cli accounts create --fullname \"Globex EU\" --environment test --label eu --label pilot")},
              createAccount),
         leaf(QStringLiteral("update"), QStringLiteral("Change fields of an Account (JSON Patch)."), {account},
              accountFields(), {QStringLiteral("patchbay-cli accounts update globex-eu --environment prod")},
              updateAccount),
         leaf(QStringLiteral("delete"),
              QStringLiteral("Delete an Account with its Integrations, Credentials (keychain entries too) and tokens."),
              {account}, {}, {QStringLiteral("patchbay-cli accounts delete globex-eu")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("accounts"), inv.arg(0)})));
              })});
}

} // namespace pb::cli
