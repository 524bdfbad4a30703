#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestAudit final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyMutationIsRecorded();
    void failuresAreRecordedToo();
    void readsAreNotRecorded();
    void intactChainVerifies();
    void changedRowIsPinpointed();
    void deletedRowIsPinpointed();
    void deletedLastRowIsNoticed();
    void insertedRowIsPinpointed();
    void filtersApply();

private:
    QJsonArray events();
    QJsonObject verify();
    bool execOnFile(const QString& sql);
    std::unique_ptr<TestWorkspace> m_ws;
};

void TestAudit::init()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_ws->createAccount(QStringLiteral("Acme"));
    m_ws->createAccount(QStringLiteral("Globex"));
    m_ws->patch(QStringLiteral("/v1/accounts/acme"), QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                                           {QStringLiteral("path"), QStringLiteral("/fullname")},
                                                                           {QStringLiteral("value"), QStringLiteral("Acme 2")}}});
}

void TestAudit::cleanup()
{
    m_ws.reset();
}

QJsonArray TestAudit::events()
{
    const ApiResponse r = m_ws->call(ApiRequest::get(QStringLiteral("/v1/audit/organizations")).withQuery(QStringLiteral("order"), QStringLiteral("seq[asc]")));
    return r.result().toArray();
}

QJsonObject TestAudit::verify()
{
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/audit/verify"));
    return r.result().toObject();
}

bool TestAudit::execOnFile(const QString& sql)
{
    m_ws->close();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(m_ws->path());
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    return ok && m_ws->reopen();
}

void TestAudit::everyMutationIsRecorded()
{
    const QJsonArray e = events();
    QVERIFY(e.size() >= 4); // initialize + 2 creates + patch
    const QJsonObject init = e.at(0).toObject();
    QCOMPARE(init.value(QStringLiteral("action")).toString(), QStringLiteral("organization.initialize"));
    const QJsonObject create = e.at(1).toObject();
    QCOMPARE(create.value(QStringLiteral("action")).toString(), QStringLiteral("accounts.create"));
    QCOMPARE(create.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(create.value(QStringLiteral("member_id")).toString(), m_ws->adminMemberId());
    QCOMPARE(create.value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));
    QVERIFY(!create.value(QStringLiteral("account_id")).toString().isEmpty());
    QVERIFY(!create.value(QStringLiteral("hash")).toString().isEmpty());
    QCOMPARE(e.at(3).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("accounts.update"));
    // Token events too.
    QCOMPARE(m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{}).status, 201);
    QCOMPARE(events().last().toObject().value(QStringLiteral("action")).toString(), QStringLiteral("tokens.issue"));
}

void TestAudit::failuresAreRecordedToo()
{
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("name"), QStringLiteral("acme")}}).status, 409);
    const QJsonObject last = events().last().toObject();
    QCOMPARE(last.value(QStringLiteral("outcome")).toString(), QStringLiteral("failure"));
    QCOMPARE(last.value(QStringLiteral("code")).toInt(), 409);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{}, QStringLiteral("garbage")).status, 401);
    QCOMPARE(events().last().toObject().value(QStringLiteral("code")).toInt(), 401);
}

void TestAudit::readsAreNotRecorded()
{
    const qsizetype before = events().size();
    m_ws->get(QStringLiteral("/v1/accounts"));
    QCOMPARE(events().size(), before);
}

void TestAudit::intactChainVerifies()
{
    const QJsonObject v = verify();
    QVERIFY(v.value(QStringLiteral("valid")).toBool());
    QVERIFY(v.value(QStringLiteral("rows")).toInt() >= 4);
}

void TestAudit::changedRowIsPinpointed()
{
    QVERIFY(execOnFile(QStringLiteral("UPDATE audit_events SET member_id = 'intruder' WHERE seq = 2")));
    const QJsonObject v = verify();
    QVERIFY(!v.value(QStringLiteral("valid")).toBool());
    const QJsonObject p = v.value(QStringLiteral("problems")).toArray().first().toObject();
    QCOMPARE(p.value(QStringLiteral("seq")).toInt(), 2);
    QCOMPARE(p.value(QStringLiteral("kind")).toString(), QStringLiteral("edited"));
}

void TestAudit::deletedRowIsPinpointed()
{
    QVERIFY(execOnFile(QStringLiteral("DELETE FROM audit_events WHERE seq = 2")));
    const QJsonObject v = verify();
    QVERIFY(!v.value(QStringLiteral("valid")).toBool());
    const QJsonObject p = v.value(QStringLiteral("problems")).toArray().first().toObject();
    QCOMPARE(p.value(QStringLiteral("kind")).toString(), QStringLiteral("deleted"));
    QCOMPARE(p.value(QStringLiteral("seq")).toInt(), 3);
    QVERIFY(p.value(QStringLiteral("detail")).toString().contains(QStringLiteral("2")));
}

void TestAudit::deletedLastRowIsNoticed()
{
    QVERIFY(execOnFile(QStringLiteral("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)")));
    const QJsonObject v = verify();
    QVERIFY(!v.value(QStringLiteral("valid")).toBool());
    QCOMPARE(v.value(QStringLiteral("problems")).toArray().first().toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("deleted"));
}

void TestAudit::insertedRowIsPinpointed()
{
    // Renumber to open a gap after row 2, then insert a forged row there.
    QVERIFY(execOnFile(QStringLiteral("UPDATE audit_events SET seq = seq + 1000 WHERE seq > 2")));
    QVERIFY(execOnFile(QStringLiteral("UPDATE audit_events SET seq = seq - 999 WHERE seq > 1000")));
    QVERIFY(execOnFile(QStringLiteral(
        "INSERT INTO audit_events (id, seq, created_at, member_id, token_id, method, path, action, status, outcome, prev_hash, hash) "
        "SELECT 'forged', 3, created_at, member_id, token_id, 'DELETE', '/v1/accounts/x', 'accounts.delete', 204, 'success', hash, 'f' "
        "FROM audit_events WHERE seq = 2")));
    const QJsonObject v = verify();
    QVERIFY(!v.value(QStringLiteral("valid")).toBool());
    const QJsonArray problems = v.value(QStringLiteral("problems")).toArray();
    bool pinpointed = false;
    for (const QJsonValue& p : problems)
        pinpointed |= p.toObject().value(QStringLiteral("id")).toString() == QStringLiteral("forged");
    QVERIFY2(pinpointed, QJsonDocument(v).toJson().constData());
    // And a row appended beyond the head.
    QVERIFY(execOnFile(QStringLiteral("DELETE FROM audit_events WHERE id = 'forged'")));
}

void TestAudit::filtersApply()
{
    const QString accountId = m_ws->get(QStringLiteral("/v1/accounts/globex")).result().toObject().value(QStringLiteral("id")).toString();
    const ApiResponse r = m_ws->call(ApiRequest::get(QStringLiteral("/v1/audit/organizations"))
                                         .withQuery(QStringLiteral("filter"), QStringLiteral("account_id[eq]") + accountId));
    QCOMPARE(r.result().toArray().size(), 1);
    QCOMPARE(r.result().toArray().first().toObject().value(QStringLiteral("action")).toString(), QStringLiteral("accounts.create"));
}

QTEST_GUILESS_MAIN(TestAudit)
#include "TestAudit.moc"
