#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Slack Web API chat.postMessage with a bot token (config "url" defaults to https://slack.com,
// "channel" is the default channel). Slack answers HTTP 200 with {"ok": false, "error": code}
// for most failures; those codes are mapped to unified problems.
class SlackAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("notifications_slack"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;
    static Problem problemForError(const QString& code, const QString& detail);

protected:
    QString defaultBaseUrl() const override { return QStringLiteral("https://slack.com/api"); }
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
};

} // namespace pb
