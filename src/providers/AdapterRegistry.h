#pragma once

#include "providers/OperationCall.h"

#include <QObject>

namespace pb {

// Dispatches an OperationCall to the adapter of its provider. With no adapter for the provider
// it answers the Problem type "provider_not_available" (status 501).
class AdapterRegistry : public QObject {
    Q_OBJECT
public:
    explicit AdapterRegistry(QObject* parent = nullptr);
    ~AdapterRegistry() override;

    bool hasProvider(const QString& providerId) const;
    void execute(const OperationCall& call, OperationCallback done);
};

} // namespace pb
