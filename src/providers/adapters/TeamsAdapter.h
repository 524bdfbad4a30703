#pragma once

#include "providers/adapters/WebhookAdapter.h"

namespace pb {

// Microsoft Teams incoming webhook (config "card_format"): Workflows webhooks take an Adaptive
// Card message and answer 202; legacy Office 365 connectors take a MessageCard and answer "1".
class TeamsAdapter final : public WebhookAdapter {
public:
    QString providerId() const override { return QStringLiteral("notifications_teams"); }
    static QJsonObject adaptiveCard(const QJsonObject& message);

protected:
    QJsonObject payload(const RunPtr& run, const QJsonObject& message) const override;
    bool verifiedBy(const HttpResult& result) const override;
    bool accepted(const HttpResult& result) const override;
};

} // namespace pb
