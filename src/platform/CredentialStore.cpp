#include "platform/CredentialStore.h"

#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Core.h"
#include "platform/Json.h"
#include "platform/VaultOps.h"

#include <memory>

namespace pb {

QStringList credentialFields(const QString& type)
{
    if (type == QStringLiteral("basic"))
        return {QStringLiteral("username"), QStringLiteral("secret")};
    if (type == QStringLiteral("token") || type == QStringLiteral("secret"))
        return {QStringLiteral("secret")};
    if (type == QStringLiteral("o_auth_client"))
        return {QStringLiteral("token_url"), QStringLiteral("client_id"), QStringLiteral("client_secret")};
    if (type == QStringLiteral("tls_certificate"))
        return {QStringLiteral("certificate"), QStringLiteral("private_key")};
    return {};
}

QStringList secretFields(const QString& type)
{
    if (type == QStringLiteral("o_auth_client"))
        return {QStringLiteral("client_secret")};
    if (type == QStringLiteral("tls_certificate"))
        return {QStringLiteral("private_key")};
    if (type.isEmpty())
        return {};
    return {QStringLiteral("secret")};
}

Result<QString> canonicalCredentialType(const QString& type)
{
    const QString t = type == QStringLiteral("oauth_client") ? QStringLiteral("o_auth_client") : type;
    if (credentialFields(t).isEmpty())
        return Problem::badRequest(QStringLiteral("Unknown credential type \"%1\".").arg(type),
                                   QStringLiteral("Types: basic, token, secret, o_auth_client (or oauth_client), tls_certificate."))
            .withParameter(QStringLiteral("config.type"), QStringLiteral("body"), type);
    return t;
}

Result<CredentialDraft> parseCredential(const QJsonObject& body, bool requireSecrets)
{
    CredentialDraft d;
    const QJsonValue configValue = body.value(QStringLiteral("config"));
    if (!configValue.isObject())
        return Problem::badRequest(QStringLiteral("\"config\" must be an object with the credential's type and fields."))
            .withParameter(QStringLiteral("config"), QStringLiteral("body"));
    const QJsonObject config = configValue.toObject();
    auto type = canonicalCredentialType(config.value(QStringLiteral("type")).toString());
    if (!type)
        return type.problem();
    d.type = *type;
    const QStringList secrets = secretFields(d.type);
    const QStringList fields = credentialFields(d.type);
    for (auto it = config.constBegin(); it != config.constEnd(); ++it) {
        if (it.key() != QStringLiteral("type") && !fields.contains(it.key()))
            return Problem::badRequest(QStringLiteral("A %1 credential has no field \"%2\".").arg(d.type, it.key()),
                                       QStringLiteral("Fields: %1.").arg(fields.join(QStringLiteral(", "))))
                .withParameter(QStringLiteral("config.") + it.key(), QStringLiteral("body"));
        if (!it.value().isString())
            return Problem::badRequest(QStringLiteral("config.%1 must be a string.").arg(it.key()))
                .withParameter(QStringLiteral("config.") + it.key(), QStringLiteral("body"));
    }
    for (const QString& f : fields) {
        const QString value = config.value(f).toString();
        const bool secret = secrets.contains(f);
        if (value.isEmpty()) {
            if (!secret || requireSecrets)
                return Problem::badRequest(QStringLiteral("config.%1 is required for a %2 credential.").arg(f, d.type))
                    .withParameter(QStringLiteral("config.") + f, QStringLiteral("body"));
            continue;
        }
        if (secret)
            d.secrets.append({f, value.toUtf8()});
        else
            d.metadata.insert(f, value);
    }
    if (d.type == QStringLiteral("tls_certificate") &&
        !d.metadata.value(QStringLiteral("certificate")).toString().contains(QStringLiteral("-----BEGIN")))
        return Problem::badRequest(QStringLiteral("config.certificate must be PEM text (-----BEGIN CERTIFICATE-----)."))
            .withParameter(QStringLiteral("config.certificate"), QStringLiteral("body"));
    const QJsonValue expires = body.value(QStringLiteral("expires"));
    if (!expires.isUndefined() && !expires.isNull()) {
        const QDateTime t = parseRfc3339(expires.toString());
        if (!t.isValid())
            return Problem::badRequest(QStringLiteral("\"expires\" must be an RFC 3339 time."))
                .withParameter(QStringLiteral("expires"), QStringLiteral("body"), expires);
        d.expires = toRfc3339(t);
    }
    auto names = json::names(body, QStringLiteral("credential-") + newId().left(8));
    if (!names)
        return names.problem();
    d.name = names->name;
    d.fullname = names->fullname;
    return d;
}

QJsonObject credentialJson(const Row& r)
{
    QJsonObject config = json::object(r.value(QStringLiteral("metadata")));
    config.insert(QStringLiteral("type"), r.value(QStringLiteral("type")).toString());
    QJsonObject o{{QStringLiteral("id"), r.value(QStringLiteral("id")).toString()},
                  {QStringLiteral("name"), r.value(QStringLiteral("name")).toString()},
                  {QStringLiteral("fullname"), r.value(QStringLiteral("fullname")).toString()},
                  {QStringLiteral("owner_type"), r.value(QStringLiteral("owner_type")).toString()},
                  {QStringLiteral("owner_id"), r.value(QStringLiteral("owner_id")).toString()},
                  {QStringLiteral("account_id"), json::column(r.value(QStringLiteral("account_id")))},
                  {QStringLiteral("config"), config},
                  {QStringLiteral("expires"), json::column(r.value(QStringLiteral("expires")))},
                  {QStringLiteral("secret_set_at"), r.value(QStringLiteral("secret_set_at")).toString()},
                  {QStringLiteral("rotated_at"), json::array(r.value(QStringLiteral("rotated_at")))},
                  {QStringLiteral("created_at"), r.value(QStringLiteral("created_at")).toString()},
                  {QStringLiteral("updated_at"), r.value(QStringLiteral("updated_at")).toString()}};
    const QString owner = r.value(QStringLiteral("owner_type")).toString();
    if (owner == QStringLiteral("integration"))
        o.insert(QStringLiteral("integration_id"), r.value(QStringLiteral("owner_id")).toString());
    else if (owner == QStringLiteral("integration_point"))
        o.insert(QStringLiteral("integration_point_id"), r.value(QStringLiteral("owner_id")).toString());
    return o;
}

VaultKey vaultKey(const Core& core, const QString& accountId, const QString& credentialId, const QString& field)
{
    return VaultKey{core.organizationId, accountId, credentialId, field};
}

namespace {

QList<QPair<VaultKey, QByteArray>> entriesOf(const Core& core, const CredentialDraft& d)
{
    QList<QPair<VaultKey, QByteArray>> entries;
    for (const auto& [field, secret] : d.secrets)
        entries.append({vaultKey(core, d.accountId, d.id, field), secret});
    return entries;
}

Status insertPending(Core& core, const CredentialDraft& d, const QList<QPair<VaultKey, QByteArray>>& entries)
{
    return core.ws->transaction([&]() -> Status {
        for (const auto& e : entries) {
            // A rotation re-uses the key: its row is already there (stored).
            auto exists = core.ws->scalar(QStringLiteral("SELECT state FROM vault_index WHERE vault_key = ?"),
                                          {e.first.toString()});
            if (!exists)
                return exists.problem();
            if (exists->isValid())
                continue;
            if (Status s = core.ws->insert(QStringLiteral("vault_index"),
                                           {{QStringLiteral("vault_key"), e.first.toString()},
                                            {QStringLiteral("credential_id"), d.id},
                                            {QStringLiteral("account_id"), json::optional(d.accountId)},
                                            {QStringLiteral("field"), e.first.field},
                                            {QStringLiteral("state"), QStringLiteral("pending")},
                                            {QStringLiteral("created_at"), toRfc3339(nowUtc())}});
                !s)
                return s;
        }
        return {};
    });
}

void dropPending(Core& core, const QString& credentialId)
{
    (void)core.ws->exec(QStringLiteral("DELETE FROM vault_index WHERE credential_id = ? AND state = 'pending'"),
                        {credentialId});
}

// Shared tail: keychain written; commit, or undo the keychain write and the pending rows.
void commitOrUndo(Core& core, const CredentialDraft& d, const QList<QPair<VaultKey, QByteArray>>& entries,
                  std::function<Status()> commit, bool removeOnFailure, std::function<void(Status)> done)
{
    Core* c = &core;
    Status committed = c->fault == Platform::Fault::FailBeforeCommit
                           ? Status(Problem::internal(QStringLiteral("Injected failure before the metadata commit.")))
                           : c->ws->transaction(commit);
    if (committed)
        return done({});
    if (!removeOnFailure) {
        dropPending(*c, d.id);
        return done(committed);
    }
    QList<VaultKey> keys;
    for (const auto& e : entries)
        keys.append(e.first);
    const QString id = d.id;
    c->vault->removeAll(keys, [c, id, committed, done](Status) {
        dropPending(*c, id);
        done(committed);
    });
}

} // namespace

void storeNewCredential(Core& core, const CredentialDraft& d, std::function<Status()> more,
                        std::function<void(Status)> done)
{
    if (!core.vault)
        return done(noVaultProblem());
    const auto entries = entriesOf(core, d);
    if (Status s = insertPending(core, d, entries); !s)
        return done(s);
    Core* c = &core;
    core.vault->writeAll(entries, [c, d, entries, more, done](Status written) {
        if (!written) {
            dropPending(*c, d.id);
            return done(written);
        }
        commitOrUndo(*c, d, entries,
                     [c, d, more]() -> Status {
                         const QString now = toRfc3339(nowUtc());
                         if (Status s = c->ws->insert(QStringLiteral("credentials"),
                                                      {{QStringLiteral("id"), d.id},
                                                       {QStringLiteral("name"), d.name},
                                                       {QStringLiteral("fullname"), d.fullname},
                                                       {QStringLiteral("owner_type"), d.ownerType},
                                                       {QStringLiteral("owner_id"), d.ownerId},
                                                       {QStringLiteral("account_id"), json::optional(d.accountId)},
                                                       {QStringLiteral("type"), d.type},
                                                       {QStringLiteral("metadata"), json::text(d.metadata)},
                                                       {QStringLiteral("expires"), json::optional(d.expires)},
                                                       {QStringLiteral("secret_set_at"), now},
                                                       {QStringLiteral("rotated_at"), QStringLiteral("[]")},
                                                       {QStringLiteral("created_at"), now},
                                                       {QStringLiteral("updated_at"), now}});
                             !s)
                             return s;
                         auto r = c->ws->exec(QStringLiteral("UPDATE vault_index SET state = 'stored' WHERE credential_id = ?"),
                                              {d.id});
                         if (!r)
                             return r.problem();
                         return more ? more() : Status();
                     },
                     true, done);
    });
}

void rotateCredentialSecrets(Core& core, const CredentialDraft& d, std::function<Status()> update,
                             std::function<void(Status)> done)
{
    if (d.secrets.isEmpty())
        return done(core.ws->transaction(update));
    if (!core.vault)
        return done(noVaultProblem());
    const auto entries = entriesOf(core, d);
    if (Status s = insertPending(core, d, entries); !s)
        return done(s);
    Core* c = &core;
    core.vault->writeAll(entries, [c, d, entries, update, done](Status written) {
        if (!written) {
            dropPending(*c, d.id);
            return done(written);
        }
        // The stored entries were overwritten in place; on a failed commit they stay (the
        // metadata never held the secret), only new pending fields are undone.
        commitOrUndo(*c, d, entries,
                     [c, d, update]() -> Status {
                         auto r = c->ws->exec(QStringLiteral("UPDATE vault_index SET state = 'stored' WHERE credential_id = ?"),
                                              {d.id});
                         if (!r)
                             return r.problem();
                         return update();
                     },
                     false, done);
    });
}

void readCredentialSecrets(Core& core, const QString& credentialId,
                           std::function<void(Result<QHash<QString, QByteArray>>)> done)
{
    auto rows = core.ws->select(QStringLiteral("SELECT vault_key, field FROM vault_index WHERE credential_id = ? AND state = 'stored'"),
                                {credentialId});
    if (!rows)
        return done(rows.problem());
    if (rows->isEmpty())
        return done(QHash<QString, QByteArray>());
    if (!core.vault)
        return done(noVaultProblem());
    struct State {
        QList<Row> rows;
        int next = 0;
        QHash<QString, QByteArray> out;
        std::function<void(Result<QHash<QString, QByteArray>>)> done;
        std::function<void()> step;
    };
    auto st = std::make_shared<State>();
    st->rows = *rows;
    st->done = std::move(done);
    CredentialVault* vault = core.vault;
    std::weak_ptr<State> weak = st;
    st->step = [weak, vault]() {
        auto s = weak.lock();
        if (!s)
            return;
        if (s->next == s->rows.size()) {
            auto finish = std::move(s->done);
            auto out = s->out;
            s->step = nullptr; // breaks the cycle
            return finish(out);
        }
        const Row row = s->rows.at(s->next++);
        auto key = VaultKey::parse(row.value(QStringLiteral("vault_key")).toString());
        if (!key) {
            auto finish = std::move(s->done);
            s->step = nullptr;
            return finish(key.problem());
        }
        vault->read(*key, [s, row](Result<QByteArray> secret) {
            if (!secret) {
                auto finish = std::move(s->done);
                s->step = nullptr;
                return finish(secret.problem());
            }
            s->out.insert(row.value(QStringLiteral("field")).toString(), *secret);
            if (s->step)
                s->step();
        });
    };
    st->step();
}

} // namespace pb
