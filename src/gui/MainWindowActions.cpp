// The main window's actions: new, delete, refresh, issue token, the tree's context menu.
#include "gui/MainWindow.h"
#ifdef PATCHBAY_HAVE_CONSOLE
#include "gui/console/ConnectorConsole.h"
#endif

#include "ui_MainWindow.h"

#include "gui/ApiClient.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/TokensPage.h"
#include "gui/models/NodePresentation.h"
#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"
#include "gui/widgets/AboutDialog.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/ProgressTask.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QActionGroup>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
QString kindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Account: return MainWindow::tr("Account");
    case NodeKind::Integration: return MainWindow::tr("Integration");
    case NodeKind::Credential: return MainWindow::tr("Credential");
    case NodeKind::EndUser: return MainWindow::tr("End User");
    case NodeKind::IntegrationPoint: return MainWindow::tr("Integration Point");
    case NodeKind::Member: return MainWindow::tr("Member");
    default: return MainWindow::tr("object");
    }
}

// What "New" creates when this node is selected.
NodeKind newKindFor(NodeKind selected)
{
    switch (selected) {
    case NodeKind::Organization: return NodeKind::Account;
    case NodeKind::Account: return NodeKind::Integration;
    default: return isGroup(selected) ? itemKindOf(selected) : selected;
    }
}

// View ▸ Language: the choice is stored in QSettings "ui/language" and read by main() at start,
// because retranslating every open form and model in place is not worth its complexity.
void setupLanguageMenu(MainWindow* window, QMenu* viewMenu)
{
    QMenu* menu = viewMenu->addMenu(MainWindow::tr("&Language"));
    menu->setObjectName(u"languageMenu"_s);
    auto* group = new QActionGroup(menu);
    const QString current = QSettings().value(u"ui/language"_s).toString();
    const QList<std::pair<QString, QString>> languages{
        {QString(), MainWindow::tr("&System")},
        {u"en"_s, u"English"_s}, // Each language is named in itself, so it stays findable.
        {u"de"_s, u"Deutsch"_s},
        {u"fr"_s, u"Français"_s},
    };
    for (const auto& [code, name] : languages) {
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        group->addAction(action);
    }
    QObject::connect(group, &QActionGroup::triggered, window, [window](QAction* action) {
        const QString code = action->data().toString();
        if (QSettings().value(u"ui/language"_s).toString() == code)
            return;
        QSettings().setValue(u"ui/language"_s, code);
        MessageBox::information(window, MainWindow::tr("Language"), MainWindow::tr("The new language is used the next time Patchbay starts."));
    });
}

} // namespace

void MainWindow::setupActions()
{
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);
    m_ui->actionRefresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence::Refresh});
    m_ui->actionFilter->setShortcut(QKeySequence::Find);
    m_ui->actionNew->setIcon(QIcon::fromTheme(u"document-new"_s));
    m_ui->actionDelete->setIcon(QIcon::fromTheme(u"edit-delete"_s));
    m_ui->actionRefresh->setIcon(QIcon::fromTheme(u"view-refresh"_s));
    // Delete acts on the tree only, so it never eats the Delete key of a text field.
    m_ui->actionDelete->setShortcutContext(Qt::WidgetShortcut);
    m_ui->treeView->addAction(m_ui->actionDelete);

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionNew, &QAction::triggered, this, &MainWindow::newObject);
    connect(m_ui->actionDelete, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_ui->actionRefresh, &QAction::triggered, this, &MainWindow::refreshSelected);
    connect(m_ui->actionFilter, &QAction::triggered, this, [this] {
        m_ui->mainTabWidget->setCurrentIndex(0);
        m_ui->filterLineEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->filterLineEdit->selectAll();
    });
    connect(m_ui->actionIssueIntegrationToken, &QAction::triggered, this, &MainWindow::issueIntegrationToken);
    connect(m_ui->actionReevaluate, &QAction::triggered, this, &MainWindow::reevaluateCompliance);
    connect(m_ui->actionSignInAs, &QAction::triggered, this, &MainWindow::signInRequested);
    connect(m_ui->actionSignOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(m_ui->actionOpenWorkspace, &QAction::triggered, this, &MainWindow::openWorkspaceRequested);
    connect(m_ui->actionNewWorkspace, &QAction::triggered, this, &MainWindow::newWorkspaceRequested);
    connect(m_ui->actionExport, &QAction::triggered, this, &MainWindow::exportRequested);
    connect(m_ui->actionImport, &QAction::triggered, this, &MainWindow::importRequested);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    setupLanguageMenu(this, m_ui->viewMenu);
}


void MainWindow::newObject()
{
    const QModelIndex source = currentSourceIndex();
    const NodeKind selected = source.isValid() ? OrganizationTreeModel::kindOf(source) : NodeKind::Organization;
    newObjectOf(newKindFor(selected), source.data(OrganizationTreeModel::AccountIdRole).toString());
}

void MainWindow::newObjectOf(NodeKind kind, const QString& accountId)
{
    if (!m_api->canWrite() || !m_host->confirmLeave())
        return;
    const bool accountScoped = kind == NodeKind::Integration || kind == NodeKind::Credential || kind == NodeKind::EndUser;
    if (accountScoped && accountId.isEmpty()) {
        m_host->showMessage(tr("Choose an Account"),
                            tr("A new %1 belongs to an Account: select the Account first.").arg(kindName(kind)));
        return;
    }
    m_ui->mainTabWidget->setCurrentIndex(0);
    EditorContext context;
    context.kind = kind;
    context.accountId = accountScoped ? accountId : QString();
    if (accountScoped)
        context.account = m_model->findNode(NodeKind::Account, accountId).data(OrganizationTreeModel::ObjectRole).toJsonObject();
    // Show the group the new object will join, without asking the editor to leave again.
    const QModelIndex group = m_model->groupIndex(groupKindOf(kind), context.accountId);
    if (group.isValid()) {
        m_revertingSelection = true;
        m_ui->treeView->setCurrentIndex(m_proxy->mapFromSource(group));
        m_revertingSelection = false;
    }
    m_host->edit(context);
}

void MainWindow::deleteSelected()
{
    const QModelIndex source = currentSourceIndex();
    if (!source.isValid() || isGroup(OrganizationTreeModel::kindOf(source)))
        return;
    onDeleteRequested(contextOf(source));
}

void MainWindow::onDeleteRequested(const EditorContext& context)
{
    EditorPage* page = m_host->page(context.kind);
    if (!page || context.isNew() || !m_api->canWrite())
        return;
    page->load(context);
    const QString path = page->deletePath();
    if (path.isEmpty())
        return;
    QString warning = tr("Delete %1 “%2”?").arg(kindName(context.kind), NodePresentation::title([&] {
        TreeNode node;
        node.kind = context.kind;
        node.object = context.object;
        return node;
    }()));
    if (context.kind == NodeKind::Account)
        warning += u"\n\n"_s + tr("Its Integrations, Credentials (and their keychain entries), End Users and tokens are deleted with it.");
    if (MessageBox::question(this, tr("Delete"), warning,
                             MessageBox::Buttons(QMessageBox::Yes | QMessageBox::Cancel), QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    m_api->call(ApiRequest::del(path), this, [this, context](const ApiResponse& response) {
        if (response.isError()) {
            MessageBox::warning(this, tr("Could not delete"), response.problem().toText());
            return;
        }
        m_model->removeNode(context.kind, context.id);
        statusBar()->showMessage(tr("Deleted."), 4000);
    });
}

void MainWindow::refreshSelected()
{
    if (m_ui->mainTabWidget->currentWidget() == m_tokens) {
        m_tokens->reload();
        return;
    }
    const QModelIndex source = currentSourceIndex();
    m_model->refresh(source.isValid() ? source : QModelIndex());
}

void MainWindow::showTreeMenu(const QPoint& pos)
{
    const QModelIndex proxyIndex = m_ui->treeView->indexAt(pos);
    if (proxyIndex.isValid())
        m_ui->treeView->setCurrentIndex(proxyIndex);
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    const NodeKind kind = OrganizationTreeModel::kindOf(source);
    QMenu menu(this);
    if (source.isValid() && kind != NodeKind::Loading) {
        const NodeKind creates = newKindFor(kind);
        if (kind == NodeKind::Account) {
            for (NodeKind k : {NodeKind::Integration, NodeKind::Credential, NodeKind::EndUser})
                menu.addAction(tr("New %1…").arg(kindName(k)), this, [this, k, source] {
                    newObjectOf(k, source.data(OrganizationTreeModel::AccountIdRole).toString());
                })->setEnabled(m_api->canWrite());
        } else {
            menu.addAction(m_ui->actionNew);
            m_ui->actionNew->setText(tr("&New %1…").arg(kindName(creates)));
        }
        if (kind == NodeKind::Integration) {
            menu.addAction(m_ui->actionIssueIntegrationToken);
#ifdef PATCHBAY_HAVE_CONSOLE
            menu.addAction(tr("Open in connector &console"), this, [this, source] {
                m_console->openIntegration(source.data(OrganizationTreeModel::AccountIdRole).toString(),
                                           source.data(OrganizationTreeModel::IdRole).toString());
                m_ui->mainTabWidget->setCurrentWidget(m_console);
            });
#endif
        }
        if (!isGroup(kind) && kind != NodeKind::Organization && kind != NodeKind::Error)
            menu.addAction(m_ui->actionDelete);
        menu.addSeparator();
        if (!source.data(OrganizationTreeModel::IdRole).toString().isEmpty())
            menu.addAction(tr("Copy &id"), this, [source] {
                QApplication::clipboard()->setText(source.data(OrganizationTreeModel::IdRole).toString());
            });
    }
    menu.addAction(m_ui->actionRefresh);
    menu.exec(m_ui->treeView->viewport()->mapToGlobal(pos));
    m_ui->actionNew->setText(tr("&New…"));
}

void MainWindow::issueIntegrationToken()
{
    const QModelIndex source = currentSourceIndex();
    if (OrganizationTreeModel::kindOf(source) != NodeKind::Integration)
        return;
    const QString accountId = source.data(OrganizationTreeModel::AccountIdRole).toString();
    const QString id = source.data(OrganizationTreeModel::IdRole).toString();
    const QString name = source.data().toString();
    m_api->call(ApiRequest::post(u"/v1/tokens/"_s + accountId + u'/' + id, QJsonObject{{u"name"_s, u"console"_s}}), this,
                [this, name](const ApiResponse& response) {
                    if (response.isError()) {
                        MessageBox::warning(this, tr("No token issued"), response.problem().toText());
                        return;
                    }
                    const QJsonObject token = response.result().toObject();
                    showSecret(tr("Integration Access Token for %1").arg(name), token.value(u"secret"_s).toString(),
                               tr("Scoped to this Integration only; expires %1.").arg(token.value(u"expires"_s).toString()));
                    m_tokens->reload();
                });
}

void MainWindow::reevaluateCompliance()
{
    // Saving an Integration Point re-judges every Integration under it. Going one Integration
    // Point per event-loop turn keeps the window responsive, shows progress, and lets Cancel stop
    // between them.
    auto* task = new ProgressTask(tr("Re-evaluating compliance"), this);
    connect(task, &ProgressTask::finished, this, [this] { m_model->reload(); });
    m_api->call(ApiRequest::get(u"/v1/integration-points"_s).withQuery(u"limit"_s, u"10000"_s), this,
                [this, task](const ApiResponse& response) {
                    if (response.isError()) {
                        task->fail(response.problem());
                        return;
                    }
                    QList<ApiRequest> steps;
                    for (const QJsonValue& v : response.result().toArray()) {
                        const QJsonObject ip = v.toObject();
                        QJsonObject body;
                        for (const QString& key : {u"name"_s, u"fullname"_s, u"description"_s, u"connector"_s,
                                                   u"environments"_s, u"rules"_s})
                            if (ip.contains(key))
                                body.insert(key, ip.value(key));
                        steps.append(ApiRequest::put(u"/v1/integration-points/"_s + ip.value(u"id"_s).toString(), body));
                    }
                    task->run(m_api, steps);
                });
}

} // namespace pb
