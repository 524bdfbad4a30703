#pragma once

#include "core/Result.h"
#include "vault/CredentialVault.h"

#include <QList>
#include <QString>

#include <functional>

namespace pb {

struct Core;

// Keychain keys recorded in vault_index for a set of credentials (by SQL condition).
Result<QList<VaultKey>> vaultKeysWhere(Core& core, const QString& condition, const QVariantList& binds);
// Removes the keychain entries first; only if that worked does `commit` run (one transaction
// that deletes the rows). An unavailable keychain therefore leaves the workspace unchanged.
void removeKeysThenCommit(Core& core, const QList<VaultKey>& keys, std::function<Status()> commit,
                          std::function<void(Status)> done);
Problem noVaultProblem();

// Deletes an owner (an Integration or an Integration Point) together with the credentials it owns:
// their keychain entries first, then, in one transaction, `beforeRows` (e.g. revoking tokens),
// `ownerDeletes` (statements binding the owner id once), and the vault index and credential rows.
void deleteOwnerWithCredentials(Core& core, const QString& ownerId, std::function<Status()> beforeRows,
                                const QStringList& ownerDeletes, std::function<void(Status)> done);

} // namespace pb
