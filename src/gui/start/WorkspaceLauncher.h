#pragma once

#include "core/Result.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace pb {

class AdapterRegistry;
class ApiClient;
class CredentialVault;
class MainWindow;
class Platform;
class SessionStore;

// Takes the console from "started" to "a signed-in main window": picks the workspace (argument,
// demo, or the embedded default, with the first-run assistant when it does not exist yet),
// creates or opens it, signs in from the keychain (or asks for a token), and shows the window.
// It also owns what a session needs later: the background token refresh, signing in again when
// the session expires (edits stay in the window), switching member or workspace.
class WorkspaceLauncher final : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString workspacePath; // empty: the default workspace
        bool demo = false;
        QString binaryDir;     // where patchbay-sim lives (demo)
        QString select;        // name of an object to select once the tree has loaded
    };

    WorkspaceLauncher(CredentialVault* vault, AdapterRegistry* adapters, QObject* parent = nullptr);
    ~WorkspaceLauncher() override;

    // False when the user gave up (closed the assistant or the sign-in dialog).
    bool start(const Options& options);
    MainWindow* window() const;

private:
    Status openOrCreate(const QString& path);
    Status createWorkspace(const QString& path, const QString& org, const QString& admin, const QString& email);
    bool signIn(const QString& reason);
    bool startDemo(const QString& binaryDir);
    void showWindow();
    void closeWorkspace();
    void onSessionExpired();
    void switchWorkspace(bool create);
    void exportWorkspace();
    void importWorkspace();
    void cleanUpDemo();
    // Runs an asynchronous keychain or API step to completion before the window exists.
    Status wait(const std::function<void(std::function<void(Status)>)>& step);

    CredentialVault* m_vault; // not owned; outlives the launcher (main)
    AdapterRegistry* m_adapters;
    std::unique_ptr<Platform> m_platform;
    std::unique_ptr<SessionStore> m_session;
    std::unique_ptr<ApiClient> m_api;
    QPointer<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_demoDir;
    QProcess* m_sim = nullptr;
    QString m_adminTokenForSeed;
    QString m_select;
    bool m_asking = false;
};

} // namespace pb
