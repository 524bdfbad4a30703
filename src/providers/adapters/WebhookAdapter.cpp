#include "providers/adapters/WebhookAdapter.h"

#include "providers/NotificationMapping.h"

namespace pb {

QStringList WebhookAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("notifications_create_message")};
}

Status WebhookAdapter::applyAuth(HttpRequest&, const OperationCall& call) const
{
    return requireCredential(call, {"secret"});
}

Problem WebhookAdapter::problemFor(const HttpResult& result) const
{
    if (result.status == 401 || result.status == 403 || result.status == 404 || result.status == 410)
        return Problem(401, QStringLiteral("authentication_failed"), QStringLiteral("The webhook URL was not accepted"),
                       QStringLiteral("The webhook answered HTTP %1: %2").arg(result.status).arg(providerMessage(result)),
                       QStringLiteral("The URL is wrong, revoked, or its channel was archived: create a new webhook and update the credential."));
    return ProviderAdapter::problemFor(result);
}

HttpRequest WebhookAdapter::hookRequest(const RunPtr& run, const QJsonObject& body) const
{
    HttpRequest req = makeRequest(run, "POST", QString());
    req.url = QUrl(QString::fromUtf8(run->call().secrets.value(QStringLiteral("secret"))).trimmed());
    req.redactUrlPath = true;
    setJsonBody(req, body);
    return req;
}

void WebhookAdapter::execute(const RunPtr& run)
{
    if (Status s = requireCredential(run->call(), {"secret"}); !s) {
        run->fail(s.problem());
        return;
    }
    const QString op = run->call().operationId;
    if (op == QLatin1String("verify")) {
        run->send(hookRequest(run, QJsonObject{}), [this, run](const HttpResult& r) {
            if (verifiedBy(r))
                run->succeed(QJsonObject{{QStringLiteral("verified"), true}});
            else
                run->fail(r.status >= 300 ? problemFor(r) : malformed(QStringLiteral("The webhook accepted an empty message.")));
        });
    } else if (op == QLatin1String("notifications_create_message")) {
        auto msg = notification::parse(run->call().params.value(QStringLiteral("body")));
        if (!msg) {
            run->fail(msg.problem());
            return;
        }
        const notification::Message m = *msg;
        run->send(hookRequest(run, payload(run, QJsonObject{{QStringLiteral("summary"), m.summary}, {QStringLiteral("description"), m.description},
                                                       {QStringLiteral("priority"), m.priority}, {QStringLiteral("text"), m.text()}})),
                  [this, run, m](const HttpResult& r) {
                      if (r.status >= 300)
                          run->fail(problemFor(r));
                      else if (!accepted(r))
                          run->fail(malformed(QStringLiteral("Unexpected webhook answer: %1").arg(QString::fromUtf8(r.body.left(200)))));
                      else
                          run->succeed(m.toJson(QString()), {}, 201); // webhooks return no message id
                  });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
