#include "providers/adapters/SlackWebhookAdapter.h"

namespace pb {

QJsonObject SlackWebhookAdapter::payload(const RunPtr&, const QJsonObject& m) const
{
    return {{QStringLiteral("text"), m.value(QStringLiteral("text"))}};
}

bool SlackWebhookAdapter::verifiedBy(const HttpResult& r) const
{
    return r.status == 400 && (r.body.trimmed() == "no_text" || r.body.trimmed() == "invalid_payload");
}

bool SlackWebhookAdapter::accepted(const HttpResult& r) const
{
    return r.body.trimmed() == "ok";
}

} // namespace pb
