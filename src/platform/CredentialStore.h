#pragma once

#include "core/Result.h"
#include "storage/Workspace.h"
#include "vault/CredentialVault.h"

#include <QHash>
#include <QJsonObject>

#include <functional>

namespace pb {

struct Core;

// A credential about to be stored: metadata for SQLite, secret fields for the keychain only.
struct CredentialDraft {
    QString id;
    QString name;
    QString fullname;
    QString ownerType; // account | integration | integration_point
    QString ownerId;
    QString accountId; // empty for Integration Point credentials
    QString type;      // canonical: basic | token | secret | o_auth_client | tls_certificate
    QJsonObject metadata;                  // non-secret config fields
    QList<QPair<QString, QByteArray>> secrets; // field -> secret bytes
    QString expires;   // RFC 3339 or empty
};

// Which fields each credential type has, and which of them are secret.
QStringList credentialFields(const QString& type);
QStringList secretFields(const QString& type);
// Accepts the aliases (oauth_client) and answers the canonical type, or a 400.
Result<QString> canonicalCredentialType(const QString& type);

// Parses {name?, fullname?, config: {type, ...}, expires?}. With requireSecrets=false (an
// update), absent secret fields keep what is stored.
Result<CredentialDraft> parseCredential(const QJsonObject& body, bool requireSecrets);

// The credential's public JSON (never a secret).
QJsonObject credentialJson(const Row& row);

// Stores a new credential with no half state: pending index rows (committed), keychain write,
// then ONE transaction with the metadata, the index marked stored and `more` (e.g. the
// Integration that uses it). If that commit fails the keychain entries and pending rows are
// removed; if the keychain write fails nothing is stored.
void storeNewCredential(Core& core, const CredentialDraft& draft, std::function<Status()> more,
                        std::function<void(Status)> done);
// Writes new secret fields of an existing credential (rotation), then commits `update`.
void rotateCredentialSecrets(Core& core, const CredentialDraft& draft, std::function<Status()> update,
                             std::function<void(Status)> done);
// Reads every stored secret field of a credential.
void readCredentialSecrets(Core& core, const QString& credentialId,
                           std::function<void(Result<QHash<QString, QByteArray>>)> done);

VaultKey vaultKey(const Core& core, const QString& accountId, const QString& credentialId, const QString& field);

} // namespace pb
