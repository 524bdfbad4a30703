#include "platform/TokenService.h"

#include "core/Clock.h"
#include "core/Ids.h"
#include "platform/Json.h"
#include "platform/RoleScope.h"
#include "platform/TokenCache.h"
#include "storage/Workspace.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace pb {

namespace {

QString prefixFor(const QString& kind, const QString& resourceType)
{
    if (kind == QStringLiteral("refresh"))
        return QStringLiteral("pbr");
    return resourceType == QStringLiteral("integration") ? QStringLiteral("pbi") : QStringLiteral("pbo");
}

QString layerName(ApiLayer layer)
{
    switch (layer) {
    case ApiLayer::Management:
        return QStringLiteral("Management API");
    case ApiLayer::Connector:
        return QStringLiteral("Connector API");
    case ApiLayer::Refresh:
        return QStringLiteral("token refresh call");
    }
    return {};
}

Problem invalidToken(const QString& detail)
{
    return Problem(401, QStringLiteral("invalid_token"), QStringLiteral("The token is not valid."), detail,
                   QStringLiteral("Use the token exactly as it was issued, or issue a new one."))
        .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
}

Problem wrongKind(const QString& prefix, const QString& kind, ApiLayer layer)
{
    QString what;
    QString belongs;
    if (kind == QStringLiteral("refresh")) {
        what = QStringLiteral("a Refresh Token");
        belongs = QStringLiteral("it is only used with PUT /v1/tokens/{refreshTokenId}/refresh");
    } else if (prefix == QStringLiteral("pbi")) {
        what = QStringLiteral("an Integration Access Token");
        belongs = QStringLiteral("it belongs to the Connector API (/v1/ticketing, /v1/notifications, /v1/sink)");
    } else {
        what = QStringLiteral("an Organization Access Token");
        belongs = QStringLiteral("it belongs to the Management API");
    }
    const QString needs = layer == ApiLayer::Connector
                              ? QStringLiteral("the Connector API needs an Integration Access Token")
                              : layer == ApiLayer::Management
                                    ? QStringLiteral("the Management API needs an Organization Access Token")
                                    : QStringLiteral("a refresh needs that pair's Refresh Token");
    QString remediation = layer == ApiLayer::Connector
                              ? QStringLiteral("Issue one for the Integration with POST /v1/tokens/{accountId}/{integrationId}.")
                              : QStringLiteral("Authenticate with an Organization Access Token of a member.");
    return Problem(401, QStringLiteral("wrong_token_kind"),
                   QStringLiteral("This is %1; %2.").arg(what, needs),
                   QStringLiteral("The token was sent to the %1, but %2.").arg(layerName(layer), belongs), remediation)
        .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
}

} // namespace

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    // Length is not secret (both are hex SHA-256); the content comparison never exits early.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

TokenService::TokenService(Workspace& workspace, QString organizationId)
    : m_ws(workspace)
    , m_orgId(std::move(organizationId))
    , m_cache(std::make_unique<TokenCache>())
{
}

TokenService::~TokenService()
{
    m_cache->flush(m_ws);
}

void TokenService::clearCache()
{
    m_cache->clear();
}

void TokenService::flushUsage()
{
    m_cache->flush(m_ws);
}

int TokenService::cachedTokens() const
{
    return m_cache->size();
}

Result<TokenService::Issued> TokenService::insertToken(const QString& kind, const QString& resourceType,
                                                       const QVariantMap& scope, qint64 ttlSeconds,
                                                       const QString& refreshId, const QString& name)
{
    // 256 bits from the operating system's CSPRNG.
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(random.data()),
                                         reinterpret_cast<quint32*>(random.data() + random.size()));
    Issued issued;
    issued.id = newId();
    issued.secret = prefixFor(kind, resourceType) + QLatin1Char('_') + issued.id + QLatin1Char('_') +
                    QString::fromLatin1(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QDateTime now = nowUtc();
    issued.expires = now.addSecs(ttlSeconds);
    Row row{{QStringLiteral("id"), issued.id},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("token_hash"), sha256Hex(issued.secret.toUtf8())},
            {QStringLiteral("name"), name},
            {QStringLiteral("resource_type"), resourceType},
            {QStringLiteral("member_id"), json::optional(scope.value(QStringLiteral("member_id")).toString())},
            {QStringLiteral("account_id"), json::optional(scope.value(QStringLiteral("account_id")).toString())},
            {QStringLiteral("integration_id"), json::optional(scope.value(QStringLiteral("integration_id")).toString())},
            {QStringLiteral("refresh_id"), json::optional(refreshId)},
            {QStringLiteral("role"), json::optional(scope.value(QStringLiteral("role")).toString())},
            {QStringLiteral("ttl_seconds"), ttlSeconds},
            {QStringLiteral("expires_at"), toRfc3339(issued.expires)},
            {QStringLiteral("created_at"), toRfc3339(now)}};
    if (Status s = m_ws.insert(QStringLiteral("tokens"), row); !s)
        return s.problem();
    return issued;
}

QJsonObject TokenService::tokenJson(const Issued& issued, const QVariantMap& scope, const QString& resourceType) const
{
    QJsonObject permissions{{QStringLiteral("resource_type"), resourceType},
                            {QStringLiteral("organization_id"), m_orgId}};
    for (auto it = scope.cbegin(); it != scope.cend(); ++it)
        permissions.insert(it.key(), it.value().toString());
    permissions.insert(QStringLiteral("resource_id"), resourceType == QStringLiteral("integration")
                                                          ? scope.value(QStringLiteral("integration_id")).toString()
                                                          : m_orgId);
    return {{QStringLiteral("id"), issued.id},
            {QStringLiteral("secret"), issued.secret},
            {QStringLiteral("expires"), toRfc3339(issued.expires)},
            {QStringLiteral("permissions"), permissions}};
}

Result<QJsonObject> TokenService::issuePair(const QString& resourceType, const QVariantMap& scope, qint64 accessTtl,
                                            const QString& name)
{
    QJsonObject pair;
    Status s = m_ws.transaction([&]() -> Status {
        auto refresh = insertToken(QStringLiteral("refresh"), resourceType, scope, refreshSeconds, {}, name);
        if (!refresh)
            return refresh.problem();
        auto access = insertToken(QStringLiteral("access"), resourceType, scope, accessTtl, refresh->id, name);
        if (!access)
            return access.problem();
        pair = {{QStringLiteral("access"), tokenJson(*access, scope, resourceType)},
                {QStringLiteral("refresh"), tokenJson(*refresh, scope, resourceType)}};
        return {};
    });
    if (!s)
        return s.problem();
    return pair;
}

Result<QJsonObject> TokenService::issueOrganizationPair(const QString& memberId, RoleLevel role,
                                                        qint64 accessTtlSeconds, const QString& name)
{
    return issuePair(QStringLiteral("organization"),
                     {{QStringLiteral("member_id"), memberId}, {QStringLiteral("role"), roleName(role)}},
                     accessTtlSeconds, name);
}

Result<QJsonObject> TokenService::issueIntegrationPair(const QString& accountId, const QString& integrationId,
                                                       qint64 accessTtlSeconds, const QString& name)
{
    return issuePair(QStringLiteral("integration"),
                     {{QStringLiteral("account_id"), accountId}, {QStringLiteral("integration_id"), integrationId}},
                     accessTtlSeconds, name);
}

namespace {
QVariantMap scopeOf(const Row& row)
{
    QVariantMap scope;
    for (const char* key : {"member_id", "role", "account_id", "integration_id"}) {
        const QString k = QString::fromLatin1(key);
        if (!row.value(k).isNull() && !row.value(k).toString().isEmpty())
            scope.insert(k, row.value(k));
    }
    return scope;
}
} // namespace

Result<QJsonObject> TokenService::refresh(const QString& refreshId)
{
    auto row = m_ws.selectOne(QStringLiteral("SELECT * FROM tokens WHERE id = ? AND kind = 'refresh'"), {refreshId});
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::notFound(QStringLiteral("No such refresh token."), refreshId)
            .withParameter(QStringLiteral("refreshTokenId"), QStringLiteral("path"), refreshId);
    const Row& r = **row;
    if (!r.value(QStringLiteral("revoked_at")).isNull() ||
        parseRfc3339(r.value(QStringLiteral("expires_at")).toString()) <= nowUtc())
        return invalidToken(QStringLiteral("The refresh token was revoked or has expired; authenticate again."));
    const QVariantMap scope = scopeOf(r);
    const QString resourceType = r.value(QStringLiteral("resource_type")).toString();
    // The access TTL of the original pair is kept, so a refresh never lengthens it.
    auto lastAccess = m_ws.scalar(
        QStringLiteral("SELECT ttl_seconds FROM tokens WHERE refresh_id = ? ORDER BY created_at DESC"), {refreshId});
    const qint64 ttl = lastAccess && !lastAccess->isNull() ? lastAccess->toLongLong() : integrationDefaultSeconds;
    auto access = insertToken(QStringLiteral("access"), resourceType, scope, ttl, refreshId,
                              r.value(QStringLiteral("name")).toString());
    if (!access)
        return access.problem();
    QJsonObject refreshInfo = infoJson(r, m_orgId);
    return QJsonObject{{QStringLiteral("access"), tokenJson(*access, scope, resourceType)},
                       {QStringLiteral("refresh"), refreshInfo}};
}

Result<QJsonObject> TokenService::rotate(const QString& refreshId)
{
    auto row = m_ws.selectOne(QStringLiteral("SELECT * FROM tokens WHERE id = ? AND kind = 'refresh'"), {refreshId});
    if (!row)
        return row.problem();
    if (!row->has_value())
        return Problem::notFound(QStringLiteral("No such refresh token."), refreshId)
            .withParameter(QStringLiteral("refreshTokenId"), QStringLiteral("path"), refreshId);
    const Row& r = **row;
    auto lastAccess = m_ws.scalar(
        QStringLiteral("SELECT ttl_seconds FROM tokens WHERE refresh_id = ? ORDER BY created_at DESC"), {refreshId});
    const qint64 ttl = lastAccess && !lastAccess->isNull() ? lastAccess->toLongLong() : integrationDefaultSeconds;
    QJsonObject pair;
    Status s = m_ws.transaction([&]() -> Status {
        if (Status rs = revokePair(refreshId); !rs)
            return rs;
        auto issued = issuePair(r.value(QStringLiteral("resource_type")).toString(), scopeOf(r), ttl,
                                r.value(QStringLiteral("name")).toString());
        if (!issued)
            return issued.problem();
        pair = *issued;
        return {};
    });
    if (!s)
        return s.problem();
    return pair;
}

namespace {

Problem expiredToken(const QString& id, const QString& expiresText)
{
    return Problem(401, QStringLiteral("token_expired"), QStringLiteral("The token has expired."),
                   QStringLiteral("Token %1 expired at %2.").arg(id, expiresText),
                   QStringLiteral("Refresh it with its refresh token (PUT /v1/tokens/{refreshTokenId}/refresh) or issue a new one."))
        .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
}

// pbo_|pbi_|pbr_ + UUID (lower-case hex) + _ + 43 base64url characters. A hand-written check:
// this runs on every API call and a regular expression costs more than the rest of a cached check.
bool tokenShape(const QString& s)
{
    if (s.size() != 4 + 36 + 1 + 43 || s.at(3) != QLatin1Char('_') || s.at(40) != QLatin1Char('_'))
        return false;
    const QStringView p = QStringView(s).left(3);
    if (p != u"pbo" && p != u"pbi" && p != u"pbr")
        return false;
    for (int i = 0; i < 36; ++i) {
        const QChar c = s.at(4 + i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    for (int i = 41; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (!((c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
              (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('-')))
            return false;
    }
    return true;
}

} // namespace

Result<Caller> TokenService::authenticate(const QString& secret, ApiLayer layer)
{
    if (secret.isEmpty())
        return Problem(401, QStringLiteral("missing_token"), QStringLiteral("No token was given."),
                       QStringLiteral("Every API call needs \"Authorization: Bearer <token>\"."),
                       QStringLiteral("Pass a token (CLI: --token or PATCHBAY_TOKEN)."))
            .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
    if (!tokenShape(secret))
        return Problem(401, QStringLiteral("malformed_token"), QStringLiteral("The token is malformed."),
                       QStringLiteral("Patchbay tokens look like pbo_<id>_<secret>, pbi_… or pbr_…; this one does not."),
                       QStringLiteral("Check that the whole token was copied, without spaces or quotes."))
            .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
    const QString prefix = secret.left(3);
    const QString computed = sha256Hex(secret.toUtf8());

    TokenCache::Entry entry;
    if (const TokenCache::Entry* cached = m_cache->find(computed)) {
        entry = *cached;
    } else {
        const QString id = secret.mid(4, 36);
        auto c = authenticateUncached(secret, computed, prefix, id, &entry.expiresText, &entry.expiresMs);
        if (!c)
            return c.problem();
        entry.caller = *c;
        entry.prefix = prefix;
        m_cache->insert(computed, entry);
    }
    const Caller& c = entry.caller;
    // Expiry is never cached away: checked on every call against the clock.
    if (entry.expiresMs <= nowUtc().toMSecsSinceEpoch())
        return expiredToken(c.tokenId, entry.expiresText);
    const bool wantRefresh = layer == ApiLayer::Refresh;
    const bool isRefresh = c.kind == QStringLiteral("refresh");
    if (wantRefresh != isRefresh || (!isRefresh && (layer == ApiLayer::Connector) != (entry.prefix == QStringLiteral("pbi"))))
        return wrongKind(entry.prefix, c.kind, layer);
    m_cache->touch(m_ws, c.tokenId, c.memberId, !isRefresh);
    return c;
}

Result<Caller> TokenService::authenticateUncached(const QString& secret, const QString& computedHash, const QString& prefix,
                                                  const QString& id, QString* expiresText, qint64* expiresMs)
{
    Q_UNUSED(secret);
    auto found = m_ws.selectOne(QStringLiteral("SELECT * FROM tokens WHERE id = ?"), {id});
    if (!found)
        return found.problem();
    // Unknown id and wrong secret look alike to the caller.
    const QByteArray computed = computedHash.toLatin1();
    if (!found->has_value()) {
        constantTimeEquals(computed, computed);
        return invalidToken(QStringLiteral("No token with this id and secret exists in this workspace."));
    }
    const Row& row = **found;
    const bool hashOk = constantTimeEquals(computed, row.value(QStringLiteral("token_hash")).toString().toLatin1());
    const QString kind = row.value(QStringLiteral("kind")).toString();
    const QString resourceType = row.value(QStringLiteral("resource_type")).toString();
    if (!hashOk || prefix != prefixFor(kind, resourceType))
        return invalidToken(QStringLiteral("No token with this id and secret exists in this workspace."));
    if (!row.value(QStringLiteral("revoked_at")).isNull())
        return Problem(401, QStringLiteral("token_revoked"), QStringLiteral("The token was revoked."),
                       QStringLiteral("Token %1 was revoked at %2.").arg(id, row.value(QStringLiteral("revoked_at")).toString()),
                       QStringLiteral("Ask an administrator for a new token."))
            .withParameter(QStringLiteral("Authorization"), QStringLiteral("header"));
    *expiresText = row.value(QStringLiteral("expires_at")).toString();
    const QDateTime expires = parseRfc3339(*expiresText);
    *expiresMs = expires.isValid() ? expires.toMSecsSinceEpoch() : 0;
    if (*expiresMs <= nowUtc().toMSecsSinceEpoch())
        return expiredToken(id, *expiresText);

    const bool isRefresh = kind == QStringLiteral("refresh");
    Caller c;
    c.tokenId = id;
    c.kind = kind;
    c.resourceType = resourceType;
    c.refreshId = isRefresh ? id : row.value(QStringLiteral("refresh_id")).toString();
    c.accountId = row.value(QStringLiteral("account_id")).toString();
    c.integrationId = row.value(QStringLiteral("integration_id")).toString();
    c.memberId = row.value(QStringLiteral("member_id")).toString();
    if (resourceType == QStringLiteral("organization")) {
        auto member = m_ws.selectOne(QStringLiteral("SELECT state, role_binding FROM members WHERE id = ?"), {c.memberId});
        if (!member)
            return member.problem();
        if (!member->has_value())
            return invalidToken(QStringLiteral("The member this token was issued to no longer exists."));
        if ((*member)->value(QStringLiteral("state")).toString() != QStringLiteral("enabled"))
            return Problem(401, QStringLiteral("member_disabled"), QStringLiteral("The member of this token is disabled."),
                           c.memberId, QStringLiteral("Ask an administrator to enable the member."));
        // The highest bound role capped by the token's, plus any narrowing (RoleScope.h).
        auto roles = resolveRoleBindings(m_ws, json::array((*member)->value(QStringLiteral("role_binding"))),
                                         roleLevel(row.value(QStringLiteral("role")).toString()));
        if (!roles)
            return roles.problem();
        c.role = roles->level;
        c.scope = roles->scope;
    }
    return c;
}

Status TokenService::revokePair(const QString& refreshId)
{
    m_cache->clear();
    auto r = m_ws.exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE (id = ? OR refresh_id = ?) AND revoked_at IS NULL"),
                       {toRfc3339(nowUtc()), refreshId, refreshId});
    if (!r)
        return r.problem();
    return {};
}

Status TokenService::revokeIntegrationTokens(const QString& integrationId)
{
    m_cache->clear();
    auto r = m_ws.exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE integration_id = ? AND revoked_at IS NULL"),
                       {toRfc3339(nowUtc()), integrationId});
    if (!r)
        return r.problem();
    return {};
}

Status TokenService::revokeMemberTokens(const QString& memberId)
{
    m_cache->clear();
    auto r = m_ws.exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL"),
                       {toRfc3339(nowUtc()), memberId});
    if (!r)
        return r.problem();
    return {};
}

QJsonObject TokenService::infoJson(const QVariantMap& row, const QString& organizationId)
{
    const QString resourceType = row.value(QStringLiteral("resource_type")).toString();
    QJsonObject permissions{{QStringLiteral("resource_type"), resourceType},
                            {QStringLiteral("organization_id"), organizationId}};
    for (const char* key : {"member_id", "role", "account_id", "integration_id"}) {
        const QString k = QString::fromLatin1(key);
        if (!row.value(k).isNull() && !row.value(k).toString().isEmpty())
            permissions.insert(k, row.value(k).toString());
    }
    permissions.insert(QStringLiteral("resource_id"), resourceType == QStringLiteral("integration")
                                                          ? row.value(QStringLiteral("integration_id")).toString()
                                                          : organizationId);
    return {{QStringLiteral("id"), row.value(QStringLiteral("id")).toString()},
            {QStringLiteral("name"), row.value(QStringLiteral("name")).toString()},
            {QStringLiteral("kind"), row.value(QStringLiteral("kind")).toString()},
            {QStringLiteral("refresh_token_id"), json::column(row.value(QStringLiteral("refresh_id")))},
            {QStringLiteral("expires"), row.value(QStringLiteral("expires_at")).toString()},
            {QStringLiteral("created_at"), row.value(QStringLiteral("created_at")).toString()},
            {QStringLiteral("last_used_at"), json::column(row.value(QStringLiteral("last_used_at")))},
            {QStringLiteral("revoked_at"), json::column(row.value(QStringLiteral("revoked_at")))},
            {QStringLiteral("permissions"), permissions}};
}

} // namespace pb
