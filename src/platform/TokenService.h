#pragma once

#include "core/Result.h"
#include "platform/Roles.h"

#include <memory>

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace pb {

class Workspace;
class TokenCache;
class RoleScope;

// Which API layer a request is for; tokens are accepted by exactly one of them.
enum class ApiLayer { Management, Connector, Refresh };

// The authenticated caller of one request.
struct Caller {
    QString tokenId;
    QString resourceType; // organization | integration
    QString kind;         // access | refresh
    QString memberId;
    RoleLevel role = RoleLevel::None; // effective: the token's role capped by the member's current one
    QString accountId;     // integration tokens
    QString integrationId; // integration tokens
    QString refreshId;     // the refresh token an access token belongs to
    // Set only when the member's roles narrow it to some Accounts or connector categories
    // (RoleScope.h); cached with the rest, and dropped with the cache on any role or member write.
    std::shared_ptr<const RoleScope> scope;
};

// Issues, checks, refreshes and revokes tokens. Secrets look like pbo_<id>_<43 base64url chars>
// (pbo_ organization access, pbi_ integration access, pbr_ refresh); only their SHA-256 is stored.
class TokenService final {
public:
    TokenService(Workspace& workspace, QString organizationId);
    ~TokenService(); // writes the last uses still kept in memory
    TokenService(const TokenService&) = delete;
    TokenService& operator=(const TokenService&) = delete;

    static constexpr qint64 personalAccessMaxSeconds = 24 * 3600;
    static constexpr qint64 serviceAccessMaxSeconds = 90LL * 24 * 3600;
    static constexpr qint64 refreshSeconds = 30LL * 24 * 3600;
    static constexpr qint64 integrationDefaultSeconds = 600;
    static constexpr qint64 integrationMaxSeconds = 24 * 3600;

    // An organization access + refresh pair for a member; role narrows (never widens) the member's.
    Result<QJsonObject> issueOrganizationPair(const QString& memberId, RoleLevel role, qint64 accessTtlSeconds,
                                              const QString& name);
    // An integration access + refresh pair; the TTL is already capped by the caller (policy).
    Result<QJsonObject> issueIntegrationPair(const QString& accountId, const QString& integrationId,
                                             qint64 accessTtlSeconds, const QString& name);
    // A new access token for an existing refresh token ({access, refresh(no secret)}).
    Result<QJsonObject> refresh(const QString& refreshId);
    // Replaces a refresh token (and its access tokens) by a new pair.
    Result<QJsonObject> rotate(const QString& refreshId);

    Result<Caller> authenticate(const QString& secret, ApiLayer layer);

    // Revokes a refresh token together with every access token issued from it.
    Status revokePair(const QString& refreshId);
    Status revokeIntegrationTokens(const QString& integrationId);
    Status revokeMemberTokens(const QString& memberId);

    // Forgets every validated token (the next call of each re-reads tokens, members and roles).
    // Platform calls it after every Management API write and whenever another connection wrote.
    void clearCache();
    // Writes the last-use times (tokens.last_used_at, members.last_logon) kept in memory.
    void flushUsage();
    int cachedTokens() const;

    // The public JSON of a stored token row (never a secret or hash).
    static QJsonObject infoJson(const QVariantMap& row, const QString& organizationId);

private:
    struct Issued {
        QString id;
        QString secret;
        QDateTime expires;
    };
    Result<Issued> insertToken(const QString& kind, const QString& resourceType, const QVariantMap& scope,
                               qint64 ttlSeconds, const QString& refreshId, const QString& name);
    QJsonObject tokenJson(const Issued& issued, const QVariantMap& scope, const QString& resourceType) const;
    Result<QJsonObject> issuePair(const QString& resourceType, const QVariantMap& scope, qint64 accessTtl,
                                  const QString& name);

    Result<Caller> authenticateUncached(const QString& secret, const QString& computedHash, const QString& prefix,
                                        const QString& id, QString* expiresText, qint64* expiresMs);

    Workspace& m_ws;
    QString m_orgId;
    std::unique_ptr<TokenCache> m_cache;
};

QString sha256Hex(const QByteArray& data);
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace pb
