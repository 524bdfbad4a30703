#pragma once

#include "cli/Command.h"

namespace pb::cli {

// One builder per command group, each in its own file under commands/.
Command initCommand();
Command demoCommand();
Command organizationCommands();
Command memberCommands();
Command roleCommands();
Command accountCommands();
Command endUserCommands();
Command integrationPointCommands();
Command integrationCommands();
Command credentialCommands();
Command tokenCommands();
Command auditCommands();
Command statusCommand();
Command capabilityCommands();
Command connectorCommands();
Command exportCommand();
Command importCommand();
Command vaultCommands();
Command apiCommand();

// The whole tree, rooted at "patchbay-cli".
Command commandTree();

} // namespace pb::cli
