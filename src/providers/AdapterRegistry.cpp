#include "providers/AdapterRegistry.h"

namespace pb {

AdapterRegistry::AdapterRegistry(QObject* parent)
    : QObject(parent)
{
}

AdapterRegistry::~AdapterRegistry() = default;

bool AdapterRegistry::hasProvider(const QString& providerId) const
{
    Q_UNUSED(providerId)
    return false;
}

void AdapterRegistry::execute(const OperationCall& call, OperationCallback done)
{
    done(Problem(501, QStringLiteral("provider_not_available"),
                 QStringLiteral("Provider %1 is not available in this build").arg(call.providerId),
                 QStringLiteral("No adapter implements %1 for %2.").arg(call.operationId, call.providerId),
                 QStringLiteral("Use a build of Patchbay that includes the provider adapters.")),
         {});
}

} // namespace pb
