#pragma once

#include "sim/ProviderSim.h"

#include <QMap>

namespace pb::sim {

// Splunk HTTP Event Collector under /splunk.
class SplunkSim final : public ProviderSim {
public:
    QString prefix() const override { return QStringLiteral("splunk"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    int m_events = 0;
};

// Elasticsearch under /elasticsearch: /, /_security/_authenticate, _bulk, _count.
class ElasticsearchSim final : public ProviderSim {
public:
    QString prefix() const override { return QStringLiteral("elasticsearch"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    SimResponse bulk(const SimRequest& r, const QString& index);
    QMap<QString, int> m_counts;
    int m_seq = 1;
};

} // namespace pb::sim
