#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Reads the keychain directly from the Secret Service with `secret-tool` (libsecret-tools), not
// through KeychainVault, so tests can prove what is (and is not) stored. Linux only; it needs
// the D-Bus session of the test command (see docs/KEYCHAIN.md).
namespace pb::test {

// One entry that QtKeychain stored for Patchbay (schema "org.qt.keychain", server "patchbay").
struct KeychainEntry {
    QString key;  // attribute "user": the VaultKey text
    QString type; // attribute "type": "base64" (binary data, as KeychainVault writes) or "plaintext"
};

// Whether secret-tool can talk to a Secret Service at all (false with no D-Bus session).
bool keychainReachable();

// Every Patchbay entry whose key starts with prefix, sorted by key.
QList<KeychainEntry> keychainEntries(const QString& prefix);
QStringList keychainKeys(const QString& prefix);
bool keychainContains(const QString& key);

// The secret bytes of an entry, decoded as QtKeychain encoded them (base64 for binary data);
// empty when there is no such entry.
QByteArray keychainSecret(const QString& key);
// The secret exactly as the Secret Service holds it, before any decoding.
QByteArray keychainRawSecret(const QString& key);

} // namespace pb::test
