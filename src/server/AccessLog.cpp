#include "server/AccessLog.h"

#include <QRegularExpression>

namespace pb {

QString tokenIdForLog(const QString& bearerSecret)
{
    // pbo_/pbi_/pbr_ + a UUID + "_" + the random part. Only the UUID is ever returned, so a
    // token of another shape (or a pasted password) is never echoed into the log.
    static const QRegularExpression shape(
        QStringLiteral("^pb[a-z]_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_."));
    const auto match = shape.match(bearerSecret);
    return match.hasMatch() ? match.captured(1) : QStringLiteral("-");
}

MemoryAccessLog::MemoryAccessLog(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(capacity > 0 ? capacity : 1)
{
}

void MemoryAccessLog::record(const AccessLogEntry& entry)
{
    {
        const std::lock_guard lock(m_mutex);
        m_entries.push_back(entry);
        while (m_entries.size() > static_cast<size_t>(m_capacity))
            m_entries.pop_front();
    }
    Q_EMIT entryAdded(entry);
}

QList<AccessLogEntry> MemoryAccessLog::entries() const
{
    const std::lock_guard lock(m_mutex);
    return QList<AccessLogEntry>(m_entries.begin(), m_entries.end());
}

void MemoryAccessLog::clear()
{
    const std::lock_guard lock(m_mutex);
    m_entries.clear();
}

} // namespace pb
