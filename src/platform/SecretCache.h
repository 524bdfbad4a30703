#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace pb {

// Credential secrets read from the keychain, kept in memory for a short time so that a burst of
// Connector API calls does not cross D-Bus for each one (issue "Benchmarks at scale"). Never
// written anywhere: no file, no log, no SQLite. Cleared (bytes overwritten) on every Management
// API write (rotation, delete, reconcile, ...), when another connection wrote the workspace, and
// when an entry is older than maxAgeMs.
//
// A read that started before a clear must not put an old secret back afterwards: callers take
// generation() before reading the keychain and pass it to insert(), which ignores stale reads.
class SecretCache final {
public:
    using Secrets = QHash<QString, QByteArray>;
    static constexpr qint64 maxAgeMs = 30 * 1000;

    ~SecretCache();

    std::optional<Secrets> find(const QString& credentialId);
    void insert(const QString& credentialId, const Secrets& secrets, quint64 generationAtRead);
    quint64 generation() const { return m_generation; }
    void clear();
    int size() const { return int(m_entries.size()); }

private:
    struct Entry {
        Secrets secrets;
        qint64 storedMs = 0;
    };
    static void wipe(Entry& e);

    QHash<QString, Entry> m_entries;
    quint64 m_generation = 0;
};

} // namespace pb
