#pragma once

#include "sim/ProviderSim.h"

namespace pb::sim {

// Slack Web API under /slack (methods at /slack/api/<method> and /slack/<method>).
class SlackSim final : public ProviderSim {
public:
    QString prefix() const override { return QStringLiteral("slack"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    int m_seq = 100;
};

// Slack incoming webhooks under /slack-webhook/services/T…/B…/<secret>.
class SlackWebhookSim final : public ProviderSim {
public:
    QString prefix() const override { return QStringLiteral("slack-webhook"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;
};

// Microsoft Teams incoming webhooks under /teams/…/<secret>.
class TeamsSim final : public ProviderSim {
public:
    QString prefix() const override { return QStringLiteral("teams"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;
};

} // namespace pb::sim
