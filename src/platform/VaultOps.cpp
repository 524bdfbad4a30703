#include "platform/VaultOps.h"

#include "platform/Core.h"

namespace pb {

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
