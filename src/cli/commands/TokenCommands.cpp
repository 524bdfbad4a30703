#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/SecretInput.h"
#include "cli/commands/Commands.h"
#include "cli/commands/TokenPrinting.h"

namespace pb::cli {

namespace {

const View kTokenList{{{QStringLiteral("ID"), QStringLiteral("id")},
                       {QStringLiteral("KIND"), QStringLiteral("kind")},
                       {QStringLiteral("SCOPE"), QStringLiteral("permissions.resource_type")},
                       {QStringLiteral("ROLE"), QStringLiteral("permissions.role")},
                       {QStringLiteral("EXPIRES"), QStringLiteral("expires")},
                       {QStringLiteral("LAST USED"), QStringLiteral("last_used_at")},
                       {QStringLiteral("REVOKED"), QStringLiteral("revoked_at")}},
                      {}};

// Issue-style answers carry secrets: human mode prints them with a reminder, --secret-only
// prints just the access secret for `export PATCHBAY_TOKEN=$(...)`.
int showIssued(CommandContext& ctx, const Invocation& inv, const ApiRequest& request)
{
    Result<ApiResponse> response = ctx.call(request);
    if (!response)
        return ctx.fail(response.problem());
    if (ctx.json || response->isError())
        return ctx.show(*response);
    const QJsonObject result = response->result().toObject();
    if (inv.isSet(QStringLiteral("secret-only"))) {
        const QJsonObject access = result.contains(QStringLiteral("access"))
                                       ? result.value(QStringLiteral("access")).toObject()
                                       : result;
        ctx.out() << access.value(QStringLiteral("secret")).toString() << '\n';
        return ExitOk;
    }
    printTokenPair(ctx.out(), result);
    ctx.out().flush();
    ctx.note(QStringLiteral("Store the secret now: it is shown only once."));
    return ExitOk;
}

QList<OptionSpec> issueOptions()
{
    return {opt(QStringLiteral("ttl"), QStringLiteral("DURATION"), QStringLiteral("Lifetime, e.g. 10m, 1h, 24h.")),
            opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Name of the token.")),
            flag(QStringLiteral("secret-only"), QStringLiteral("Print only the access secret (for scripts)."))};
}

// token_ttl is in seconds; --ttl also takes 10m, 1h, 2d.
Status putTtl(QJsonObject& body, const Invocation& inv)
{
    if (!inv.isSet(QStringLiteral("ttl")))
        return {};
    Result<qint64> seconds = parseDurationSeconds(inv.value(QStringLiteral("ttl")), QStringLiteral("ttl"));
    if (!seconds)
        return seconds.problem();
    body.insert(QStringLiteral("token_ttl"), static_cast<double>(*seconds));
    return {};
}

int issueIntegration(CommandContext& ctx, const Invocation& inv)
{
    QJsonObject body;
    if (Status s = putTtl(body, inv); !s)
        return ctx.fail(s.problem());
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    return showIssued(ctx, inv, ApiRequest::post(apiPath({QStringLiteral("tokens"), inv.arg(0), inv.arg(1)}), body));
}

int issueOrg(CommandContext& ctx, const Invocation& inv)
{
    QJsonObject body;
    if (Status s = putTtl(body, inv); !s)
        return ctx.fail(s.problem());
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    if (inv.isSet(QStringLiteral("role")))
        body.insert(QStringLiteral("permissions"), QJsonObject{{QStringLiteral("role"), inv.value(QStringLiteral("role"))}});
    if (inv.isSet(QStringLiteral("permissions"))) {
        Result<QJsonValue> perms = parseJsonText(inv.value(QStringLiteral("permissions")).toUtf8(),
                                                 QStringLiteral("--permissions"));
        if (!perms)
            return ctx.fail(perms.problem());
        body.insert(QStringLiteral("permissions"), *perms);
    }
    return showIssued(ctx, inv, ApiRequest::post(QStringLiteral("/v1/tokens"), body));
}

} // namespace

Command tokenCommands()
{
    const ArgSpec tokenId = arg(QStringLiteral("TOKEN_ID"), QStringLiteral("Refresh token id."));
    const ArgSpec owner = arg(QStringLiteral("OWNER"), QStringLiteral("Owner id (member or integration)."));
    auto put = [](QStringList segs) {
        return [segs](CommandContext& ctx, const Invocation& inv) {
            QStringList path{QStringLiteral("tokens")};
            for (const QString& s : segs)
                path.append(s.startsWith(QLatin1Char('$')) ? inv.arg(s.mid(1).toInt()) : s);
            QString p = QStringLiteral("/v1");
            for (const QString& s : path)
                p += QLatin1Char('/') + percentEncoded(s);
            return showIssued(ctx, inv, ApiRequest::put(p, QJsonObject()));
        };
    };
    return group(
        QStringLiteral("tokens"), QStringLiteral("Organization and Integration Access Tokens."),
        {leaf(QStringLiteral("list"), QStringLiteral("List tokens (never their secrets)."), {}, listOptions(),
              {QStringLiteral("patchbay-cli tokens list")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/tokens"));
                  applyListOptions(r, inv);
                  return ctx.run(r, kTokenList);
              }),
         leaf(QStringLiteral("info"), QStringLiteral("Show a token's scope, expiry and last use."), {tokenId}, {},
              {QStringLiteral("patchbay-cli tokens info 0f1e…")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("tokens"), inv.arg(0), QStringLiteral("info")})));
              }),
         leaf(QStringLiteral("issue-org"), QStringLiteral("Issue an ad-hoc Organization Access Token (narrowed scope)."), {},
              issueOptions() + QList<OptionSpec>{opt(QStringLiteral("role"), QStringLiteral("ROLE"),
                                                     QStringLiteral("Narrow the token to this role (e.g. viewer).")),
                                                 opt(QStringLiteral("permissions"), QStringLiteral("JSON"),
                                                     QStringLiteral("Narrowed permissions object."))},
              {QStringLiteral("patchbay-cli tokens issue-org --ttl 1h --role viewer")}, issueOrg),
         leaf(QStringLiteral("issue-integration"),
              QStringLiteral("Issue an Integration Access Token scoped to one Integration."),
              {arg(QStringLiteral("ACCOUNT"), QStringLiteral("Account id or name.")),
               arg(QStringLiteral("INTEGRATION"), QStringLiteral("Integration id or name."))},
              issueOptions(),
              {QStringLiteral("export PATCHBAY_TOKEN=$(patchbay-cli tokens issue-integration globex jira --ttl 10m --secret-only)")},
              issueIntegration),
         leaf(QStringLiteral("revoke"), QStringLiteral("Revoke a token pair."), {tokenId}, {},
              {QStringLiteral("patchbay-cli tokens revoke 0f1e…")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("tokens"), inv.arg(0)})));
              }),
         leaf(QStringLiteral("refresh"),
              QStringLiteral("Exchange a refresh token for a new pair (authenticate with that refresh token or as administrator)."),
              {tokenId},
              {flag(QStringLiteral("secret-only"), QStringLiteral("Print only the new access secret.")),
               flag(QStringLiteral("refresh-token-stdin"), QStringLiteral("Read the refresh token's secret from stdin and use it as the bearer."))},
              {QStringLiteral("patchbay-cli tokens refresh 0f1e… --refresh-token-stdin < refresh.txt")},
              [put](CommandContext& ctx, const Invocation& inv) {
                  if (inv.isSet(QStringLiteral("refresh-token-stdin"))) {
                      Result<QByteArray> secret = SecretInput::fromStdin(QStringLiteral("refresh token"));
                      if (!secret)
                          return ctx.fail(secret.problem());
                      ctx.token = QString::fromUtf8(secret->trimmed());
                  }
                  return put({QStringLiteral("$0"), QStringLiteral("refresh")})(ctx, inv);
              }),
         leaf(QStringLiteral("rotate"), QStringLiteral("Rotate a token pair: new secrets, old ones stop working."),
              {owner, tokenId}, {flag(QStringLiteral("secret-only"), QStringLiteral("Print only the new access secret."))},
              {QStringLiteral("patchbay-cli tokens rotate ada-admin 0f1e…")},
              put({QStringLiteral("$0"), QStringLiteral("$1"), QStringLiteral("rotate")})),
         leaf(QStringLiteral("reset"), QStringLiteral("Reset a token pair to a fresh lifetime."), {owner, tokenId},
              {flag(QStringLiteral("secret-only"), QStringLiteral("Print only the new access secret."))},
              {QStringLiteral("patchbay-cli tokens reset ada-admin 0f1e…")},
              put({QStringLiteral("$0"), QStringLiteral("$1"), QStringLiteral("reset")}))});
}

} // namespace pb::cli
