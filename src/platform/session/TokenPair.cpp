#include "platform/session/TokenPair.h"

#include "core/Clock.h"

using namespace Qt::StringLiterals;

namespace pb {

namespace {
QString firstString(const QJsonObject& obj, std::initializer_list<const char16_t*> keys)
{
    for (const char16_t* key : keys) {
        const QString value = obj.value(QString::fromUtf16(key)).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}
} // namespace

TokenPair TokenPair::fromJson(const QJsonObject& pair)
{
    TokenPair out;
    const QJsonObject access = pair.value(u"access").toObject();
    const QJsonObject refresh = pair.value(u"refresh").toObject();
    const QJsonObject permissions = access.value(u"permissions").toObject();
    out.accessSecret = access.value(u"secret").toString();
    out.accessExpires = parseRfc3339(access.value(u"expires").toString());
    out.refreshSecret = refresh.value(u"secret").toString();
    out.refreshExpires = parseRfc3339(refresh.value(u"expires").toString());
    // The refresh token's id travels in different places depending on who answered: the pair
    // itself (Synqly's RefreshToken), the refresh half, or the permissions of the access half.
    out.refreshTokenId = firstString(pair, {u"refresh_token_id", u"id"});
    if (out.refreshTokenId.isEmpty())
        out.refreshTokenId = firstString(refresh, {u"id", u"token_id"});
    if (out.refreshTokenId.isEmpty())
        out.refreshTokenId = firstString(permissions, {u"refresh_token_id", u"token_id"});
    out.memberId = firstString(pair, {u"member_id"});
    if (out.memberId.isEmpty())
        out.memberId = firstString(permissions, {u"member_id"});
    out.organizationId = firstString(permissions, {u"organization_id"});
    return out;
}

QJsonObject TokenPair::toJson() const
{
    QJsonObject permissions{{u"member_id"_s, memberId}, {u"organization_id"_s, organizationId}};
    QJsonObject access{{u"secret"_s, accessSecret}, {u"expires"_s, toRfc3339(accessExpires)},
                       {u"permissions"_s, permissions}};
    QJsonObject out{{u"access"_s, access}, {u"refresh_token_id"_s, refreshTokenId}, {u"member_id"_s, memberId}};
    if (!refreshSecret.isEmpty())
        out.insert(u"refresh"_s, QJsonObject{{u"secret"_s, refreshSecret}, {u"expires"_s, toRfc3339(refreshExpires)}});
    return out;
}

} // namespace pb
