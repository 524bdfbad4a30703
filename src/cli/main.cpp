#include "cli/CommandLine.h"
#include "cli/commands/Commands.h"

#ifdef PATCHBAY_HAVE_SERVER
#include "server/ServeCommand.h"
#endif

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchbay-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Patchbay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBAY_VERSION));
#ifdef PATCHBAY_HAVE_SERVER
    // `serve` runs an event loop of its own until SIGINT/SIGTERM: it owns the rest of the line.
    const QStringList args = QCoreApplication::arguments();
    if (args.size() > 1 && args.at(1) == QStringLiteral("serve"))
        return pb::runServeCommand(args.mid(2));
#endif
    const pb::cli::Command tree = pb::cli::commandTree();
    return pb::cli::runCommandLine(tree, QCoreApplication::arguments());
}
