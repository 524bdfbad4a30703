#pragma once

#include "providers/ProviderAdapter.h"

namespace pb {

// Incoming webhooks: the webhook URL is the credential (type "secret"), so it is redacted from
// every record and a 401/403/404 from it means the URL is wrong or revoked.
class WebhookAdapter : public ProviderAdapter {
public:
    QStringList operations() const override;
    void execute(const RunPtr& run) override;

protected:
    Status applyAuth(HttpRequest& req, const OperationCall& call) const override;
    Problem problemFor(const HttpResult& result) const override;
    virtual QJsonObject payload(const RunPtr& run, const QJsonObject& message) const = 0;
    // verify posts an empty payload: the hook answers 400 (nothing to post) when the URL is
    // valid, without posting anything.
    virtual bool verifiedBy(const HttpResult& result) const = 0;
    virtual bool accepted(const HttpResult& result) const = 0;
    HttpRequest hookRequest(const RunPtr& run, const QJsonObject& body) const;

};

} // namespace pb
