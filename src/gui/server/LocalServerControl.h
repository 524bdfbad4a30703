#pragma once

#include "core/Result.h"

#include <QObject>

#include <memory>

class QAction;
class QLabel;
class QWidget;

namespace pb {

class ApiClient;
class LocalApiServer;
class WorkspaceAccessLog;

// The console's Start/Stop toggle for the local API server (the same server as
// `patchbay-cli serve`): loopback only, on port 8787 or the next free one, the address shown in
// the status bar, every request written to the workspace's access log.
class LocalServerControl final : public QObject {
    Q_OBJECT
public:
    explicit LocalServerControl(ApiClient* api, QWidget* window);
    ~LocalServerControl() override;

    QAction* toggleAction() const { return m_action; }
    QLabel* statusLabel() const { return m_label; }
    bool isRunning() const;
    QString address() const;

    Status start(quint16 port = DefaultPort);
    void stop();

    static constexpr quint16 DefaultPort = 8787;

signals:
    void runningChanged(bool running);

private:
    void onToggled(bool on);
    void refresh();

    ApiClient* m_api;
    QWidget* m_window;
    QAction* m_action;
    QLabel* m_label;
    std::unique_ptr<WorkspaceAccessLog> m_log;
    std::unique_ptr<LocalApiServer> m_server;
};

} // namespace pb
