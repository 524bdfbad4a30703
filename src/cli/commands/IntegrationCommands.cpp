#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/commands/Commands.h"
#include "cli/commands/TokenPrinting.h"

namespace pb::cli {

namespace {

const View kIntegrationList{{{QStringLiteral("NAME"), QStringLiteral("name")},
                             {QStringLiteral("ACCOUNT"), QStringLiteral("account_id")},
                             {QStringLiteral("PROVIDER"), QStringLiteral("provider_type")},
                             {QStringLiteral("COMPLIANCE"), QStringLiteral("compliance")},
                             {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                             {QStringLiteral("ID"), QStringLiteral("id")}},
                            {}};

// provider_config names an existing Credential of the same Account by id or name.
QJsonValue credentialReference(const QString& credential)
{
    return credential;
}

// Parses a key=value config value: JSON literals (true, 42) become JSON, the rest stays a string.
QJsonValue configValue(const QString& text)
{
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    bool isNumber = false;
    const qlonglong n = text.toLongLong(&isNumber);
    if (isNumber)
        return n;
    return text;
}

// provider_config from --config-file (a JSON object), then --config k=v on top, then the provider
// and credential options.
Result<QJsonObject> providerConfig(const Invocation& inv)
{
    Result<QJsonObject> fromFile = jsonObjectFromFileOption(inv, QStringLiteral("config-file"), false);
    if (!fromFile)
        return fromFile.problem();
    QJsonObject config = *fromFile;
    for (const QString& kv : inv.valuesOf(QStringLiteral("config"))) {
        Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("config"));
        if (!pair)
            return pair.problem();
        config.insert(pair->first, configValue(pair->second));
    }
    if (inv.isSet(QStringLiteral("provider")))
        config.insert(QStringLiteral("type"), inv.value(QStringLiteral("provider")));
    if (inv.isSet(QStringLiteral("credential")))
        config.insert(QStringLiteral("credential"), credentialReference(inv.value(QStringLiteral("credential"))));
    return config;
}

QList<OptionSpec> integrationFields()
{
    return {opt(QStringLiteral("provider"), QStringLiteral("PROVIDER"), QStringLiteral("Provider id, e.g. ticketing_jira.")),
            opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name within the Account.")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("config"), QStringLiteral("KEY=VALUE"), QStringLiteral("Provider config field (non-secret)."), true),
            opt(QStringLiteral("config-file"), QStringLiteral("FILE"), QStringLiteral("provider_config as a JSON object.")),
            opt(QStringLiteral("integration-point"), QStringLiteral("IP"), QStringLiteral("Integration Point whose rules apply.")),
            opt(QStringLiteral("credential"), QStringLiteral("CREDENTIAL"), QStringLiteral("Credential of the same Account (id or name)."))};
}

Result<QJsonObject> integrationBody(const Invocation& inv)
{
    Result<QJsonObject> config = providerConfig(inv);
    if (!config)
        return config.problem();
    QJsonObject body;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("integration-point"), QStringLiteral("integration_point_id"));
    body.insert(QStringLiteral("provider_config"), *config);
    return body;
}

int createIntegration(CommandContext& ctx, const Invocation& inv, bool verifyOnly)
{
    if (!inv.isSet(QStringLiteral("provider")) && !inv.isSet(QStringLiteral("config-file")))
        return ctx.usageError(QStringLiteral("--provider is required"), inv.commandPath);
    Result<QJsonObject> body = integrationBody(inv);
    if (!body)
        return ctx.fail(body.problem());
    QStringList segs{QStringLiteral("integrations"), inv.arg(0)};
    if (verifyOnly)
        segs.append(QStringLiteral("verify"));
    QString path = QStringLiteral("/v1");
    for (const QString& s : segs)
        path += QLatin1Char('/') + percentEncoded(s);
    Result<ApiResponse> response = ctx.call(ApiRequest::post(path, *body));
    if (!response)
        return ctx.fail(response.problem());
    if (ctx.json || response->isError() || verifyOnly) {
        const int code = ctx.show(*response);
        if (verifyOnly && code == ExitOk && !ctx.json)
            ctx.note(QStringLiteral("The request is valid; nothing was saved."));
        return code;
    }
    const QJsonObject result = response->result().toObject();
    Output::printObject(ctx.out(), result.value(QStringLiteral("integration")).toObject());
    const QJsonObject pair = result.value(QStringLiteral("token")).toObject();
    if (!pair.isEmpty()) {
        ctx.out() << '\n';
        printTokenPair(ctx.out(), pair);
        ctx.out().flush();
        ctx.note(QStringLiteral("Store the Integration token now: it is shown only once."));
    }
    ctx.out().flush();
    return ExitOk;
}

int updateIntegration(CommandContext& ctx, const Invocation& inv)
{
    QList<QPair<QString, QJsonValue>> fields;
    if (inv.isSet(QStringLiteral("name")))
        fields.append({QStringLiteral("name"), inv.value(QStringLiteral("name"))});
    if (inv.isSet(QStringLiteral("fullname")))
        fields.append({QStringLiteral("fullname"), inv.value(QStringLiteral("fullname"))});
    if (inv.isSet(QStringLiteral("integration-point")))
        fields.append({QStringLiteral("integration_point_id"), inv.value(QStringLiteral("integration-point"))});
    if (inv.isSet(QStringLiteral("provider")))
        fields.append({QStringLiteral("provider_config/type"), inv.value(QStringLiteral("provider"))});
    for (const QString& kv : inv.valuesOf(QStringLiteral("config"))) {
        Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("config"));
        if (!pair)
            return ctx.fail(pair.problem());
        fields.append({QStringLiteral("provider_config/") + pair->first, configValue(pair->second)});
    }
    if (inv.isSet(QStringLiteral("credential")))
        fields.append({QStringLiteral("provider_config/credential"), credentialReference(inv.value(QStringLiteral("credential")))});
    QJsonArray ops = replaceOps(fields);
    if (inv.isSet(QStringLiteral("config-file"))) {
        Result<QJsonObject> config = providerConfig(inv);
        if (!config)
            return ctx.fail(config.problem());
        QJsonArray all = replaceOps({{QStringLiteral("provider_config"), *config}});
        appendOps(all, ops);
        ops = all;
    }
    if (ops.isEmpty())
        return nothingToUpdate(ctx, inv);
    return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("integrations"), inv.arg(0), inv.arg(1)}), ops));
}

} // namespace

Command integrationCommands()
{
    const ArgSpec account = arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name."));
    const ArgSpec integration = arg(QStringLiteral("INTEGRATION"), QStringLiteral("Integration id or name."));
    return group(
        QStringLiteral("integrations"), QStringLiteral("Integrations: one Provider connection of an Account each."),
        {leaf(QStringLiteral("list"), QStringLiteral("List Integrations of one Account, or of all."),
              {arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name."), true)}, listOptions(),
              {QStringLiteral("patchbay-cli integrations list globex")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(inv.args.isEmpty() ? QStringLiteral("/v1/integrations")
                                                                    : apiPath({QStringLiteral("integrations"), inv.arg(0)}));
                  applyListOptions(r, inv);
                  return ctx.run(r, kIntegrationList);
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Integration."), {account, integration}, {},
              {QStringLiteral("patchbay-cli integrations get globex jira")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("integrations"), inv.arg(0), inv.arg(1)})));
              }),
         leaf(QStringLiteral("create"),
              QStringLiteral("Create an Integration; checked against its Integration Point before it is saved."),
              {account}, integrationFields(),
              {QStringLiteral("patchbay-cli integrations create globex --provider ticketing_jira --name jira "
                              "--config url=https://globex.atlassian.net --credential jira-basic --integration-point eu-ticketing")},
              [](CommandContext& ctx, const Invocation& inv) { return createIntegration(ctx, inv, false); }),
         leaf(QStringLiteral("verify"), QStringLiteral("Check an Integration create request without saving it."),
              {account}, integrationFields(),
              {QStringLiteral("patchbay-cli integrations verify globex --provider ticketing_jira --config url=https://x.atlassian.net")},
              [](CommandContext& ctx, const Invocation& inv) { return createIntegration(ctx, inv, true); }),
         leaf(QStringLiteral("update"), QStringLiteral("Change fields of an Integration (JSON Patch)."),
              {account, integration}, integrationFields(),
              {QStringLiteral("patchbay-cli integrations update globex jira --config project=OPS")}, updateIntegration),
         leaf(QStringLiteral("delete"), QStringLiteral("Delete an Integration and its tokens."), {account, integration}, {},
              {QStringLiteral("patchbay-cli integrations delete globex jira")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("integrations"), inv.arg(0), inv.arg(1)})));
              })});
}

} // namespace pb::cli
