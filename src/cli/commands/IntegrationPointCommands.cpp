#include "cli/Builders.h"
#include "cli/commands/Commands.h"

namespace pb::cli {

namespace {

const View kPointList{{{QStringLiteral("NAME"), QStringLiteral("name")},
                       {QStringLiteral("CONNECTOR"), QStringLiteral("connector")},
                       {QStringLiteral("TEST"), QStringLiteral("environments.test")},
                       {QStringLiteral("PROD"), QStringLiteral("environments.prod")},
                       {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                       {QStringLiteral("ID"), QStringLiteral("id")}},
                      {}};

QList<OptionSpec> pointFields()
{
    return {opt(QStringLiteral("file"), QStringLiteral("FILE"), QStringLiteral("The whole Integration Point as JSON (flags override).")),
            opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name.")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("What it governs.")),
            opt(QStringLiteral("connector"), QStringLiteral("CONNECTOR"), QStringLiteral("Connector id: ticketing, notifications, sink.")),
            opt(QStringLiteral("test"), QStringLiteral("PROVIDER"), QStringLiteral("Provider allowed for test Accounts ('*' = all)."), true),
            opt(QStringLiteral("prod"), QStringLiteral("PROVIDER"), QStringLiteral("Provider allowed for prod Accounts ('*' = all)."), true),
            opt(QStringLiteral("host-pattern"), QStringLiteral("GLOB"), QStringLiteral("Allowed provider URL host, e.g. *.atlassian.net."), true),
            opt(QStringLiteral("credential-type"), QStringLiteral("TYPE"), QStringLiteral("Allowed credential type."), true),
            opt(QStringLiteral("operation"), QStringLiteral("OPERATION"), QStringLiteral("Allowed connector operation."), true),
            opt(QStringLiteral("required-config"), QStringLiteral("FIELD=REGEX"), QStringLiteral("Config value that must match."), true),
            opt(QStringLiteral("max-token-ttl"), QStringLiteral("DURATION"), QStringLiteral("Longest Integration token lifetime, e.g. 15m.")),
            opt(QStringLiteral("max-credential-age-days"), QStringLiteral("N"), QStringLiteral("Oldest acceptable credential.")),
            opt(QStringLiteral("https-required"), QStringLiteral("true|false"), QStringLiteral("Provider URLs must use HTTPS."))};
}

// The body from --file, with every given flag applied on top.
Result<QJsonObject> pointBody(const Invocation& inv)
{
    Result<QJsonObject> fromFile = jsonObjectFromFileOption(inv, QStringLiteral("file"), true);
    if (!fromFile)
        return fromFile.problem();
    QJsonObject body = *fromFile;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("description"), QStringLiteral("description"));
    putIfSet(body, inv, QStringLiteral("connector"), QStringLiteral("connector"));
    QJsonObject envs = body.value(QStringLiteral("environments")).toObject();
    for (const QString& env : {QStringLiteral("test"), QStringLiteral("prod")})
        if (inv.isSet(env))
            envs.insert(env, toJsonArray(inv.valuesOf(env)));
    if (!envs.isEmpty())
        body.insert(QStringLiteral("environments"), envs);
    QJsonObject rules = body.value(QStringLiteral("rules")).toObject();
    auto listRule = [&](const QString& option, const QString& key) {
        if (inv.isSet(option))
            rules.insert(key, toJsonArray(inv.valuesOf(option)));
    };
    listRule(QStringLiteral("host-pattern"), QStringLiteral("host_patterns"));
    listRule(QStringLiteral("credential-type"), QStringLiteral("credential_types"));
    listRule(QStringLiteral("operation"), QStringLiteral("operations"));
    if (inv.isSet(QStringLiteral("required-config"))) {
        QJsonObject required = rules.value(QStringLiteral("required_config")).toObject();
        for (const QString& kv : inv.valuesOf(QStringLiteral("required-config"))) {
            Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("required-config"));
            if (!pair)
                return pair.problem();
            required.insert(pair->first, pair->second);
        }
        rules.insert(QStringLiteral("required_config"), required);
    }
    if (inv.isSet(QStringLiteral("max-token-ttl"))) {
        Result<qint64> seconds = parseDurationSeconds(inv.value(QStringLiteral("max-token-ttl")), QStringLiteral("max-token-ttl"));
        if (!seconds)
            return seconds.problem();
        rules.insert(QStringLiteral("max_token_ttl"), static_cast<double>(*seconds));
    }
    if (inv.isSet(QStringLiteral("max-credential-age-days")))
        rules.insert(QStringLiteral("max_credential_age_days"), inv.value(QStringLiteral("max-credential-age-days")).toInt());
    if (inv.isSet(QStringLiteral("https-required")))
        rules.insert(QStringLiteral("https_required"), inv.value(QStringLiteral("https-required")) == QLatin1String("true"));
    if (!rules.isEmpty())
        body.insert(QStringLiteral("rules"), rules);
    return body;
}

// Update and preview take the current object, apply the flags and send the whole object (PUT
// semantics), so rule lists are replaced exactly as given.
Result<QJsonObject> mergedWithCurrent(CommandContext& ctx, const Invocation& inv)
{
    Result<QJsonObject> changes = pointBody(inv);
    if (!changes)
        return changes;
    if (inv.isSet(QStringLiteral("file")))
        return changes;
    Result<ApiResponse> current = ctx.call(ApiRequest::get(apiPath({QStringLiteral("integration-points"), inv.arg(0)})));
    if (!current)
        return current.problem();
    if (current->isError())
        return current->problem();
    QJsonObject merged = current->result().toObject();
    for (auto it = changes->begin(); it != changes->end(); ++it) {
        if (it.key() == QLatin1String("rules") || it.key() == QLatin1String("environments")) {
            QJsonObject inner = merged.value(it.key()).toObject();
            const QJsonObject given = it.value().toObject();
            for (auto r = given.begin(); r != given.end(); ++r)
                inner.insert(r.key(), r.value());
            merged.insert(it.key(), inner);
        } else {
            merged.insert(it.key(), it.value());
        }
    }
    return merged;
}

const QString kPreviewSegment = QStringLiteral("preview");

// Preview answers {"integrations": [{..., compliant_now, compliant_after, violations}], "would_break"}.
int showPreview(CommandContext& ctx, const ApiResponse& response)
{
    if (ctx.json || response.isError())
        return ctx.show(response);
    const QJsonObject result = response.result().toObject();
    QJsonArray rows;
    const QJsonArray integrations = result.value(QStringLiteral("integrations")).toArray();
    for (const QJsonValue& v : integrations) {
        QJsonObject row = v.toObject();
        QStringList why;
        const QJsonArray violations = row.value(QStringLiteral("violations")).toArray();
        for (const QJsonValue& violation : violations)
            why.append(violation.toObject().value(QStringLiteral("rule")).toString() + QStringLiteral(": ") +
                       violation.toObject().value(QStringLiteral("message")).toString());
        row.insert(QStringLiteral("why"), why.join(QStringLiteral("; ")));
        rows.append(row);
    }
    Output::printTable(ctx.out(), {{QStringLiteral("ACCOUNT"), QStringLiteral("account_name")},
                                   {QStringLiteral("INTEGRATION"), QStringLiteral("integration_name")},
                                   {QStringLiteral("NOW"), QStringLiteral("compliant_now")},
                                   {QStringLiteral("AFTER"), QStringLiteral("compliant_after")},
                                   {QStringLiteral("VIOLATIONS"), QStringLiteral("why")}},
                       rows);
    const qsizetype breaking = result.value(QStringLiteral("would_break")).toArray().size();
    ctx.out() << '\n'
              << (breaking == 0 ? QStringLiteral("No Integration would fall out of compliance.")
                                : QStringLiteral("%1 Integration(s) would fall out of compliance. Nothing was saved.").arg(breaking))
              << '\n';
    ctx.out().flush();
    return 0;
}

} // namespace

Command integrationPointCommands()
{
    const ArgSpec point = arg(QStringLiteral("INTEGRATION_POINT"), QStringLiteral("Integration Point id or name."));
    return group(
        QStringLiteral("integration-points"),
        QStringLiteral("Integration Points: organization-wide rules every Integration must satisfy."),
        {leaf(QStringLiteral("list"), QStringLiteral("List Integration Points."), {}, listOptions(),
              {QStringLiteral("patchbay-cli integration-points list")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/integration-points"));
                  applyListOptions(r, inv);
                  return ctx.run(r, kPointList);
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Integration Point with its rules."), {point}, {},
              {QStringLiteral("patchbay-cli integration-points get eu-ticketing")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("integration-points"), inv.arg(0)})));
              }),
         leaf(QStringLiteral("create"), QStringLiteral("Create an Integration Point from --file and/or flags."), {},
              pointFields(),
              {QStringLiteral("patchbay-cli integration-points create --fullname \"EU ticketing\" --connector ticketing "
                              "--test '*' --prod ticketing_jira --prod ticketing_servicenow --host-pattern '*.atlassian.net'"),
               QStringLiteral("patchbay-cli integration-points create --file eu-ticketing.json")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<QJsonObject> body = pointBody(inv);
                  if (!body)
                      return ctx.fail(body.problem());
                  return ctx.run(ApiRequest::post(QStringLiteral("/v1/integration-points"), *body));
              }),
         leaf(QStringLiteral("update"),
              QStringLiteral("Change an Integration Point; every Integration using it is re-evaluated."), {point},
              pointFields(),
              {QStringLiteral("patchbay-cli integration-points update eu-ticketing --prod ticketing_jira")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<QJsonObject> body = mergedWithCurrent(ctx, inv);
                  if (!body)
                      return ctx.fail(body.problem());
                  return ctx.run(ApiRequest::put(apiPath({QStringLiteral("integration-points"), inv.arg(0)}), *body));
              }),
         leaf(QStringLiteral("preview"),
              QStringLiteral("Show which Integrations a change would make non-compliant, without saving it."), {point},
              pointFields(),
              {QStringLiteral("patchbay-cli integration-points preview eu-ticketing --host-pattern '*.eu.atlassian.net'")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<QJsonObject> body = mergedWithCurrent(ctx, inv);
                  if (!body)
                      return ctx.fail(body.problem());
                  Result<ApiResponse> response = ctx.call(
                      ApiRequest::post(apiPath({QStringLiteral("integration-points"), inv.arg(0), kPreviewSegment}), *body));
                  if (!response)
                      return ctx.fail(response.problem());
                  return showPreview(ctx, *response);
              }),
         leaf(QStringLiteral("delete"), QStringLiteral("Delete an Integration Point."), {point}, {},
              {QStringLiteral("patchbay-cli integration-points delete eu-ticketing")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("integration-points"), inv.arg(0)})));
              })});
}

} // namespace pb::cli
