#pragma once

#include "vault/CredentialVault.h"

#include <QHash>

namespace QKeychain {
class Job;
}

namespace pb {

// CredentialVault over the operating system's keychain through QtKeychain (Secret Service or
// KWallet on Linux, Keychain on macOS, Credential Manager on Windows). Entries live under the
// service "patchbay" with VaultKey::toString() as the key; secrets are stored as binary data and
// the insecure plaintext fallback is never enabled. An empty secret is refused ("bad_request").
//
// Use a KeychainVault on the thread that owns it: callbacks run on that thread, from its event
// loop, never inside the call that started the operation. Every operation has a timeout; a
// timed-out operation reports "keychain_unavailable" and its late result is ignored (a late
// successful write is removed again, so a failed write never leaves an entry behind). Where
// QtKeychain would call an entry behind a locked keyring absent, the vault reports the lock
// instead (see LockedEntryCheck.h). The Problems are built in KeychainProblems.h.
class KeychainVault final : public CredentialVault {
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;

    explicit KeychainVault(QObject* parent = nullptr);
    ~KeychainVault() override;

    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }

    // The QtKeychain service name of every Patchbay entry: "patchbay".
    static QString serviceName();

    void write(const VaultKey& key, const QByteArray& secret, Done done) override;
    void read(const VaultKey& key, ReadDone done) override;
    void remove(const VaultKey& key, Done done) override;

protected:
    void restore(const VaultKey& key, const QByteArray& secret, Done done) override;

private:
    enum class IfLate { Undo, Keep };
    void store(const VaultKey& key, const QByteArray& secret, IfLate ifLate, Done done);
    using Finished = std::function<void(QKeychain::Job&)>;
    using TimedOut = std::function<void()>;
    void run(QKeychain::Job* job, Finished finished, TimedOut timedOut);
    void undoLateWrite(const QString& key, quint64 generation);
    void forget(const QString& key, quint64 generation);

    int m_timeoutMs = DefaultTimeoutMs;
    quint64 m_generation = 0;
    // key -> generation of the newest write or removal still running (QtKeychain runs jobs in order)
    QHash<QString, quint64> m_latestWrite;
};

} // namespace pb
