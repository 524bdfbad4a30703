#pragma once

#include "platform/AuditLog.h"
#include "platform/CallRecorder.h"
#include "platform/Platform.h"
#include "platform/Router.h"
#include "platform/SecretCache.h"
#include "platform/TokenService.h"
#include "platform/policy/IntegrationPointRules.h"
#include "storage/Workspace.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

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
    // In-memory state for speed (issue "Benchmarks at scale"); declared after `ws` so that they
    // are destroyed (and write what they keep) while the workspace is still open.
    SecretCache secrets;
    // Parsed and compiled rules of each Integration Point, with the stored text they came from:
    // a lookup compares that text with the row just read, so an edited point is never served stale.
    struct CachedRules {
        QString source;
        IntegrationPointRules rules;
    };
    QHash<QString, CachedRules> pointRules;
    std::optional<QJsonObject> organization; // GET /v1/organization's answer until the next write
    std::unique_ptr<CallRecorder> recorder;
    qint64 seenDataVersion = -1;

    // Forgets everything cached from the workspace and the keychain: validated tokens, secrets,
    // the Organization.
    // Called after every Management API write and when another connection wrote the file.
    void dropCaches();
    // Drops the caches if another connection (another process, or another Workspace on the
    // same file) has committed since the last call. Cheap: one PRAGMA.
    void noticeExternalWrites();
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
void addSearchRoutes(Router& router);

} // namespace pb
