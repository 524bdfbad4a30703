#include "sim/Providers.h"

#include "sim/GitHubSim.h"
#include "sim/JiraSim.h"
#include "sim/NotificationSims.h"
#include "sim/ServiceNowSim.h"
#include "sim/SinkSims.h"
#include "sim/ZendeskSim.h"

namespace pb::sim {

std::vector<std::unique_ptr<ProviderSim>> makeProviders()
{
    std::vector<std::unique_ptr<ProviderSim>> all;
    all.push_back(std::make_unique<JiraSim>());
    all.push_back(std::make_unique<ServiceNowSim>());
    all.push_back(std::make_unique<ZendeskSim>());
    all.push_back(std::make_unique<GitHubSim>());
    all.push_back(std::make_unique<SlackSim>());
    all.push_back(std::make_unique<SlackWebhookSim>());
    all.push_back(std::make_unique<TeamsSim>());
    all.push_back(std::make_unique<SplunkSim>());
    all.push_back(std::make_unique<ElasticsearchSim>());
    return all;
}

} // namespace pb::sim
