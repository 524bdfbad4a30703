#include "providers/AdapterRegistry.h"

#include "providers/HttpClient.h"
#include "providers/ProviderAdapter.h"
#include "providers/adapters/ElasticsearchAdapter.h"
#include "providers/adapters/GitHubAdapter.h"
#include "providers/adapters/JiraAdapter.h"
#include "providers/adapters/ServiceNowAdapter.h"
#include "providers/adapters/SlackAdapter.h"
#include "providers/adapters/SlackWebhookAdapter.h"
#include "providers/adapters/SplunkAdapter.h"
#include "providers/adapters/TeamsAdapter.h"
#include "providers/adapters/ZendeskAdapter.h"

namespace pb {

AdapterRegistry::AdapterRegistry(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{
    std::unique_ptr<ProviderAdapter> all[] = {
        std::make_unique<JiraAdapter>(),          std::make_unique<ServiceNowAdapter>(),
        std::make_unique<ZendeskAdapter>(),       std::make_unique<GitHubAdapter>(),
        std::make_unique<SlackAdapter>(),         std::make_unique<SlackWebhookAdapter>(),
        std::make_unique<TeamsAdapter>(),         std::make_unique<SplunkAdapter>(),
        std::make_unique<ElasticsearchAdapter>()};
    for (auto& a : all) {
        const QString id = a->providerId();
        m_adapters.emplace(id, std::move(a));
    }
}

AdapterRegistry::~AdapterRegistry() = default;

bool AdapterRegistry::hasProvider(const QString& providerId) const
{
    return m_adapters.count(providerId) > 0;
}

QStringList AdapterRegistry::providers() const
{
    QStringList ids;
    for (const auto& [id, a] : m_adapters)
        ids << id;
    return ids;
}

QStringList AdapterRegistry::operations(const QString& providerId) const
{
    const auto it = m_adapters.find(providerId);
    return it == m_adapters.end() ? QStringList() : it->second->operations();
}

void AdapterRegistry::execute(const OperationCall& call, OperationCallback done)
{
    const auto it = m_adapters.find(call.providerId);
    if (it == m_adapters.end()) {
        done(Problem(501, QStringLiteral("provider_not_available"),
                     QStringLiteral("Provider %1 is not available in this build").arg(call.providerId),
                     QStringLiteral("No adapter implements %1 for %2.").arg(call.operationId, call.providerId),
                     QStringLiteral("Use a build of Patchbay that includes the provider adapters.")),
             {});
        return;
    }
    auto run = std::make_shared<OperationRun>(call, std::move(done), m_http);
    for (auto s = call.secrets.cbegin(); s != call.secrets.cend(); ++s) {
        // A line break in a header value would let a credential inject headers.
        if (s.value().contains('\r') || s.value().contains('\n') || s.value().contains('\0')) {
            run->fail(Problem(400, QStringLiteral("invalid_credential"), QStringLiteral("The credential field %1 contains a control character").arg(s.key()),
                              QStringLiteral("Line breaks and NUL bytes are not valid in credentials."),
                              QStringLiteral("Paste the credential again without surrounding whitespace."))
                          .withParameter(s.key(), QStringLiteral("body")));
            return;
        }
    }
    if (!it->second->operations().contains(call.operationId)) {
        run->fail(Problem(501, QStringLiteral("operation_not_supported"),
                          QStringLiteral("%1 does not support %2").arg(call.providerId, call.operationId),
                          QStringLiteral("Supported: %1.").arg(it->second->operations().join(QStringLiteral(", "))),
                          QStringLiteral("Use one of the operations listed for the provider in the catalog.")));
        return;
    }
    it->second->execute(run);
}

} // namespace pb
