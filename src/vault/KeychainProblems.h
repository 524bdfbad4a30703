#pragma once

#include "core/Problem.h"

#include <QString>

namespace pb {

// The Problems the keychain layer reports. Their texts are quoted in docs/KEYCHAIN.md; the
// detail names the operation and the key (never the secret).

// What a user can do when the keychain is unavailable, worded for the running OS.
QString keychainRemediation();

// "keychain_unavailable" (503) for an error QtKeychain reported; `code` is a QKeychain::Error.
Problem keychainErrorProblem(int code, const QString& errorString, const QString& operation,
                             const QString& key);
// "keychain_unavailable" (503) for an entry that exists behind a locked keyring.
Problem keychainLockedProblem(const QString& operation, const QString& key);
// "keychain_unavailable" (503) when the keychain did not answer within timeoutMs.
Problem keychainTimeoutProblem(int timeoutMs, const QString& operation, const QString& key);
// "vault_entry_not_found" (404) for a read of an absent entry.
Problem vaultEntryNotFoundProblem(const QString& key);

} // namespace pb
