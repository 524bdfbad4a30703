#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace pb::test {

// What a workspace file holds after a kill, read with SQLite directly (not through the platform,
// so a broken file cannot hide behind the API's own checks).
struct WorkspaceFacts {
    bool opened = false;
    QString integrity;          // PRAGMA integrity_check: "ok" when sound
    QString organizationId;
    QHash<QString, int> counts; // rows per table
    QSet<QString> credentialIds;
    QHash<QString, QString> credentialIdByName;
    QHash<QString, QString> vaultState; // vault_key -> pending | stored
    QHash<QString, QString> vaultCredential; // vault_key -> credential_id
};

WorkspaceFacts readWorkspace(const QString& path);

// A deterministic pseudo-random sequence (SplitMix64): the seed is printed, so a failing run
// can be repeated with PATCHBAY_CRASH_SEED.
class SeededRandom final {
public:
    explicit SeededRandom(quint64 seed) : m_state(seed) {}
    quint64 next();
    int bounded(int lowInclusive, int highExclusive);

private:
    quint64 m_state;
};

} // namespace pb::test
