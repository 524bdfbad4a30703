#include "cli/Builders.h"
#include "cli/commands/Commands.h"
#include "cli/commands/TokenPrinting.h"

namespace pb::cli {

namespace {

const View kMemberList{{{QStringLiteral("NAME"), QStringLiteral("name")},
                        {QStringLiteral("TYPE"), QStringLiteral("type")},
                        {QStringLiteral("STATE"), QStringLiteral("state")},
                        {QStringLiteral("ROLES"), QStringLiteral("role_binding")},
                        {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                        {QStringLiteral("ID"), QStringLiteral("id")}},
                       {}};

QList<OptionSpec> memberFields()
{
    return {opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name.")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("email"), QStringLiteral("EMAIL"), QStringLiteral("E-mail address.")),
            opt(QStringLiteral("type"), QStringLiteral("personal|service"), QStringLiteral("Person or service identity (default personal).")),
            opt(QStringLiteral("role"), QStringLiteral("ROLE"), QStringLiteral("Role name: administrator, member, viewer or custom."), true),
            opt(QStringLiteral("state"), QStringLiteral("enabled|disabled"), QStringLiteral("Enable or disable the member.")),
            opt(QStringLiteral("token-ttl"), QStringLiteral("DURATION"), QStringLiteral("Lifetime of this member's tokens."))};
}

QJsonObject memberBody(const Invocation& inv)
{
    QJsonObject body;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("email"), QStringLiteral("email"));
    putIfSet(body, inv, QStringLiteral("type"), QStringLiteral("type"));
    putIfSet(body, inv, QStringLiteral("state"), QStringLiteral("state"));
    if (inv.isSet(QStringLiteral("token-ttl"))) {
        // Seconds, like the API; an unparsable value is passed through for the API to reject.
        Result<qint64> seconds = parseDurationSeconds(inv.value(QStringLiteral("token-ttl")), QStringLiteral("token-ttl"));
        body.insert(QStringLiteral("token_ttl"), seconds ? QJsonValue(static_cast<double>(*seconds))
                                                         : QJsonValue(inv.value(QStringLiteral("token-ttl"))));
    }
    if (inv.isSet(QStringLiteral("role")))
        body.insert(QStringLiteral("role_binding"), toJsonArray(inv.valuesOf(QStringLiteral("role"))));
    return body;
}

} // namespace

Command memberCommands()
{
    const ArgSpec member = arg(QStringLiteral("MEMBER"), QStringLiteral("Member id or name."));
    return group(
        QStringLiteral("members"), QStringLiteral("Members: people and service identities with a role."),
        {leaf(QStringLiteral("list"), QStringLiteral("List Members."), {}, listOptions(),
              {QStringLiteral("patchbay-cli members list")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/members"));
                  applyListOptions(r, inv);
                  return ctx.run(r, kMemberList);
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Member."), {member}, {},
              {QStringLiteral("patchbay-cli members get ada-admin")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("members"), inv.arg(0)})));
              }),
         leaf(QStringLiteral("create"), QStringLiteral("Add a Member."), {}, memberFields(),
              {QStringLiteral("patchbay-cli members create --fullname \"Vic Viewer\" --role viewer")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<ApiResponse> response = ctx.call(ApiRequest::post(QStringLiteral("/v1/members"), memberBody(inv)));
                  if (!response)
                      return ctx.fail(response.problem());
                  if (ctx.json || response->isError())
                      return ctx.show(*response);
                  // The answer carries the new member's first token pair: hand it over once.
                  const QJsonObject result = response->result().toObject();
                  Output::printObject(ctx.out(), result.value(QStringLiteral("member")).toObject());
                  ctx.out() << '\n';
                  printTokenPair(ctx.out(), result.value(QStringLiteral("token")).toObject());
                  ctx.out().flush();
                  ctx.note(QStringLiteral("Give these tokens to the new member now: they are shown only once."));
                  return 0;
              }),
         leaf(QStringLiteral("update"), QStringLiteral("Change fields of a Member (JSON Patch)."), {member}, memberFields(),
              {QStringLiteral("patchbay-cli members update vic-viewer --state disabled")},
              [](CommandContext& ctx, const Invocation& inv) {
                  QJsonArray ops;
                  const QJsonObject body = memberBody(inv);
                  for (auto it = body.begin(); it != body.end(); ++it)
                      appendOps(ops, replaceOps({{it.key(), it.value()}}));
                  if (ops.isEmpty())
                      return nothingToUpdate(ctx, inv);
                  return ctx.run(ApiRequest::patch(apiPath({QStringLiteral("members"), inv.arg(0)}), ops));
              }),
         leaf(QStringLiteral("delete"), QStringLiteral("Remove a Member and revoke its tokens."), {member}, {},
              {QStringLiteral("patchbay-cli members delete vic-viewer")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("members"), inv.arg(0)})));
              })});
}

namespace {

QList<OptionSpec> roleFields()
{
    return {opt(QStringLiteral("file"), QStringLiteral("FILE"), QStringLiteral("The whole Role as JSON (flags override).")),
            opt(QStringLiteral("name"), QStringLiteral("SLUG"), QStringLiteral("Unique name (default: from --fullname).")),
            opt(QStringLiteral("fullname"), QStringLiteral("TEXT"), QStringLiteral("Display name.")),
            opt(QStringLiteral("description"), QStringLiteral("TEXT"), QStringLiteral("What the Role is for.")),
            opt(QStringLiteral("permission-set"), QStringLiteral("administrator|member|viewer"),
                QStringLiteral("The built-in Role it narrows (default viewer).")),
            opt(QStringLiteral("account-id"), QStringLiteral("ACCOUNT"), QStringLiteral("Narrow to this Account id."), true),
            opt(QStringLiteral("account-label"), QStringLiteral("LABEL"), QStringLiteral("Narrow to Accounts with this label."), true),
            opt(QStringLiteral("account-environment"), QStringLiteral("test|prod"),
                QStringLiteral("Narrow to Accounts of this environment."), true),
            opt(QStringLiteral("category"), QStringLiteral("CONNECTOR"),
                QStringLiteral("Narrow Integrations to this connector category (ticketing, notifications, sink)."), true)};
}

bool hasResourceFlags(const Invocation& inv)
{
    for (const char* o : {"account-id", "account-label", "account-environment", "category"})
        if (inv.isSet(QString::fromLatin1(o)))
            return true;
    return false;
}

// `resources` with the lists named by flags replaced (the others kept).
QJsonObject withResourceFlags(QJsonObject resources, const Invocation& inv)
{
    QJsonObject accounts = resources.value(QStringLiteral("accounts")).toObject();
    const QList<QPair<QString, QString>> accountFlags{{QStringLiteral("account-id"), QStringLiteral("ids")},
                                                      {QStringLiteral("account-label"), QStringLiteral("labels")},
                                                      {QStringLiteral("account-environment"), QStringLiteral("environments")}};
    for (const auto& [option, key] : accountFlags)
        if (inv.isSet(option))
            accounts.insert(key, toJsonArray(inv.valuesOf(option)));
    if (!accounts.isEmpty())
        resources.insert(QStringLiteral("accounts"), accounts);
    if (inv.isSet(QStringLiteral("category")))
        resources.insert(QStringLiteral("integrations"),
                         QJsonObject{{QStringLiteral("categories"), toJsonArray(inv.valuesOf(QStringLiteral("category")))}});
    return resources;
}

// The body from --file, with every given flag applied on top.
Result<QJsonObject> roleBody(const Invocation& inv)
{
    Result<QJsonObject> fromFile = jsonObjectFromFileOption(inv, QStringLiteral("file"), true);
    if (!fromFile)
        return fromFile.problem();
    QJsonObject body = *fromFile;
    putIfSet(body, inv, QStringLiteral("name"), QStringLiteral("name"));
    putIfSet(body, inv, QStringLiteral("fullname"), QStringLiteral("fullname"));
    putIfSet(body, inv, QStringLiteral("description"), QStringLiteral("description"));
    putIfSet(body, inv, QStringLiteral("permission-set"), QStringLiteral("permission_set"));
    if (hasResourceFlags(inv))
        body.insert(QStringLiteral("resources"), withResourceFlags(body.value(QStringLiteral("resources")).toObject(), inv));
    return body;
}

int updateRole(CommandContext& ctx, const Invocation& inv)
{
    const QString path = apiPath({QStringLiteral("roles"), inv.arg(0)});
    if (inv.isSet(QStringLiteral("file"))) { // the whole Role: PUT
        Result<QJsonObject> body = roleBody(inv);
        if (!body)
            return ctx.fail(body.problem());
        return ctx.run(ApiRequest::put(path, *body));
    }
    QJsonArray ops = patchFromOptions(inv, {{QStringLiteral("name"), QStringLiteral("name")},
                                            {QStringLiteral("fullname"), QStringLiteral("fullname")},
                                            {QStringLiteral("description"), QStringLiteral("description")},
                                            {QStringLiteral("permission-set"), QStringLiteral("permission_set")}});
    if (hasResourceFlags(inv)) {
        // Lists no flag names are kept: start from the stored resources.
        Result<ApiResponse> current = ctx.call(ApiRequest::get(path));
        if (!current)
            return ctx.fail(current.problem());
        if (current->isError())
            return ctx.show(*current);
        const QJsonObject stored = current->result().toObject().value(QStringLiteral("resources")).toObject();
        appendOps(ops, replaceOps({{QStringLiteral("resources"), withResourceFlags(stored, inv)}}));
    }
    if (ops.isEmpty())
        return nothingToUpdate(ctx, inv);
    return ctx.run(ApiRequest::patch(path, ops));
}

} // namespace

Command roleCommands()
{
    return group(
        QStringLiteral("roles"), QStringLiteral("Roles: what a Member may do."),
        {leaf(QStringLiteral("list"), QStringLiteral("List Roles."), {}, listOptions(),
              {QStringLiteral("patchbay-cli roles list")},
              [](CommandContext& ctx, const Invocation& inv) {
                  ApiRequest r = ApiRequest::get(QStringLiteral("/v1/roles"));
                  applyListOptions(r, inv);
                  return ctx.run(r, View{{{QStringLiteral("NAME"), QStringLiteral("name")},
                                          {QStringLiteral("FULLNAME"), QStringLiteral("fullname")},
                                          {QStringLiteral("ID"), QStringLiteral("id")}},
                                         {}});
              }),
         leaf(QStringLiteral("get"), QStringLiteral("Show one Role with its permissions."),
              {arg(QStringLiteral("ROLE"), QStringLiteral("Role id or name."))}, {},
              {QStringLiteral("patchbay-cli roles get viewer")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::get(apiPath({QStringLiteral("roles"), inv.arg(0)})));
              }),
         leaf(QStringLiteral("create"), QStringLiteral("Create a custom Role, optionally narrowed to some Accounts."), {},
              roleFields(),
              {QStringLiteral("patchbay-cli roles create --fullname \"EU members\" --permission-set member --account-label eu"),
               QStringLiteral("patchbay-cli roles create --fullname \"Test tickets\" --permission-set member "
                              "--account-environment test --category ticketing"),
               QStringLiteral("patchbay-cli roles create --file role.json")},
              [](CommandContext& ctx, const Invocation& inv) {
                  Result<QJsonObject> body = roleBody(inv);
                  if (!body)
                      return ctx.fail(body.problem());
                  return ctx.run(ApiRequest::post(QStringLiteral("/v1/roles"), *body));
              }),
         leaf(QStringLiteral("update"), QStringLiteral("Change a custom Role; a resource flag replaces that list."),
              {arg(QStringLiteral("ROLE"), QStringLiteral("Role id or name."))}, roleFields(),
              {QStringLiteral("patchbay-cli roles update eu-members --account-label eu --account-label fr"),
               QStringLiteral("patchbay-cli roles update eu-members --file role.json")},
              updateRole),
         leaf(QStringLiteral("delete"), QStringLiteral("Delete a custom Role no Member is bound to."),
              {arg(QStringLiteral("ROLE"), QStringLiteral("Role id or name."))}, {},
              {QStringLiteral("patchbay-cli roles delete eu-members")},
              [](CommandContext& ctx, const Invocation& inv) {
                  return ctx.run(ApiRequest::del(apiPath({QStringLiteral("roles"), inv.arg(0)})));
              })});
}

} // namespace pb::cli
