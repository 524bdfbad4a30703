#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {
QJsonObject op(const QString& o, const QString& path, const QJsonValue& value = QJsonValue::Undefined)
{
    QJsonObject j{{QStringLiteral("op"), o}, {QStringLiteral("path"), path}};
    if (!value.isUndefined())
        j.insert(QStringLiteral("value"), value);
    return j;
}
} // namespace

class TestAccounts final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void createDefaultsNameFromFullname();
    void createValidatesFields_data();
    void createValidatesFields();
    void namesAreUniqueCaseInsensitive();
    void idOrNameInPaths();
    void putReplaces();
    void patchAppliesJsonPatch();
    void failedPatchTestChangesNothing();
    void listParameters();
    void unknownPathsAndMethods();
    void endUsersLiveInTheirAccount();
    void deleteRemovesEverything();

private:
    std::unique_ptr<TestWorkspace> m_ws;
};

void TestAccounts::init()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
}

void TestAccounts::cleanup()
{
    m_ws.reset();
}

void TestAccounts::createDefaultsNameFromFullname()
{
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Acme Corp. (EU)")}});
    QCOMPARE(r.status, 201);
    const QJsonObject a = r.result().toObject().value(QStringLiteral("account")).toObject();
    QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("acme-corp-eu"));
    QCOMPARE(a.value(QStringLiteral("environment")).toString(), QStringLiteral("prod"));
    QCOMPARE(a.value(QStringLiteral("organization_id")).toString(), m_ws->platform().workspaceId());
    QVERIFY(a.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
}

void TestAccounts::createValidatesFields_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("bad-env") << QJsonObject{{QStringLiteral("fullname"), QStringLiteral("A")}, {QStringLiteral("environment"), QStringLiteral("staging")}}
                             << QStringLiteral("environment");
    QTest::newRow("bad-name") << QJsonObject{{QStringLiteral("name"), QStringLiteral("Not a slug!")}} << QStringLiteral("name");
    QTest::newRow("no-name") << QJsonObject{} << QStringLiteral("name");
    QTest::newRow("bad-labels") << QJsonObject{{QStringLiteral("fullname"), QStringLiteral("A")}, {QStringLiteral("labels"), QStringLiteral("eu")}}
                                << QStringLiteral("labels");
}

void TestAccounts::createValidatesFields()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, parameter);
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/accounts"), body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, parameter);
    QCOMPARE(r.problem().instance, QStringLiteral("/v1/accounts"));
    QVERIFY(!r.problem().message.isEmpty());
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts")).result().toArray().size(), 0);
}

void TestAccounts::namesAreUniqueCaseInsensitive()
{
    m_ws->createAccount(QStringLiteral("Acme"));
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ACME")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.problem().parameter, QStringLiteral("name"));
}

void TestAccounts::idOrNameInPaths()
{
    const QString id = m_ws->createAccount(QStringLiteral("Acme"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/") + id).result().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("acme"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/ACME")).result().toObject().value(QStringLiteral("id")).toString(), id);
    const ApiResponse missing = m_ws->get(QStringLiteral("/v1/accounts/nope"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.problem().parameter, QStringLiteral("accountId"));
    QCOMPARE(missing.problem().location, QStringLiteral("path"));
}

void TestAccounts::putReplaces()
{
    m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Acme")},
                                                           {QStringLiteral("labels"), QJsonArray{QStringLiteral("eu")}}});
    const ApiResponse r = m_ws->put(QStringLiteral("/v1/accounts/acme"), QJsonObject{{QStringLiteral("name"), QStringLiteral("acme")},
                                                                                      {QStringLiteral("fullname"), QStringLiteral("Acme Two")},
                                                                                      {QStringLiteral("environment"), QStringLiteral("test")}});
    QCOMPARE(r.status, 200);
    const QJsonObject a = r.result().toObject();
    QCOMPARE(a.value(QStringLiteral("fullname")).toString(), QStringLiteral("Acme Two"));
    QCOMPARE(a.value(QStringLiteral("environment")).toString(), QStringLiteral("test"));
    QCOMPARE(a.value(QStringLiteral("labels")).toArray().size(), 0); // replaced, not merged
}

void TestAccounts::patchAppliesJsonPatch()
{
    m_ws->createAccount(QStringLiteral("Acme"));
    const ApiResponse r = m_ws->patch(QStringLiteral("/v1/accounts/acme"),
                                      QJsonArray{op(QStringLiteral("replace"), QStringLiteral("/fullname"), QStringLiteral("Acme Inc")),
                                                 op(QStringLiteral("add"), QStringLiteral("/labels/-"), QStringLiteral("gold"))});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("fullname")).toString(), QStringLiteral("Acme Inc"));
    QCOMPARE(r.result().toObject().value(QStringLiteral("labels")).toArray(), QJsonArray{QStringLiteral("gold")});
    // A patch that breaks validation is refused like a PUT.
    const ApiResponse bad = m_ws->patch(QStringLiteral("/v1/accounts/acme"),
                                        QJsonArray{op(QStringLiteral("replace"), QStringLiteral("/environment"), QStringLiteral("moon"))});
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.problem().parameter, QStringLiteral("environment"));
    // A body that is not a patch array.
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/accounts/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("x")}}).status, 415);
}

void TestAccounts::failedPatchTestChangesNothing()
{
    m_ws->createAccount(QStringLiteral("Acme"));
    const ApiResponse r = m_ws->patch(QStringLiteral("/v1/accounts/acme"),
                                      QJsonArray{op(QStringLiteral("replace"), QStringLiteral("/fullname"), QStringLiteral("Changed")),
                                                 op(QStringLiteral("test"), QStringLiteral("/environment"), QStringLiteral("prod"))});
    QCOMPARE(r.status, 409);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/acme")).result().toObject().value(QStringLiteral("fullname")).toString(),
             QStringLiteral("Acme"));
}

void TestAccounts::listParameters()
{
    for (const QString& n : {QStringLiteral("demo-a"), QStringLiteral("demo-b"), QStringLiteral("other")})
        m_ws->createAccount(n, n == QStringLiteral("demo-b") ? QStringLiteral("prod") : QStringLiteral("test"));
    auto names = [&](ApiRequest req) {
        QStringList out;
        for (const QJsonValue& v : m_ws->call(req).result().toArray())
            out.append(v.toObject().value(QStringLiteral("name")).toString());
        return out;
    };
    QCOMPARE(names(ApiRequest::get(QStringLiteral("/v1/accounts")).withQuery(QStringLiteral("filter"), QStringLiteral("name[like]~demo-%"))),
             (QStringList{QStringLiteral("demo-a"), QStringLiteral("demo-b")}));
    QCOMPARE(names(ApiRequest::get(QStringLiteral("/v1/accounts"))
                       .withQuery(QStringLiteral("filter"), QStringLiteral("name[like]demo-%"))
                       .withQuery(QStringLiteral("filter"), QStringLiteral("environment[eq]test"))),
             QStringList{QStringLiteral("demo-a")});
    QCOMPARE(names(ApiRequest::get(QStringLiteral("/v1/accounts")).withQuery(QStringLiteral("order"), QStringLiteral("name[desc]"))
                       .withQuery(QStringLiteral("limit"), QStringLiteral("2"))),
             (QStringList{QStringLiteral("other"), QStringLiteral("demo-b")}));
    QCOMPARE(names(ApiRequest::get(QStringLiteral("/v1/accounts")).withQuery(QStringLiteral("start_after"), QStringLiteral("demo-b"))),
             QStringList{QStringLiteral("other")});
    const ApiResponse bad = m_ws->call(ApiRequest::get(QStringLiteral("/v1/accounts")).withQuery(QStringLiteral("filter"), QStringLiteral("name=x")));
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.problem().parameter, QStringLiteral("filter"));
    QCOMPARE(bad.problem().location, QStringLiteral("query"));
}

void TestAccounts::unknownPathsAndMethods()
{
    QCOMPARE(m_ws->get(QStringLiteral("/v1/nothing")).status, 404);
    QCOMPARE(m_ws->get(QStringLiteral("/elsewhere")).status, 404);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts")).status, 405);
}

void TestAccounts::endUsersLiveInTheirAccount()
{
    m_ws->createAccount(QStringLiteral("Acme"));
    m_ws->createAccount(QStringLiteral("Globex"));
    ApiResponse r = m_ws->post(QStringLiteral("/v1/accounts/acme/end-users"),
                               QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve User")}, {QStringLiteral("email"), QStringLiteral("eve@acme.test")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/acme/end-users/eve-user")).status, 200);
    // The same End User is not reachable through another Account.
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/globex/end-users/eve-user")).status, 404);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/globex/end-users")).result().toArray().size(), 0);
    // Names are unique per Account only.
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts/globex/end-users"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve User")}}).status, 201);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts/acme/end-users"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve User")}}).status, 409);
    r = m_ws->patch(QStringLiteral("/v1/accounts/acme/end-users/eve-user"),
                    QJsonArray{op(QStringLiteral("replace"), QStringLiteral("/email"), QStringLiteral("e@acme.test"))});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("email")).toString(), QStringLiteral("e@acme.test"));
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/acme/end-users/eve-user")).status, 204);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/acme/end-users/eve-user")).status, 404);
}

void TestAccounts::deleteRemovesEverything()
{
    m_ws->createAccount(QStringLiteral("Acme"));
    m_ws->post(QStringLiteral("/v1/accounts/acme/end-users"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve")}});
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/acme")).status, 204);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/acme")).status, 404);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts/acme/end-users")).status, 404);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/acme")).status, 404);
}

QTEST_GUILESS_MAIN(TestAccounts)
#include "TestAccounts.moc"
