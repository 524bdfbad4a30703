#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestRoles final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void builtinRolesAreListed();
    void viewerCannotMutateAnyRoute();
    void viewerCanRead();
    void memberCannotAdminister();
    void memberManagesAccounts();
    void disabledMemberIsLockedOut();
    void lastAdministratorIsKept();
    void customRoleNarrowsABuiltinOne();

private:
    ApiResponse callAs(const QByteArray& method, const QString& pattern, const QString& token);
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_viewer;
    QString m_member;
};

void TestRoles::initTestCase()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_viewer = m_ws->createMemberToken(QStringLiteral("Vera Viewer"), QStringLiteral("viewer"));
    m_member = m_ws->createMemberToken(QStringLiteral("Max Member"), QStringLiteral("member"));
    m_ws->createAccount(QStringLiteral("Acme"));
}

ApiResponse TestRoles::callAs(const QByteArray& method, const QString& pattern, const QString& token)
{
    QString path = pattern;
    static const QRegularExpression param(QStringLiteral("\\{[A-Za-z]+\\}"));
    path.replace(param, QStringLiteral("acme"));
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.token = token;
    r.body = method == QByteArrayLiteral("PATCH") ? QJsonValue(QJsonArray{}) : QJsonValue(QJsonObject{});
    return m_ws->call(r);
}

void TestRoles::builtinRolesAreListed()
{
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/roles"), m_viewer);
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const QJsonValue& v : r.result().toArray())
        names.append(v.toObject().value(QStringLiteral("name")).toString());
    QVERIFY(names.contains(QStringLiteral("administrator")));
    QVERIFY(names.contains(QStringLiteral("member")));
    QVERIFY(names.contains(QStringLiteral("viewer")));
}

void TestRoles::viewerCannotMutateAnyRoute()
{
    int mutating = 0;
    const auto routes = m_ws->platform().routes();
    for (const Platform::RouteInfo& route : routes) {
        // Read routes (GETs, and POST previews/verifications that save nothing) are open to viewers.
        if (route.access == QStringLiteral("read"))
            continue;
        ++mutating;
        const ApiResponse r = callAs(route.method, route.pattern, m_viewer);
        QVERIFY2(r.status == 403, qPrintable(QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern +
                                             QStringLiteral(" -> ") + QString::fromUtf8(describe(r))));
        QCOMPARE(r.problem().type, QStringLiteral("permission_denied"));
    }
    QVERIFY(mutating >= 40);
}

void TestRoles::viewerCanRead()
{
    for (const QString& path : {QStringLiteral("/v1/accounts"), QStringLiteral("/v1/members"), QStringLiteral("/v1/organization"),
                                QStringLiteral("/v1/accounts/acme"), QStringLiteral("/v1/tokens")})
        QCOMPARE(m_ws->get(path, m_viewer).status, 200);
}

void TestRoles::memberCannotAdminister()
{
    const auto routes = m_ws->platform().routes();
    int checked = 0;
    for (const Platform::RouteInfo& route : routes) {
        if (route.access != QStringLiteral("administer"))
            continue;
        ++checked;
        const ApiResponse r = callAs(route.method, route.pattern, m_member);
        QVERIFY2(r.status == 403, qPrintable(route.pattern + QStringLiteral(" -> ") + QString::fromUtf8(describe(r))));
    }
    QVERIFY(checked >= 8);
}

void TestRoles::memberManagesAccounts()
{
    ApiResponse r = m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("By Member")}}, m_member);
    QCOMPARE(r.status, 201);
    r = m_ws->del(QStringLiteral("/v1/accounts/by-member"), m_member);
    QCOMPARE(r.status, 204);
}

void TestRoles::disabledMemberIsLockedOut()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Dana"), QStringLiteral("member"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), token).status, 200);
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/members/dana"),
                         QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                {QStringLiteral("path"), QStringLiteral("/state")},
                                                {QStringLiteral("value"), QStringLiteral("disabled")}}})
                 .status,
             200);
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("member_disabled"));
}

void TestRoles::lastAdministratorIsKept()
{
    ApiResponse r = m_ws->patch(QStringLiteral("/v1/members/") + m_ws->adminMemberId(),
                                QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                       {QStringLiteral("path"), QStringLiteral("/role_binding")},
                                                       {QStringLiteral("value"), QJsonArray{QStringLiteral("viewer")}}}});
    QCOMPARE(r.status, 409);
    r = m_ws->del(QStringLiteral("/v1/members/") + m_ws->adminMemberId());
    QCOMPARE(r.status, 409);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts")).status, 200);
}

void TestRoles::customRoleNarrowsABuiltinOne()
{
    ApiResponse r = m_ws->post(QStringLiteral("/v1/roles"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Auditor")},
                                                                        {QStringLiteral("permission_set"), QStringLiteral("viewer")}});
    QCOMPARE(r.status, 201);
    const QString token = m_ws->createMemberToken(QStringLiteral("Aud"), QStringLiteral("auditor"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), token).status, 200);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Nope")}}, token).status, 403);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/roles/auditor")).status, 409); // still bound
    QCOMPARE(m_ws->del(QStringLiteral("/v1/roles/viewer")).status, 403);  // built in
    r = m_ws->post(QStringLiteral("/v1/roles"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Bad")},
                                                            {QStringLiteral("permission_set"), QStringLiteral("superuser")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("permission_set"));
    // Narrowing to accounts is stored and enforced (TestRoleNarrowing); a malformed one is a 400.
    r = m_ws->post(QStringLiteral("/v1/roles"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("EU only")},
                                                            {QStringLiteral("permission_set"), QStringLiteral("member")},
                                                            {QStringLiteral("resources"), QJsonObject{{QStringLiteral("accounts"),
                                                                                                       QJsonObject{{QStringLiteral("labels"), QJsonArray{QStringLiteral("eu")}}}}}}});
    QCOMPARE(r.status, 201);
    r = m_ws->post(QStringLiteral("/v1/roles"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("EU bad")},
                                                            {QStringLiteral("resources"), QJsonObject{{QStringLiteral("accounts"), QStringLiteral("eu")}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("resources.accounts"));
}

QTEST_GUILESS_MAIN(TestRoles)
#include "TestRoles.moc"
