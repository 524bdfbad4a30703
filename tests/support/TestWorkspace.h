#pragma once

#include "core/Api.h"
#include "platform/Platform.h"

#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace pb::test {

// A fresh workspace in a temporary directory, initialized with an Organization and an
// administrator, opened, and driven through the API exactly as the CLI and GUI drive it.
class TestWorkspace final {
public:
    explicit TestWorkspace(CredentialVault* vault = nullptr, AdapterRegistry* adapters = nullptr);

    bool ok() const { return m_platform != nullptr; }
    QString error() const { return m_error; }
    Platform& platform() { return *m_platform; }
    QString path() const { return m_path; }
    QString dir() const { return m_dir.path(); }
    QString adminToken() const { return m_adminToken; }
    QString adminMemberId() const { return m_adminMemberId; }

    ApiResponse call(ApiRequest request);
    ApiResponse get(const QString& path, const QString& token = {});
    ApiResponse post(const QString& path, const QJsonValue& body, const QString& token = {});
    ApiResponse put(const QString& path, const QJsonValue& body, const QString& token = {});
    ApiResponse patch(const QString& path, const QJsonValue& body, const QString& token = {});
    ApiResponse del(const QString& path, const QString& token = {});

    // Helpers that fail the current test (QTest) when the call fails; they return ids/tokens.
    QString createAccount(const QString& name, const QString& environment = QStringLiteral("test"));
    // Creates a member with one role and returns its access token secret.
    QString createMemberToken(const QString& name, const QString& role);
    QString createIntegrationPoint(const QJsonObject& body);
    // Creates an Integration; returns the create answer's "result".
    QJsonObject createIntegration(const QString& account, const QJsonObject& body);

    // Closes and reopens the workspace (e.g. after editing the file behind the API's back).
    bool reopen();
    void close();

private:
    QTemporaryDir m_dir;
    QString m_path;
    CredentialVault* m_vault = nullptr;
    AdapterRegistry* m_adapters = nullptr;
    std::unique_ptr<Platform> m_platform;
    QString m_adminToken;
    QString m_adminMemberId;
    QString m_error;
};

// Pretty body text for failure messages (problem bodies never contain secrets).
QByteArray describe(const ApiResponse& response);

} // namespace pb::test
