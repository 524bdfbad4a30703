#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Splunk HTTP Event Collector: POST /services/collector/event with "Authorization: Splunk <token>",
// events concatenated as HEC JSON objects; answers {"text": "Success", "code": 0}.
class SplunkAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("sink_splunk"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;

protected:
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;
    Problem problemFor(const HttpResult& result) const override;
};

} // namespace pb
