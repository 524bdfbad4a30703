// The `patchbay` console: reads the command line, then hands over to the workspace launcher.
#include "gui/Icons.h"
#include "gui/start/WorkspaceLauncher.h"
#include "providers/AdapterRegistry.h"
#include "vault/KeychainVault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
// The UI language follows the system locale unless Settings "ui/language" names one ("en", "de",
// "fr"; "" = system). Patchbay's own catalogs are embedded under :/i18n; Qt's catalogs (standard
// buttons, dialogs) come from the Qt installation when present.
void installTranslators(QCoreApplication& app)
{
    const QString chosen = QSettings().value(u"ui/language"_s).toString();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    if (!chosen.isEmpty())
        QLocale::setDefault(locale);
    // English is the source language: nothing to load, and Qt's own strings stay English too.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto* translator = new QTranslator(&app);
    if (translator->load(locale, u"patchbay"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(translator);
}
} // namespace

namespace {

struct Options {
    QCommandLineOption workspace{u"workspace"_s, QCoreApplication::translate("main", "Open the workspace FILE."), u"FILE"_s};
    QCommandLineOption demo{u"demo"_s, QCoreApplication::translate("main", "Open a fresh demo workspace served by the "
                                                                           "local provider simulator (patchbay-sim).")};
    QCommandLineOption select{u"select"_s, QCoreApplication::translate("main", "Select the object named NAME in the tree."),
                              u"NAME"_s};
};

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"Patchbay"_s);
    QCoreApplication::setOrganizationDomain(u"patchbay.example"_s);
    QCoreApplication::setApplicationName(u"patchbay"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));
}

void setUpParser(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Admin console for a multi-tenant integration platform: Accounts, Integrations, Integration Points, "
                "members and tokens."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.workspace, options.demo, options.select});
}

// --help and --version must work without a display (package checks, ssh sessions), so they are
// answered before a QApplication would try to connect to one.
bool onlyAsksForInformation(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    if (onlyAsksForInformation(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        installTranslators(app); // --help speaks the user's language too (Qt's own lines need qt6-translations-l10n)
        QCommandLineParser parser;
        const Options options;
        setUpParser(parser, options);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(u"Patchbay"_s);
    QApplication::setDesktopFileName(u"io.patchbay.Patchbay"_s); // the installed .desktop file
    QApplication::setWindowIcon(pb::Icons::app());
    installTranslators(app);

    QCommandLineParser parser;
    const Options cli;
    setUpParser(parser, cli);
    parser.process(app);

    pb::KeychainVault vault;
    pb::AdapterRegistry adapters;
    pb::WorkspaceLauncher launcher(&vault, &adapters);
    pb::WorkspaceLauncher::Options options;
    options.workspacePath = parser.value(cli.workspace);
    options.demo = parser.isSet(cli.demo);
    options.binaryDir = QCoreApplication::applicationDirPath();
    options.select = parser.value(cli.select);
    if (!launcher.start(options))
        return 1;
    return app.exec();
}
