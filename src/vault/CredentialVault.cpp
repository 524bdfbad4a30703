#include "vault/CredentialVault.h"

#include <QStringBuilder>

namespace pb {

namespace {

const QString kPrefix = QStringLiteral("patchbay");
const QString kNoAccount = QStringLiteral("-");
constexpr QChar kSeparator = QLatin1Char('/');

Problem invalidKey(const QString& message, const QString& text) {
    Problem p(
        400, QStringLiteral("invalid_vault_key"), message,
        QStringLiteral("Keychain key '") % text % QStringLiteral("'"),
        QStringLiteral("Keys have the form patchbay/<workspaceId>/<accountId or '-'>/<credentialId>/<field>; "
                       "no part may be empty or contain '/'."));
    p.withParameter(QStringLiteral("key"), QStringLiteral("body"), text);
    return p;
}

// One part of a key: non-empty and free of the separator, so that toString() and parse() are
// exact inverses and two different keys can never format to the same text.
bool isValidPart(const QString& part) {
    return !part.isEmpty() && !part.contains(kSeparator) && part.trimmed() == part;
}

} // namespace

QString VaultKey::toString() const {
    return kPrefix % kSeparator % workspaceId % kSeparator % (accountId.isEmpty() ? kNoAccount : accountId) %
           kSeparator % credentialId % kSeparator % field;
}

Status VaultKey::validate() const {
    const QString text = toString();
    if (!isValidPart(workspaceId))
        return invalidKey(QStringLiteral("The keychain key has no valid workspace id"), text);
    if (!accountId.isEmpty() && (!isValidPart(accountId) || accountId == kNoAccount))
        return invalidKey(QStringLiteral("The keychain key has an invalid account id"), text);
    if (!isValidPart(credentialId))
        return invalidKey(QStringLiteral("The keychain key has no valid credential id"), text);
    if (!isValidPart(field))
        return invalidKey(QStringLiteral("The keychain key has no valid field name"), text);
    return {};
}

Result<VaultKey> VaultKey::parse(const QString& text) {
    const QStringList parts = text.split(kSeparator);
    if (parts.size() != 5 || parts.at(0) != kPrefix)
        return invalidKey(QStringLiteral("Not a Patchbay keychain key"), text);
    VaultKey key{parts.at(1), parts.at(2) == kNoAccount ? QString() : parts.at(2), parts.at(3), parts.at(4)};
    if (parts.at(2).isEmpty())
        return invalidKey(QStringLiteral("The keychain key has an invalid account id"), text);
    if (Status s = key.validate(); !s)
        return s.problem();
    return key;
}

} // namespace pb
