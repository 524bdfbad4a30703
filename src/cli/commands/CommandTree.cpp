#include "cli/commands/Commands.h"

namespace pb::cli {

Command commandTree()
{
    Command root;
    root.name = QStringLiteral("patchbay-cli");
    root.summary = QStringLiteral("Script the Patchbay platform: the Management and Connector APIs over a workspace file.");
    root.description = root.summary +
                       QStringLiteral("\n\nThe lifecycle: init a workspace, create an Account, configure an Integration "
                                      "under an Integration Point,\nissue an Integration Access Token, call the Connector API "
                                      "with it. Exit codes: 0 ok, 1 other error, 2 usage,\n3 authentication/permission, "
                                      "4 not found, 5 validation/conflict, 6 keychain unavailable.");
    root.children = {initCommand(),           organizationCommands(), memberCommands(),      roleCommands(),
                     accountCommands(),       endUserCommands(),      integrationPointCommands(),
                     integrationCommands(),   credentialCommands(),   tokenCommands(),       auditCommands(),
                     statusCommand(),         capabilityCommands(),   connectorCommands(),   exportCommand(),
                     importCommand(),         vaultCommands(),        demoCommand(),         apiCommand()};
#ifdef PATCHBAY_HAVE_SERVER
    // Listed for --help; main() hands `serve` to the local API server before this tree runs.
    Command serve;
    serve.name = QStringLiteral("serve");
    serve.summary = QStringLiteral("Serve the Management and Connector APIs over HTTP on loopback "
                                   "(patchbay-cli serve --help for its options).");
    serve.run = [](CommandContext&, const Invocation&) { return 2; };
    root.children.append(serve);
#endif
    root.examples = {QStringLiteral("patchbay-cli init --workspace acme.pbw --organization \"Acme Inc\" --admin \"Ada Admin\""),
                     QStringLiteral("export PATCHBAY_WORKSPACE=acme.pbw PATCHBAY_TOKEN=<token printed by init>"),
                     QStringLiteral("patchbay-cli accounts create --fullname Globex --environment test")};
    return root;
}

} // namespace pb::cli
