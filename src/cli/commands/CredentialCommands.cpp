#include "cli/Builders.h"
#include "cli/SecretInput.h"
#include "cli/commands/Commands.h"

#include <QStringBuilder>

namespace pb::cli {

namespace {

const View kCredentialList{{{QStringLiteral("NAME"), QStringLiteral("name")},
                            {QStringLiteral("TYPE"), QStringLiteral("config.type")},
                            {QStringLiteral("OWNER"), QStringLiteral("owner_type")},
                            {QStringLiteral("EXPIRES"), QStringLiteral("expires")},
                            {QStringLiteral("SECRET SET"), QStringLiteral("secret_set_at")},
                            {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                            {QStringLiteral("ID"), QStringLiteral("id")}},
                           {}};

// Secret fields per credential type (PLATFORM-API credential config); the first is the one
// --secret-stdin fills.
QStringList secretFields(const QString& type)
{
    if (type == QLatin1String("o_auth_client"))
        return {QStringLiteral("client_secret")};
    if (type == QLatin1String("tls_certificate"))
        return {QStringLiteral("private_key")};
    return {QStringLiteral("secret")};
}

QList<OptionSpec> secretOptions()
{
    return {flag(QStringLiteral("secret-stdin"),
                 QStringLiteral("Read the secret (secret, client_secret or private_key) from stdin.")),
            opt(QStringLiteral("secret-file"), QStringLiteral("FIELD=PATH"), QStringLiteral("Read a secret field from a file."), true)};
}

QList<OptionSpec> credentialFields()
{
    return QList<OptionSpec>{
               opt(QStringLiteral("type"), QStringLiteral("TYPE"), QStringLiteral("basic, token, secret, o_auth_client or tls_certificate.")),
               opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name within the owner.")),
               opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
               opt(QStringLiteral("expires"), QStringLiteral("RFC3339"), QStringLiteral("Expiry, e.g. 2027-01-31T00:00:00Z.")),
               opt(QStringLiteral("username"), QStringLiteral("USER"), QStringLiteral("basic: the user name (not secret).")),
               opt(QStringLiteral("client-id"), QStringLiteral("ID"), QStringLiteral("o_auth_client: the client id.")),
               opt(QStringLiteral("token-url"), QStringLiteral("URL"), QStringLiteral("o_auth_client: the token endpoint.")),
               opt(QStringLiteral("certificate-file"), QStringLiteral("PEM"), QStringLiteral("tls_certificate: the certificate chain."))} +
           secretOptions();
}

// Collects the secret fields from stdin, files or the echo-less prompt. `required` lists the
// fields that must end up filled.
Result<QJsonObject> readSecrets(const Invocation& inv, const QStringList& required)
{
    QJsonObject secrets;
    for (const QString& kv : inv.valuesOf(QStringLiteral("secret-file"))) {
        Result<QPair<QString, QString>> pair = splitKeyValue(kv, QStringLiteral("secret-file"));
        if (!pair)
            return pair.problem();
        Result<QByteArray> bytes = SecretInput::fromFile(pair->second, pair->first);
        if (!bytes)
            return bytes.problem();
        secrets.insert(pair->first, QString::fromUtf8(*bytes));
    }
    if (inv.isSet(QStringLiteral("secret-stdin")) && !required.isEmpty()) {
        Result<QByteArray> bytes = SecretInput::fromStdin(required.first());
        if (!bytes)
            return bytes.problem();
        secrets.insert(required.first(), QString::fromUtf8(*bytes));
    }
    for (const QString& field : required) {
        if (secrets.contains(field))
            continue;
        Result<QByteArray> bytes = SecretInput::prompt(field);
        if (!bytes)
            return bytes.problem();
        secrets.insert(field, QString::fromUtf8(*bytes));
    }
    return secrets;
}

Result<QJsonObject> nonSecretConfig(const Invocation& inv)
{
    QJsonObject config;
    putIfSet(config, inv, QStringLiteral("type"), QStringLiteral("type"));
    putIfSet(config, inv, QStringLiteral("username"), QStringLiteral("username"));
    putIfSet(config, inv, QStringLiteral("client-id"), QStringLiteral("client_id"));
    putIfSet(config, inv, QStringLiteral("token-url"), QStringLiteral("token_url"));
    if (inv.isSet(QStringLiteral("certificate-file"))) {
        Result<QByteArray> pem = readFileBytes(inv.value(QStringLiteral("certificate-file")));
        if (!pem)
            return pem.problem();
        config.insert(QStringLiteral("certificate"), QString::fromUtf8(*pem));
    }
    return config;
}

int createCredential(CommandContext& ctx, const Invocation& inv)
{
    if (!inv.isSet(QStringLiteral("type")))
        return ctx.usageError(QStringLiteral("--type is required (basic, token, secret, o_auth_client, tls_certificate)"),
                              inv.commandPath);
    Result<QJsonObject> config = nonSecretConfig(inv);
    if (!config)
        return ctx.fail(config.problem());
    Result<QJsonObject> secrets = readSecrets(inv, secretFields(inv.value(QStringLiteral("type"))));
    if (!secrets)
        return ctx.fail(secrets.problem());
    for (auto it = secrets->begin(); it != secrets->end(); ++it)
        config->insert(it.key(), it.value());
    QJsonObject body{{QStringLiteral("config"), *config}};
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("expires"), QStringLiteral("expires"));
    return ctx.run(ApiRequest::post(apiPath({QStringLiteral("credentials"), inv.arg(0)}), body));
}

int updateCredential(CommandContext& ctx, const Invocation& inv)
{
    QJsonArray ops = patchFromOptions(inv, {{QStringLiteral("name"), QStringLiteral("name")},
                                            {QStringLiteral("fullname"), QStringLiteral("fullname")},
                                            {QStringLiteral("expires"), QStringLiteral("expires")},
                                            {QStringLiteral("username"), QStringLiteral("config/username")},
                                            {QStringLiteral("client-id"), QStringLiteral("config/client_id")},
                                            {QStringLiteral("token-url"), QStringLiteral("config/token_url")}});
    if (ops.isEmpty())
        return ctx.usageError(QStringLiteral("nothing to update; to replace the secret use 'credentials rotate'"),
                              inv.commandPath);
    return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1)}), ops));
}

int rotateCredential(CommandContext& ctx, const Invocation& inv)
{
    // The type decides which field is the secret: ask the API for it first.
    Result<ApiResponse> current = ctx.call(ApiRequest::get(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1)})));
    if (!current)
        return ctx.fail(current.problem());
    if (current->isError())
        return ctx.show(*current);
    const QString type = Output::at(current->result(), QStringLiteral("config.type")).toString();
    Result<QJsonObject> secrets = readSecrets(inv, secretFields(type));
    if (!secrets)
        return ctx.fail(secrets.problem());
    // A config carrying secret fields rotates the credential (docs/API-NOTES.md).
    QJsonArray ops;
    for (auto it = secrets->begin(); it != secrets->end(); ++it)
        ops.append(QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                               {QStringLiteral("path"), QString(QStringLiteral("/config/") + it.key())},
                               {QStringLiteral("value"), it.value()}});
    return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1)}), ops));
}

} // namespace

Command credentialCommands()
{
    const ArgSpec owner = arg(QStringLiteral("OWNER"), QStringLiteral("Owning Account, Integration or Integration Point (id or name)."));
    const ArgSpec credential = arg(QStringLiteral("CREDENTIAL"), QStringLiteral("Credential id or name."));
    return group(
        QStringLiteral("credentials"),
        QStringLiteral("Credentials: metadata in the workspace, secrets only in the OS keychain."),
        {leaf(QStringLiteral("list"), QStringLiteral("List the Credentials of an owner (never secrets)."), {owner}, listOptions(),
              {QStringLiteral("patchbay-cli credentials list globex")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(apiPath({QStringLiteral("credentials"), inv.arg(0)}));
                  applyListOptions(r, inv);
                  return ctx.run(r, kCredentialList);
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Credential's metadata."), {owner, credential}, {},
              {QStringLiteral("patchbay-cli credentials get globex jira-basic")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1)})));
              }),
         leaf(QStringLiteral("create"),
              QStringLiteral("Create a Credential. Secrets come from stdin, a file or a prompt, never from arguments."),
              {owner}, credentialFields(),
              {QStringLiteral("printf %s \"$JIRA_TOKEN\" | patchbay-cli credentials create globex --name jira-basic --type basic --username ops@globex.example --secret-stdin"),
               QStringLiteral("patchbay-cli credentials create globex --type tls_certificate --certificate-file cert.pem --secret-file private_key=key.pem")},
              createCredential),
         leaf(QStringLiteral("update"), QStringLiteral("Change a Credential's metadata (JSON Patch)."), {owner, credential},
              credentialFields(), {QStringLiteral("patchbay-cli credentials update globex jira-basic --expires 2027-06-30T00:00:00Z")},
              updateCredential),
         leaf(QStringLiteral("rotate"), QStringLiteral("Replace a Credential's secret; old secrets are not kept."),
              {owner, credential}, secretOptions(),
              {QStringLiteral("patchbay-cli credentials rotate globex jira-basic --secret-stdin < new-token.txt")},
              rotateCredential),
         leaf(QStringLiteral("reveal"),
              QStringLiteral("Print a Credential's secret (administrators only; written to the audit log)."),
              {owner, credential}, {},
              {QStringLiteral("patchbay-cli credentials reveal globex jira-basic")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1), QStringLiteral("reveal")})));
              }),
         leaf(QStringLiteral("delete"), QStringLiteral("Delete a Credential and its keychain entries."), {owner, credential}, {},
              {QStringLiteral("patchbay-cli credentials delete globex jira-basic")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("credentials"), inv.arg(0), inv.arg(1)})));
              }),
         leaf(QStringLiteral("expiring"), QStringLiteral("Credentials expired or expiring within N days."), {},
              {opt(QStringLiteral("days"), QStringLiteral("N"), QStringLiteral("Look-ahead in days (default 30)."))},
              {QStringLiteral("patchbay-cli credentials expiring --days 14")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/credentials"));
                  r.withQuery(QStringLiteral("expiring_within_days"),
                              inv.isSet(QStringLiteral("days")) ? inv.value(QStringLiteral("days")) : QStringLiteral("30"));
                  return ctx.run(r, View{{{QStringLiteral("NAME"), QStringLiteral("name")},
                                          {QStringLiteral("TYPE"), QStringLiteral("config.type")},
                                          {QStringLiteral("OWNER"), QStringLiteral("owner_type")},
                                          {QStringLiteral("REASON"), QStringLiteral("expiry_reason")},
                                          {QStringLiteral("DUE"), QStringLiteral("due_at")},
                                          {QStringLiteral("ACCOUNT"), QStringLiteral("account_id")},
                                          {QStringLiteral("ID"), QStringLiteral("id")}},
                                         {}});
              })});
}

} // namespace pb::cli
