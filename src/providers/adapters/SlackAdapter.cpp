#include "providers/adapters/SlackAdapter.h"

#include "providers/NotificationMapping.h"

namespace pb {

QStringList SlackAdapter::operations() const
{
    return {QStringLiteral("verify"), QStringLiteral("notifications_create_message")};
}

Status SlackAdapter::applyAuth(HttpRequest& req, const OperationCall& call) const
{
    if (Status s = requireCredential(call, {"token"}); !s)
        return s;
    req.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + call.secrets.value(QStringLiteral("secret"))});
    for (auto& h : req.headers)
        if (h.first == "Content-Type")
            h.second = QByteArrayLiteral("application/json; charset=utf-8");
    return {};
}

Problem SlackAdapter::problemForError(const QString& code, const QString& detail)
{
    static const QStringList auth{QStringLiteral("not_authed"), QStringLiteral("invalid_auth"), QStringLiteral("account_inactive"),
                                  QStringLiteral("token_revoked"), QStringLiteral("token_expired"), QStringLiteral("no_permission")};
    static const QStringList notFound{QStringLiteral("channel_not_found"), QStringLiteral("user_not_found")};
    static const QStringList forbidden{QStringLiteral("missing_scope"), QStringLiteral("not_in_channel"), QStringLiteral("is_archived"),
                                       QStringLiteral("restricted_action"), QStringLiteral("ekm_access_denied")};
    const QString d = QStringLiteral("Slack answered \"%1\"%2").arg(code, detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    if (auth.contains(code))
        return Problem(401, QStringLiteral("authentication_failed"), QStringLiteral("Authentication with the provider failed"), d,
                       QStringLiteral("Check the bot token of the credential."));
    if (notFound.contains(code))
        return Problem(404, QStringLiteral("not_found"), QStringLiteral("The provider has no such object"), d,
                       QStringLiteral("Check the channel; invite the bot to private channels."));
    if (forbidden.contains(code))
        return Problem(403, QStringLiteral("forbidden"), QStringLiteral("The provider refused access"), d,
                       QStringLiteral("Grant the app the scope (chat:write) or invite it to the channel."));
    if (code == QLatin1String("ratelimited"))
        return Problem(429, QStringLiteral("rate_limited"), QStringLiteral("The provider is rate limiting requests"), d);
    if (code == QLatin1String("fatal_error") || code == QLatin1String("internal_error") || code == QLatin1String("service_unavailable"))
        return Problem(503, QStringLiteral("provider_unavailable"), QStringLiteral("The provider is unavailable"), d);
    return Problem(400, QStringLiteral("validation_failed"), QStringLiteral("The provider rejected the request"), d,
                   QStringLiteral("Correct the request as the provider's message says."));
}

void SlackAdapter::execute(const RunPtr& run)
{
    // Slack's envelope: every answer is {"ok": bool, ...}; ok:false carries the error code.
    auto unwrap = [run](const QJsonValue& v, std::function<void(const QJsonObject&)> next) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("ok")).isBool()) {
            run->fail(malformed(QStringLiteral("The answer has no \"ok\" member.")));
            return;
        }
        if (!o.value(QStringLiteral("ok")).toBool()) {
            QStringList detail;
            for (const QJsonValue& m : o.value(QStringLiteral("response_metadata")).toObject().value(QStringLiteral("messages")).toArray())
                detail << m.toString();
            run->fail(problemForError(o.value(QStringLiteral("error")).toString(), detail.join(QStringLiteral("; "))));
            return;
        }
        next(o);
    };
    const QString op = run->call().operationId;
    if (op == QLatin1String("verify")) {
        api(run, "POST", QStringLiteral("/auth.test"), {}, QJsonObject{}, [run, unwrap](const QJsonValue& v, const HttpResult&) {
            unwrap(v, [run](const QJsonObject& o) {
                run->succeed(QJsonObject{{QStringLiteral("verified"), true}, {QStringLiteral("identity"), o.value(QStringLiteral("user"))},
                                         {QStringLiteral("team"), o.value(QStringLiteral("team"))}});
            });
        });
    } else if (op == QLatin1String("notifications_create_message")) {
        auto msg = notification::parse(run->call().params.value(QStringLiteral("body")));
        if (!msg) {
            run->fail(msg.problem());
            return;
        }
        if (msg->channel.isEmpty())
            msg->channel = config(run, QStringLiteral("channel"));
        if (msg->channel.isEmpty()) {
            run->fail(invalidParam(QStringLiteral("channel"), QStringLiteral("No channel in the message or the Integration's config.")));
            return;
        }
        if (!msg->link.isEmpty())
            msg->description += (msg->description.isEmpty() ? QString() : QStringLiteral("\n")) + QLatin1Char('<') + msg->link + QLatin1Char('>');
        for (auto it = msg->fields.begin(); it != msg->fields.end(); ++it)
            msg->description += (msg->description.isEmpty() ? QString() : QStringLiteral("\n")) + QLatin1Char('*') + it.key() + QStringLiteral(":* ") + it.value().toString();
        QJsonArray blocks{QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                                      {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")}, {QStringLiteral("text"), msg->summary.left(150)}}}}};
        if (!msg->description.isEmpty() || !msg->priority.isEmpty())
            blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                                      {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")},
                                                                           {QStringLiteral("text"), QString((msg->priority.isEmpty() ? QString() : QString(QStringLiteral("*Priority:* ") + msg->priority + QLatin1Char('\n'))) + msg->description)}}}});
        const QJsonObject body{{QStringLiteral("channel"), msg->channel}, {QStringLiteral("text"), msg->text()}, {QStringLiteral("blocks"), blocks}};
        const notification::Message m = *msg;
        api(run, "POST", QStringLiteral("/chat.postMessage"), {}, body, [run, unwrap, m](const QJsonValue& v, const HttpResult&) {
            unwrap(v, [run, m](const QJsonObject& o) {
                notification::Message sent = m;
                sent.channel = o.value(QStringLiteral("channel")).toString(m.channel);
                QJsonObject out = sent.toJson(o.value(QStringLiteral("ts")).toString());
                out.insert(QStringLiteral("url"), QJsonValue::Null);
                run->succeed(out, {}, 201);
            });
        });
    } else {
        run->fail(unsupported(run->call()));
    }
}

} // namespace pb
