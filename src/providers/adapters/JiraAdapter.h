#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Jira Cloud REST v3: Basic (email + API token) or Bearer (personal access token),
// Atlassian Document Format for rich text, JQL for queries.
class JiraAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("ticketing_jira"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;

    static QJsonObject toAdf(const QString& text);
    static QString fromAdf(const QJsonValue& adf);
    static QString buildJql(const RunPtr& run, QString* error);

protected:
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;

private:
    QJsonObject toTicket(const RunPtr& run, const QJsonObject& issue) const;
    QJsonObject toComment(const QString& ticketId, const QJsonObject& c) const;
    Result<QJsonObject> toFields(const RunPtr& run, const QJsonObject& ticket, bool creating) const;
    void getTicket(const RunPtr& run, const QString& key, int status) const;
    void transition(const RunPtr& run, const QString& key, const QString& status) const;
};

} // namespace pb
