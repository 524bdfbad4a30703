#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace pb {

struct VaultBatch;

// Where one secret field of one credential lives in the keychain. The key names the workspace,
// the Account, the credential and the field, so entries of different workspaces and Accounts
// can never collide: "patchbay/<workspaceId>/<accountId or '-'>/<credentialId>/<field>".
struct VaultKey {
    QString workspaceId;
    QString accountId; // empty for credentials owned by an Integration Point (org level)
    QString credentialId;
    QString field; // "secret", "client_secret", "private_key", ...

    QString toString() const;
    // Fails with Problem type "invalid_vault_key" (400) unless every id is non-empty, free of '/'
    // and of surrounding spaces, and accountId is not the reserved "-".
    Status validate() const;
    static Result<VaultKey> parse(const QString& text);
    bool operator==(const VaultKey&) const = default;
};

// Contract between the platform and the keychain (issue "Credential vault"):
// - every operation is asynchronous: the callback runs later on the caller's thread and the
//   calling thread is never blocked; each operation has a timeout and reports it as a Problem;
// - write() either stores the secret or stores nothing and reports why;
// - read() of an absent entry fails with Problem type "vault_entry_not_found" (status 404);
// - remove() of an absent entry succeeds (absent is the goal);
// - an unavailable keychain (no Secret Service, locked, access denied, timeout) fails with Problem
//   type "keychain_unavailable" (status 503) whose remediation says what to do;
// - the insecure plaintext fallback is never used.
class CredentialVault : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Status)>;
    using ReadDone = std::function<void(Result<QByteArray>)>;

    using QObject::QObject;
    ~CredentialVault() override = default;

    virtual void write(const VaultKey& key, const QByteArray& secret, Done done) = 0;
    virtual void read(const VaultKey& key, ReadDone done) = 0;
    virtual void remove(const VaultKey& key, Done done) = 0;

    // Writes every entry in order. If one fails, puts back what each key held before (its earlier
    // secret, or no entry) and reports the first failure, so the keychain is as it was; if even
    // that fails, the Problem's detail names the entries that may differ. It first reads the
    // current entries for that; if they cannot be read, nothing is written. Invalid keys are
    // refused before anything is read or written.
    void writeAll(const QList<QPair<VaultKey, QByteArray>>& entries, Done done);
    // Removes every entry, continuing past failures; reports the first failure, if any.
    void removeAll(const QList<VaultKey>& keys, Done done);

protected:
    friend struct VaultBatch; // writeAll's rollback (VaultBatch.cpp) calls restore()

    // Puts back an earlier secret during a writeAll rollback. Unlike a write, a restore that
    // completes after its timeout is kept: the earlier secret is exactly what belongs there.
    virtual void restore(const VaultKey& key, const QByteArray& secret, Done done) {
        write(key, secret, std::move(done));
    }
};

} // namespace pb
