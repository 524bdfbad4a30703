#pragma once

#include "server/LocalApiServer.h"

#include <QStringList>

namespace pb {

// `patchbay-cli serve --workspace W [--port P] [--address A --tls-cert C --tls-key K]
//                     [--rate-limit N/s|off] [--max-body BYTES] [--timeout SECONDS] [--port-file F]`
// Opens the workspace with the OS keychain vault and the provider adapters, serves the
// Management and Connector APIs until SIGINT or SIGTERM, then stops gracefully.
// `args` are the words after "serve". Needs a running QCoreApplication (not yet exec()'d).
// Returns the process exit code: 0 after a clean stop, 2 for usage errors, 1 otherwise.
int runServeCommand(const QStringList& args);

// The option parsing of runServeCommand, exposed for tests: fills server options and the
// workspace path, or returns a usage problem.
struct ServeArguments {
    QString workspacePath;
    QString portFile;
    LocalApiServer::Options server;
};
Result<ServeArguments> parseServeArguments(const QStringList& args);

// Help text of the serve command.
QString serveUsage();

} // namespace pb
