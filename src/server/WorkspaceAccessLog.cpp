#include "server/WorkspaceAccessLog.h"

#include "platform/Platform.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QThread>

namespace pb {

namespace {
Q_LOGGING_CATEGORY(lcAccess, "patchbay.server.access")
}

WorkspaceAccessLog::WorkspaceAccessLog(Platform* platform, AccessLogSink* also, QObject* parent)
    : QObject(parent)
    , m_platform(platform)
    , m_also(also)
{
}

void WorkspaceAccessLog::record(const AccessLogEntry& entry)
{
    if (m_also)
        m_also->record(entry);
    // The platform and its database connection belong to the thread that opened them.
    if (QThread::currentThread() == thread())
        store(entry);
    else
        QMetaObject::invokeMethod(this, [this, entry] { store(entry); }, Qt::QueuedConnection);
}

void WorkspaceAccessLog::store(const AccessLogEntry& entry)
{
    if (!m_platform)
        return;
    Platform::AccessRecord r;
    r.time = entry.time;
    r.method = entry.method;
    r.path = entry.path;
    r.status = entry.status;
    r.durationMs = entry.durationMs;
    r.tokenId = entry.tokenId;
    if (const Status s = m_platform->recordAccess(r); !s)
        qCWarning(lcAccess, "could not write the access log: %s", qPrintable(s.problem().message));
}

} // namespace pb
