#include "gui/server/LocalServerControl.h"

#include "gui/ApiClient.h"
#include "gui/widgets/MessageBox.h"
#include "platform/Platform.h"
#include "server/LocalApiServer.h"
#include "server/WorkspaceAccessLog.h"

#include <QAction>
#include <QLabel>
#include <QPointer>

namespace pb {

LocalServerControl::LocalServerControl(ApiClient* api, QWidget* window)
    : QObject(window)
    , m_api(api)
    , m_window(window)
    , m_action(new QAction(tr("Serve the &API on Loopback"), this))
    , m_label(new QLabel(window))
{
    m_action->setCheckable(true);
    m_action->setStatusTip(tr("Serve the Management and Connector APIs on 127.0.0.1 for products under development"));
    m_label->setAccessibleName(tr("Local API server address"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_action, &QAction::toggled, this, &LocalServerControl::onToggled);
    refresh();
}

LocalServerControl::~LocalServerControl()
{
    stop();
}

bool LocalServerControl::isRunning() const
{
    return m_server != nullptr;
}

QString LocalServerControl::address() const
{
    return m_server ? m_server->url().toString() : QString();
}

Status LocalServerControl::start(quint16 port)
{
    if (m_server)
        return {};
    Platform* platform = m_api->platform();
    if (!platform)
        return Problem::unavailable(tr("No workspace is open."));
    QPointer<Platform> guarded(platform);
    auto server = std::make_unique<LocalApiServer>([guarded](const ApiRequest& request, ApiCallback done) {
        if (!guarded)
            return done(ApiResponse::ofProblem(Problem::unavailable(QStringLiteral("The workspace was closed."))));
        guarded->dispatch(request, std::move(done));
    });
    LocalApiServer::Options options;
    options.port = port;
    server->setOptions(options);
    m_log = std::make_unique<WorkspaceAccessLog>(platform);
    server->setAccessLogSink(m_log.get());
    Status started = server->start();
    if (!started && port != 0) {
        // 8787 taken (another Patchbay, another tool): take any free port instead.
        options.port = 0;
        server->setOptions(options);
        started = server->start();
    }
    if (!started) {
        m_log.reset();
        return started;
    }
    m_server = std::move(server);
    refresh();
    emit runningChanged(true);
    return {};
}

void LocalServerControl::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
    m_log.reset();
    refresh();
    emit runningChanged(false);
}

void LocalServerControl::onToggled(bool on)
{
    if (on == isRunning())
        return;
    if (!on) {
        stop();
        return;
    }
    if (const Status s = start(); !s) {
        m_action->setChecked(false);
        MessageBox::warning(m_window, tr("The API server did not start"), s.problem().toText());
    }
}

void LocalServerControl::refresh()
{
    const QSignalBlocker block(m_action);
    m_action->setChecked(isRunning());
    m_label->setText(isRunning() ? tr("API: %1").arg(address()) : QString());
    m_label->setVisible(isRunning());
}

} // namespace pb
