#pragma once

#include "core/Problem.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace pb {

class Platform;

// Holds the console's Integration Access Token for one Integration, obtained through the
// Management API with the member's organization token, and renews it when it has expired (or
// is about to). The secret stays in memory only: never shown, logged or stored.
class IntegrationTokenKeeper final : public QObject {
    Q_OBJECT
public:
    struct Token {
        QString id;
        QString secret;
        QDateTime expires;
        QString accountId;
        QString integrationId;
        bool isValid() const { return !secret.isEmpty(); }
    };
    using TokenCallback = std::function<void(const Token&, const Problem&)>;

    explicit IntegrationTokenKeeper(Platform* platform, QObject* parent = nullptr);
    ~IntegrationTokenKeeper() override;

    void setOrganizationToken(const QString& token);
    // Forgets the current token (revoking it) and obtains one for the Integration.
    void setIntegration(const QString& accountId, const QString& integrationId);
    // A valid token for the current Integration, renewed first when it expires within a minute.
    void withToken(TokenCallback done);
    const Token& current() const { return m_token; }

signals:
    void tokenChanged(const QString& tokenId, const QDateTime& expires);
    void failed(const pb::Problem& problem);

private:
    void obtain(TokenCallback done);
    void revoke(const Token& token);

    QPointer<Platform> m_platform;
    QString m_organizationToken;
    QString m_accountId;
    QString m_integrationId;
    Token m_token;
    quint64 m_generation = 0; // answers for an earlier Integration are dropped
};

} // namespace pb
