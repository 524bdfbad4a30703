#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Elasticsearch _bulk (application/x-ndjson), Basic or "ApiKey <key>"; per-item errors are
// reported in the PostEventsResult {accepted, failed, errors: [{index, message}]}.
class ElasticsearchAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("sink_elasticsearch"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;

protected:
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;

private:
    void postBatch(const RunPtr& run, const QJsonArray& events, int from, QJsonObject totals) const;
};

} // namespace pb
