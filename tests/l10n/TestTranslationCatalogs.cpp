// The shipped catalogs (translations/*.ts) are complete, and every string of every form reaches them.
#include "TranslationChecks.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString sourceDir = QStringLiteral(PATCHBAY_SOURCE_DIR);

QString read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

class TestTranslationCatalogs final : public QObject {
    Q_OBJECT
private slots:
    void detectsUnfinishedObsoleteAndPlaceholderProblems();
    void detectsUntranslatableFormStrings();
    void shippedCatalogs_data();
    void shippedCatalogs();
    void formsReachTheCatalog();
};

// The checker itself must catch what it claims to catch, or a green run means nothing.
void TestTranslationCatalogs::detectsUnfinishedObsoleteAndPlaceholderProblems()
{
    const QString good = uR"(<TS version="2.1" language="de_DE"><context><name>C</name>
<message><source>Delete %1 “%2”?</source><translation>%1 „%2“ löschen?</translation></message>
<message><source>&amp;Save</source><translation>&amp;Speichern</translation></message>
<message numerus="yes"><source>%n item(s)</source><translation><numerusform>%n Element</numerusform><numerusform>%n Elemente</numerusform></translation></message>
</context></TS>)"_s;
    const pb::l10n::TsReport ok = pb::l10n::checkTsText(u"good.ts"_s, good);
    QVERIFY2(ok.problems.isEmpty(), qPrintable(ok.problems.join(u'\n')));
    QCOMPARE(ok.messages, 3);
    QVERIFY(ok.sources.contains(u"C\n&Save"_s));

    const QString bad = uR"(<TS version="2.1" language="de_DE"><context><name>C</name>
<message><source>Open</source><translation type="unfinished"></translation></message>
<message><source>Gone</source><translation type="vanished">Weg</translation></message>
<message><source>Old</source><translation type="obsolete">Alt</translation></message>
<message><source>Copy %1 to %2</source><translation>%1 kopieren</translation></message>
<message><source>&amp;Quit</source><translation>Beenden</translation></message>
</context></TS>)"_s;
    const QStringList problems = pb::l10n::checkTsText(u"bad.ts"_s, bad).problems;
    const QString all = problems.join(u'\n');
    QVERIFY2(all.contains(u"\"Open\": unfinished"_s), qPrintable(all));
    QVERIFY2(all.contains(u"\"Gone\": vanished"_s), qPrintable(all));
    QVERIFY2(all.contains(u"\"Old\": obsolete"_s), qPrintable(all));
    QVERIFY2(all.contains(u"placeholders differ"_s), qPrintable(all));
    QVERIFY2(all.contains(u"accelerator (&) differs"_s), qPrintable(all));
}

void TestTranslationCatalogs::detectsUntranslatableFormStrings()
{
    const QString form = uR"(<ui version="4.0"><class>Form</class><widget class="QWidget" name="Form">
<property name="windowTitle"><string>Settings</string></property>
<widget class="QLabel" name="a"><property name="text"><string notr="true">Hard-coded</string></property>
<property name="styleSheet"><string notr="true">color: red;</string></property></widget>
<widget class="QLabel" name="b"><property name="toolTip"><string>Not extracted</string></property></widget>
</widget></ui>)"_s;
    const QSet<QString> sources{u"Form\nSettings"_s};
    const QStringList problems = pb::l10n::checkUiText(u"form.ui"_s, form, sources);
    const QString all = problems.join(u'\n');
    QCOMPARE(problems.size(), 2);
    QVERIFY2(all.contains(u"\"Hard-coded\": user-visible but marked notr"_s), qPrintable(all));
    QVERIFY2(all.contains(u"\"Not extracted\": not in the translation catalog"_s), qPrintable(all));
    QVERIFY(!all.contains(u"color: red"_s));
}

void TestTranslationCatalogs::shippedCatalogs_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("de") << sourceDir + u"/translations/patchbay_de.ts"_s;
    QTest::newRow("fr") << sourceDir + u"/translations/patchbay_fr.ts"_s;
}

void TestTranslationCatalogs::shippedCatalogs()
{
    QFETCH(QString, path);
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const pb::l10n::TsReport report = pb::l10n::checkTsFile(path);
    QVERIFY2(report.problems.isEmpty(), qPrintable(report.problems.join(u'\n')));
    // A catalog that lost its messages would pass the checks above trivially.
    QVERIFY2(report.messages > 300, qPrintable(QString::number(report.messages)));
}

void TestTranslationCatalogs::formsReachTheCatalog()
{
    const pb::l10n::TsReport catalog = pb::l10n::checkTsFile(sourceDir + u"/translations/patchbay_de.ts"_s);
    QStringList problems;
    int forms = 0;
    QDirIterator it(sourceDir + u"/ui"_s, {u"*.ui"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        ++forms;
        problems << pb::l10n::checkUiText(QDir(sourceDir).relativeFilePath(path), read(path), catalog.sources);
    }
    QVERIFY(forms > 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestTranslationCatalogs)
#include "TestTranslationCatalogs.moc"
