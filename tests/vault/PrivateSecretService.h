#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

namespace pb::test {

// A private D-Bus session bus in a temporary directory whose org.freedesktop.secrets is started
// on first use ("activated") the way a desktop session does it, but with a behaviour a test
// chooses: a keychain that never answers, or a real gnome-keyring-daemon (with its own empty
// keyring in the temporary home) that takes a while to start. Children get an environment that
// points at this bus and this home only. Everything it started is stopped by the destructor.
class PrivateSecretService final {
public:
    enum class Kind {
        Hung,        // the activated process never registers: every call waits for our timeout
        SlowKeyring, // gnome-keyring-daemon, unlocked, registering after `delaySeconds`
    };

    PrivateSecretService();
    ~PrivateSecretService();
    PrivateSecretService(const PrivateSecretService&) = delete;
    PrivateSecretService& operator=(const PrivateSecretService&) = delete;

    // Starts the bus; false (with errorString()) if dbus-daemon could not be started.
    bool start(Kind kind, int delaySeconds = 0);
    QString errorString() const { return m_error; }
    QString busAddress() const { return m_address; }
    QString home() const { return m_dir.path(); }

    // The environment for a child: this bus, this home, no desktop session hints.
    QProcessEnvironment environment() const;
    // A process environment with no D-Bus session at all (a nonexistent socket), same home.
    QProcessEnvironment environmentWithoutBus() const;

    // Runs a program (secret-tool, dbus-send) on this bus; its exit code, or -1 if it did not finish.
    int runOnBus(const QString& program, const QStringList& args, QByteArray* out = nullptr,
                 QByteArray* err = nullptr, const QByteArray& input = {}) const;
    // Stores an entry the way QtKeychain does (schema org.qt.keychain, server "patchbay").
    bool storePatchbayEntry(const QString& key, const QByteArray& secret) const;
    // The Patchbay keys in this bus's keyring (secret-tool prints attributes on stderr).
    QStringList patchbayKeys() const;
    // Locks the keyring's login collection, as a screen lock or a timeout would.
    bool lockLoginCollection() const;

private:
    QTemporaryDir m_dir;
    QProcess m_bus;
    QString m_address;
    QString m_error;
};

} // namespace pb::test
