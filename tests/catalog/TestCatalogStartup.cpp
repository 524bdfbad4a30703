#include <QCoreApplication>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// A broken built-in catalog is a clear start-up error: exit status 2 and a message naming the file.
class TestCatalogStartup final : public QObject {
    Q_OBJECT

    static QString helper() { return QCoreApplication::applicationDirPath() + u"/catalog_startup_helper"_s; }

private slots:
    void intactCatalogStarts() {
        QProcess process;
        process.start(helper(), {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("providers: 9"));
    }

    void brokenCatalogStopsWithAClearMessage() {
        QProcess process;
        process.start(helper(), {u"--without-catalog"_s});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        const QString stderrText = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(stderrText.contains(u"provider catalog is invalid"_s), qPrintable(stderrText));
        QVERIFY2(stderrText.contains(u"connectors.json"_s), qPrintable(stderrText));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalogStartup)
#include "TestCatalogStartup.moc"
