// The catalogs embedded in patchbay_gui (:/i18n) translate the running GUI.
#include "gui/models/NodePresentation.h"
#include "gui/models/TreeNode.h"
#include "gui/widgets/AboutDialog.h"

#include <QApplication>
#include <QLabel>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestTranslationRuntime final : public QObject {
    Q_OBJECT
private slots:
    void catalogsAreEmbedded_data();
    void catalogsAreEmbedded();
    void germanTranslatesTheMainWindow();
    void frenchTranslatesAForm();
    void englishNeedsNoCatalog();
    void aboutDialogListsLibrariesAndLicenses();
};

void TestTranslationRuntime::catalogsAreEmbedded_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << u"de"_s;
    QTest::newRow("fr") << u"fr"_s;
}

void TestTranslationRuntime::catalogsAreEmbedded()
{
    QFETCH(QString, language);
    QTranslator translator;
    // The same lookup main() does: by locale, from the fixed resource prefix.
    QVERIFY(translator.load(QLocale(language), u"patchbay"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(!translator.isEmpty());
    QCOMPARE(translator.language().left(2), language);
}

void TestTranslationRuntime::germanTranslatesTheMainWindow()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/patchbay_de.qm"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    // The main window's tab (tr() in pb::MainWindow) and a form string (MainWindow.ui).
    QCOMPARE(QCoreApplication::translate("pb::MainWindow", "&Tokens"), u"&Token"_s);
    QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&Datei"_s);
    QCOMPARE(QCoreApplication::translate("pb::MainWindow", "Token expires in %n min", nullptr, 5),
             u"Token läuft in 5 Minuten ab"_s);
    QCOMPARE(QCoreApplication::translate("pb::MainWindow", "Token expires in %n min", nullptr, 1),
             u"Token läuft in 1 Minute ab"_s);
    // Tree labels come from a helper outside any QObject; its context must match the catalog's.
    pb::TreeNode group;
    group.kind = pb::NodeKind::AccountsGroup;
    QCOMPARE(pb::NodePresentation::title(group), u"Konten"_s);
    // Unknown strings fall back to the source text rather than disappearing.
    QCOMPARE(QCoreApplication::translate("pb::MainWindow", "no such string"), u"no such string"_s);
    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QCOMPARE(QCoreApplication::translate("pb::MainWindow", "&Tokens"), u"&Tokens"_s);
}

void TestTranslationRuntime::frenchTranslatesAForm()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/patchbay_fr.qm"_s));
    QCoreApplication::installTranslator(&translator);
    pb::AboutDialog dialog;
    QCOMPARE(dialog.windowTitle(), u"À propos de Patchbay"_s);
    auto* table = dialog.findChild<QTableWidget*>(u"librariesTable"_s);
    QVERIFY(table);
    QCOMPARE(table->horizontalHeaderItem(2)->text(), u"Licence"_s);
    QCOMPARE(table->item(2, 2)->text(), u"Domaine public"_s);
    QCoreApplication::removeTranslator(&translator);
}

void TestTranslationRuntime::englishNeedsNoCatalog()
{
    QTranslator translator;
    // English is the source language: there is deliberately no patchbay_en.qm.
    QVERIFY(!translator.load(u":/i18n/patchbay_en.qm"_s));
    pb::AboutDialog dialog;
    QCOMPARE(dialog.windowTitle(), u"About Patchbay"_s);
}

void TestTranslationRuntime::aboutDialogListsLibrariesAndLicenses()
{
    QCoreApplication::setApplicationVersion(u"9.8.7"_s);
    pb::AboutDialog dialog;
    auto* version = dialog.findChild<QLabel*>(u"versionLabel"_s);
    QVERIFY(version);
    QVERIFY2(version->text().contains(u"9.8.7"_s), qPrintable(version->text()));
    QCOMPARE(dialog.libraryCount(), 3);
    auto* table = dialog.findChild<QTableWidget*>(u"librariesTable"_s);
    QVERIFY(table);
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows << table->item(row, 0)->text() + u": "_s + table->item(row, 2)->text();
    QCOMPARE(rows, (QStringList{u"Qt 6: GNU LGPL v3"_s, u"QtKeychain: BSD 3-Clause"_s, u"SQLite: Public domain"_s}));
    QCOMPARE(table->item(0, 1)->text(), QString::fromLatin1(qVersion()));
}

QTEST_MAIN(TestTranslationRuntime)
#include "TestTranslationRuntime.moc"
