#include "platform/SecretCache.h"

#include <QDateTime>

namespace pb {

namespace {
qint64 monotonicNowMs()
{
    // Wall time of the machine, not the testable nowUtc(): a test shifting the clock must not
    // keep a secret alive, and an age check needs no offset.
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

SecretCache::~SecretCache()
{
    clear();
}

void SecretCache::wipe(Entry& e)
{
    // Overwrite our copy before it is released, so the bytes do not linger in freed memory.
    for (auto it = e.secrets.begin(); it != e.secrets.end(); ++it)
        it.value().fill('\0');
    e.secrets.clear();
}

std::optional<SecretCache::Secrets> SecretCache::find(const QString& credentialId)
{
    auto it = m_entries.find(credentialId);
    if (it == m_entries.end())
        return std::nullopt;
    const qint64 age = monotonicNowMs() - it->storedMs;
    if (age < 0 || age >= maxAgeMs) {
        wipe(*it);
        m_entries.erase(it);
        return std::nullopt;
    }
    return it->secrets;
}

void SecretCache::insert(const QString& credentialId, const Secrets& secrets, quint64 generationAtRead)
{
    if (generationAtRead != m_generation)
        return; // the workspace changed while the keychain was read: do not keep what was read
    Entry e;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        e.secrets.insert(it.key(), QByteArray(it.value().constData(), it.value().size())); // own copy, wiped on clear
    e.storedMs = monotonicNowMs();
    auto old = m_entries.find(credentialId);
    if (old != m_entries.end())
        wipe(*old);
    m_entries.insert(credentialId, e);
}

void SecretCache::clear()
{
    ++m_generation;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        wipe(*it);
    m_entries.clear();
}

} // namespace pb
