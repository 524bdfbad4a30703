#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Zendesk Support API v2: tickets with cursor pagination (page[size], page[after]), the search
// export endpoint for filters, comments through ticket updates. Auth: Basic with
// "{email}/token:{api_token}", or an OAuth access token (Bearer).
class ZendeskAdapter final : public ProviderAdapter {
public:
    QString providerId() const override { return QStringLiteral("ticketing_zendesk"); }
    QStringList operations() const override;
    void execute(const RunPtr& run) override;
    static QString buildSearch(const RunPtr& run, QString* error);

protected:
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    QString providerMessage(const HttpResult& result) const override;

private:
    QJsonObject toTicket(const RunPtr& run, const QJsonObject& t) const;
    static QJsonObject toComment(const QString& ticketId, const QJsonObject& c);
    Result<QJsonObject> toZendesk(const QJsonObject& ticket, bool creating) const;
};

} // namespace pb
