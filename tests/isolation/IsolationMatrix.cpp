#include "IsolationMatrix.h"

#include "catalog/Catalog.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

namespace {

const QList<int> kForbidden{403};
const QList<int> kUnauthenticated{401};
const QList<int> kNotYours{400, 403, 404};

// Every Management route, classified. Routes with two ids (a parent and a child) get their
// cross-account cases in crossAccountAttempts(); the others name why no id of another Account
// can be given to them (Organization-wide objects, or a single id that the role and layer
// categories cover). A route the router has and this list lacks fails the test.
const QSet<QString> kClassified{
    // Organization-wide (no Account in the path): role and token-kind categories only.
    u"GET /v1/organization"_s, u"PUT /v1/organization"_s, u"PATCH /v1/organization"_s,
    u"GET /v1/members"_s, u"POST /v1/members"_s, u"GET /v1/members/{memberId}"_s, u"PUT /v1/members/{memberId}"_s,
    u"PATCH /v1/members/{memberId}"_s, u"DELETE /v1/members/{memberId}"_s,
    u"GET /v1/roles"_s, u"POST /v1/roles"_s, u"GET /v1/roles/{roleId}"_s, u"PUT /v1/roles/{roleId}"_s,
    u"PATCH /v1/roles/{roleId}"_s, u"DELETE /v1/roles/{roleId}"_s,
    u"GET /v1/accounts"_s, u"POST /v1/accounts"_s, u"GET /v1/accounts/{accountId}"_s, u"PUT /v1/accounts/{accountId}"_s,
    u"PATCH /v1/accounts/{accountId}"_s, u"DELETE /v1/accounts/{accountId}"_s,
    u"GET /v1/integration-points"_s, u"POST /v1/integration-points"_s, u"GET /v1/integration-points/{integrationPointId}"_s,
    u"PUT /v1/integration-points/{integrationPointId}"_s, u"PATCH /v1/integration-points/{integrationPointId}"_s,
    u"DELETE /v1/integration-points/{integrationPointId}"_s, u"POST /v1/integration-points/{integrationPointId}/preview"_s,
    u"POST /v1/integration-points/preview"_s,
    u"GET /v1/integrations"_s, u"GET /v1/integrations/{accountId}"_s,
    u"GET /v1/credentials"_s, u"GET /v1/credentials/{ownerId}"_s, u"POST /v1/credentials/{ownerId}"_s,
    u"GET /v1/tokens"_s, u"POST /v1/tokens"_s, u"GET /v1/tokens/{refreshTokenId}/info"_s, u"DELETE /v1/tokens/{refreshTokenId}"_s,
    u"GET /v1/audit/organizations"_s, u"GET /v1/audit/access-log"_s, u"GET /v1/audit/verify"_s,
    u"GET /v1/capabilities/connectors"_s, u"GET /v1/capabilities/connectors/{connectorId}"_s,
    u"GET /v1/capabilities/providers"_s, u"GET /v1/capabilities/providers/{providerId}"_s,
    u"GET /v1/status"_s, u"GET /v1/export"_s, u"POST /v1/import"_s,
    u"GET /v1/vault/reconcile"_s, u"POST /v1/vault/reconcile"_s, u"GET /v1/search"_s,
    // Parent + child ids: cross-account cases below.
    u"POST /v1/integrations/{accountId}"_s, u"POST /v1/integrations/{accountId}/verify"_s,
    u"GET /v1/integrations/{accountId}/{integrationId}"_s, u"PUT /v1/integrations/{accountId}/{integrationId}"_s,
    u"PATCH /v1/integrations/{accountId}/{integrationId}"_s, u"DELETE /v1/integrations/{accountId}/{integrationId}"_s,
    u"GET /v1/accounts/{accountId}/end-users"_s, u"POST /v1/accounts/{accountId}/end-users"_s,
    u"GET /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"PUT /v1/accounts/{accountId}/end-users/{endUserId}"_s,
    u"PATCH /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"DELETE /v1/accounts/{accountId}/end-users/{endUserId}"_s,
    u"GET /v1/credentials/{ownerId}/{credentialId}"_s, u"PUT /v1/credentials/{ownerId}/{credentialId}"_s,
    u"PATCH /v1/credentials/{ownerId}/{credentialId}"_s, u"DELETE /v1/credentials/{ownerId}/{credentialId}"_s,
    u"GET /v1/credentials/{ownerId}/{credentialId}/reveal"_s,
    u"GET /v1/status/{accountId}/{integrationId}"_s, u"GET /v1/status/{accountId}/{integrationId}/events"_s,
    u"POST /v1/tokens/{accountId}/{integrationId}"_s, u"PUT /v1/tokens/{refreshTokenId}/refresh"_s,
    u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/rotate"_s, u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/reset"_s,
};

const QStringList kKnownParameters{u"accountId"_s, u"integrationId"_s, u"memberId"_s, u"roleId"_s, u"endUserId"_s,
                                   u"integrationPointId"_s, u"ownerId"_s, u"credentialId"_s, u"refreshTokenId"_s,
                                   u"tokenId"_s, u"connectorId"_s, u"providerId"_s};

QString key(const QByteArray& method, const QString& pattern)
{
    return QString::fromLatin1(method) + u' ' + pattern;
}

QStringList parametersOf(const QString& pattern)
{
    static const QRegularExpression re(u"\\{([A-Za-z]+)\\}"_s);
    QStringList out;
    for (auto it = re.globalMatch(pattern); it.hasNext();)
        out.append(it.next().captured(1));
    return out;
}

QJsonArray replaceFullname()
{
    return QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/fullname"_s}, {u"value"_s, u"Intruder"_s}}};
}

} // namespace

IsolationMatrix::IsolationMatrix(IsolationWorld& world)
    : m_w(world)
{
}

QStringList IsolationMatrix::categories()
{
    return {u"weaker-role"_s, u"integration-token-on-management"_s, u"no-token"_s, u"cross-account-ids"_s,
            u"org-token-on-connector"_s, u"other-integration-token"_s, u"wrong-connector-token"_s, u"narrowed-role"_s};
}

QStringList IsolationMatrix::unclassifiedRoutes(const QList<Platform::RouteInfo>& routes) const
{
    QStringList out;
    for (const auto& r : routes)
        if (!kClassified.contains(key(r.method, r.pattern)))
            out.append(key(r.method, r.pattern));
    return out;
}

QStringList IsolationMatrix::unknownParameters(const QList<Platform::RouteInfo>& routes) const
{
    QStringList out;
    for (const auto& r : routes)
        for (const QString& p : parametersOf(r.pattern))
            if (!kKnownParameters.contains(p))
                out.append(key(r.method, r.pattern) + u" {"_s + p + u'}');
    return out;
}

// The ids of Account A's objects (a valid target, so a refusal is the role's or the token's).
QString IsolationMatrix::fill(const QString& pattern) const
{
    const Tenant& a = m_w.a;
    const bool tokens = pattern.startsWith(u"/v1/tokens/"_s);
    QString out = pattern;
    const QHash<QString, QString> values{
        {u"accountId"_s, a.accountId},
        {u"integrationId"_s, a.integrationId.value(u"ticketing"_s)},
        {u"memberId"_s, m_w.viewerId},
        {u"roleId"_s, u"auditor"_s},
        {u"endUserId"_s, a.endUserId},
        {u"integrationPointId"_s, m_w.pointId},
        {u"ownerId"_s, tokens ? a.integrationId.value(u"ticketing"_s) : a.accountId},
        {u"credentialId"_s, a.credentialId},
        {u"refreshTokenId"_s, a.refreshId.value(u"ticketing"_s)},
        {u"tokenId"_s, a.refreshId.value(u"ticketing"_s)},
        {u"connectorId"_s, u"ticketing"_s},
        {u"providerId"_s, u"ticketing_jira"_s},
    };
    for (const QString& p : parametersOf(pattern))
        out.replace(u'{' + p + u'}', values.value(p, u"unknown"_s));
    return out;
}

// Plausible bodies, so a refusal cannot come from a body the handler would reject anyway.
QJsonValue IsolationMatrix::bodyFor(const QByteArray& method, const QString& pattern) const
{
    if (method == "PATCH")
        return replaceFullname();
    if (method != "POST" && method != "PUT")
        return QJsonValue(QJsonValue::Undefined);
    const QString resource = pattern.section(u'/', 2, 2);
    if (pattern.contains(u"end-users"_s))
        return QJsonObject{{u"fullname"_s, u"Intruder"_s}, {u"email"_s, u"intruder@example.test"_s}};
    if (resource == u"accounts"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s}, {u"environment"_s, u"test"_s}};
    if (resource == u"members"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s}, {u"role_binding"_s, QJsonArray{u"administrator"_s}}};
    if (resource == u"roles"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s}, {u"permission_set"_s, u"administrator"_s}};
    if (resource == u"organization"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s}};
    if (resource == u"integration-points"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s},
                           {u"connector"_s, u"ticketing"_s},
                           {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}}};
    if (resource == u"integrations"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s},
                           {u"provider_config"_s, QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                                              {u"url"_s, u"https://a.example.test/jira"_s},
                                                              {u"credential"_s, m_w.a.credentialName}}}};
    if (resource == u"credentials"_s)
        return QJsonObject{{u"fullname"_s, u"Intruder"_s},
                           {u"config"_s, QJsonObject{{u"type"_s, u"basic"_s}, {u"username"_s, u"x"_s}, {u"secret"_s, u"INTRUDER"_s}}}};
    if (resource == u"tokens"_s)
        return QJsonObject{{u"token_ttl"_s, 600}, {u"permissions"_s, QJsonObject{{u"role"_s, u"administrator"_s}}}};
    if (resource == u"import"_s)
        return QJsonObject{{u"format"_s, u"patchbay-export"_s},
                           {u"version"_s, 1},
                           {u"accounts"_s, QJsonArray{QJsonObject{{u"fullname"_s, u"Intruder"_s}}}}};
    return QJsonObject{};
}

ApiRequest IsolationMatrix::request(const QByteArray& method, const QString& pattern, const QString& token) const
{
    ApiRequest r;
    r.method = method;
    r.path = fill(pattern);
    r.body = bodyFor(method, pattern);
    r.token = token;
    return r;
}

QList<Attempt> IsolationMatrix::managementAttempts(const QList<Platform::RouteInfo>& routes) const
{
    QList<Attempt> out;
    const QList<std::pair<QString, QString>> integrationTokens{
        {u"A's Integration token"_s, m_w.a.token.value(u"ticketing"_s)},
        {u"B's Integration token"_s, m_w.b.token.value(u"ticketing"_s)},
        {u"B's notifications Integration token"_s, m_w.b.token.value(u"notifications"_s)},
    };
    for (const auto& route : routes) {
        const QString k = key(route.method, route.pattern);
        // Every weaker role against every write the role does not allow.
        QList<std::pair<QString, QString>> weaker;
        if (route.access != u"read"_s)
            weaker = {{u"viewer"_s, m_w.viewerToken}, {u"custom role (viewer set)"_s, m_w.auditorToken}};
        if (route.access == u"administer"_s || route.access == u"refresh"_s)
            weaker.append({u"member"_s, m_w.memberToken});
        for (const auto& [who, token] : weaker)
            out.append({u"weaker-role"_s, k, who, request(route.method, route.pattern, token), kForbidden});
        // Tokens of the other API layer (and a refresh token outside the refresh route).
        for (const auto& [who, token] : integrationTokens)
            out.append({u"integration-token-on-management"_s, k, who, request(route.method, route.pattern, token), kUnauthenticated});
        if (route.access != u"refresh"_s)
            out.append({u"integration-token-on-management"_s, k, u"A's Integration refresh token"_s,
                        request(route.method, route.pattern, m_w.a.refreshSecret.value(u"ticketing"_s)), kUnauthenticated});
        out.append({u"no-token"_s, k, u"no token"_s, request(route.method, route.pattern, QString()), kUnauthenticated});
    }
    // Members act on their own organization tokens and integration tokens only; roles only narrow.
    const QString adminMember = m_w.ws().adminMemberId();
    out.append({u"weaker-role"_s, u"DELETE /v1/tokens/{refreshTokenId}"_s, u"member revokes the administrator's tokens"_s,
                ApiRequest::del(u"/v1/tokens/"_s + m_w.adminRefreshId, m_w.memberToken), {403, 404}});
    out.append({u"weaker-role"_s, u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/rotate"_s, u"member rotates the administrator's tokens"_s,
                ApiRequest::put(u"/v1/tokens/"_s + adminMember + u'/' + m_w.adminRefreshId + u"/rotate"_s, QJsonObject{}, m_w.memberToken),
                {403, 404}});
    out.append({u"weaker-role"_s, u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/reset"_s, u"member resets the administrator's tokens"_s,
                ApiRequest::put(u"/v1/tokens/"_s + adminMember + u'/' + m_w.adminRefreshId + u"/reset"_s, QJsonObject{}, m_w.memberToken),
                {403, 404}});
    out.append({u"weaker-role"_s, u"POST /v1/tokens"_s, u"member widens its own token to administrator"_s,
                ApiRequest::post(u"/v1/tokens"_s, QJsonObject{{u"permissions"_s, QJsonObject{{u"role"_s, u"administrator"_s}}}},
                                 m_w.memberToken),
                kForbidden});
    out.append({u"weaker-role"_s, u"POST /v1/tokens"_s, u"viewer-set custom role widens to member"_s,
                ApiRequest::post(u"/v1/tokens"_s, QJsonObject{{u"permissions"_s, QJsonObject{{u"role"_s, u"member"_s}}}},
                                 m_w.auditorToken),
                kForbidden});
    return out;
}

QList<Attempt> IsolationMatrix::narrowedRoleAttempts(const QList<Platform::RouteInfo>& routes) const
{
    // Parameters fill() sets to an object of A (or to something under A).
    static const QStringList ofA{u"accountId"_s, u"integrationId"_s, u"endUserId"_s, u"ownerId"_s,
                                 u"credentialId"_s, u"refreshTokenId"_s, u"tokenId"_s};
    const QList<std::pair<QString, QString>> narrowed{{u"member narrowed to B"_s, m_w.narrowedMemberToken},
                                                      {u"administrator narrowed to B"_s, m_w.narrowedAdminToken}};
    QList<Attempt> out;
    for (const auto& route : routes) {
        const QStringList params = parametersOf(route.pattern);
        if (std::none_of(params.begin(), params.end(), [](const QString& p) { return ofA.contains(p); }))
            continue;
        for (const auto& [who, token] : narrowed)
            out.append({u"narrowed-role"_s, key(route.method, route.pattern), who, request(route.method, route.pattern, token),
                        {403, 404}});
    }
    // Creating an Account the narrowing does not cover, and whole-organization operations.
    for (const auto& [who, token] : narrowed) {
        out.append({u"narrowed-role"_s, u"POST /v1/accounts"_s, who + u": a new Account"_s,
                    request("POST", u"/v1/accounts"_s, token), kForbidden});
        out.append({u"narrowed-role"_s, u"GET /v1/export"_s, who, request("GET", u"/v1/export"_s, token), kForbidden});
        out.append({u"narrowed-role"_s, u"POST /v1/import"_s, who, request("POST", u"/v1/import"_s, token), kForbidden});
        // Members and roles would let it widen its own reach.
        for (const QString& pattern : {u"/v1/members"_s, u"/v1/roles"_s})
            out.append({u"narrowed-role"_s, u"POST "_s + pattern, who, request("POST", pattern, token), kForbidden});
        out.append({u"narrowed-role"_s, u"PUT /v1/roles/{roleId}"_s, who + u": its own role"_s,
                    request("PUT", u"/v1/roles/only-b-administrator"_s, token), kForbidden});
        out.append({u"narrowed-role"_s, u"POST /v1/vault/reconcile"_s, who, request("POST", u"/v1/vault/reconcile"_s, token),
                    kForbidden});
    }
    return out;
}

QList<Attempt> IsolationMatrix::crossAccountAttempts() const
{
    const Tenant& a = m_w.a;
    const Tenant& b = m_w.b;
    QList<Attempt> out;
    auto add = [&](const QString& route, const QString& label, ApiRequest r) {
        for (const auto& [who, token] : {std::pair{u"admin"_s, m_w.adminToken}, std::pair{u"member"_s, m_w.memberToken}}) {
            if (who == u"member"_s && route.contains(u"/reveal"_s))
                continue; // members are refused reveals by role already
            ApiRequest copy = r;
            copy.token = token;
            out.append({u"cross-account-ids"_s, route, who + u": "_s + label, copy, kNotYours});
        }
    };
    const QString intA = a.integrationId.value(u"ticketing"_s);
    // Every B object reached through A's path, for each child route.
    for (const QString& connector : {u"ticketing"_s, u"notifications"_s, u"sink"_s}) {
        const QString intB = b.integrationId.value(connector);
        const QString base = u"/v1/integrations/"_s + a.accountId + u'/' + intB;
        add(u"GET /v1/integrations/{accountId}/{integrationId}"_s, u"A/B's "_s + connector, ApiRequest::get(base));
        add(u"PUT /v1/integrations/{accountId}/{integrationId}"_s, u"A/B's "_s + connector,
            ApiRequest::put(base, bodyFor("PUT", u"/v1/integrations/x/y"_s)));
        add(u"PATCH /v1/integrations/{accountId}/{integrationId}"_s, u"A/B's "_s + connector, ApiRequest::patch(base, replaceFullname()));
        add(u"DELETE /v1/integrations/{accountId}/{integrationId}"_s, u"A/B's "_s + connector, ApiRequest::del(base));
        add(u"GET /v1/status/{accountId}/{integrationId}"_s, u"A/B's "_s + connector,
            ApiRequest::get(u"/v1/status/"_s + a.accountId + u'/' + intB));
        add(u"GET /v1/status/{accountId}/{integrationId}/events"_s, u"A/B's "_s + connector,
            ApiRequest::get(u"/v1/status/"_s + a.accountId + u'/' + intB + u"/events"_s));
        add(u"POST /v1/tokens/{accountId}/{integrationId}"_s, u"token for A/B's "_s + connector,
            ApiRequest::post(u"/v1/tokens/"_s + a.accountId + u'/' + intB, QJsonObject{}));
        // By name too: names are unique per Account only.
        add(u"GET /v1/integrations/{accountId}/{integrationId}"_s, u"A/B's name "_s + connector,
            ApiRequest::get(u"/v1/integrations/"_s + a.accountId + u'/' + b.integrationName.value(connector)));
        for (const QString& op : {u"rotate"_s, u"reset"_s}) {
            add(u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/"_s + op, op + u" B's token under A's Integration"_s,
                ApiRequest::put(u"/v1/tokens/"_s + intA + u'/' + b.refreshId.value(connector) + u'/' + op, QJsonObject{}));
            add(u"PUT /v1/tokens/{ownerId}/{refreshTokenId}/"_s + op, op + u" B's token under Account A"_s,
                ApiRequest::put(u"/v1/tokens/"_s + a.accountId + u'/' + b.refreshId.value(connector) + u'/' + op, QJsonObject{}));
        }
    }
    // End Users of B under A.
    const QString eu = u"/v1/accounts/"_s + a.accountId + u"/end-users/"_s + b.endUserId;
    add(u"GET /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"A/B's end user"_s, ApiRequest::get(eu));
    add(u"PUT /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"A/B's end user"_s,
        ApiRequest::put(eu, bodyFor("PUT", u"/v1/accounts/x/end-users/y"_s)));
    add(u"PATCH /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"A/B's end user"_s, ApiRequest::patch(eu, replaceFullname()));
    add(u"DELETE /v1/accounts/{accountId}/end-users/{endUserId}"_s, u"A/B's end user"_s, ApiRequest::del(eu));
    // Credentials of B (Account-owned and Integration-owned) under A and under A's Integration.
    for (const QString& owner : {a.accountId, a.accountName, intA}) {
        for (const QString& credential : {b.credentialId, b.credentialName, b.ownedCredentialId}) {
            const QString base = u"/v1/credentials/"_s + owner + u'/' + credential;
            const QString what = u"B's credential under "_s + (owner == intA ? u"A's Integration"_s : u"Account A"_s);
            add(u"GET /v1/credentials/{ownerId}/{credentialId}"_s, what, ApiRequest::get(base));
            add(u"GET /v1/credentials/{ownerId}/{credentialId}/reveal"_s, what, ApiRequest::get(base + u"/reveal"_s));
            add(u"PUT /v1/credentials/{ownerId}/{credentialId}"_s, what, ApiRequest::put(base, bodyFor("PUT", u"/v1/credentials/x"_s)));
            add(u"PATCH /v1/credentials/{ownerId}/{credentialId}"_s, what, ApiRequest::patch(base, replaceFullname()));
            add(u"DELETE /v1/credentials/{ownerId}/{credentialId}"_s, what, ApiRequest::del(base));
        }
    }
    // An Integration of A that would use B's credential (by id, by name, as an object).
    for (const QJsonValue& ref : {QJsonValue(b.credentialId), QJsonValue(QJsonObject{{u"id"_s, b.credentialId}}),
                                  QJsonValue(b.ownedCredentialId)}) {
        QJsonObject body = bodyFor("POST", u"/v1/integrations/x"_s).toObject();
        QJsonObject config = body.value(u"provider_config"_s).toObject();
        config.insert(u"credential"_s, ref);
        body.insert(u"provider_config"_s, config);
        add(u"POST /v1/integrations/{accountId}"_s, u"A's new Integration with B's credential"_s,
            ApiRequest::post(u"/v1/integrations/"_s + a.accountId, body));
        add(u"POST /v1/integrations/{accountId}/verify"_s, u"verify with B's credential"_s,
            ApiRequest::post(u"/v1/integrations/"_s + a.accountId + u"/verify"_s, body));
        add(u"PUT /v1/integrations/{accountId}/{integrationId}"_s, u"A's Integration switched to B's credential"_s,
            ApiRequest::put(u"/v1/integrations/"_s + a.accountId + u'/' + intA, body));
        add(u"PATCH /v1/integrations/{accountId}/{integrationId}"_s, u"A's Integration patched to B's credential"_s,
            ApiRequest::patch(u"/v1/integrations/"_s + a.accountId + u'/' + intA,
                              QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/provider_config/credential"_s}, {u"value"_s, ref}}}));
    }
    // A's refresh token refreshing B's.
    ApiRequest refresh = ApiRequest::put(u"/v1/tokens/"_s + b.refreshId.value(u"ticketing"_s) + u"/refresh"_s, QJsonObject{});
    refresh.token = a.refreshSecret.value(u"ticketing"_s);
    out.append({u"cross-account-ids"_s, u"PUT /v1/tokens/{refreshTokenId}/refresh"_s, u"A's refresh token on B's refresh id"_s,
                refresh, {401, 403, 404}});
    // The list routes never show B's objects under A (checked by the test on the answer).
    return out;
}

QList<Attempt> IsolationMatrix::connectorAttempts() const
{
    // B's tokens against A's objects, and the other way round.
    return connectorAttempts(m_w.a, m_w.b, true) + connectorAttempts(m_w.b, m_w.a, false);
}

// `a` is the victim, `b` the other Account whose tokens try to reach it.
QList<Attempt> IsolationMatrix::connectorAttempts(const Tenant& a, const Tenant& b, bool withOrganizationTokens) const
{
    QList<Attempt> out;
    for (const ConnectorSpec& connector : Catalog::builtin().connectors()) {
        for (const OperationSpec& op : connector.operations) {
            QString path = op.path;
            // A's objects by their ids, and A's Integration named everywhere a caller could name it.
            path.replace(u"{ticketId}"_s, u"OPS-1"_s).replace(u"{commentId}"_s, u"10001"_s);
            for (const OperationParam& p : op.params)
                if (p.in == u"path"_s)
                    path.replace(u'{' + p.name + u'}', u"A-OBJECT-1"_s);
            ApiRequest base;
            base.method = op.method;
            base.path = path;
            base.query = {{u"integration_id"_s, a.integrationId.value(connector.id)}, {u"account_id"_s, a.accountId}};
            if (op.method != "GET" && op.method != "DELETE")
                base.body = op.method == "PATCH"
                                ? QJsonValue(replaceFullname())
                                : QJsonValue(QJsonObject{{u"summary"_s, u"Intrusion"_s},
                                                         {u"project"_s, u"OPS"_s},
                                                         {u"content"_s, u"Intrusion"_s},
                                                         {u"integration_id"_s, a.integrationId.value(connector.id)},
                                                         {u"account_id"_s, a.accountId},
                                                         {u"events"_s, QJsonArray{QJsonObject{{u"message"_s, u"x"_s}}}}});
            auto with = [&](const QString& category, const QString& label, const QString& token, QList<int> refusals, bool traffic) {
                ApiRequest r = base;
                r.token = token;
                out.append({category, op.id, label, r, refusals, traffic, a.key});
            };
            if (withOrganizationTokens) {
                for (const auto& [who, token] : {std::pair{u"admin"_s, m_w.adminToken}, std::pair{u"member"_s, m_w.memberToken},
                                                 std::pair{u"viewer"_s, m_w.viewerToken}})
                    with(u"org-token-on-connector"_s, who + u" Organization token"_s, token, kUnauthenticated, false);
                with(u"org-token-on-connector"_s, u"A's Integration refresh token"_s, a.refreshSecret.value(connector.id),
                     kUnauthenticated, false);
                with(u"other-integration-token"_s, u"A's revoked Integration token"_s, m_w.revokedTokenA, kUnauthenticated, false);
            }
            // B's token of the same connector reaches only B's provider, whatever A ids it names:
            // any status but 500, judged by where the provider traffic went.
            with(u"other-integration-token"_s, b.key.toUpper() + u"'s "_s + connector.id + u" token naming the other Account's objects"_s, b.token.value(connector.id),
                 {200, 201, 204, 400, 401, 403, 404, 405, 409, 422, 501, 502, 503, 504}, true);
            // Ids crafted to steer the provider URL to A's host: they must stay path segments.
            if (op.path.contains(u'{')) {
                const QStringList steering{QString(u"%2F%2F"_s + a.host + u"%2Fjira"_s), QString(u"..%2F..%2F..%2F..%2F"_s + a.host),
                                           QString(u"@"_s + a.host), QString(u"https:%2F%2F"_s + a.host + u"%2F"_s)};
                for (const QString& steer : steering) {
                    ApiRequest r = base;
                    r.path = op.path;
                    r.path.replace(u"{ticketId}"_s, steer).replace(u"{commentId}"_s, steer);
                    r.token = b.token.value(connector.id);
                    out.append({u"other-integration-token"_s, op.id, b.key.toUpper() + u"'s token, id steering to the other host: "_s + steer, r,
                                {200, 201, 204, 400, 401, 403, 404, 405, 409, 422, 501, 502, 503, 504}, true, a.key});
                }
            }
            for (const QString& other : {u"ticketing"_s, u"notifications"_s, u"sink"_s})
                if (other != connector.id)
                    with(u"wrong-connector-token"_s, b.key.toUpper() + u"'s "_s + other + u" token"_s, b.token.value(other), kForbidden, true);
        }
    }
    return out;
}

} // namespace pb::test
