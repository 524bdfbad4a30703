#pragma once

#include "sim/ProviderSim.h"

#include <QMap>

namespace pb::sim {

// ServiceNow Table API under /servicenow: incident, sys_user_group, sys_journal_field with
// encoded queries; OAuth client credentials at /oauth_token.do.
class ServiceNowSim final : public ProviderSim {
public:
    ServiceNowSim();
    QString prefix() const override { return QStringLiteral("servicenow"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    using Table = QList<QJsonObject>;
    SimResponse list(const SimRequest& r, const QString& table);
    SimResponse write(const SimRequest& r, const QString& table, const QString& sysId);
    QJsonObject newIncident(const QJsonObject& fields);
    void addJournal(const QString& incident, const QString& text);
    static bool matches(const QJsonObject& rec, const QString& query);
    static SimResponse error(int status, const QString& message, const QString& detail);

    QMap<QString, Table> m_tables;
    QStringList m_tokens; // issued OAuth access tokens
    int m_seq = 1;
};

} // namespace pb::sim
