#include "storage/Workspace.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

class TestMigrations final : public QObject {
    Q_OBJECT
private slots:
    void emptyWorkspaceReachesLatest();
    void olderWorkspaceIsUpgraded();
    void newerWorkspaceIsRefused();
    void createRefusesExistingFile();
    void openRefusesMissingFile();
    void corruptFileIsRefused();
    void pragmasAreSet();

private:
    QTemporaryDir m_dir;
};

void TestMigrations::emptyWorkspaceReachesLatest()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.db"));
    auto ws = Workspace::create(path);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.problem().toText()));
    QCOMPARE((*ws)->schemaVersion(), Workspace::latestSchemaVersion());
    QVERIFY(Workspace::latestSchemaVersion() >= 2);
    for (const char* table : {"organization", "members", "roles", "accounts", "end_users", "integration_points",
                              "integrations", "credentials", "vault_index", "tokens", "audit_events",
                              "integration_status", "call_history"}) {
        auto n = (*ws)->scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QString::fromLatin1(table)));
        QVERIFY2(n.ok(), table);
    }
}

void TestMigrations::olderWorkspaceIsUpgraded()
{
    const QString path = m_dir.filePath(QStringLiteral("v1.db"));
    {
        auto ws = Workspace::open(path, {true, 1});
        QVERIFY(ws.ok());
        QCOMPARE((*ws)->schemaVersion(), 1);
        QVERIFY((*ws)->exec(QStringLiteral("INSERT INTO accounts (id, name, fullname, environment, labels, created_at, updated_at) "
                                           "VALUES ('a1', 'acme', 'Acme', 'test', '[]', 'x', 'x')")).ok());
        auto idx = (*ws)->scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_call_history_integration'"));
        QCOMPARE(idx->toInt(), 0);
    }
    auto ws = Workspace::open(path);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.problem().toText()));
    QCOMPARE((*ws)->schemaVersion(), Workspace::latestSchemaVersion());
    auto idx = (*ws)->scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'idx_call_history_integration'"));
    QCOMPARE(idx->toInt(), 1);
    // Data survives the upgrade.
    auto name = (*ws)->scalar(QStringLiteral("SELECT name FROM accounts WHERE id = 'a1'"));
    QCOMPARE(name->toString(), QStringLiteral("acme"));
}

void TestMigrations::newerWorkspaceIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("future.db"));
    {
        auto ws = Workspace::create(path);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, 'x')"),
                            {Workspace::latestSchemaVersion() + 1})
                    .ok());
    }
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QCOMPARE(ws.problem().type, QStringLiteral("workspace_too_new"));
    QVERIFY(ws.problem().message.contains(QStringLiteral("newer Patchbay")));
    QVERIFY(!ws.problem().remediation.isEmpty());
}

void TestMigrations::createRefusesExistingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("twice.db"));
    QVERIFY(Workspace::create(path).ok());
    auto again = Workspace::create(path);
    QVERIFY(!again.ok());
    QCOMPARE(again.problem().status, 409);
}

void TestMigrations::openRefusesMissingFile()
{
    auto ws = Workspace::open(m_dir.filePath(QStringLiteral("missing.db")));
    QVERIFY(!ws.ok());
    QCOMPARE(ws.problem().status, 404);
}

void TestMigrations::corruptFileIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("garbage.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QVERIFY(!ws.problem().message.isEmpty());
    QVERIFY(!ws.problem().remediation.isEmpty());
}

void TestMigrations::pragmasAreSet()
{
    auto ws = Workspace::create(m_dir.filePath(QStringLiteral("pragmas.db")));
    QVERIFY(ws.ok());
    QCOMPARE((*ws)->scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
    QCOMPARE((*ws)->scalar(QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
    QVERIFY((*ws)->scalar(QStringLiteral("PRAGMA busy_timeout"))->toInt() > 0);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
