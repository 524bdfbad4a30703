// The `patchbay` console: reads the command line, then hands over to the workspace launcher.
#include "gui/Icons.h"
#include "gui/start/WorkspaceLauncher.h"
#include "providers/AdapterRegistry.h"
#include "vault/KeychainVault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Patchbay"_s);
    QApplication::setOrganizationDomain(u"patchbay.example"_s);
    QApplication::setApplicationName(u"patchbay"_s);
    QApplication::setApplicationDisplayName(u"Patchbay"_s);
    QApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));
    QApplication::setDesktopFileName(u"patchbay"_s);
    QApplication::setWindowIcon(pb::Icons::app());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Admin console for a multi-tenant integration platform: Accounts, Integrations, Integration Points, "
                "members and tokens."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(u"workspace"_s, QApplication::translate("main", "Open the workspace FILE."),
                                       u"FILE"_s);
    const QCommandLineOption demo(u"demo"_s, QApplication::translate(
                                                 "main", "Open a fresh demo workspace served by the local provider "
                                                         "simulator (patchbay-sim)."));
    const QCommandLineOption select(u"select"_s, QApplication::translate("main", "Select the object named NAME in the tree."),
                                    u"NAME"_s);
    parser.addOptions({workspace, demo, select});
    parser.process(app);

    pb::KeychainVault vault;
    pb::AdapterRegistry adapters;
    pb::WorkspaceLauncher launcher(&vault, &adapters);
    pb::WorkspaceLauncher::Options options;
    options.workspacePath = parser.value(workspace);
    options.demo = parser.isSet(demo);
    options.binaryDir = QCoreApplication::applicationDirPath();
    options.select = parser.value(select);
    if (!launcher.start(options))
        return 1;
    return app.exec();
}
