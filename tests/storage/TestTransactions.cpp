#include "storage/Workspace.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class TestTransactions final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void committedTransactionKeepsRows();
    void failedTransactionLeavesNoPartialRows();
    void failedNestedStepRollsBackOuter();
    void sqlErrorRollsBack();
    void uniqueNameIsAConflict();
    void foreignKeysAreEnforced();
    void bulkInsertIsOneTransaction();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    int m_n = 0;
    Status insertAccount(const QString& id, const QString& name);
    int count(const QString& table);
};

void TestTransactions::init()
{
    auto ws = Workspace::create(m_dir.filePath(QStringLiteral("t%1.db").arg(++m_n)));
    QVERIFY(ws.ok());
    m_ws = std::move(*ws);
}

void TestTransactions::cleanup()
{
    m_ws.reset();
}

Status TestTransactions::insertAccount(const QString& id, const QString& name)
{
    return m_ws->insert(QStringLiteral("accounts"), {{QStringLiteral("id"), id},
                                                     {QStringLiteral("name"), name},
                                                     {QStringLiteral("fullname"), name},
                                                     {QStringLiteral("environment"), QStringLiteral("test")},
                                                     {QStringLiteral("labels"), QStringLiteral("[]")},
                                                     {QStringLiteral("created_at"), QStringLiteral("t")},
                                                     {QStringLiteral("updated_at"), QStringLiteral("t")}});
}

int TestTransactions::count(const QString& table)
{
    return m_ws->scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table)->toInt();
}

void TestTransactions::committedTransactionKeepsRows()
{
    Status s = m_ws->transaction([&]() -> Status {
        if (Status a = insertAccount(QStringLiteral("a1"), QStringLiteral("one")); !a)
            return a;
        return insertAccount(QStringLiteral("a2"), QStringLiteral("two"));
    });
    QVERIFY(s.ok());
    QCOMPARE(count(QStringLiteral("accounts")), 2);
}

void TestTransactions::failedTransactionLeavesNoPartialRows()
{
    Status s = m_ws->transaction([&]() -> Status {
        if (Status a = insertAccount(QStringLiteral("a1"), QStringLiteral("one")); !a)
            return a;
        return Problem::badRequest(QStringLiteral("second step refused"));
    });
    QVERIFY(!s.ok());
    QCOMPARE(s.problem().message, QStringLiteral("second step refused"));
    QCOMPARE(count(QStringLiteral("accounts")), 0);
}

void TestTransactions::failedNestedStepRollsBackOuter()
{
    Status s = m_ws->transaction([&]() -> Status {
        if (Status a = insertAccount(QStringLiteral("a1"), QStringLiteral("one")); !a)
            return a;
        // The inner failure is swallowed by the outer body, but the transaction still rolls back.
        (void)m_ws->transaction([&]() -> Status { return Problem::badRequest(QStringLiteral("inner")); });
        return {};
    });
    QVERIFY(!s.ok());
    QCOMPARE(count(QStringLiteral("accounts")), 0);
}

void TestTransactions::sqlErrorRollsBack()
{
    Status s = m_ws->transaction([&]() -> Status {
        if (Status a = insertAccount(QStringLiteral("a1"), QStringLiteral("one")); !a)
            return a;
        return insertAccount(QStringLiteral("a2"), QStringLiteral("Not A Slug!")).ok()
                   ? m_ws->insert(QStringLiteral("accounts"), {{QStringLiteral("id"), QStringLiteral("a3")}})
                   : Status();
    });
    QVERIFY(!s.ok());
    QCOMPARE(count(QStringLiteral("accounts")), 0);
}

void TestTransactions::uniqueNameIsAConflict()
{
    QVERIFY(insertAccount(QStringLiteral("a1"), QStringLiteral("same")).ok());
    Status s = insertAccount(QStringLiteral("a2"), QStringLiteral("same"));
    QVERIFY(!s.ok());
    QCOMPARE(s.problem().status, 409);
}

void TestTransactions::foreignKeysAreEnforced()
{
    Status s = m_ws->insert(QStringLiteral("end_users"), {{QStringLiteral("id"), QStringLiteral("u1")},
                                                          {QStringLiteral("account_id"), QStringLiteral("missing")},
                                                          {QStringLiteral("name"), QStringLiteral("u")},
                                                          {QStringLiteral("fullname"), QStringLiteral("u")},
                                                          {QStringLiteral("created_at"), QStringLiteral("t")},
                                                          {QStringLiteral("updated_at"), QStringLiteral("t")}});
    QVERIFY(!s.ok());
    QCOMPARE(count(QStringLiteral("end_users")), 0);
}

void TestTransactions::bulkInsertIsOneTransaction()
{
    const QStringList cols{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("fullname"),
                           QStringLiteral("environment"), QStringLiteral("labels"), QStringLiteral("created_at"),
                           QStringLiteral("updated_at")};
    QList<QVariantList> rows;
    for (int i = 0; i < 2000; ++i)
        rows.append({QStringLiteral("id%1").arg(i), QStringLiteral("acct-%1").arg(i), QStringLiteral("Acct %1").arg(i),
                     QStringLiteral("prod"), QStringLiteral("[]"), QStringLiteral("t"), QStringLiteral("t")});
    QVERIFY(m_ws->insertMany(QStringLiteral("accounts"), cols, rows).ok());
    QCOMPARE(count(QStringLiteral("accounts")), 2000);
    // A duplicate in the batch leaves none of the batch behind.
    rows = {{QStringLiteral("x1"), QStringLiteral("new-1"), QStringLiteral("n"), QStringLiteral("prod"), QStringLiteral("[]"),
             QStringLiteral("t"), QStringLiteral("t")},
            {QStringLiteral("x2"), QStringLiteral("acct-5"), QStringLiteral("n"), QStringLiteral("prod"), QStringLiteral("[]"),
             QStringLiteral("t"), QStringLiteral("t")}};
    QVERIFY(!m_ws->insertMany(QStringLiteral("accounts"), cols, rows).ok());
    QCOMPARE(count(QStringLiteral("accounts")), 2000);
}

QTEST_GUILESS_MAIN(TestTransactions)
#include "TestTransactions.moc"
