#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/commands/Commands.h"
#include "cli/commands/TokenPrinting.h"
#include "platform/Platform.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace pb::cli {

namespace {

int runInit(CommandContext& ctx, const Invocation& inv)
{
    if (ctx.workspace.isEmpty())
        return ctx.usageError(QStringLiteral("init needs --workspace FILE (or PATCHBAY_WORKSPACE)"), inv.commandPath);
    if (!inv.isSet(QStringLiteral("organization")) || !inv.isSet(QStringLiteral("admin")))
        return ctx.usageError(QStringLiteral("init needs --organization NAME and --admin NAME"), inv.commandPath);
    if (QFileInfo::exists(ctx.workspace)) {
        return ctx.fail(Problem(409, QStringLiteral("conflict"), QStringLiteral("Workspace file already exists"),
                                QStringLiteral("'%1' is there already; init never overwrites a workspace.").arg(ctx.workspace),
                                QStringLiteral("Choose another path, or use the existing workspace with its token.")));
    }
    Platform::Options options;
    options.workspacePath = ctx.workspace;
    options.vault = ctx.vault();
    options.adapters = ctx.adapters();
    const Result<QJsonObject> created = Platform::initialize(options, inv.value(QStringLiteral("organization")),
                                                             inv.value(QStringLiteral("admin")),
                                                             inv.value(QStringLiteral("email")));
    if (!created)
        return ctx.fail(created.problem());
    if (ctx.json) {
        ctx.out() << QJsonDocument(QJsonObject{{QStringLiteral("result"), *created}}).toJson(QJsonDocument::Indented);
        ctx.out().flush();
        return ExitOk;
    }
    const QJsonObject org = created->value(QStringLiteral("organization")).toObject();
    const QJsonObject member = created->value(QStringLiteral("member")).toObject();
    QTextStream& out = ctx.out();
    out << "Created workspace " << ctx.workspace << '\n'
        << "Organization:   " << org.value(QStringLiteral("fullname")).toString() << " ("
        << org.value(QStringLiteral("name")).toString() << ")\n"
        << "Administrator:  " << member.value(QStringLiteral("fullname")).toString() << " ("
        << member.value(QStringLiteral("name")).toString() << ")\n\n";
    printTokenPair(out, created->value(QStringLiteral("token")).toObject());
    out.flush();
    ctx.err() << "\nStore these tokens now (e.g. in your password manager): they are shown only once and "
                 "cannot be recovered.\nUse the access token with:  export PATCHBAY_TOKEN=<access token>\n";
    ctx.err().flush();
    return ExitOk;
}

} // namespace

Command initCommand()
{
    return leaf(QStringLiteral("init"),
                QStringLiteral("Create a workspace with its Organization and first administrator; prints the token once."),
                {},
                {opt(QStringLiteral("organization"), QStringLiteral("NAME"), QStringLiteral("Display name of the Organization.")),
                 opt(QStringLiteral("admin"), QStringLiteral("NAME"), QStringLiteral("Full name of the first administrator.")),
                 opt(QStringLiteral("email"), QStringLiteral("EMAIL"), QStringLiteral("E-mail of the first administrator."))},
                {QStringLiteral("patchbay-cli init --workspace acme.pbw --organization \"Acme Inc\" --admin \"Ada Admin\" --email ada@acme.example")},
                runInit);
}

} // namespace pb::cli
