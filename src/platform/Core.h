#pragma once

#include "platform/AuditLog.h"
#include "platform/Platform.h"
#include "platform/Router.h"
#include "platform/TokenService.h"
#include "storage/Workspace.h"

#include <memory>

namespace pb {

class AdapterRegistry;
class CredentialVault;

// Everything one open workspace's API needs; shared by every route file.
struct Core {
    std::unique_ptr<Workspace> ws;
    QString organizationId;
    CredentialVault* vault = nullptr;
    AdapterRegistry* adapters = nullptr;
    std::unique_ptr<AdapterRegistry> ownAdapters;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<AuditLog> audit;
    Router router;
    Platform::Fault fault = Platform::Fault::None;
};

// Route registration, one function per resource file (platform/routes/).
void addOrganizationRoutes(Router& router);
void addMemberRoutes(Router& router);
void addRoleRoutes(Router& router);
void addAccountRoutes(Router& router);
void addEndUserRoutes(Router& router);
void addTokenRoutes(Router& router);
void addAuditRoutes(Router& router);
void addIntegrationPointRoutes(Router& router);
void addIntegrationRoutes(Router& router);
void addCredentialRoutes(Router& router);
void addVaultRoutes(Router& router);
void addStatusRoutes(Router& router);
void addCapabilityRoutes(Router& router);
void addExportRoutes(Router& router);

} // namespace pb
