#pragma once

#include "core/Api.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace pb {

class CredentialVault;
class AdapterRegistry;
class Catalog;

// The embedded platform over one workspace file: the Management API and the Connector API.
// Everything above this layer (GUI, CLI, local API server) talks to it only through dispatch(),
// with a token, exactly as an outside program would talk to the hosted platform.
class Platform : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString workspacePath;
        CredentialVault* vault = nullptr;     // not owned
        AdapterRegistry* adapters = nullptr;  // not owned; null -> every provider "not available"
    };

    // Creates a new workspace file with its Organization and first administrator (personal
    // member), and returns {"organization": {...}, "member": {...}, "token": TokenPair}. The
    // token pair's secrets are shown once and never stored in clear.
    static Result<QJsonObject> initialize(const Options& options, const QString& organizationFullname,
                                          const QString& adminFullname, const QString& adminEmail = {});

    // Opens (and migrates, and integrity-checks) an existing workspace.
    static Result<std::unique_ptr<Platform>> open(const Options& options);

    ~Platform() override;

    // Routes by path: /v1/ticketing|notifications|sink/... to the Connector API, everything else
    // under /v1 to the Management API. The callback runs exactly once, possibly before dispatch()
    // returns (pure database calls) or later (keychain and network calls).
    void dispatch(const ApiRequest& request, ApiCallback done);

    // Convenience for the CLI and tests: dispatches and spins a local event loop until done.
    // Never use it on the GUI thread.
    ApiResponse dispatchSync(const ApiRequest& request);

    QString workspacePath() const;
    QString workspaceId() const;

    // Faults that tests inject to prove there are no half states; not reachable from the API.
    enum class Fault { None, FailBeforeCommit };
    void setFaultForTesting(Fault fault);

    // One request answered by the local API server, for the access log in the workspace. Not an
    // API route: only the process that serves the API can write it. The path must come without
    // its query string and the token only by its id.
    struct AccessRecord {
        QDateTime time;
        QString method;
        QString path;
        int status = 0;
        qint64 durationMs = 0;
        QString tokenId;
    };
    Status recordAccess(const AccessRecord& record);

    // Every Management route, for documentation and for tests that walk all of them.
    struct RouteInfo {
        QByteArray method;
        QString pattern;
        QString access; // read | manage | administer | refresh
    };
    QList<RouteInfo> routes() const;

private:
    explicit Platform(QObject* parent = nullptr);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace pb
