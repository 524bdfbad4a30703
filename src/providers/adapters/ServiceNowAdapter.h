#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// ServiceNow Table API: incidents (config "table", default "incident") with sysparm_query,
// sysparm_limit and sysparm_offset (the cursor); comments are the journal field "comments"
// (sys_journal_field). Auth: Basic, or an API key (token) in x-sn-apikey.
class ServiceNowAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("ticketing_servicenow"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;
    static QString buildQuery(const RunPtr& run, QString* error);

protected:
    bool acceptsOAuthClient() const override { return true; }
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;

private:
    QJsonObject toTicket(const RunPtr& run, const QJsonObject& record) const;
    static QJsonObject toComment(const QJsonObject& journal);
    Result<QJsonObject> toRecord(const QJsonObject& ticket) const;
    void latestComment(const RunPtr& run, const QString& sysId) const;
};

} // namespace pb
