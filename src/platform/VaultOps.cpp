#include "platform/VaultOps.h"

#include "platform/Core.h"

namespace pb {

void deleteOwnerWithCredentials(Core& core, const QString& ownerId, std::function<Status()> beforeRows,
                                const QStringList& ownerDeletes, std::function<void(Status)> done)
{
    const QString owned = QStringLiteral("credential_id IN (SELECT id FROM credentials WHERE owner_id = ?)");
    auto keys = vaultKeysWhere(core, owned, {ownerId});
    if (!keys)
        return done(keys.problem());
    Core* c = &core;
    removeKeysThenCommit(
        core, *keys,
        [c, ownerId, owned, beforeRows = std::move(beforeRows), ownerDeletes]() -> Status {
            if (beforeRows)
                if (Status s = beforeRows(); !s)
                    return s;
            // The owner row first: an Integration references its credential (ON DELETE RESTRICT),
            // while credentials point at their owner by id only.
            QStringList statements = ownerDeletes;
            statements.append(QStringLiteral("DELETE FROM vault_index WHERE ") + owned);
            statements.append(QStringLiteral("DELETE FROM credentials WHERE owner_id = ?"));
            for (const QString& stmt : std::as_const(statements))
                if (auto q = c->ws->exec(stmt, {ownerId}); !q)
                    return q.problem();
            return {};
        },
        std::move(done));
}

Problem noVaultProblem()
{
    return Problem(503, QStringLiteral("keychain_unavailable"), QStringLiteral("No keychain is available to this workspace."),
                   QStringLiteral("This Patchbay was opened without a credential vault."),
                   QStringLiteral("Start or unlock the system keyring (Secret Service, KWallet, Keychain or Credential Manager) and reopen the workspace."));
}

Result<QList<VaultKey>> vaultKeysWhere(Core& core, const QString& condition, const QVariantList& binds)
{
    auto rows = core.ws->select(QStringLiteral("SELECT vault_key FROM vault_index WHERE ") + condition, binds);
    if (!rows)
        return rows.problem();
    QList<VaultKey> keys;
    for (const Row& r : *rows) {
        auto key = VaultKey::parse(r.value(QStringLiteral("vault_key")).toString());
        if (key)
            keys.append(*key);
    }
    return keys;
}

void removeKeysThenCommit(Core& core, const QList<VaultKey>& keys, std::function<Status()> commit,
                          std::function<void(Status)> done)
{
    Core* c = &core;
    auto finish = [c, commit, done](Status removed) {
        if (!removed)
            return done(removed);
        done(c->ws->transaction(commit));
    };
    if (keys.isEmpty())
        return finish({});
    if (!core.vault)
        return done(noVaultProblem());
    core.vault->removeAll(keys, finish);
}

} // namespace pb
