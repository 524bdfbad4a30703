// Custom roles whose `resources` narrow them to some Accounts (ids, labels, environments) and
// connector categories: what such a member sees, changes and is refused (RoleScope.h).
#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;
using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject jira(const QString& fullname)
{
    return {{u"fullname"_s, fullname},
            {u"provider_config"_s, QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                               {u"url"_s, u"https://acme.atlassian.net"_s},
                                               {u"project"_s, u"OPS"_s}}}};
}

QJsonObject slack(const QString& fullname)
{
    return {{u"fullname"_s, fullname},
            {u"provider_config"_s, QJsonObject{{u"type"_s, u"notifications_slack"_s}, {u"channel"_s, u"#alerts"_s}}}};
}

QJsonObject account(const QString& fullname, const QString& environment, const QStringList& labels)
{
    return {{u"fullname"_s, fullname}, {u"environment"_s, environment}, {u"labels"_s, QJsonArray::fromStringList(labels)}};
}

QJsonObject role(const QString& fullname, const QString& permissionSet, const QJsonObject& resources)
{
    return {{u"fullname"_s, fullname}, {u"permission_set"_s, permissionSet}, {u"resources"_s, resources}};
}

QStringList names(const ApiResponse& r, const QString& key = u"name"_s)
{
    QStringList out;
    for (const QJsonValue& v : r.result().toArray())
        out.append(v.toObject().value(key).toString());
    out.sort();
    return out;
}

} // namespace

class TestRoleNarrowing final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void resourcesAreValidated();
    void labelNarrowedMemberSeesOnlyItsAccounts();
    void otherAccountsAndTheirChildrenAre404();
    void labelNarrowedMemberChangesOnlyItsAccounts();
    void creatingOutsideTheNarrowingIsRefused();
    void environmentNarrowedViewerReadsOnly();
    void categoriesNarrowIntegrations();
    void wholeOrganizationOperationsAreRefused();
    void roleChangesApplyAtOnce();
    void boundRolesAddUp();
    void integrationPointPreviewIsNarrowed();

private:
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_eu;       // member narrowed to label "eu"
    QString m_test;     // viewer narrowed to environment "test"
    QString m_tickets;  // member narrowed to label "eu" and category "ticketing"
    QString m_euAdmin;  // administrator narrowed to label "eu"
    QHash<QString, QString> m_integrationIds; // "account/name" -> id
};

void TestRoleNarrowing::initTestCase()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    const QList<QJsonObject> accounts{account(u"EU Test"_s, u"test"_s, {u"eu"_s}), account(u"EU Prod"_s, u"prod"_s, {u"eu"_s, u"gold"_s}),
                                      account(u"US Test"_s, u"test"_s, {u"us"_s}), account(u"US Prod"_s, u"prod"_s, {u"us"_s})};
    for (const QJsonObject& a : accounts)
        QCOMPARE(m_ws->post(u"/v1/accounts"_s, a).status, 201);
    for (const QString& a : {u"eu-test"_s, u"eu-prod"_s, u"us-test"_s, u"us-prod"_s}) {
        const QJsonObject created = m_ws->createIntegration(a, jira(u"Tickets"_s));
        m_integrationIds.insert(a + u"/tickets"_s, created.value(u"integration"_s).toObject().value(u"id"_s).toString());
    }
    const QJsonObject chat = m_ws->createIntegration(u"eu-test"_s, slack(u"Chat"_s));
    m_integrationIds.insert(u"eu-test/chat"_s, chat.value(u"integration"_s).toObject().value(u"id"_s).toString());

    const QJsonObject eu{{u"accounts"_s, QJsonObject{{u"labels"_s, QJsonArray{u"eu"_s}}}}};
    QCOMPARE(m_ws->post(u"/v1/roles"_s, role(u"EU Members"_s, u"member"_s, eu)).status, 201);
    QCOMPARE(m_ws->post(u"/v1/roles"_s, role(u"Test Viewers"_s, u"viewer"_s,
                                             QJsonObject{{u"accounts"_s, QJsonObject{{u"environments"_s, QJsonArray{u"test"_s}}}}}))
                 .status,
             201);
    QJsonObject tickets = eu;
    tickets.insert(u"integrations"_s, QJsonObject{{u"categories"_s, QJsonArray{u"ticketing"_s}}});
    QCOMPARE(m_ws->post(u"/v1/roles"_s, role(u"EU Tickets"_s, u"member"_s, tickets)).status, 201);
    QCOMPARE(m_ws->post(u"/v1/roles"_s, role(u"EU Admins"_s, u"administrator"_s, eu)).status, 201);
    m_eu = m_ws->createMemberToken(u"Eve EU"_s, u"eu-members"_s);
    m_test = m_ws->createMemberToken(u"Tom Test"_s, u"test-viewers"_s);
    m_tickets = m_ws->createMemberToken(u"Tia Tickets"_s, u"eu-tickets"_s);
    m_euAdmin = m_ws->createMemberToken(u"Ada EU"_s, u"eu-admins"_s);
}

void TestRoleNarrowing::resourcesAreValidated()
{
    const struct {
        QJsonValue resources;
        QString parameter;
    } bad[] = {
        {QJsonValue(u"eu"_s), u"resources"_s},
        {QJsonObject{{u"tenants"_s, QJsonObject{}}}, u"resources.tenants"_s},
        {QJsonObject{{u"accounts"_s, QJsonArray{}}}, u"resources.accounts"_s},
        {QJsonObject{{u"accounts"_s, QJsonObject{{u"tags"_s, QJsonArray{}}}}}, u"resources.accounts.tags"_s},
        {QJsonObject{{u"accounts"_s, QJsonObject{{u"labels"_s, u"eu"_s}}}}, u"resources.accounts.labels"_s},
        {QJsonObject{{u"accounts"_s, QJsonObject{{u"ids"_s, QJsonArray{1}}}}}, u"resources.accounts.ids"_s},
        {QJsonObject{{u"accounts"_s, QJsonObject{{u"environments"_s, QJsonArray{u"staging"_s}}}}}, u"resources.accounts.environments"_s},
        {QJsonObject{{u"integrations"_s, QJsonObject{{u"categories"_s, QJsonArray{u"crm"_s}}}}}, u"resources.integrations.categories"_s},
        {QJsonObject{{u"integrations"_s, QJsonObject{{u"providers"_s, QJsonArray{}}}}}, u"resources.integrations.providers"_s},
    };
    for (const auto& b : bad) {
        const ApiResponse r = m_ws->post(u"/v1/roles"_s, QJsonObject{{u"fullname"_s, u"Bad Role"_s},
                                                                     {u"permission_set"_s, u"member"_s},
                                                                     {u"resources"_s, b.resources}});
        QVERIFY2(r.status == 400, describe(r).constData());
        QCOMPARE(r.problem().parameter, b.parameter);
        QVERIFY(!r.problem().message.isEmpty());
    }
    // Unknown environment and category name the value and the known ones.
    ApiResponse r = m_ws->post(u"/v1/roles"_s, role(u"Bad Role"_s, u"member"_s,
                                                    QJsonObject{{u"accounts"_s, QJsonObject{{u"environments"_s, QJsonArray{u"staging"_s}}}}}));
    QVERIFY2(r.problem().message.contains(u"staging"_s) && r.problem().message.contains(u"prod"_s), describe(r).constData());
    QCOMPARE(m_ws->get(u"/v1/roles/bad-role"_s).status, 404); // nothing stored
    // PUT validates too; a valid narrowing is stored and answered.
    r = m_ws->put(u"/v1/roles/eu-members"_s, role(u"EU Members"_s, u"member"_s, QJsonObject{{u"accounts"_s, u"all"_s}}));
    QCOMPARE(r.status, 400);
    r = m_ws->get(u"/v1/roles/eu-members"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result()[u"resources"_s][u"accounts"_s][u"labels"_s].toArray(), QJsonArray{u"eu"_s});
}

void TestRoleNarrowing::labelNarrowedMemberSeesOnlyItsAccounts()
{
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s, m_eu)), (QStringList{u"eu-prod"_s, u"eu-test"_s}));
    // Through the SQL list path too (limit): the narrowing is part of the query, not a filter after it.
    QCOMPARE(names(m_ws->call(ApiRequest::get(u"/v1/accounts"_s, m_eu).withQuery(u"limit"_s, u"2"_s))),
             (QStringList{u"eu-prod"_s, u"eu-test"_s}));
    // The administrator still sees all four.
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s)).size(), 4);
    QCOMPARE(m_ws->get(u"/v1/accounts/eu-prod"_s, m_eu).status, 200);

    QStringList accounts = names(m_ws->get(u"/v1/integrations"_s, m_eu), u"account_id"_s);
    accounts.removeDuplicates();
    const QString euTest = m_ws->get(u"/v1/accounts/eu-test"_s).result()[u"id"_s].toString();
    const QString euProd = m_ws->get(u"/v1/accounts/eu-prod"_s).result()[u"id"_s].toString();
    QStringList want{euTest, euProd};
    want.sort();
    QCOMPARE(accounts, want);
    QCOMPARE(m_ws->get(u"/v1/integrations"_s, m_eu).result().toArray().size(), 3);
    QCOMPARE(m_ws->get(u"/v1/integrations/eu-test"_s, m_eu).result().toArray().size(), 2);

    // Status, credentials, tokens and audit lists hold nothing of the other Accounts.
    for (const QString& path : {u"/v1/status"_s, u"/v1/credentials"_s, u"/v1/tokens"_s, u"/v1/audit/organizations"_s}) {
        const ApiResponse r = m_ws->get(path, m_eu);
        QVERIFY2(r.status == 200, describe(r).constData());
        for (const QJsonValue& v : r.result().toArray()) {
            const QString a = v.toObject().value(u"account_id"_s).toString();
            if (a.isEmpty()) {
                const QString id = v.toObject().value(u"permissions"_s).toObject().value(u"account_id"_s).toString();
                QVERIFY2(id.isEmpty() || want.contains(id), qPrintable(path));
                continue;
            }
            QVERIFY2(want.contains(a), qPrintable(path + u" lists "_s + a));
        }
    }
    // The search finds only what the role sees (Accounts, Integrations, and their ancestors).
    for (const QString& q : {u"tickets"_s, u"test"_s}) {
        const ApiResponse r = m_ws->call(ApiRequest::get(u"/v1/search"_s, m_eu).withQuery(u"q"_s, q));
        QVERIFY2(r.status == 200, describe(r).constData());
        const QJsonObject result = r.result().toObject();
        QVERIFY2(!result.value(u"items"_s).toArray().isEmpty(), qPrintable(q));
        for (const QString& list : {u"items"_s, u"ancestors"_s}) {
            for (const QJsonValue& v : result.value(list).toArray()) {
                const QJsonObject o = v.toObject();
                const QString a = o.value(u"type"_s).toString() == u"account"_s ? o.value(u"id"_s).toString()
                                                                                 : o.value(u"account_id"_s).toString();
                QVERIFY2(a.isEmpty() || want.contains(a), qPrintable(u"search "_s + q + u" finds "_s + o.value(u"id"_s).toString()));
            }
        }
    }
    const ApiResponse all = m_ws->call(ApiRequest::get(u"/v1/search"_s).withQuery(u"q"_s, u"tickets"_s));
    bool usFound = false; // ...while the administrator's search does find the US Integrations
    for (const QJsonValue& v : all.result()[u"items"_s].toArray())
        usFound = usFound || (!v[u"account_id"_s].toString().isEmpty() && !want.contains(v[u"account_id"_s].toString()));
    QVERIFY(usFound);
    // The administrator's audit list does include the US Accounts.
    bool usSeen = false;
    const QString usTest = m_ws->get(u"/v1/accounts/us-test"_s).result()[u"id"_s].toString();
    for (const QJsonValue& v : m_ws->call(ApiRequest::get(u"/v1/audit/organizations"_s).withQuery(u"limit"_s, u"500"_s)).result().toArray())
        usSeen = usSeen || v.toObject().value(u"account_id"_s).toString() == usTest;
    QVERIFY(usSeen);
}

void TestRoleNarrowing::otherAccountsAndTheirChildrenAre404()
{
    const QString usInt = m_integrationIds.value(u"us-test/tickets"_s);
    const QString usTest = m_ws->get(u"/v1/accounts/us-test"_s).result()[u"id"_s].toString();
    const ApiResponse missing = m_ws->get(u"/v1/accounts/no-such-account"_s, m_eu);
    const struct {
        QByteArray method;
        QString path;
    } calls[] = {
        {"GET", u"/v1/accounts/us-test"_s},
        {"GET", u"/v1/accounts/"_s + usTest},
        {"PUT", u"/v1/accounts/us-test"_s},
        {"PATCH", u"/v1/accounts/us-test"_s},
        {"DELETE", u"/v1/accounts/us-test"_s},
        {"GET", u"/v1/accounts/us-test/end-users"_s},
        {"POST", u"/v1/accounts/us-test/end-users"_s},
        {"GET", u"/v1/integrations/us-test"_s},
        {"POST", u"/v1/integrations/us-test"_s},
        {"GET", u"/v1/integrations/us-test/tickets"_s},
        {"DELETE", u"/v1/integrations/us-test/tickets"_s},
        {"GET", u"/v1/credentials/us-test"_s},
        {"POST", u"/v1/credentials/us-test"_s},
        {"GET", u"/v1/credentials/"_s + usInt},
        {"GET", u"/v1/status/us-test/tickets"_s},
        {"POST", u"/v1/tokens/us-test/tickets"_s},
    };
    for (const auto& c : calls) {
        ApiRequest req;
        req.method = c.method;
        req.path = c.path;
        req.token = m_eu;
        req.body = c.method == QByteArrayLiteral("PATCH") ? QJsonValue(QJsonArray{}) : QJsonValue(QJsonObject{});
        const ApiResponse r = m_ws->call(req);
        QVERIFY2(r.status == 404, qPrintable(QString::fromLatin1(c.method) + u' ' + c.path + u" -> "_s + QString::fromUtf8(describe(r))));
        QCOMPARE(r.problem().type, missing.problem().type);
    }
    // Word for word the answer of an Account that does not exist.
    QCOMPARE(m_ws->get(u"/v1/accounts/us-test"_s, m_eu).problem().message,
             missing.problem().message.replace(u"no-such-account"_s, u"us-test"_s));
    // An integration token of a hidden Account is not found either.
    const ApiResponse issued = m_ws->post(u"/v1/tokens/us-test/tickets"_s, QJsonObject{});
    QCOMPARE(issued.status, 201);
    const QString refreshId = issued.result()[u"refresh"_s][u"id"_s].toString();
    QCOMPARE(m_ws->get(u"/v1/tokens/"_s + refreshId + u"/info"_s, m_eu).status, 404);
    QCOMPARE(m_ws->del(u"/v1/tokens/"_s + refreshId, m_eu).status, 404);
    QCOMPARE(m_ws->get(u"/v1/tokens/"_s + refreshId + u"/info"_s).status, 200);
    // Nothing was changed by the refused calls.
    QCOMPARE(m_ws->get(u"/v1/accounts/us-test"_s).status, 200);
    QCOMPARE(m_ws->get(u"/v1/integrations/us-test/tickets"_s).status, 200);
}

void TestRoleNarrowing::labelNarrowedMemberChangesOnlyItsAccounts()
{
    ApiResponse r = m_ws->patch(u"/v1/accounts/eu-prod"_s,
                                QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/fullname"_s}, {u"value"_s, u"EU Production"_s}}},
                                m_eu);
    QVERIFY2(r.status == 200, describe(r).constData());
    QCOMPARE(r.result()[u"fullname"_s].toString(), u"EU Production"_s);
    // Moving an Account out of its own reach is refused.
    r = m_ws->patch(u"/v1/accounts/eu-prod"_s,
                    QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/labels"_s}, {u"value"_s, QJsonArray{u"us"_s}}}}, m_eu);
    QCOMPARE(r.status, 403);
    QVERIFY2(r.problem().detail.contains(u"eu"_s), describe(r).constData());
    QCOMPARE(m_ws->get(u"/v1/accounts/eu-prod"_s).result()[u"labels"_s].toArray(), (QJsonArray{u"eu"_s, u"gold"_s}));
    // Children of its own Accounts: integrations and integration tokens.
    r = m_ws->post(u"/v1/integrations/eu-prod"_s, jira(u"More Tickets"_s), m_eu);
    QVERIFY2(r.status == 201, describe(r).constData());
    r = m_ws->post(u"/v1/tokens/eu-prod/more-tickets"_s, QJsonObject{}, m_eu);
    QVERIFY2(r.status == 201, describe(r).constData());
    QCOMPARE(m_ws->del(u"/v1/integrations/eu-prod/more-tickets"_s, m_eu).status, 204);
}

void TestRoleNarrowing::creatingOutsideTheNarrowingIsRefused()
{
    ApiResponse r = m_ws->post(u"/v1/accounts"_s, account(u"US West"_s, u"test"_s, {u"us"_s}), m_eu);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, u"permission_denied"_s);
    QVERIFY2(r.problem().detail.contains(u"account labels eu"_s), describe(r).constData());
    QVERIFY(!r.problem().remediation.isEmpty());
    r = m_ws->post(u"/v1/accounts"_s, account(u"Unlabelled"_s, u"test"_s, {}), m_eu);
    QCOMPARE(r.status, 403);
    QCOMPARE(m_ws->get(u"/v1/accounts/us-west"_s).status, 404);
    r = m_ws->post(u"/v1/accounts"_s, account(u"EU West"_s, u"test"_s, {u"eu"_s}), m_eu);
    QVERIFY2(r.status == 201, describe(r).constData());
    QCOMPARE(m_ws->get(u"/v1/accounts/eu-west"_s, m_eu).status, 200);
    QCOMPARE(m_ws->del(u"/v1/accounts/eu-west"_s, m_eu).status, 204);
}

void TestRoleNarrowing::environmentNarrowedViewerReadsOnly()
{
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s, m_test)), (QStringList{u"eu-test"_s, u"us-test"_s}));
    QCOMPARE(m_ws->get(u"/v1/accounts/eu-prod"_s, m_test).status, 404);
    QCOMPARE(m_ws->get(u"/v1/integrations/us-test/tickets"_s, m_test).status, 200);
    QCOMPARE(m_ws->get(u"/v1/integrations/us-prod"_s, m_test).status, 404);
    // A viewer stays read-only inside its narrowing.
    QCOMPARE(m_ws->patch(u"/v1/accounts/us-test"_s, QJsonArray{}, m_test).status, 403);
    QCOMPARE(m_ws->post(u"/v1/accounts"_s, account(u"T"_s, u"test"_s, {}), m_test).status, 403);
}

void TestRoleNarrowing::categoriesNarrowIntegrations()
{
    QCOMPARE(names(m_ws->get(u"/v1/integrations/eu-test"_s, m_tickets)), QStringList{u"tickets"_s});
    QCOMPARE(names(m_ws->get(u"/v1/integrations"_s, m_tickets)), (QStringList{u"tickets"_s, u"tickets"_s}));
    QCOMPARE(m_ws->get(u"/v1/integrations/eu-test/chat"_s, m_tickets).status, 404);
    QCOMPARE(m_ws->get(u"/v1/credentials/"_s + m_integrationIds.value(u"eu-test/chat"_s), m_tickets).status, 404);
    QCOMPARE(m_ws->get(u"/v1/integrations/eu-test/chat"_s, m_eu).status, 200);
    ApiResponse r = m_ws->post(u"/v1/integrations/eu-test"_s, slack(u"More Chat"_s), m_tickets);
    QCOMPARE(r.status, 403);
    QVERIFY2(r.problem().message.contains(u"notifications"_s), describe(r).constData());
    r = m_ws->post(u"/v1/integrations/eu-test"_s, jira(u"Own Tickets"_s), m_tickets);
    QVERIFY2(r.status == 201, describe(r).constData());
    QCOMPARE(m_ws->del(u"/v1/integrations/eu-test/own-tickets"_s, m_tickets).status, 204);
}

void TestRoleNarrowing::wholeOrganizationOperationsAreRefused()
{
    // An administrator narrowed to "eu" keeps organization-level rights...
    QCOMPARE(m_ws->get(u"/v1/members"_s, m_euAdmin).status, 200);
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s, m_euAdmin)).size(), 2);
    QCOMPARE(m_ws->get(u"/v1/accounts/us-prod"_s, m_euAdmin).status, 404);
    // ...but an export (every Account) is refused, with the reason.
    const ApiResponse r = m_ws->get(u"/v1/export"_s, m_euAdmin);
    QCOMPARE(r.status, 403);
    QVERIFY2(r.problem().detail.contains(u"eu"_s), describe(r).constData());
    QCOMPARE(m_ws->get(u"/v1/export"_s).status, 200);
    QCOMPARE(m_ws->get(u"/v1/vault/reconcile"_s, m_euAdmin).status, 403);
    // Members and roles could widen its own reach (a new member bound to "administrator"): refused.
    ApiResponse denied = m_ws->post(u"/v1/members"_s,
                                    QJsonObject{{u"fullname"_s, u"Sneaky"_s}, {u"role_binding"_s, QJsonArray{u"administrator"_s}}}, m_euAdmin);
    QCOMPARE(denied.status, 403);
    QVERIFY2(denied.problem().message.contains(u"narrowed"_s), describe(denied).constData());
    QCOMPARE(m_ws->get(u"/v1/members/sneaky"_s).status, 404);
    QCOMPARE(m_ws->put(u"/v1/roles/eu-admins"_s, role(u"EU Admins"_s, u"administrator"_s, QJsonObject{}), m_euAdmin).status, 403);
    QCOMPARE(m_ws->get(u"/v1/roles/eu-admins"_s).result()[u"resources"_s].toObject().isEmpty(), false);
}

void TestRoleNarrowing::roleChangesApplyAtOnce()
{
    QCOMPARE(m_ws->get(u"/v1/accounts/us-prod"_s, m_eu).status, 404);
    ApiResponse r = m_ws->put(u"/v1/roles/eu-members"_s,
                              role(u"EU Members"_s, u"member"_s, QJsonObject{{u"accounts"_s, QJsonObject{{u"labels"_s, QJsonArray{u"us"_s}}}}}));
    QVERIFY2(r.status == 200, describe(r).constData());
    // The same token, already validated and cached, now sees the other Accounts only.
    QCOMPARE(m_ws->get(u"/v1/accounts/us-prod"_s, m_eu).status, 200);
    QCOMPARE(m_ws->get(u"/v1/accounts/eu-prod"_s, m_eu).status, 404);
    // Emptying resources gives the plain permission_set back.
    r = m_ws->put(u"/v1/roles/eu-members"_s, role(u"EU Members"_s, u"member"_s, QJsonObject{}));
    QCOMPARE(r.status, 200);
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s, m_eu)).size(), 4);
}

void TestRoleNarrowing::boundRolesAddUp()
{
    // Member on "eu" for ticketing, viewer everywhere: reads all, changes only what the member role covers.
    const ApiResponse m = m_ws->post(u"/v1/members"_s, QJsonObject{{u"fullname"_s, u"Two Hats"_s},
                                                                  {u"role_binding"_s, QJsonArray{u"eu-tickets"_s, u"viewer"_s}}});
    QCOMPARE(m.status, 201);
    const QString token = m.result()[u"token"_s][u"access"_s][u"secret"_s].toString();
    QCOMPARE(names(m_ws->get(u"/v1/accounts"_s, token)).size(), 4);
    QCOMPARE(m_ws->get(u"/v1/integrations/eu-test/chat"_s, token).status, 200);
    const QJsonArray rename{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/fullname"_s}, {u"value"_s, u"Renamed"_s}}};
    QCOMPARE(m_ws->patch(u"/v1/accounts/us-test"_s, rename, token).status, 403);
    QCOMPARE(m_ws->patch(u"/v1/accounts/eu-test"_s, rename, token).status, 200);
    QCOMPARE(m_ws->post(u"/v1/integrations/eu-test"_s, slack(u"Hat Chat"_s), token).status, 403);
    QCOMPARE(m_ws->post(u"/v1/integrations/us-test"_s, jira(u"Hat Tickets"_s), token).status, 403);
    // An unnarrowed role at the same level lifts the narrowing altogether.
    const ApiResponse plain = m_ws->post(u"/v1/members"_s, QJsonObject{{u"fullname"_s, u"Plain Member"_s},
                                                                      {u"role_binding"_s, QJsonArray{u"eu-tickets"_s, u"member"_s}}});
    QCOMPARE(plain.status, 201);
    const QString plainToken = plain.result()[u"token"_s][u"access"_s][u"secret"_s].toString();
    QCOMPARE(m_ws->patch(u"/v1/accounts/us-test"_s, rename, plainToken).status, 200);
}

void TestRoleNarrowing::integrationPointPreviewIsNarrowed()
{
    const QJsonObject point{{u"fullname"_s, u"Governed Tickets"_s},
                            {u"connector"_s, u"ticketing"_s},
                            {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}}};
    const QString pointId = m_ws->createIntegrationPoint(point);
    QVERIFY(!pointId.isEmpty());
    for (const QString& a : {u"eu-prod"_s, u"us-prod"_s}) {
        QJsonObject body = jira(u"Governed"_s);
        body.insert(u"integration_point_id"_s, pointId);
        QVERIFY(!m_ws->createIntegration(a, body).isEmpty());
    }
    const QString path = u"/v1/integration-points/"_s + pointId + u"/preview"_s;
    ApiResponse r = m_ws->post(path, point);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result()[u"integrations"_s].toArray().size(), 2);
    r = m_ws->post(path, point, m_euAdmin);
    QVERIFY2(r.status == 200, describe(r).constData());
    const QJsonArray items = r.result()[u"integrations"_s].toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first()[u"account_name"_s].toString(), u"eu-prod"_s);
}

QTEST_GUILESS_MAIN(TestRoleNarrowing)
#include "TestRoleNarrowing.moc"
