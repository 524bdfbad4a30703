#include "cli/Builders.h"
#include "cli/ExitCodes.h"
#include "cli/commands/Commands.h"
#include "cli/commands/TokenPrinting.h"
#include "platform/Platform.h"
#include "platform/demo/DemoSeeder.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace pb::cli {

namespace {

int runDemo(CommandContext& ctx, const Invocation& inv)
{
    if (ctx.workspace.isEmpty())
        return ctx.usageError(QStringLiteral("demo needs --workspace FILE (or PATCHBAY_WORKSPACE)"), inv.commandPath);
    const QString sim = inv.isSet(QStringLiteral("sim-url")) ? inv.value(QStringLiteral("sim-url"))
                                                             : QStringLiteral("http://127.0.0.1:8765");
    QJsonObject initResult;
    // A new file gets its Organization first; an existing workspace needs an administrator token.
    if (!QFileInfo::exists(ctx.workspace)) {
        Platform::Options options;
        options.workspacePath = ctx.workspace;
        options.vault = ctx.vault();
        options.adapters = ctx.adapters();
        Result<QJsonObject> created = Platform::initialize(
            options, inv.isSet(QStringLiteral("organization")) ? inv.value(QStringLiteral("organization")) : QStringLiteral("Acme Inc"),
            inv.isSet(QStringLiteral("admin")) ? inv.value(QStringLiteral("admin")) : QStringLiteral("Ada Admin"),
            QStringLiteral("ada@acme.example"));
        if (!created)
            return ctx.fail(created.problem());
        initResult = *created;
        ctx.token = Output::at(initResult, QStringLiteral("token.access.secret")).toString();
    } else if (ctx.token.isEmpty()) {
        return ctx.fail(Problem(401, QStringLiteral("unauthorized"), QStringLiteral("No token given"),
                                QStringLiteral("'%1' exists; seeding it needs an administrator's token.").arg(ctx.workspace),
                                QStringLiteral("Pass --token or set PATCHBAY_TOKEN, or name a new file to create a fresh demo workspace.")));
    }
    Result<Platform*> platform = ctx.platform();
    if (!platform)
        return ctx.fail(platform.problem());
    Result<QJsonObject> summary = seedDemoWorkspace(**platform, ctx.token, sim);
    if (!summary)
        return ctx.fail(summary.problem());
    if (!initResult.isEmpty())
        summary->insert(QStringLiteral("token"), initResult.value(QStringLiteral("token")));
    if (ctx.json) {
        ctx.out() << QJsonDocument(QJsonObject{{QStringLiteral("result"), *summary}}).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    QTextStream& out = ctx.out();
    out << "Demo workspace " << ctx.workspace << " (providers at " << sim << ")\n\n";
    out << "Integration Points: " << Output::textOf(summary->value(QStringLiteral("integration_points"))) << '\n';
    out << "Accounts:           " << Output::textOf(summary->value(QStringLiteral("accounts"))) << '\n';
    out << "Members:            " << Output::textOf(summary->value(QStringLiteral("members"))) << "\n\n";
    Output::printTable(out, {{QStringLiteral("ACCOUNT"), QStringLiteral("account")},
                             {QStringLiteral("INTEGRATION"), QStringLiteral("name")},
                             {QStringLiteral("PROVIDER"), QStringLiteral("provider_type")},
                             {QStringLiteral("COMPLIANT"), QStringLiteral("compliant")}},
                       summary->value(QStringLiteral("integrations")).toArray());
    if (!initResult.isEmpty()) {
        out << '\n';
        printTokenPair(out, initResult.value(QStringLiteral("token")).toObject());
        out.flush();
        ctx.note(QStringLiteral("\nStore the administrator's tokens now: they are shown only once."));
    }
    out.flush();
    return ExitOk;
}

} // namespace

Command demoCommand()
{
    return leaf(QStringLiteral("demo"),
                QStringLiteral("Create (or fill) a demo workspace whose Integrations talk to the local provider simulator."), {},
                {opt(QStringLiteral("sim-url"), QStringLiteral("URL"), QStringLiteral("Base URL of patchbay-sim (default http://127.0.0.1:8765).")),
                 opt(QStringLiteral("organization"), QStringLiteral("NAME"), QStringLiteral("Organization of a new workspace (default Acme Inc).")),
                 opt(QStringLiteral("admin"), QStringLiteral("NAME"), QStringLiteral("Administrator of a new workspace (default Ada Admin)."))},
                {QStringLiteral("patchbay-cli demo --workspace demo.pbw --sim-url http://127.0.0.1:8765")}, runDemo);
}

} // namespace pb::cli
