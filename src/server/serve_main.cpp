// patchbay-serve: the `serve` command as a program of its own, for scripts/load-test.sh and
// manual testing until `patchbay-cli serve` is wired to runServeCommand().
#include "server/ServeCommand.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchbay-serve"));
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (!args.isEmpty() && args.constFirst() == QStringLiteral("serve"))
        args.removeFirst();
    return pb::runServeCommand(args);
}
