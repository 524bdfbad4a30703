#pragma once

#include "server/AccessLog.h"

#include <QObject>
#include <QPointer>

namespace pb {

class Platform;

// The access log kept in the workspace (table access_log, read through GET /v1/audit/access-log),
// so the GUI shows it next to the audit log. Also forwards each entry to an optional second sink
// (the in-memory ring a GUI view listens to).
class WorkspaceAccessLog final : public QObject, public AccessLogSink {
    Q_OBJECT
public:
    explicit WorkspaceAccessLog(Platform* platform, AccessLogSink* also = nullptr, QObject* parent = nullptr);

    void record(const AccessLogEntry& entry) override;

private:
    void store(const AccessLogEntry& entry);

    QPointer<Platform> m_platform;
    AccessLogSink* m_also;
};

} // namespace pb
