#include "server/ServeCommand.h"
#include "server/WorkspaceAccessLog.h"

#include "platform/Platform.h"
#include "providers/AdapterRegistry.h"
#include "server/AccessLog.h"
#include "vault/KeychainVault.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace pb {

namespace {

Problem usage(const QString& message, const QString& detail = {})
{
    return Problem(400, QStringLiteral("usage_error"), message, detail, QStringLiteral("See `patchbay-cli serve --help`."));
}

// Unix signals arrive on a self-pipe and are turned into an event-loop callback: the handler
// itself only writes one byte, which is all a signal handler may safely do.
int g_signalPipe[2] = {-1, -1};

void onUnixSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[0], &byte, 1);
}

} // namespace

QString serveUsage()
{
    return QStringLiteral(
        "Usage: patchbay-cli serve --workspace FILE [options]\n"
        "Serves the Management and Connector APIs over HTTP until Ctrl+C.\n\n"
        "  --workspace FILE      the workspace to serve (or PATCHBAY_WORKSPACE)\n"
        "  --port N              TCP port (default 0: pick a free one; the URL is printed)\n"
        "  --address A           bind address (default 127.0.0.1); anything else needs TLS\n"
        "  --tls-cert FILE       PEM certificate for TLS\n"
        "  --tls-key FILE        PEM private key for TLS (unencrypted)\n"
        "  --rate-limit N/s|off  requests per second per token (default 50/s, bursts of 2x)\n"
        "  --max-body BYTES      request body cap (default 1048576)\n"
        "  --timeout SECONDS     per-request timeout (default 30)\n"
        "  --port-file FILE      write the chosen port there once listening (for scripts)\n");
}

Result<ServeArguments> parseServeArguments(const QStringList& args)
{
    ServeArguments out;
    out.workspacePath = qEnvironmentVariable("PATCHBAY_WORKSPACE");
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        QString value;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        const bool inlineValue = name.startsWith(QStringLiteral("--")) && eq > 0;
        if (inlineValue) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        }
        auto next = [&]() -> std::optional<QString> {
            if (inlineValue)
                return value;
            if (i + 1 >= args.size())
                return std::nullopt;
            return args.at(++i);
        };
        auto need = [&](std::optional<QString> v) -> Result<QString> {
            if (!v)
                return usage(QStringLiteral("Option ") + name + QStringLiteral(" needs a value."));
            return *v;
        };
        if (name == QStringLiteral("--workspace")) {
            auto v = need(next());
            if (!v) return v.problem();
            out.workspacePath = *v;
        } else if (name == QStringLiteral("--port")) {
            auto v = need(next());
            if (!v) return v.problem();
            bool ok = false;
            const uint port = v->toUInt(&ok);
            if (!ok || port > 65535)
                return usage(QStringLiteral("--port must be a number from 0 to 65535."), *v);
            out.server.port = static_cast<quint16>(port);
        } else if (name == QStringLiteral("--address")) {
            auto v = need(next());
            if (!v) return v.problem();
            QHostAddress address;
            if (*v == QStringLiteral("localhost"))
                address = QHostAddress(QHostAddress::LocalHost);
            else if (!address.setAddress(*v))
                return usage(QStringLiteral("--address must be an IP address."), *v);
            out.server.address = address;
            // Asking for another address explicitly is the opt-in; TLS is still required.
            out.server.allowNonLoopback = true;
        } else if (name == QStringLiteral("--tls-cert")) {
            auto v = need(next());
            if (!v) return v.problem();
            out.server.tlsCertificatePath = *v;
        } else if (name == QStringLiteral("--tls-key")) {
            auto v = need(next());
            if (!v) return v.problem();
            out.server.tlsKeyPath = *v;
        } else if (name == QStringLiteral("--rate-limit")) {
            auto v = need(next());
            if (!v) return v.problem();
            if (*v == QStringLiteral("off") || *v == QStringLiteral("0")) {
                out.server.rateLimitPerSecond = 0;
            } else {
                QString number = *v;
                if (number.endsWith(QStringLiteral("/s")))
                    number.chop(2);
                bool ok = false;
                const double rate = number.toDouble(&ok);
                if (!ok || rate <= 0)
                    return usage(QStringLiteral("--rate-limit takes N/s (e.g. 50/s) or off."), *v);
                out.server.rateLimitPerSecond = rate;
            }
        } else if (name == QStringLiteral("--max-body")) {
            auto v = need(next());
            if (!v) return v.problem();
            bool ok = false;
            const qint64 bytes = v->toLongLong(&ok);
            if (!ok || bytes <= 0)
                return usage(QStringLiteral("--max-body takes a positive number of bytes."), *v);
            out.server.maxBodyBytes = bytes;
        } else if (name == QStringLiteral("--timeout")) {
            auto v = need(next());
            if (!v) return v.problem();
            bool ok = false;
            const double seconds = v->toDouble(&ok);
            if (!ok || seconds < 0)
                return usage(QStringLiteral("--timeout takes a number of seconds (0: none)."), *v);
            out.server.requestTimeoutMs = static_cast<int>(seconds * 1000);
        } else if (name == QStringLiteral("--port-file")) {
            auto v = need(next());
            if (!v) return v.problem();
            out.portFile = *v;
        } else {
            return usage(QStringLiteral("Unknown option ") + name + QLatin1Char('.'));
        }
    }
    if (out.workspacePath.isEmpty())
        return usage(QStringLiteral("Which workspace? Pass --workspace FILE."));
    return out;
}

int runServeCommand(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << serveUsage();
        return 0;
    }
    auto parsed = parseServeArguments(args);
    if (!parsed) {
        err << parsed.problem().toText() << '\n';
        return 2;
    }
    if (!QFile::exists(parsed->workspacePath)) {
        err << Problem::notFound(QStringLiteral("The workspace does not exist."), parsed->workspacePath)
                   .withRemediation(QStringLiteral("Create it with `patchbay-cli init`, or check the path."))
                   .toText()
            << '\n';
        return 1;
    }

    KeychainVault vault;
    AdapterRegistry adapters;
    Platform::Options platformOptions;
    platformOptions.workspacePath = parsed->workspacePath;
    platformOptions.vault = &vault;
    platformOptions.adapters = &adapters;
    auto platform = Platform::open(platformOptions);
    if (!platform) {
        err << platform.problem().toText() << '\n';
        return 1;
    }
    Platform* p = platform->get();
    LocalApiServer server([p](const ApiRequest& request, ApiCallback done) { p->dispatch(request, std::move(done)); });
    server.setOptions(parsed->server);
    WorkspaceAccessLog accessLog(p);
    server.setAccessLogSink(&accessLog);
    if (const Status started = server.start(); !started) {
        err << started.problem().toText() << '\n';
        return 1;
    }
    if (!parsed->portFile.isEmpty()) {
        QSaveFile portFile(parsed->portFile);
        if (portFile.open(QIODevice::WriteOnly)) {
            portFile.write(QByteArray::number(server.url().port()) + '\n');
            portFile.commit();
        }
    }
    out << "Patchbay API server listening on " << server.url().toString() << '\n'
        << "Workspace: " << parsed->workspacePath << '\n'
        << "Press Ctrl+C to stop." << Qt::endl;

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        err << "error: cannot install the signal handler\n";
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &server, [&]() {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[1], &byte, 1);
        notifier.setEnabled(false);
        server.stop();
        QCoreApplication::quit();
    });
    struct sigaction action {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    const int rc = QCoreApplication::exec();

    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::close(g_signalPipe[0]);
    ::close(g_signalPipe[1]);
    g_signalPipe[0] = g_signalPipe[1] = -1;
    out << "Patchbay API server stopped." << Qt::endl;
    return rc;
}

} // namespace pb
