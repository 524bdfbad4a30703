// Drives distinctive secrets (random per run) through the CLI, the local API server, the GUI and
// connector calls to patchbay-sim, then scans every place Patchbay writes or prints for them
// (issue 8 item 4; docs/security/TESTS.md). Allowed: the one answer that shows a secret on
// purpose (a token's issue, an administrator's reveal); nothing else may hold one.
#include "LeakScanner.h"
#include "LeakScenario.h"

#ifdef PATCHBAY_LEAKSCAN_GUI
#include <QApplication>
#else
#include <QCoreApplication>
#endif
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace pb::test;

namespace {

QMutex g_messagesMutex;
QByteArray g_messages;
QtMessageHandler g_previous = nullptr;

// Every qDebug/qInfo/qWarning of the process (platform, server, GUI) is kept for the scan.
void keepMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_messagesMutex);
        g_messages += message.toUtf8() + '\n';
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class TestLeakScan final : public QObject {
    Q_OBJECT
public:
    explicit TestLeakScan(QString configHome) : m_configHome(std::move(configHome)) {}

private slots:
    void initTestCase();
    void cli();
    void server();
    void gui();
    void scanEverything();
    void cleanupTestCase();

private:
    QString m_configHome;
    std::unique_ptr<LeakScenario> m_scenario;
};

void TestLeakScan::initTestCase()
{
    g_previous = qInstallMessageHandler(keepMessage);
    m_scenario = std::make_unique<LeakScenario>();
    QVERIFY2(m_scenario->ready(), qPrintable(m_scenario->error()));
}

void TestLeakScan::cli()
{
    m_scenario->runCli();
}

void TestLeakScan::server()
{
    m_scenario->runServer();
}

void TestLeakScan::gui()
{
#ifdef PATCHBAY_LEAKSCAN_GUI
    m_scenario->runGui();
#else
    QSKIP("the GUI library is not part of this build");
#endif
}

void TestLeakScan::scanEverything()
{
    LeakScanner scanner;
    m_scenario->addCanaries(scanner);
    QVERIFY(scanner.canaryCount() >= 8);
    // While the workspace is open (the -wal and -shm files exist), and after it closed.
    const int openFiles = scanner.scanDirectory(m_scenario->workspaceDir());
    const int apiBefore = scanner.places();
    m_scenario->scanApiViews(scanner);
    const int apiViews = scanner.places() - apiBefore;
    m_scenario->closeWorkspace();
    const int closedFiles = scanner.scanDirectory(m_scenario->workspaceDir());
    const int exportFiles = scanner.scanDirectory(m_scenario->outputDir());
    const int settingsFiles = scanner.scanDirectory(m_configHome);
    m_scenario->scanOutputs(scanner);
    qint64 messageBytes = 0;
    {
        QMutexLocker lock(&g_messagesMutex);
        scanner.scan(u"Qt message log"_s, g_messages);
        messageBytes = g_messages.size();
    }
    std::printf("LEAK SCAN places: workspace files %d while open + %d after close, %d API views (audit, access log, "
                "status, call history, credentials, tokens, export, reconcile), %d export files, %d settings files, "
                "%d captured CLI/server outputs, Qt message log (%lld bytes)\n",
                openFiles, closedFiles, apiViews, exportFiles, settingsFiles, m_scenario->outputCount(), (long long)messageBytes);
    QVERIFY(openFiles >= 2);    // the database and its -wal at least
    QVERIFY(exportFiles >= 1);
    QVERIFY(messageBytes > 0);  // the server and the GUI do log
    // Control: the outputs that show secrets on purpose are found by the same scanner.
    LeakScanner control;
    m_scenario->addCanaries(control);
    m_scenario->scanAllowedOutputs(control);
    QVERIFY2(control.hits().size() >= 2, qPrintable(control.hits().join(u'\n')));
    // The scanner itself finds what it is meant to (a canary planted in a scratch buffer).
    LeakScanner selfCheck;
    selfCheck.addCanary(u"probe"_s, "CANARY-selfcheck-0123456789");
    selfCheck.scan(u"probe"_s, QByteArray("x" + QByteArray("user:CANARY-selfcheck-0123456789").toBase64() + "y"));
    selfCheck.scan(u"probe-hex"_s, QByteArray("CANARY-selfcheck-0123456789").toHex());
    QVERIFY2(selfCheck.hits().size() == 2, qPrintable(selfCheck.hits().join(u'\n')));

    std::printf("LEAK SCAN: %d canaries, %d places, %lld bytes scanned, %d hits\n", scanner.canaryCount(), scanner.places(),
                (long long)scanner.bytes(), int(scanner.hits().size()));
    std::fflush(stdout);
    QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(u'\n')));
    QVERIFY(scanner.places() >= 20);
}

void TestLeakScan::cleanupTestCase()
{
    qInstallMessageHandler(g_previous);
    if (m_scenario)
        m_scenario->removeKeychainEntries();
    m_scenario.reset();
}

int main(int argc, char** argv)
{
    // QSettings of everything this process and its CLI children write land in a folder of our own.
    QTemporaryDir configHome;
    qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
    qputenv("QT_QPA_PLATFORM", "offscreen");
#ifdef PATCHBAY_LEAKSCAN_GUI
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv); // a build without the GUI: CLI, server and connector parts only
#endif
    QCoreApplication::setOrganizationName(u"Patchbay"_s);
    QCoreApplication::setOrganizationDomain(u"patchbay.example"_s);
    QCoreApplication::setApplicationName(u"patchbay"_s);
    TestLeakScan test(configHome.path());
    return QTest::qExec(&test, argc, argv);
}

#include "TestLeakScan.moc"
