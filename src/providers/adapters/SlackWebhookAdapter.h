#pragma once

#include "providers/adapters/WebhookAdapter.h"

namespace pb {

// Slack incoming webhook: POST {"text": ...}, answers "ok" as text/plain.
class SlackWebhookAdapter final : public WebhookAdapter {
public:
    QString providerId() const override { return QStringLiteral("notifications_slack_webhook"); }

protected:
    QJsonObject payload(const RunPtr& run, const QJsonObject& message) const override;
    bool verifiedBy(const HttpResult& result) const override;
    bool accepted(const HttpResult& result) const override;
};

} // namespace pb
