#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace pb {
class AdapterRegistry;
class KeychainVault;
class Platform;
} // namespace pb

namespace pb::test {

class LeakScanner;

// The leak scan's scenario: one workspace used through the CLI (as processes), the local API
// server and the GUI (in this process), with connector calls to patchbay-sim. It remembers every
// secret it handed out or was shown, and every output it may scan.
class LeakScenario final {
public:
    LeakScenario();
    ~LeakScenario();

    bool ready() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    void runCli();    // QTest-failing steps
    void runServer();
    void runGui();

    QString workspaceDir() const { return m_dir.filePath(QStringLiteral("ws")); }
    QString outputDir() const { return m_dir.filePath(QStringLiteral("out")); }

    void addCanaries(LeakScanner& scanner) const;
    // Views that read stored data back: call history, audit rows, access log, status, tokens.
    void scanApiViews(LeakScanner& scanner);
    // Captured stdout/stderr of every CLI run, and server answers that must not show secrets.
    void scanOutputs(LeakScanner& scanner) const;
    // The outputs that show a secret on purpose (issue answers, reveals): scanned as a control,
    // they must produce hits, or the scan would prove nothing.
    void scanAllowedOutputs(LeakScanner& scanner) const;
    int outputCount() const { return int(m_outputs.size()); }
    void closeWorkspace();
    void removeKeychainEntries();

private:
    bool openWorkspace();
    void runServeProcess();
    QByteArray canary(const QString& name);
    void keepOutput(const QString& place, const QByteArray& bytes) { m_outputs.append({place, bytes}); }
    void keepToken(const QString& secret);
    void keepAllowed(const QString& place, const QByteArray& bytes) { m_allowed.append({place, bytes}); }

    QTemporaryDir m_dir;
    QString m_path;
    QString m_error;
    QString m_adminToken;
    QString m_accountId;
    QString m_jiraId;
    QString m_jiraCredentialId;
    QHash<QString, QByteArray> m_canaries;   // name -> secret
    QList<QString> m_tokens;                // every token secret seen
    QList<std::pair<QString, QByteArray>> m_outputs;
    QList<std::pair<QString, QByteArray>> m_allowed;
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<AdapterRegistry> m_adapters;
    std::unique_ptr<Platform> m_platform;
};

} // namespace pb::test
