#include "storage/Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

// The workspace file and SQLite's -wal/-shm companions are readable by their owner only, whatever
// the umask: they hold every customer's metadata (docs/SECURITY.md, "A local user…").
class TestFilePermissions final : public QObject {
    Q_OBJECT
private slots:
    void newWorkspaceIsOwnerOnly();
    void createInMissingDirectoryFailsCleanly();

private:
    QTemporaryDir m_dir;
};

void TestFilePermissions::newWorkspaceIsOwnerOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("private.patchbay"));
    auto ws = Workspace::create(path);
    QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.problem().toText()));
    QVERIFY((*ws)->exec(QStringLiteral("INSERT INTO accounts (id, name, fullname, environment, labels, created_at, updated_at) "
                                       "VALUES ('a1', 'acme', 'Acme', 'test', '[]', 'x', 'x')")).ok());
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                                            | QFileDevice::WriteOther;
    QCOMPARE(QFile::permissions(path) & ownerOnly, ownerOnly);
    QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
    const QStringList companions{path + QStringLiteral("-wal"), path + QStringLiteral("-shm")};
    for (const QString& companion : companions) {
        QVERIFY2(QFileInfo::exists(companion), qPrintable(companion));
        QCOMPARE(QFile::permissions(companion) & others, QFileDevice::Permissions());
    }
}

void TestFilePermissions::createInMissingDirectoryFailsCleanly()
{
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/ws.patchbay"));
    auto ws = Workspace::create(path);
    QVERIFY(!ws.ok());
    QVERIFY(!ws.problem().message.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_GUILESS_MAIN(TestFilePermissions)
#include "TestFilePermissions.moc"
