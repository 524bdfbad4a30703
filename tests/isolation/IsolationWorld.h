#pragma once

#include "core/Api.h"
#include "providers/HttpClient.h"
#include "support/TestWorkspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace pb {
class AdapterRegistry;
class KeychainVault;
} // namespace pb

namespace pb::test {

// One Account of the isolation workspace and everything it owns.
struct Tenant {
    QString key;            // "a" or "b"
    QString accountId;
    QString accountName;
    QString endUserId;
    QString credentialId;   // owned by the Account (basic)
    QString credentialName;
    QString host;           // every Integration of this tenant talks to https://<host>/...
    QByteArray secret;      // the distinctive secret of all its credentials
    // Per connector (ticketing, notifications, sink): the Integration, its token and refresh id.
    QHash<QString, QString> integrationId;
    QHash<QString, QString> integrationName;
    QHash<QString, QString> token;
    QHash<QString, QString> refreshId;
    QHash<QString, QString> refreshSecret;
    QString ownedCredentialId; // the ticketing Integration's own (inline) credential
};

// A workspace with two Accounts A and B (each with an End User, an Account credential, one
// Integration per connector with its own inline credential, and Integration tokens), an
// Integration Point, and Organization tokens for the administrator and every weaker role.
// Provider traffic never leaves the process: a canned transport records each request.
class IsolationWorld final {
public:
    IsolationWorld();
    ~IsolationWorld();

    // Builds everything; fails the current QTest on any unexpected answer.
    void build();

    TestWorkspace& ws() { return *m_ws; }
    Tenant a;
    Tenant b;
    QString pointId;
    QString adminToken;
    QString adminRefreshId;
    QString memberToken;
    QString memberId;
    QString memberRefreshId;
    QString viewerToken;
    QString viewerId;
    QString auditorToken; // custom role with permission_set viewer
    // Custom roles narrowed (resources.accounts.ids) to Account B only: permission_set member and
    // administrator. To them A does not exist.
    QString narrowedMemberToken;
    QString narrowedAdminToken;
    QString revokedTokenA; // an Integration Access Token of A, revoked

    // Every provider request the canned transport answered since the last clear.
    struct Sent {
        QString host;
        QByteArray everything; // URL, header values and body, for secret scans
    };
    const QList<Sent>& sent() const { return m_sent; }
    void clearSent() { m_sent.clear(); }

    // A digest of everything an API write could change: the export document, members, roles,
    // token infos (without last-use times), credential secrets (revealed), keychain keys.
    QByteArray snapshot();

private:
    void buildTenant(Tenant& t);
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<AdapterRegistry> m_adapters;
    std::unique_ptr<TestWorkspace> m_ws;
    QList<Sent> m_sent;
};

QString secretOf(const QJsonObject& tokenPairOrToken, const QString& which = QStringLiteral("access"));

} // namespace pb::test
