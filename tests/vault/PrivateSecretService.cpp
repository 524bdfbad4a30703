#include "PrivateSecretService.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace pb::test {

namespace {

bool writeFile(const QString& path, const QByteArray& content) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

} // namespace

PrivateSecretService::PrivateSecretService() = default;

PrivateSecretService::~PrivateSecretService() {
    // The activated service records its pid (the shell execs into the service, keeping it).
    QFile pidFile(m_dir.filePath(QStringLiteral("service.pid")));
    if (pidFile.open(QIODevice::ReadOnly)) {
        const qint64 pid = pidFile.readAll().trimmed().toLongLong();
        if (pid > 1)
            ::kill(pid_t(pid), SIGTERM);
    }
    if (m_bus.state() != QProcess::NotRunning) {
        m_bus.terminate();
        if (!m_bus.waitForFinished(5000)) {
            m_bus.kill();
            m_bus.waitForFinished(5000);
        }
    }
}

bool PrivateSecretService::start(Kind kind, int delaySeconds) {
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString services = m_dir.filePath(QStringLiteral("services"));
    QDir().mkpath(services);
    QDir().mkpath(m_dir.filePath(QStringLiteral("runtime")));
    const QString pidFile = m_dir.filePath(QStringLiteral("service.pid"));
    QString exec;
    switch (kind) {
    case Kind::Hung:
        exec = QStringLiteral("echo $$ > '%1'; exec sleep 120").arg(pidFile);
        break;
    case Kind::SlowKeyring:
        exec = QStringLiteral("echo $$ > '%1'; sleep %2; printf pw | exec gnome-keyring-daemon --foreground "
                              "--unlock --components=secrets")
                   .arg(pidFile)
                   .arg(delaySeconds);
        break;
    }
    const QString service =
        QStringLiteral("[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c \"") + exec +
        QStringLiteral("\"\n");
    // The policy is the stock session bus one; the start timeout outlasts every vault timeout
    // the tests use, so a hung service stays hung for the whole test.
    const QString config =
        QStringLiteral(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig><type>session</type><listen>unix:dir=%1</listen><servicedir>%2</servicedir>"
            "<limit name=\"service_start_timeout\">120000</limit>"
            "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
            .arg(m_dir.path(), services);
    const QString configPath = m_dir.filePath(QStringLiteral("bus.conf"));
    if (!writeFile(services + QStringLiteral("/org.freedesktop.secrets.service"), service.toUtf8()) ||
        !writeFile(configPath, config.toUtf8())) {
        m_error = QStringLiteral("could not write the bus configuration");
        return false;
    }

    // The bus passes its environment to what it activates: the keyring lives in our home.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("runtime")));
    env.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
    m_bus.setProcessEnvironment(env);
    m_bus.setProcessChannelMode(QProcess::SeparateChannels);
    m_bus.start(QStringLiteral("dbus-daemon"),
                {QStringLiteral("--config-file=") + configPath, QStringLiteral("--nofork"),
                 QStringLiteral("--print-address=1")});
    if (!m_bus.waitForStarted(10000)) {
        m_error = QStringLiteral("dbus-daemon did not start: ") + m_bus.errorString();
        return false;
    }
    if (!QTest::qWaitFor([this] { return m_bus.canReadLine() || m_bus.state() != QProcess::Running; },
                         10000) ||
        !m_bus.canReadLine()) {
        m_error = QStringLiteral("dbus-daemon printed no address: ") +
                  QString::fromUtf8(m_bus.readAllStandardError());
        return false;
    }
    m_address = QString::fromUtf8(m_bus.readLine().trimmed());
    return m_address.startsWith(u"unix:");
}

QProcessEnvironment PrivateSecretService::environment() const {
    QProcessEnvironment env = environmentWithoutBus();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_address);
    return env;
}

QProcessEnvironment PrivateSecretService::environmentWithoutBus() const {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
          "KDE_SESSION_VERSION", "GNOME_KEYRING_CONTROL", "GNOME_DESKTOP_SESSION_ID"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("child")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("child/config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("child/data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("child/cache")));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("patchbay.vault.debug=true"));
    return env;
}

QStringList PrivateSecretService::patchbayKeys() const {
    QByteArray err;
    runOnBus(QStringLiteral("secret-tool"),
             {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
              QStringLiteral("patchbay")},
             nullptr, &err);
    QStringList keys;
    for (const QByteArray& line : err.split('\n')) {
        if (line.startsWith("attribute.user = "))
            keys.append(QString::fromUtf8(line.mid(17)));
    }
    return keys;
}

bool PrivateSecretService::lockLoginCollection() const {
    // secret-tool's own "lock" command is broken in libsecret 0.20.5; the D-Bus call is not.
    return runOnBus(QStringLiteral("dbus-send"),
                    {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                     QStringLiteral("--dest=org.freedesktop.secrets"),
                     QStringLiteral("/org/freedesktop/secrets"),
                     QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                     QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")}) == 0;
}

bool PrivateSecretService::storePatchbayEntry(const QString& key, const QByteArray& secret) const {
    return runOnBus(QStringLiteral("secret-tool"),
                    {QStringLiteral("store"), QStringLiteral("--label=patchbay"),
                     QStringLiteral("xdg:schema"), QStringLiteral("org.qt.keychain"),
                     QStringLiteral("server"), QStringLiteral("patchbay"), QStringLiteral("user"), key,
                     QStringLiteral("type"), QStringLiteral("base64")},
                    nullptr, nullptr, secret.toBase64()) == 0;
}

int PrivateSecretService::runOnBus(const QString& program, const QStringList& args, QByteArray* out,
                                   QByteArray* err, const QByteArray& input) const {
    QProcess p;
    QProcessEnvironment env = environment();
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (p.waitForStarted(10000)) {
        p.write(input);
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace pb::test
