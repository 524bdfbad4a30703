#include "platform/TokenCache.h"

#include "core/Clock.h"
#include "storage/Workspace.h"

namespace pb {

namespace {
// A workspace with thousands of tokens in use stays bounded; a clear only costs re-validation.
constexpr int maxEntries = 100000;
} // namespace

const TokenCache::Entry* TokenCache::find(const QString& secretHash) const
{
    auto it = m_entries.constFind(secretHash);
    return it == m_entries.cend() ? nullptr : &it.value();
}

void TokenCache::insert(const QString& secretHash, const Entry& entry)
{
    if (m_entries.size() >= maxEntries)
        m_entries.clear();
    m_entries.insert(secretHash, entry);
}

void TokenCache::clear()
{
    m_entries.clear();
}

void TokenCache::write(Workspace& ws, const QString& tokenId, const Usage& usage, qint64 atMs)
{
    const QString at = toRfc3339(QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC));
    (void)ws.execute(QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id = ?"), {at, tokenId});
    if (usage.writeLogon && !usage.memberId.isEmpty())
        (void)ws.execute(QStringLiteral("UPDATE members SET last_logon = ? WHERE id = ?"), {at, usage.memberId});
}

void TokenCache::touch(Workspace& ws, const QString& tokenId, const QString& memberId, bool writeLogon)
{
    const qint64 now = nowUtc().toMSecsSinceEpoch();
    Usage& u = m_usage[tokenId];
    u.memberId = memberId;
    u.writeLogon = writeLogon;
    if (u.writtenMs == 0 || now - u.writtenMs >= usageWriteIntervalMs) {
        if (u.pendingMs != 0)
            --m_pending;
        u.pendingMs = 0;
        u.writtenMs = now;
        (void)ws.transaction([&]() -> Status {
            write(ws, tokenId, u, now);
            return {};
        });
        return;
    }
    if (u.pendingMs == 0)
        ++m_pending;
    u.pendingMs = now;
}

void TokenCache::flush(Workspace& ws)
{
    if (m_pending == 0)
        return;
    (void)ws.transaction([&]() -> Status {
        for (auto it = m_usage.begin(); it != m_usage.end(); ++it) {
            Usage& u = it.value();
            if (u.pendingMs == 0)
                continue;
            write(ws, it.key(), u, u.pendingMs);
            u.writtenMs = u.pendingMs;
            u.pendingMs = 0;
        }
        return {};
    });
    m_pending = 0;
}

} // namespace pb
