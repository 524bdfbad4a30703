#pragma once

#include "gui/editors/EditorPage.h"

#include <QDateTime>
#include <QMainWindow>
#include <QModelIndex>

#include <memory>

class QLabel;
class QTreeView;

namespace Ui {
class MainWindow;
}

namespace pb {

class ApiClient;
class AuditLogView;
class EditorHost;
class OrganizationFilterProxy;
class OrganizationTreeModel;
class ProgressTask;
class TokensPage;

// The console: the organization tree on the left, the editor of the selected node on the right,
// Tokens and Audit log as further tabs (the connector console will be one more), and a status
// bar naming the workspace, the member, their role and when their token expires.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ApiClient* api, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads the tree and adapts the window to the member's role.
    void start();

    OrganizationTreeModel* treeModel() const { return m_model; }
    OrganizationFilterProxy* filterProxy() const { return m_proxy; }
    QTreeView* treeView() const;
    EditorHost* editorHost() const { return m_host; }
    TokensPage* tokensPage() const { return m_tokens; }
    AuditLogView* auditLogView() const { return m_audit; }
    class AccessLogView* accessLogView() const { return m_accessLog; }
    // The local API server's toggle; null when the build has no server.
    class LocalServerControl* serverControl() const { return m_server; }
    // For further views (the connector console): adds a tab beside Organization, Tokens, Audit.
    int addView(QWidget* view, const QIcon& icon, const QString& title);

    // Selects (and shows in the editor) a node of the tree; false if it is not loaded.
    bool selectNode(NodeKind kind, const QString& id);
    // Filters at once (the filter box waits for a pause in typing first): searches the
    // workspace (GET /v1/search) and shows the matches with their ancestors; an empty text
    // returns to the lazily loaded tree.
    void setFilterText(const QString& text);
    // How long the filter box waits after the last keystroke before it searches.
    static constexpr int FilterDelayMs = 250;
    // Loads the tree and selects the first object with this name (command line --select).
    void selectByName(const QString& name);
    void setTokenExpiry(const QDateTime& expires);

    // Actions, public so tests can drive them without menus.
    void newObject();
    void newObjectOf(NodeKind kind, const QString& accountId = {});
    void deleteSelected();
    void refreshSelected();
    void issueIntegrationToken();
    void reevaluateCompliance();

signals:
    void signInRequested();
    void signOutRequested();
    void openWorkspaceRequested();
    void newWorkspaceRequested();
    void exportRequested();
    void importRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setupActions();
    void setupStatusBar();
    void updateStatusBar();
    void applyRole();
    void onCurrentChanged(const QModelIndex& current, const QModelIndex& previous);
    void onFilterEdited(const QString& text);
    void applyFilter(const QString& text);
    void onTreeReset();
    void showTreeMenu(const QPoint& pos);
    void onSaved(NodeKind kind, const QString& accountId, const QJsonObject& object);
    void onDeleteRequested(const EditorContext& context);
    void showSecret(const QString& title, const QString& secret, const QString& details);
    EditorContext contextOf(const QModelIndex& sourceIndex) const;
    QModelIndex currentSourceIndex() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    ApiClient* m_api;
    OrganizationTreeModel* m_model;
    OrganizationFilterProxy* m_proxy;
    EditorHost* m_host;
    TokensPage* m_tokens;
    AuditLogView* m_audit;
    class AccessLogView* m_accessLog = nullptr;
    class LocalServerControl* m_server = nullptr;
    class ConnectorConsole* m_console = nullptr;
    QLabel* m_workspaceLabel;
    QLabel* m_memberLabel;
    QLabel* m_expiryLabel;
    QDateTime m_tokenExpires;
    bool m_revertingSelection = false;
    class QTimer* m_filterTimer = nullptr;
    // The current node across a reset of the tree (search shown or cleared).
    NodeKind m_keptKind = NodeKind::Organization;
    QString m_keptId;
    bool m_keptCurrent = false;
};

} // namespace pb
