#pragma once

#include "providers/AdapterRegistry.h"
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QJsonObject>

#include <functional>
#include <memory>

namespace pb::test {

// A workspace whose Integrations answer from the simulator (fixture "sim"):
//   Integration Point "read-only" (ticketing; operations list_projects, query_tickets,
//     get_ticket, list_comments; plain http allowed)
//   Account "acme" (test): "acme-jira" (Jira at the simulator, under "read-only", demo
//     credentials inline), "acme-github" (GitHub at the simulator, no Integration Point) and
//     "acme-zendesk" (Zendesk at the simulator, which has no delete_comment).
// Deleting the Account on destruction removes the keychain entries it made.
class ConsoleFixture final {
public:
    ConsoleFixture();
    ~ConsoleFixture();

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    TestWorkspace& ws() { return *m_ws; }
    Platform& platform() { return m_ws->platform(); }
    QString accountId() const { return m_accountId; }
    QString jiraId() const { return m_jiraId; }
    QString githubId() const { return m_githubId; }
    QString zendeskId() const { return m_zendeskId; }

private:
    KeychainVault m_vault;
    AdapterRegistry m_adapters;
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_accountId;
    QString m_jiraId;
    QString m_githubId;
    QString m_zendeskId;
    QString m_error;
    bool m_ok = false;
};

// The simulator of the CTest fixture "sim": its port from ${PATCHBAY_BINARY_DIR}/sim.port (0 when
// it is not running), a base URL for a provider prefix, and a control call (e.g. POST /_sim/faults).
quint16 simPort();
QString simBase(const QString& prefix);
QJsonValue simCall(const QByteArray& method, const QString& path,
                   const QJsonValue& body = QJsonValue::Undefined);

// Spins the event loop until the predicate holds (at most timeoutMs).
bool waitUntil(const std::function<bool()>& predicate, int timeoutMs = 10000);

} // namespace pb::test
