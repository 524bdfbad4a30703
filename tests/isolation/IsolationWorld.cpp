#include "IsolationWorld.h"

#include "core/Ids.h"
#include "providers/AdapterRegistry.h"
#include "support/KeychainProbe.h"
#include "vault/KeychainVault.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

namespace {

// Fails the calling QTest function (which must return void) on an unexpected answer.
#define ISO_EXPECT(response, code)                                                                 \
    do {                                                                                           \
        const ApiResponse& r_ = (response);                                                        \
        QVERIFY2(r_.status == (code), describe(r_).constData());                                   \
    } while (false)

QJsonObject provider(const QString& connector, const QString& host, const QByteArray& secret)
{
    const QString base = u"https://"_s + host;
    if (connector == u"ticketing"_s)
        return {{u"type"_s, u"ticketing_jira"_s},
                {u"url"_s, QString(base + u"/jira"_s)},
                {u"project"_s, u"OPS"_s},
                {u"credential"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                              {u"username"_s, QString(u"ops@"_s + host)},
                                              {u"secret"_s, QString::fromLatin1(secret)}}}};
    if (connector == u"notifications"_s)
        return {{u"type"_s, u"notifications_slack"_s},
                {u"url"_s, QString(base + u"/slack/api"_s)},
                {u"channel"_s, u"#alerts"_s},
                {u"credential"_s, QJsonObject{{u"type"_s, u"token"_s}, {u"secret"_s, QString::fromLatin1(secret)}}}};
    return {{u"type"_s, u"sink_splunk"_s},
            {u"url"_s, QString(base + u"/splunk"_s)},
            {u"index"_s, u"main"_s},
            {u"credential"_s, QJsonObject{{u"type"_s, u"token"_s}, {u"secret"_s, QString::fromLatin1(secret)}}}};
}

} // namespace

QString secretOf(const QJsonObject& pair, const QString& which)
{
    const QJsonObject token = pair.contains(which) ? pair.value(which).toObject() : pair;
    return token.value(u"secret"_s).toString();
}

IsolationWorld::IsolationWorld()
    : m_vault(std::make_unique<KeychainVault>())
    , m_adapters(std::make_unique<AdapterRegistry>())
{
    // Provider traffic stays in the process: record where each request went and what it carried,
    // and answer a provider-style 404 so every adapter ends in a clean problem.
    m_adapters->httpClient()->setCannedTransportForTesting([this](const HttpRequest& request) {
        Sent s;
        s.host = request.url.host();
        s.everything = request.url.toEncoded() + '\n' + request.body;
        for (const auto& [name, value] : request.headers)
            s.everything += '\n' + name + ": " + value;
        m_sent.append(s);
        return CannedResponse{404, {{"Content-Type", "application/json"}},
                              R"({"errorMessages":["Issue does not exist"],"errors":{},"ok":false,"error":"not_found"})"};
    });
    m_ws = std::make_unique<TestWorkspace>(m_vault.get(), m_adapters.get());
}

IsolationWorld::~IsolationWorld()
{
    // Leave no keychain entries behind: deleting the Accounts removes their credentials' entries.
    if (m_ws && m_ws->ok()) {
        for (const Tenant* t : {&a, &b})
            if (!t->accountId.isEmpty())
                m_ws->del(u"/v1/accounts/"_s + t->accountId, adminToken);
    }
    m_ws.reset();
}

void IsolationWorld::build()
{
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    adminToken = m_ws->adminToken();
    ApiResponse r = m_ws->get(u"/v1/tokens"_s, adminToken);
    ISO_EXPECT(r, 200);
    for (const QJsonValue& v : r.result().toArray())
        if (v.toObject().value(u"kind"_s).toString() == u"refresh"_s)
            adminRefreshId = v.toObject().value(u"id"_s).toString();
    QVERIFY(!adminRefreshId.isEmpty());

    auto member = [&](const QString& fullname, const QString& role, QString* id, QString* refresh) -> QString {
        const ApiResponse m = m_ws->post(u"/v1/members"_s,
                                         QJsonObject{{u"fullname"_s, fullname},
                                                     {u"type"_s, u"personal"_s},
                                                     {u"role_binding"_s, QJsonArray{role}}},
                                         adminToken);
        if (m.status != 201)
            return {};
        const QJsonObject res = m.result().toObject();
        if (id)
            *id = res.value(u"member"_s).toObject().value(u"id"_s).toString();
        if (refresh)
            *refresh = res.value(u"token"_s).toObject().value(u"refresh"_s).toObject().value(u"id"_s).toString();
        return secretOf(res.value(u"token"_s).toObject());
    };
    memberToken = member(u"Max Member"_s, u"member"_s, &memberId, &memberRefreshId);
    viewerToken = member(u"Vic Viewer"_s, u"viewer"_s, &viewerId, nullptr);
    r = m_ws->post(u"/v1/roles"_s, QJsonObject{{u"fullname"_s, u"Auditor"_s}, {u"permission_set"_s, u"viewer"_s}}, adminToken);
    ISO_EXPECT(r, 201);
    auditorToken = member(u"Aude Auditor"_s, u"auditor"_s, nullptr, nullptr);
    QVERIFY(!memberToken.isEmpty() && !viewerToken.isEmpty() && !auditorToken.isEmpty());

    a.key = u"a"_s;
    a.host = u"a.example.test"_s;
    b.key = u"b"_s;
    b.host = u"b.example.test"_s;
    // Distinctive per run, so a secret found anywhere can be told apart.
    a.secret = "A-SECRET-" + newId().toLatin1();
    b.secret = "B-SECRET-" + newId().toLatin1();

    r = m_ws->post(u"/v1/integration-points"_s,
                   QJsonObject{{u"fullname"_s, u"Tickets"_s},
                               {u"connector"_s, u"ticketing"_s},
                               {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}},
                               {u"rules"_s, QJsonObject{{u"host_patterns"_s, QJsonArray{u"*.example.test"_s}}}}},
                   adminToken);
    ISO_EXPECT(r, 201);
    pointId = r.result().toObject().value(u"id"_s).toString();
    if (pointId.isEmpty())
        pointId = r.result().toObject().value(u"integration_point"_s).toObject().value(u"id"_s).toString();
    QVERIFY(!pointId.isEmpty());

    buildTenant(a);
    if (QTest::currentTestFailed())
        return;
    buildTenant(b);
    if (QTest::currentTestFailed())
        return;

    // Roles narrowed to B (see RoleScope.h): everything of A must be out of their reach.
    for (const QString& set : {u"member"_s, u"administrator"_s}) {
        r = m_ws->post(u"/v1/roles"_s,
                       QJsonObject{{u"fullname"_s, QString(u"Only B "_s + set)},
                                   {u"permission_set"_s, set},
                                   {u"resources"_s, QJsonObject{{u"accounts"_s, QJsonObject{{u"ids"_s, QJsonArray{b.accountId}}}}}}},
                       adminToken);
        ISO_EXPECT(r, 201);
    }
    narrowedMemberToken = member(u"Nora Narrowed"_s, u"only-b-member"_s, nullptr, nullptr);
    narrowedAdminToken = member(u"Nadia Narrowed"_s, u"only-b-administrator"_s, nullptr, nullptr);
    QVERIFY(!narrowedMemberToken.isEmpty() && !narrowedAdminToken.isEmpty());

    // A revoked Integration token of A.
    r = m_ws->post(u"/v1/tokens/"_s + a.accountId + u'/' + a.integrationId.value(u"ticketing"_s), QJsonObject{}, adminToken);
    ISO_EXPECT(r, 201);
    revokedTokenA = secretOf(r.result().toObject());
    const QString revokedRefresh = r.result().toObject().value(u"refresh"_s).toObject().value(u"id"_s).toString();
    ISO_EXPECT(m_ws->del(u"/v1/tokens/"_s + revokedRefresh, adminToken), 204);
}

void IsolationWorld::buildTenant(Tenant& t)
{
    ApiResponse r = m_ws->post(u"/v1/accounts"_s, QJsonObject{{u"fullname"_s, QString(u"Tenant "_s + t.key.toUpper())}, {u"environment"_s, u"test"_s}},
                               adminToken);
    ISO_EXPECT(r, 201);
    const QJsonObject account = r.result().toObject().value(u"account"_s).toObject();
    t.accountId = account.value(u"id"_s).toString();
    t.accountName = account.value(u"name"_s).toString();

    r = m_ws->post(u"/v1/accounts/"_s + t.accountId + u"/end-users"_s,
                   QJsonObject{{u"fullname"_s, QString(u"User "_s + t.key)}, {u"email"_s, QString(t.key + u"@example.test"_s)}}, adminToken);
    ISO_EXPECT(r, 201);
    t.endUserId = r.result().toObject().value(u"end_user"_s).toObject().value(u"id"_s).toString();

    t.credentialName = u"shared-"_s + t.key;
    r = m_ws->post(u"/v1/credentials/"_s + t.accountId,
                   QJsonObject{{u"name"_s, t.credentialName},
                               {u"fullname"_s, QString(u"Shared "_s + t.key)},
                               {u"config"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                                         {u"username"_s, QString(u"svc@"_s + t.host)},
                                                         {u"secret"_s, QString::fromLatin1(t.secret)}}}},
                   adminToken);
    ISO_EXPECT(r, 201);
    t.credentialId = r.result().toObject().value(u"id"_s).toString();

    for (const QString& connector : {u"ticketing"_s, u"notifications"_s, u"sink"_s}) {
        QJsonObject body{{u"name"_s, QString(connector + u'-' + t.key)},
                         {u"fullname"_s, QString(connector + u' ' + t.key)},
                         {u"provider_config"_s, provider(connector, t.host, t.secret)}};
        if (connector == u"ticketing"_s)
            body.insert(u"integration_point_id"_s, pointId);
        r = m_ws->post(u"/v1/integrations/"_s + t.accountId, body, adminToken);
        ISO_EXPECT(r, 201);
        const QJsonObject res = r.result().toObject();
        t.integrationId.insert(connector, res.value(u"integration"_s).toObject().value(u"id"_s).toString());
        t.integrationName.insert(connector, res.value(u"integration"_s).toObject().value(u"name"_s).toString());
        const QJsonObject pair = res.value(u"token"_s).toObject();
        t.token.insert(connector, secretOf(pair));
        t.refreshId.insert(connector, pair.value(u"refresh"_s).toObject().value(u"id"_s).toString());
        t.refreshSecret.insert(connector, secretOf(pair, u"refresh"_s));
        if (connector == u"ticketing"_s)
            t.ownedCredentialId = res.value(u"credentials_created"_s).toArray().at(0).toString();
    }
    QVERIFY(!t.ownedCredentialId.isEmpty());
}

QByteArray IsolationWorld::snapshot()
{
    QJsonObject all;
    ApiResponse r = m_ws->get(u"/v1/export"_s, adminToken);
    QJsonObject exported = r.result().toObject();
    exported.remove(u"exported_at"_s); // the one field that changes on every export
    all.insert(u"export"_s, exported);
    r = m_ws->get(u"/v1/members"_s, adminToken);
    QJsonArray members;
    for (const QJsonValue& v : r.result().toArray()) {
        QJsonObject m = v.toObject();
        m.remove(u"last_logon"_s);
        members.append(m);
    }
    all.insert(u"members"_s, members);
    r = m_ws->get(u"/v1/tokens"_s, adminToken);
    QJsonArray tokens;
    for (const QJsonValue& v : r.result().toArray()) {
        QJsonObject t = v.toObject();
        t.remove(u"last_used_at"_s);
        tokens.append(t);
    }
    all.insert(u"tokens"_s, tokens);
    // The secrets themselves: a refused rotation must not have replaced one.
    QJsonArray secrets;
    for (const Tenant* t : {&a, &b}) {
        for (const auto& [owner, credential] : {std::pair{t->accountId, t->credentialId},
                                                std::pair{t->integrationId.value(u"ticketing"_s), t->ownedCredentialId}}) {
            r = m_ws->get(u"/v1/credentials/"_s + owner + u'/' + credential + u"/reveal"_s, adminToken);
            // Hash only, so the digest never holds a secret.
            secrets.append(QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(r.result().toObject()).toJson(),
                                                                        QCryptographicHash::Sha256).toHex()));
        }
    }
    all.insert(u"secrets"_s, secrets);
    all.insert(u"keychain"_s, QJsonArray::fromStringList(keychainKeys(u"patchbay/"_s + m_ws->platform().workspaceId() + u'/')));
    return QJsonDocument(all).toJson(QJsonDocument::Compact);
}

} // namespace pb::test
