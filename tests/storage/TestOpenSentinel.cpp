#include "storage/OpenSentinel.h"
#include "storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pb;

// Opening skips the whole-file check after a clean session and runs it after an unclean one
// (a marker left by a process that is gone), which is what a SIGKILL or a power cut leaves.
class TestOpenSentinel final : public QObject {
    Q_OBJECT
private slots:
    void cleanCloseLeavesNoMarker();
    void markerOfDeadProcessMeansUnclean();
    void damagedFileIsRefusedAfterUncleanEnd();

private:
    static QStringList markers(const QString& dir)
    {
        return QDir(dir).entryList({QStringLiteral(".*.open")}, QDir::Files | QDir::Hidden);
    }
    static qint64 deadPid()
    {
        QProcess p;
        p.start(QStringLiteral("true"), {});
        p.waitForStarted();
        const qint64 pid = p.processId();
        p.waitForFinished();
        return pid;
    }
    static void seed(Workspace& ws, int rows)
    {
        for (int i = 0; i < rows; ++i)
            QVERIFY(ws.exec(QStringLiteral("INSERT INTO accounts (id, name, fullname, environment, labels, created_at, updated_at) "
                                           "VALUES ('a%1', 'acct-%1', 'Account %1 with a longer display name to fill pages', "
                                           "'test', '[]', 'x', 'x')").arg(i)).ok());
    }
    QTemporaryDir m_dir;
};

void TestOpenSentinel::cleanCloseLeavesNoMarker()
{
    const QString path = m_dir.filePath(QStringLiteral("clean.patchbay"));
    {
        auto ws = Workspace::create(path);
        QVERIFY(ws.ok());
        QCOMPARE(markers(m_dir.path()).size(), 1);
        QVERIFY(markers(m_dir.path()).first().contains(QString::number(QCoreApplication::applicationPid())));
        // A second connection in the same process shares the marker.
        auto again = Workspace::open(path);
        QVERIFY(again.ok());
        QCOMPARE(markers(m_dir.path()).size(), 1);
    }
    QVERIFY(markers(m_dir.path()).isEmpty());
    QCOMPARE(OpenSentinel::lastSession(path), OpenSentinel::LastSession::Clean);
}

void TestOpenSentinel::markerOfDeadProcessMeansUnclean()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crashed.patchbay"));
    {
        auto ws = Workspace::create(path);
        QVERIFY(ws.ok());
    }
    const qint64 pid = deadPid();
    QVERIFY(pid > 0);
    QFile marker(dir.filePath(QStringLiteral(".crashed.patchbay.%1.open").arg(pid)));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    QCOMPARE(OpenSentinel::lastSession(path), OpenSentinel::LastSession::Unclean);
    {
        auto ws = Workspace::open(path); // checks the file, then forgets the dead process's marker
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.problem().toText()));
        QVERIFY(!marker.exists());
    }
    QCOMPARE(OpenSentinel::lastSession(path), OpenSentinel::LastSession::Clean);
}

void TestOpenSentinel::damagedFileIsRefusedAfterUncleanEnd()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.patchbay"));
    int rootPage = 0;
    {
        auto ws = Workspace::create(path);
        QVERIFY(ws.ok());
        seed(**ws, 400);
        QVERIFY((*ws)->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).ok());
        auto root = (*ws)->scalar(QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'"));
        QVERIFY(root.ok());
        rootPage = root->toInt();
    }
    QVERIFY(rootPage > 1);
    // Overwrite the accounts table's root page (an interior page at 400 rows) with garbage.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(qint64(rootPage - 1) * 4096));
    file.write(QByteArray(4096, '\x5a'));
    file.close();
    QFile marker(dir.filePath(QStringLiteral(".damaged.patchbay.%1.open").arg(deadPid())));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();

    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QCOMPARE(ws.problem().type, QStringLiteral("workspace_corrupt"));
    QVERIFY(marker.exists()); // still unclean: the next open checks again
}

QTEST_GUILESS_MAIN(TestOpenSentinel)
#include "TestOpenSentinel.moc"
