// patchbay-sim: every provider Patchbay talks to, simulated on loopback (docs/SIMULATOR.md).
#include "sim/SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>

#include <cstdio>

using namespace pb::sim;

namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size() && f.commit();
}

quint16 listenOn(SimServer* server, quint16 port)
{
    auto* tcp = new QTcpServer(server);
    if (!tcp->listen(QHostAddress::LocalHost, port))
        return 0;
    server->bind(tcp);
    return tcp->serverPort();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchbay-sim"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simulates Jira, ServiceNow, Zendesk, GitHub, Slack, Teams, Splunk HEC and "
                                                    "Elasticsearch on 127.0.0.1 for Patchbay's tests and demo."));
    parser.addHelpOption();
    const QCommandLineOption portOpt(QStringLiteral("port"), QStringLiteral("Port to listen on (0 = any free port)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption portFileOpt(QStringLiteral("port-file"), QStringLiteral("Write the chosen port to this file."), QStringLiteral("file"));
    const QCommandLineOption pidFileOpt(QStringLiteral("pid-file"), QStringLiteral("Write the process id to this file."), QStringLiteral("file"));
    const QCommandLineOption otherOpt(QStringLiteral("other-port"), QStringLiteral("Port of the \"other host\" for redirects (0 = any)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption tlsOpt(QStringLiteral("tls-port"), QStringLiteral("Also serve HTTPS on this port (0 = any) with --tls-cert/--tls-key."), QStringLiteral("port"));
    const QCommandLineOption certOpt(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate for --tls-port."), QStringLiteral("file"));
    const QCommandLineOption keyOpt(QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-port."), QStringLiteral("file"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"), QStringLiteral("Demo mode: listen on 8765 unless --port is given, print the base URLs and demo credentials."));
    parser.addOptions({portOpt, portFileOpt, pidFileOpt, otherOpt, tlsOpt, certOpt, keyOpt, demoOpt});
    parser.process(app);

    SimState state;
    state.reset();
    auto* main = new SimServer(&state, false, &app);
    auto* other = new SimServer(&state, true, &app);
    // The demo has a well-known address (patchbay-cli demo's default --sim-url).
    const quint16 port = parser.isSet(demoOpt) && !parser.isSet(portOpt) ? 8765 : quint16(parser.value(portOpt).toUInt());
    state.port = listenOn(main, port);
    state.otherPort = listenOn(other, quint16(parser.value(otherOpt).toUInt()));
    if (!state.port || !state.otherPort) {
        std::fprintf(stderr, "patchbay-sim: cannot listen on 127.0.0.1\n");
        return 1;
    }
    if (parser.isSet(tlsOpt)) {
        QFile certFile(parser.value(certOpt));
        QFile keyFile(parser.value(keyOpt));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "patchbay-sim: --tls-port needs readable --tls-cert and --tls-key\n");
            return 1;
        }
        auto* tls = new SimServer(&state, false, &app);
        tls->sslSetup(QSslCertificate(certFile.readAll(), QSsl::Pem), QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
        state.tlsPort = tls->listen(QHostAddress::LocalHost, quint16(parser.value(tlsOpt).toUInt()));
        if (!state.tlsPort) {
            std::fprintf(stderr, "patchbay-sim: cannot listen for TLS\n");
            return 1;
        }
    }
    if (parser.isSet(pidFileOpt) && !writeFile(parser.value(pidFileOpt), QByteArray::number(QCoreApplication::applicationPid()) + '\n'))
        return 1;
    if (parser.isSet(portFileOpt) && !writeFile(parser.value(portFileOpt), QByteArray::number(state.port) + '\n'))
        return 1;
    std::printf("patchbay-sim listening on http://127.0.0.1:%u (other host :%u%s%s)\n", state.port, state.otherPort,
                state.tlsPort ? ", TLS :" : "", state.tlsPort ? QByteArray::number(state.tlsPort).constData() : "");
    if (parser.isSet(demoOpt)) {
        for (const auto& p : state.providers)
            std::printf("  %s: http://127.0.0.1:%u/%s\n", qPrintable(p->prefix()), state.port, qPrintable(p->prefix()));
        std::printf("  credentials: basic demo@example.com / demo-token; token demo-token; webhook path segment demo-hook\n");
    }
    std::fflush(stdout);
    return app.exec();
}
