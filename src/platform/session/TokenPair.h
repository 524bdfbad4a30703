#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace pb {

// Reads the TokenPair shape of PLATFORM-API.md ({access: Token, refresh: Token}) without copying
// secrets anywhere but into the returned strings. A pasted bare access secret is a pair without
// a refresh half.
struct TokenPair {
    QString accessSecret;
    QDateTime accessExpires;
    QString refreshSecret;
    QDateTime refreshExpires;
    QString refreshTokenId; // the id PUT /v1/tokens/{id}/refresh takes
    QString memberId;
    QString organizationId;

    bool isValid() const { return !accessSecret.isEmpty(); }
    bool canRefresh() const { return !refreshSecret.isEmpty() && !refreshTokenId.isEmpty(); }

    static TokenPair fromJson(const QJsonObject& pair);
    // The keychain form (secrets included: only ever written to the keychain).
    QJsonObject toJson() const;
};

} // namespace pb
