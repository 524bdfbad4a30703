#pragma once

#include "providers/OperationCall.h"

#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

namespace pb {

class HttpClient;
class ProviderAdapter;

// Dispatches an OperationCall to the adapter of its provider. With no adapter for the provider
// it answers the Problem type "provider_not_available" (status 501). Besides the catalog's
// operations every adapter answers "verify": a cheap authenticated call ("test connection").
class AdapterRegistry : public QObject {
    Q_OBJECT
public:
    explicit AdapterRegistry(QObject* parent = nullptr);
    ~AdapterRegistry() override;

    bool hasProvider(const QString& providerId) const;
    QStringList providers() const;
    QStringList operations(const QString& providerId) const;
    void execute(const OperationCall& call, OperationCallback done);
    // The HTTP client of every adapter (tests and fuzzers install a canned transport on it).
    HttpClient* httpClient() const { return m_http; }

private:
    HttpClient* m_http;
    std::map<QString, std::unique_ptr<ProviderAdapter>> m_adapters;
};

} // namespace pb
