#include "gui/MainWindow.h"

#include "ui_MainWindow.h"

#include "gui/ApiClient.h"
#include "gui/Icons.h"
#include "gui/audit/AccessLogView.h"
#include "gui/audit/AuditLogView.h"
#include "gui/editors/AccountEditor.h"
#include "gui/editors/CredentialEditor.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/EndUserEditor.h"
#include "gui/editors/IntegrationEditor.h"
#include "gui/editors/IntegrationPointEditor.h"
#include "gui/editors/MemberEditor.h"
#include "gui/editors/OrganizationEditor.h"
#include "gui/editors/TokensPage.h"
#include "gui/models/NodePresentation.h"
#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"
#include "gui/widgets/RoleNames.h"
#include "gui/widgets/TokenSecretDialog.h"
#ifdef PATCHBAY_HAVE_CONSOLE
#include "gui/console/ConnectorConsole.h"
#endif
#ifdef PATCHBAY_HAVE_SERVER
#include "gui/server/LocalServerControl.h"
#endif

#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace pb {

MainWindow::MainWindow(ApiClient* api, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_api(api)
    , m_model(new OrganizationTreeModel(api, this))
    , m_proxy(new OrganizationFilterProxy(this))
    , m_host(new EditorHost(api, this))
    , m_tokens(new TokensPage(api, this))
    , m_audit(new AuditLogView(api, this))
    , m_workspaceLabel(new QLabel(this))
    , m_memberLabel(new QLabel(this))
    , m_expiryLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::app());
    m_proxy->setSourceModel(m_model);
    m_ui->treeView->setModel(m_proxy);
    m_ui->treeView->sortByColumn(0, Qt::AscendingOrder);
    m_ui->editorLayout->addWidget(m_host);
    m_ui->mainSplitter->setStretchFactor(0, 2);
    m_ui->mainSplitter->setStretchFactor(1, 3);
    m_ui->mainSplitter->setSizes({380, 820});
    m_ui->mainTabWidget->setTabIcon(0, Icons::named(u"organization"_s));
    m_ui->mainTabWidget->addTab(m_tokens, Icons::named(u"token"_s), tr("&Tokens"));
    m_ui->mainTabWidget->addTab(m_audit, Icons::named(u"audit"_s), tr("&Audit log"));
    m_accessLog = new AccessLogView(api, this);
    m_ui->mainTabWidget->addTab(m_accessLog, Icons::named(u"audit"_s), tr("Access &log"));
#ifdef PATCHBAY_HAVE_CONSOLE
    m_console = new ConnectorConsole(api->platform(), this);
    m_console->setOrganizationToken(api->accessToken());
    connect(api, &ApiClient::accessTokenChanged, m_console, [this] {
        m_console->setOrganizationToken(m_api->accessToken());
    });
    addView(m_console, Icons::named(u"integration"_s), tr("&Connector console"));
#endif

    m_host->addPage(NodeKind::Organization, new OrganizationEditor(api, m_host));
    m_host->addPage(NodeKind::Account, new AccountEditor(api, m_host));
    m_host->addPage(NodeKind::Integration, new IntegrationEditor(api, m_host));
    m_host->addPage(NodeKind::Credential, new CredentialEditor(api, m_host));
    m_host->addPage(NodeKind::EndUser, new EndUserEditor(api, m_host));
    m_host->addPage(NodeKind::IntegrationPoint, new IntegrationPointEditor(api, m_host));
    m_host->addPage(NodeKind::Member, new MemberEditor(api, m_host));
    for (NodeKind kind : {NodeKind::Member, NodeKind::Credential})
        connect(m_host->page(kind), &EditorPage::secretIssued, this, &MainWindow::showSecret);
    connect(m_tokens, &TokensPage::secretIssued, this, &MainWindow::showSecret);

    connect(m_ui->treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentChanged);
    connect(m_ui->treeView, &QTreeView::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, [this] { applyFilter(m_ui->filterLineEdit->text()); });
    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, this, &MainWindow::onFilterEdited);
    connect(m_model, &OrganizationTreeModel::searchFinished, this, [this](int matches, bool more) {
        if (more)
            statusBar()->showMessage(
                tr("Showing the first %1 matches; type more words to narrow the filter.").arg(matches), 8000);
    });
    connect(m_host, &EditorHost::saved, this, &MainWindow::onSaved);
    connect(m_host, &EditorHost::deleteRequested, this, &MainWindow::onDeleteRequested);
    connect(m_model, &OrganizationTreeModel::modelAboutToBeReset, this, [this] {
        const QModelIndex current = currentSourceIndex();
        m_keptCurrent = current.isValid();
        m_keptKind = OrganizationTreeModel::kindOf(current);
        m_keptId = current.data(OrganizationTreeModel::IdRole).toString();
    });
    connect(m_model, &OrganizationTreeModel::modelReset, this, &MainWindow::onTreeReset);
    connect(m_api, &ApiClient::memberChanged, this, [this] {
        applyRole();
        updateStatusBar();
    });

    setupActions();
    setupStatusBar();
    QSettings settings;
    restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray());
    m_ui->mainSplitter->restoreState(settings.value(u"mainWindow/splitter"_s).toByteArray());
}

MainWindow::~MainWindow() = default;

QTreeView* MainWindow::treeView() const
{
    return m_ui->treeView;
}

int MainWindow::addView(QWidget* view, const QIcon& icon, const QString& title)
{
    return m_ui->mainTabWidget->addTab(view, icon, title);
}

void MainWindow::start()
{
    applyRole();
    updateStatusBar();
    m_model->reload();
    // The Tokens tab names every token's owner, which reads up to 10,000 Integrations: load it
    // when it is first shown or once the tree is loaded, whichever comes first, so it never
    // holds up the tree's first paint.
    auto loaded = std::make_shared<bool>(false);
    auto loadTokens = [this, loaded] {
        if (std::exchange(*loaded, true))
            return;
        m_tokens->reload();
    };
    connect(m_model, &OrganizationTreeModel::idle, m_tokens, loadTokens, Qt::SingleShotConnection);
    connect(m_ui->mainTabWidget, &QTabWidget::currentChanged, m_tokens, [this, loadTokens](int index) {
        if (m_ui->mainTabWidget->widget(index) == m_tokens)
            loadTokens();
    });
}

void MainWindow::applyRole()
{
    const bool write = m_api->canWrite();
    m_host->setReadOnly(!write);
    m_ui->actionNew->setEnabled(write);
    m_ui->actionDelete->setEnabled(write);
    m_ui->actionIssueIntegrationToken->setEnabled(write);
    m_ui->actionReevaluate->setEnabled(write);
    m_ui->actionImport->setEnabled(m_api->isAdministrator());
    m_tokens->setReadOnly(!write);
}

void MainWindow::setupStatusBar()
{
#ifdef PATCHBAY_HAVE_SERVER
    m_server = new LocalServerControl(m_api, this);
    m_ui->fileMenu->insertAction(m_ui->actionQuit, m_server->toggleAction());
    m_ui->fileMenu->insertSeparator(m_ui->actionQuit);
    statusBar()->addPermanentWidget(m_server->statusLabel());
    connect(m_server, &LocalServerControl::runningChanged, m_accessLog, [this] { m_accessLog->reload(); });
#endif
    for (QLabel* label : {m_workspaceLabel, m_memberLabel, m_expiryLabel}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statusBar()->addPermanentWidget(label);
    }
    m_workspaceLabel->setAccessibleName(tr("Workspace"));
    m_memberLabel->setAccessibleName(tr("Signed-in member and role"));
    m_expiryLabel->setAccessibleName(tr("Token expiry"));
    // The expiry is shown as "in N min", so it must tick.
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    timer->start(30000);
}

void MainWindow::setTokenExpiry(const QDateTime& expires)
{
    m_tokenExpires = expires;
    updateStatusBar();
}

void MainWindow::updateStatusBar()
{
    const QString path = m_api->workspacePath();
    m_workspaceLabel->setText(tr("Workspace: %1").arg(QFileInfo(path).fileName()));
    m_workspaceLabel->setToolTip(path);
    const QJsonObject member = m_api->member();
    m_memberLabel->setText(tr("%1 · %2").arg(member.value(u"fullname"_s).toString(member.value(u"name"_s).toString()),
                                             roleDisplayName(m_api->role())));
    if (!m_tokenExpires.isValid()) {
        m_expiryLabel->setText(QString());
        return;
    }
    const qint64 minutes = QDateTime::currentDateTimeUtc().secsTo(m_tokenExpires) / 60;
    m_expiryLabel->setText(minutes < 0    ? tr("Token expired")
                           : minutes < 60 ? tr("Token expires in %n min", nullptr, int(minutes))
                                          : tr("Token expires in %1 h %2 min").arg(minutes / 60).arg(minutes % 60));
    m_expiryLabel->setToolTip(QLocale().toString(m_tokenExpires.toLocalTime(), QLocale::LongFormat));
    setWindowTitle(tr("%1 — Patchbay").arg(QFileInfo(path).completeBaseName()));
}

QModelIndex MainWindow::currentSourceIndex() const
{
    return m_proxy->mapToSource(m_ui->treeView->currentIndex());
}

EditorContext MainWindow::contextOf(const QModelIndex& sourceIndex) const
{
    EditorContext context;
    context.kind = OrganizationTreeModel::kindOf(sourceIndex);
    context.id = sourceIndex.data(OrganizationTreeModel::IdRole).toString();
    context.accountId = sourceIndex.data(OrganizationTreeModel::AccountIdRole).toString();
    context.object = sourceIndex.data(OrganizationTreeModel::ObjectRole).toJsonObject();
    if (!context.accountId.isEmpty())
        context.account = m_model->findNode(NodeKind::Account, context.accountId)
                              .data(OrganizationTreeModel::ObjectRole)
                              .toJsonObject();
    return context;
}

void MainWindow::onCurrentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    if (m_revertingSelection)
        return;
    if (!m_host->confirmLeave()) {
        // Stay on the page with unsaved changes; put the tree's cursor back without asking again.
        m_revertingSelection = true;
        m_ui->treeView->setCurrentIndex(previous);
        m_revertingSelection = false;
        return;
    }
    const QModelIndex source = m_proxy->mapToSource(current);
    const NodeKind kind = OrganizationTreeModel::kindOf(source);
    if (!source.isValid() || kind == NodeKind::Loading || kind == NodeKind::Error) {
        m_host->showMessage(source.data().toString(), source.data(Qt::ToolTipRole).toString());
        return;
    }
    if (isGroup(kind)) {
        const int count = m_model->rowCount(source);
        m_host->showMessage(NodePresentation::title(*static_cast<TreeNode*>(source.internalPointer())),
                            m_api->canWrite()
                                ? tr("%n item(s). Press Ctrl+N or use the context menu to create a new one.", nullptr, count)
                                : tr("%n item(s).", nullptr, count));
        return;
    }
    m_host->edit(contextOf(source));
}

bool MainWindow::selectNode(NodeKind kind, const QString& id)
{
    const QModelIndex source = m_model->findNode(kind, id);
    if (!source.isValid())
        return false;
    const QModelIndex proxy = m_proxy->mapFromSource(source);
    if (!proxy.isValid())
        return false;
    m_ui->treeView->setCurrentIndex(proxy);
    m_ui->treeView->scrollTo(proxy);
    return currentSourceIndex() == source;
}

void MainWindow::selectByName(const QString& name)
{
    m_model->setEagerLoading(true);
    auto tryNow = [this, name] {
        std::vector<QModelIndex> stack{m_model->index(0, 0)};
        while (!stack.empty()) {
            const QModelIndex idx = stack.back();
            stack.pop_back();
            if (idx.data(OrganizationTreeModel::ObjectRole).toJsonObject().value(u"name"_s).toString() == name) {
                m_ui->treeView->expand(m_proxy->mapFromSource(idx.parent()));
                m_ui->treeView->setCurrentIndex(m_proxy->mapFromSource(idx));
                return true;
            }
            for (int r = 0; r < m_model->rowCount(idx); ++r)
                stack.push_back(m_model->index(r, 0, idx));
        }
        return false;
    };
    auto* guard = new QObject(this);
    connect(m_model, &OrganizationTreeModel::idle, guard, [tryNow, guard] {
        if (tryNow())
            guard->deleteLater();
    });
}

void MainWindow::onTreeReset()
{
    // Open the first two levels so the window never starts as a single collapsed row; a
    // search's tree (its matches and their ancestors, a few hundred rows at most) opens fully.
    const QModelIndex org = m_proxy->index(0, 0);
    if (m_model->isSearchActive()) {
        m_ui->treeView->expandAll();
    } else {
        m_ui->treeView->expand(org);
        m_ui->treeView->expand(m_proxy->mapFromSource(m_model->groupIndex(NodeKind::AccountsGroup)));
    }
    // The node that was current stays current if it is still there, without reloading the
    // editor (which may hold unsaved changes).
    if (m_keptCurrent) {
        m_keptCurrent = false;
        const QModelIndex kept = m_proxy->mapFromSource(m_model->findNode(m_keptKind, m_keptId));
        if (kept.isValid()) {
            m_revertingSelection = true;
            m_ui->treeView->setCurrentIndex(kept);
            m_ui->treeView->scrollTo(kept);
            m_revertingSelection = false;
        }
        return;
    }
    if (!m_ui->treeView->currentIndex().isValid() && !m_model->isSearchActive())
        m_ui->treeView->setCurrentIndex(org);
}

void MainWindow::onFilterEdited(const QString& text)
{
    // At once: narrow the matches already shown (a few hundred rows at most; the lazily loaded
    // tree can hold 10,000s, not worth filtering for rows about to be replaced). After a pause
    // in typing: search the workspace.
    if (m_model->isSearchActive())
        m_proxy->setFilterText(text);
    if (text.trimmed().isEmpty()) {
        m_filterTimer->stop();
        applyFilter(text);
        return;
    }
    m_filterTimer->start();
}

void MainWindow::setFilterText(const QString& text)
{
    m_filterTimer->stop();
    if (m_ui->filterLineEdit->text() != text) {
        const QSignalBlocker blocker(m_ui->filterLineEdit);
        m_ui->filterLineEdit->setText(text);
    }
    applyFilter(text);
}

void MainWindow::applyFilter(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        // The small tree first, then the large one comes back unfiltered.
        m_proxy->setFilterText(QString());
        m_model->search(QString());
        return;
    }
    // The search first: filtering the lazily loaded tree (10,000s of rows) would be wasted on
    // rows about to be replaced. The proxy then filters the search's tree, which opens fully.
    m_model->search(text);
    m_proxy->setFilterText(text);
    if (m_model->isSearchActive())
        m_ui->treeView->expandAll();
}

void MainWindow::onSaved(NodeKind kind, const QString& accountId, const QJsonObject& object)
{
    const QModelIndex index = m_model->upsert(kind, accountId, object);
    if (index.isValid()) {
        m_revertingSelection = true; // the editor already shows the saved object
        m_ui->treeView->setCurrentIndex(m_proxy->mapFromSource(index));
        m_revertingSelection = false;
    }
    statusBar()->showMessage(tr("Saved."), 4000);
}

void MainWindow::showSecret(const QString& title, const QString& secret, const QString& details)
{
    auto* dialog = new TokenSecretDialog(title, secret, details, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_host->confirmLeave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/splitter"_s, m_ui->mainSplitter->saveState());
    event->accept();
}

} // namespace pb
