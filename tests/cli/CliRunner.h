#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

// Runs the real patchbay-cli binary (from PATCHBAY_BINARY_DIR) the way a script would.
struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QJsonValue result() const { return json().value(QStringLiteral("result")); }
};

class CliRunner final {
public:
    static QString binary()
    {
        return qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/src/cli/patchbay-cli");
    }

    QString workspace;
    QString token;
    QList<QPair<QString, QString>> extraEnv; // e.g. a D-Bus address that leads nowhere

    CliRun run(const QStringList& args, const QByteArray& stdinBytes = {}, bool withWorkspace = true,
               bool withToken = true) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PATCHBAY_WORKSPACE"));
        env.remove(QStringLiteral("PATCHBAY_TOKEN"));
        if (withWorkspace && !workspace.isEmpty())
            env.insert(QStringLiteral("PATCHBAY_WORKSPACE"), workspace);
        // The token goes through the environment, as docs/CLI.md recommends.
        if (withToken && !token.isEmpty())
            env.insert(QStringLiteral("PATCHBAY_TOKEN"), token);
        for (const auto& [key, value] : extraEnv)
            env.insert(key, value);
        p.setProcessEnvironment(env);
        p.start(binary(), args);
        CliRun r;
        if (!p.waitForStarted(30000))
            return r;
        p.write(stdinBytes);
        p.closeWriteChannel();
        p.waitForFinished(120000);
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
};

// Prints the run on failure so a red test explains itself. Evaluates `run` once.
#define CLI_EXPECT(run, code)                                                                                  \
    do {                                                                                                       \
        const CliRun cliRun_ = (run);                                                                          \
        if (cliRun_.exitCode != (code))                                                                        \
            qWarning().noquote() << "stdout:" << cliRun_.outText() << "\nstderr:" << cliRun_.errText();        \
        QCOMPARE(cliRun_.exitCode, (code));                                                                    \
    } while (false)
