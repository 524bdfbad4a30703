#include "gui/start/WorkspaceLauncher.h"

#include "gui/ApiClient.h"
#include "gui/MainWindow.h"
#include "gui/models/OrganizationTreeModel.h"
#include "gui/start/FirstRunDialog.h"
#include "gui/start/RecentWorkspaces.h"
#include "gui/start/SignInDialog.h"
#include "gui/widgets/FileDialog.h"
#include "gui/widgets/MessageBox.h"
#include "platform/Platform.h"
#include "platform/session/SessionStore.h"
#ifdef PATCHBAY_HAVE_DEMO
#include "platform/demo/DemoSeeder.h"
#endif

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThread>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace pb {

WorkspaceLauncher::WorkspaceLauncher(CredentialVault* vault, AdapterRegistry* adapters, QObject* parent)
    : QObject(parent)
    , m_vault(vault)
    , m_adapters(adapters)
{
}

MainWindow* WorkspaceLauncher::window() const
{
    return m_window.data();
}

WorkspaceLauncher::~WorkspaceLauncher()
{
    cleanUpDemo();
    delete m_window;
}

Status WorkspaceLauncher::wait(const std::function<void(std::function<void(Status)>)>& step)
{
    QEventLoop loop;
    std::optional<Status> result;
    step([&](Status s) {
        result = std::move(s);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return *result;
}

bool WorkspaceLauncher::start(const Options& options)
{
    m_select = options.select;
    if (options.demo)
        return startDemo(options.binaryDir);
    QString path = options.workspacePath.isEmpty() ? RecentWorkspaces::defaultPath() : options.workspacePath;
    if (!QFileInfo::exists(path)) {
        FirstRunDialog dialog(path);
        for (;;) {
            if (dialog.exec() != QDialog::Accepted)
                return false;
            path = dialog.workspacePath();
            if (dialog.choice() == FirstRunDialog::Choice::Open)
                break;
            const Status created = createWorkspace(path, dialog.organizationName(), dialog.adminName(), dialog.adminEmail());
            if (created)
                break;
            dialog.showProblem(created.problem().toText());
        }
    }
    if (!m_platform) {
        if (Status s = openOrCreate(path); !s) {
            MessageBox::warning(nullptr, tr("Cannot open the workspace"), s.problem().toText());
            return false;
        }
        const QString member = RecentWorkspaces::lastMember(m_platform->workspaceId());
        const Status restored = wait([&](auto done) { m_session->restore(member, done); });
        if (!restored && !signIn(member.isEmpty() ? QString() : tr("Your stored session could not be used: %1").arg(restored.problem().message)))
            return false;
    }
    showWindow();
    return true;
}

Status WorkspaceLauncher::openOrCreate(const QString& path)
{
    Platform::Options options;
    options.workspacePath = path;
    options.vault = m_vault;
    options.adapters = m_adapters;
    auto opened = Platform::open(options);
    if (!opened)
        return opened.problem();
    m_platform = std::move(opened.value());
    m_api = std::make_unique<ApiClient>(m_platform.get());
    m_session = std::make_unique<SessionStore>(m_platform.get(), m_vault);
    connect(m_session.get(), &SessionStore::accessTokenChanged, m_api.get(), &ApiClient::setAccessToken);
    connect(m_session.get(), &SessionStore::expired, this, &WorkspaceLauncher::onSessionExpired);
    connect(m_api.get(), &ApiClient::sessionExpired, this, &WorkspaceLauncher::onSessionExpired);
    RecentWorkspaces::add(path);
    return {};
}

Status WorkspaceLauncher::createWorkspace(const QString& path, const QString& org, const QString& admin,
                                          const QString& email)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    Platform::Options options;
    options.workspacePath = path;
    options.vault = m_vault;
    options.adapters = m_adapters;
    auto created = Platform::initialize(options, org, admin, email);
    if (!created)
        return created.problem();
    if (Status s = openOrCreate(path); !s)
        return s;
    const TokenPair pair = TokenPair::fromJson(created->value(u"token"_s).toObject());
    m_adminTokenForSeed = pair.accessSecret;
    const Status stored = wait([&](auto done) { m_session->adopt(pair, done); });
    if (!stored) {
        // The workspace exists; without the keychain the session lasts until the app closes.
        MessageBox::warning(nullptr, tr("Session not kept"),
                            tr("You are signed in, but your token could not be kept in the keychain, so you will be "
                               "asked for a token next time.\n\n%1").arg(stored.problem().toText()));
    }
    RecentWorkspaces::setLastMember(m_platform->workspaceId(), pair.memberId);
    return {};
}

bool WorkspaceLauncher::signIn(const QString& reason)
{
    SignInDialog dialog(reason, m_window);
    for (;;) {
        if (dialog.exec() != QDialog::Accepted)
            return false;
        const Status s = wait([&](auto done) { m_session->signInWithSecret(dialog.token(), done); });
        if (s) {
            RecentWorkspaces::setLastMember(m_platform->workspaceId(), m_session->memberId());
            return true;
        }
        dialog.showProblem(s.problem().message + u'\n' + s.problem().detail);
    }
}

void WorkspaceLauncher::showWindow()
{
    const QString memberId = m_session->memberId();
    m_api->call(ApiRequest::get(u"/v1/members/"_s + memberId), m_api.get(), [this](const ApiResponse& response) {
        if (!response.isError())
            m_api->setMember(response.result().toObject());
    });
    if (!m_window) {
        m_window = new MainWindow(m_api.get());
        m_window->setAttribute(Qt::WA_DeleteOnClose, false);
        connect(m_window, &MainWindow::signInRequested, this, [this] {
            if (signIn(tr("Sign in as another member.")))
                showWindow();
        });
        connect(m_window, &MainWindow::signOutRequested, this, [this] {
            (void)wait([&](auto done) { m_session->forget(done); });
            if (!signIn(tr("You have signed out.")))
                m_window->close();
            else
                showWindow();
        });
        connect(m_window, &MainWindow::openWorkspaceRequested, this, [this] { switchWorkspace(false); });
        connect(m_window, &MainWindow::newWorkspaceRequested, this, [this] { switchWorkspace(true); });
        connect(m_window, &MainWindow::exportRequested, this, &WorkspaceLauncher::exportWorkspace);
        connect(m_window, &MainWindow::importRequested, this, &WorkspaceLauncher::importWorkspace);
        connect(m_session.get(), &SessionStore::accessTokenChanged, m_window,
                [this] { m_window->setTokenExpiry(m_session->accessExpires()); });
    }
    m_window->setTokenExpiry(m_session->accessExpires());
    m_window->start();
    if (!m_select.isEmpty())
        m_window->selectByName(std::exchange(m_select, QString()));
    m_window->show();
}

void WorkspaceLauncher::onSessionExpired()
{
    if (m_asking)
        return;
    m_asking = true;
    // First try the refresh token quietly; only then ask. The window, with any unsaved edits,
    // stays as it is; the calls that failed are replayed once a token is back.
    const Status refreshed = m_session->canRefresh() ? wait([&](auto done) { m_session->refreshNow(done); })
                                                     : Status(Problem::unauthorized(tr("Your session has expired.")));
    if (!refreshed)
        signIn(tr("Your session has expired. Sign in again to continue; your unsaved changes are kept."));
    m_asking = false;
}

void WorkspaceLauncher::closeWorkspace()
{
    delete m_window;
    m_session.reset();
    m_api.reset();
    m_platform.reset();
}

void WorkspaceLauncher::switchWorkspace(bool create)
{
    QString path;
    if (!create) {
        path = FileDialog::getOpenFileName(m_window, tr("Open workspace"), QDir::homePath(),
                                           tr("Patchbay workspaces (*.patchbay);;All files (*)"));
        if (path.isEmpty())
            return;
    } else {
        path = FileDialog::getSaveFileName(m_window, tr("New workspace"), QDir::home().filePath(u"workspace.patchbay"_s),
                                           tr("Patchbay workspaces (*.patchbay)"));
        if (path.isEmpty())
            return;
        if (QFileInfo::exists(path)) {
            MessageBox::warning(m_window, tr("New workspace"), tr("%1 exists already; choose another name.").arg(path));
            return;
        }
    }
    if (m_window && !m_window->close())
        return;
    closeWorkspace();
    Options options;
    options.workspacePath = path;
    if (!start(options))
        QApplication::quit();
}

void WorkspaceLauncher::exportWorkspace()
{
    const QString path = FileDialog::getSaveFileName(m_window, tr("Export workspace"), QDir::home().filePath(u"patchbay-export.json"_s),
                                                     tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    m_api->call(ApiRequest::get(u"/v1/export"_s), m_window, [this, path](const ApiResponse& response) {
        if (response.isError()) {
            MessageBox::warning(m_window, tr("Export failed"), response.problem().toText());
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(response.result().toObject()).toJson()) < 0 || !file.commit()) {
            MessageBox::warning(m_window, tr("Export failed"), tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        MessageBox::information(m_window, tr("Export"), tr("Exported to %1. Secrets are not exported.").arg(path));
    });
}

void WorkspaceLauncher::importWorkspace()
{
    const QString path = FileDialog::getOpenFileName(m_window, tr("Import"), QDir::homePath(), tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        MessageBox::warning(m_window, tr("Import failed"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    m_api->call(ApiRequest::post(u"/v1/import"_s, doc.object()), m_window, [this](const ApiResponse& response) {
        if (response.isError()) {
            MessageBox::warning(m_window, tr("Import failed"), response.problem().toText());
            return;
        }
        m_window->treeModel()->reload();
        MessageBox::information(m_window, tr("Import"), tr("Imported. Imported credentials have no secret yet: rotate them to set one."));
    });
}

bool WorkspaceLauncher::startDemo(const QString& binaryDir)
{
    m_demoDir = std::make_unique<QTemporaryDir>();
    const QString path = m_demoDir->filePath(u"demo.patchbay"_s);
    if (Status s = createWorkspace(path, tr("Demo Organization"), tr("Demo Administrator"), u"admin@example.com"_s); !s) {
        MessageBox::warning(nullptr, tr("Cannot create the demo"), s.problem().toText());
        return false;
    }
    QString simUrl = u"http://127.0.0.1:1"_s;
    // Installed side by side; in a build tree the simulator sits in src/sim beside src/app.
    QString sim = QDir(binaryDir).filePath(u"patchbay-sim"_s);
    if (!QFileInfo::exists(sim))
        sim = QDir(binaryDir).filePath(u"../sim/patchbay-sim"_s);
    if (QFileInfo::exists(sim)) {
        const QString portFile = m_demoDir->filePath(u"sim.port"_s);
        m_sim = new QProcess(this);
        m_sim->setProcessChannelMode(QProcess::ForwardedErrorChannel);
#ifdef Q_OS_LINUX
        // The simulator must not outlive a console that was killed rather than closed.
        m_sim->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_sim->start(sim, {u"--port"_s, u"0"_s, u"--port-file"_s, portFile});
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 10000 && m_sim->state() != QProcess::NotRunning) {
            QFile f(portFile);
            if (f.open(QIODevice::ReadOnly) && f.size() > 0) {
                simUrl = u"http://127.0.0.1:"_s + QString::fromLatin1(f.readAll().trimmed());
                break;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(50);
        }
    }
#ifdef PATCHBAY_HAVE_DEMO
    auto seeded = seedDemoWorkspace(*m_platform, m_adminTokenForSeed, simUrl);
    if (!seeded)
        MessageBox::warning(nullptr, tr("Demo data incomplete"), seeded.problem().toText());
#endif
    showWindow();
    return true;
}

void WorkspaceLauncher::cleanUpDemo()
{
    if (!m_demoDir)
        return;
    // The demo's secrets live in the keychain: delete its Accounts through the API (which removes
    // their keychain entries) and forget the session, so nothing outlives the temporary workspace.
    if (m_platform && m_session && m_session->isSignedIn()) {
        const ApiResponse accounts = m_platform->dispatchSync(
            ApiRequest::get(u"/v1/accounts"_s, m_session->accessToken()).withQuery(u"limit"_s, u"1000"_s));
        for (const QJsonValue& v : accounts.result().toArray())
            m_platform->dispatchSync(ApiRequest::del(u"/v1/accounts/"_s + v[u"id"_s].toString(), m_session->accessToken()));
        (void)wait([&](auto done) { m_session->forget(done); });
    }
    if (m_sim) {
        m_sim->terminate();
        if (!m_sim->waitForFinished(3000))
            m_sim->kill();
    }
    delete m_window;
    m_session.reset();
    m_api.reset();
    m_platform.reset();
    m_demoDir.reset();
}

} // namespace pb
