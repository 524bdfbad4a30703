#pragma once

#include "gui/ApiClient.h"
#include "gui/MainWindow.h"
#include "gui/models/OrganizationTreeModel.h"
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QJsonObject>

#include <memory>

namespace pb::test {

// A populated workspace for GUI tests, made through the API (Platform::dispatchSync):
//   Integration Point "eu-ticketing" (ticketing; test: *, prod: ServiceNow only)
//   Account "acme" (prod, labels eu, gold): Integration "acme-servicenow" (ServiceNow, under the
//     Integration Point), credential "acme-basic", End User "alice"
//   Account "globex" (test): Integration "globex-jira" (Jira, under the Integration Point)
//   a viewer member "victor".
// The keychain entries it creates are removed again when it is destroyed.
class GuiFixture final {
public:
    GuiFixture();
    ~GuiFixture();

    bool ok() const { return m_ok; }
    TestWorkspace& ws() { return *m_ws; }
    Platform& platform() { return m_ws->platform(); }
    QString id(const QString& name) const { return m_ids.value(name); }
    QString viewerToken() const { return m_viewerToken; }

    // An ApiClient signed in with the token, its member loaded (so roles apply).
    std::unique_ptr<ApiClient> client(const QString& token = {});

private:
    void populate();

    KeychainVault m_vault;
    std::unique_ptr<TestWorkspace> m_ws;
    QHash<QString, QString> m_ids;
    QString m_viewerToken;
    bool m_ok = false;
};


// A main window over the fixture, started, with its tree fully loaded.
std::unique_ptr<MainWindow> openWindow(ApiClient* api);

// Spins the event loop until the predicate holds (at most timeoutMs); QTRY for helpers.
bool waitUntil(const std::function<bool()>& predicate, int timeoutMs = 5000);

} // namespace pb::test
