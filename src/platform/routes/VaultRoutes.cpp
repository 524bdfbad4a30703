// /v1/vault/reconcile (Patchbay addition): keychain entries without metadata (pending index
// rows a crash left behind) and metadata whose keychain entry is missing.
#include "platform/CredentialStore.h"
#include "platform/RoleScope.h"
#include "platform/VaultOps.h"
#include "platform/routes/RouteUtil.h"

#include <memory>

namespace pb {

namespace {

struct Report {
    QJsonArray orphaned;
    QJsonArray missing;
    int checked = 0;
    QJsonObject toJson() const
    {
        return {{QStringLiteral("orphaned_entries"), orphaned},
                {QStringLiteral("missing_entries"), missing},
                {QStringLiteral("checked"), checked}};
    }
};

// Reads every stored key one after another; collects the ones the keychain does not have.
void scan(Core& core, std::function<void(Result<Report>)> done)
{
    auto pending = core.ws->select(QStringLiteral("SELECT vault_key, credential_id, field FROM vault_index WHERE state = 'pending'"));
    if (!pending)
        return done(pending.problem());
    auto stored = core.ws->select(QStringLiteral("SELECT v.vault_key, v.credential_id, v.field, c.name, c.owner_id "
                                                 "FROM vault_index v LEFT JOIN credentials c ON c.id = v.credential_id "
                                                 "WHERE v.state = 'stored'"));
    if (!stored)
        return done(stored.problem());
    auto report = std::make_shared<Report>();
    for (const Row& r : *pending)
        report->orphaned.append(QJsonObject{{QStringLiteral("vault_key"), r.value(QStringLiteral("vault_key")).toString()},
                                            {QStringLiteral("credential_id"), r.value(QStringLiteral("credential_id")).toString()},
                                            {QStringLiteral("field"), r.value(QStringLiteral("field")).toString()}});
    if (stored->isEmpty())
        return done(*report);
    if (!core.vault)
        return done(noVaultProblem());
    auto rows = std::make_shared<QList<Row>>(*stored);
    auto next = std::make_shared<std::function<void(int)>>();
    CredentialVault* vault = core.vault;
    std::weak_ptr<std::function<void(int)>> weakNext = next;
    *next = [rows, report, vault, done, weakNext](int i) {
        if (i == rows->size())
            return done(*report);
        const Row row = rows->at(i);
        auto key = VaultKey::parse(row.value(QStringLiteral("vault_key")).toString());
        if (!key)
            return done(key.problem());
        auto self = weakNext.lock();
        vault->read(*key, [row, report, done, self, i](Result<QByteArray> secret) {
            ++report->checked;
            if (!secret) {
                if (secret.problem().type != QStringLiteral("vault_entry_not_found"))
                    return done(secret.problem());
                report->missing.append(QJsonObject{{QStringLiteral("credential_id"), row.value(QStringLiteral("credential_id")).toString()},
                                                   {QStringLiteral("name"), row.value(QStringLiteral("name")).toString()},
                                                   {QStringLiteral("owner_id"), row.value(QStringLiteral("owner_id")).toString()},
                                                   {QStringLiteral("field"), row.value(QStringLiteral("field")).toString()}});
            }
            if (self)
                (*self)(i + 1);
        });
    };
    // `next` stays alive through the chain of callbacks that hold it.
    auto keep = next;
    (*keep)(0);
}

} // namespace

void addVaultRoutes(Router& r)
{
    r.addAsync("GET", QStringLiteral("/v1/vault/reconcile"), Access::Administer, QStringLiteral("vault.reconcile_report"),
               [](const CallPtr& call, ApiCallback done) {
                   if (Status s = checkUnnarrowed(*call, QStringLiteral("The keychain reconcile")); !s) // RoleScope.h
                       return done(ApiResponse::ofProblem(s.problem()));
                   scan(*call->core, [done](Result<Report> report) {
                       done(report ? ApiResponse::ofResult(report->toJson()) : ApiResponse::ofProblem(report.problem()));
                   });
               });
    r.addAsync("POST", QStringLiteral("/v1/vault/reconcile"), Access::Administer, QStringLiteral("vault.reconcile"),
               [](const CallPtr& call, ApiCallback done) {
                   if (Status s = checkUnnarrowed(*call, QStringLiteral("The keychain reconcile")); !s) // RoleScope.h
                       return done(ApiResponse::ofProblem(s.problem()));
                   Core* c = call->core;
                   scan(*c, [c, call, done](Result<Report> report) {
                       if (!report)
                           return done(ApiResponse::ofProblem(report.problem()));
                       auto keys = vaultKeysWhere(*c, QStringLiteral("state = 'pending'"), {});
                       if (!keys)
                           return done(ApiResponse::ofProblem(keys.problem()));
                       const Report scanned = *report;
                       const int n = static_cast<int>(keys->size());
                       call->auditDetail = QStringLiteral("removed %1 orphaned keychain entries").arg(n);
                       removeKeysThenCommit(
                           *c, *keys,
                           [c]() -> Status {
                               auto q = c->ws->exec(QStringLiteral("DELETE FROM vault_index WHERE state = 'pending'"));
                               if (!q)
                                   return q.problem();
                               return {};
                           },
                           [scanned, n, done](Status s) {
                               if (!s)
                                   return done(ApiResponse::ofProblem(s.problem()));
                               QJsonObject out = scanned.toJson();
                               out.insert(QStringLiteral("removed"), n);
                               done(ApiResponse::ofResult(out));
                           });
                   });
               });
}

} // namespace pb
