#include "sim/NotificationSims.h"

namespace pb::sim {

namespace {

SimResponse slackError(const QString& code, int status = 200)
{
    // Slack reports most failures with HTTP 200 and ok:false.
    return SimResponse::json(status, QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), code}});
}

} // namespace

SimResponse SlackSim::errorFor(int status, const QString&) const
{
    return slackError(status == 429 ? QStringLiteral("ratelimited") : QStringLiteral("fatal_error"), status);
}

SimResponse SlackSim::handle(const SimRequest& r)
{
    QString method = r.path;
    if (method.startsWith(QLatin1String("/api/")))
        method = method.mid(4);
    if (r.header("Authorization").isEmpty())
        return slackError(QStringLiteral("not_authed"));
    if (!bearerOk(r))
        return slackError(QStringLiteral("invalid_auth"));
    if (r.method != "POST" && r.method != "GET")
        return slackError(QStringLiteral("method_not_supported_for_channel_type"));
    if (method == QLatin1String("/auth.test"))
        return SimResponse::json(200, QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("url"), QStringLiteral("https://demo.slack.com/")},
                                                  {QStringLiteral("team"), QStringLiteral("Demo")}, {QStringLiteral("user"), QStringLiteral("patchbay-bot")},
                                                  {QStringLiteral("team_id"), QStringLiteral("T0000DEMO")}, {QStringLiteral("user_id"), QStringLiteral("U0000BOT")},
                                                  {QStringLiteral("bot_id"), QStringLiteral("B0000BOT")}});
    if (method == QLatin1String("/chat.postMessage")) {
        if (!r.header("Content-Type").startsWith("application/json"))
            return slackError(QStringLiteral("invalid_form_data"));
        const QJsonObject body = r.json().toObject();
        const QString channel = body.value(QStringLiteral("channel")).toString();
        static const QStringList known{QStringLiteral("general"), QStringLiteral("alerts"), QStringLiteral("ops-alerts"),
                                       QStringLiteral("incidents"), QStringLiteral("security"), QStringLiteral("random")};
        QString name = channel.startsWith(QLatin1Char('#')) ? channel.mid(1) : channel;
        if (name.startsWith(QLatin1String("C0000")))
            name = name.mid(5).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
        if (!known.contains(name))
            return slackError(QStringLiteral("channel_not_found"));
        if (body.value(QStringLiteral("text")).toString().isEmpty() && body.value(QStringLiteral("blocks")).toArray().isEmpty())
            return slackError(QStringLiteral("no_text"));
        const QString id = QStringLiteral("C0000") + name.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
        const QString ts = QStringLiteral("1763762400.%1").arg(++m_seq, 6, 10, QLatin1Char('0'));
        return SimResponse::json(200, QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("channel"), id}, {QStringLiteral("ts"), ts},
                                                  {QStringLiteral("message"), QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                                                                          {QStringLiteral("text"), body.value(QStringLiteral("text"))},
                                                                                          {QStringLiteral("ts"), ts}, {QStringLiteral("bot_id"), QStringLiteral("B0000BOT")}}}});
    }
    return slackError(QStringLiteral("unknown_method"), 404);
}

SimResponse SlackWebhookSim::errorFor(int status, const QString&) const
{
    return SimResponse::text(status, status == 429 ? "rate_limited" : "service_unavailable");
}

SimResponse SlackWebhookSim::handle(const SimRequest& r)
{
    const QStringList parts = r.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (r.method != "POST" || parts.size() != 4 || parts.first() != QLatin1String("services"))
        return SimResponse::text(404, "no_service");
    if (parts.last() != QLatin1String(kDemoHook))
        return SimResponse::text(403, "invalid_token");
    const QJsonValue body = r.json();
    if (!body.isObject())
        return SimResponse::text(400, "invalid_payload");
    if (body.toObject().value(QStringLiteral("text")).toString().isEmpty() && body.toObject().value(QStringLiteral("blocks")).toArray().isEmpty())
        return SimResponse::text(400, "no_text");
    return SimResponse::text(200, "ok");
}

SimResponse TeamsSim::errorFor(int status, const QString& message) const
{
    return SimResponse::text(status, message.toUtf8());
}

SimResponse TeamsSim::handle(const SimRequest& r)
{
    // Any path works (legacy /webhookb2/…/IncomingWebhook/…/<secret> or a Workflows-style
    // path): the last segment is the secret.
    const QStringList parts = r.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (r.method != "POST" || parts.isEmpty())
        return SimResponse::text(404, "Not Found");
    if (parts.last() != QLatin1String(kDemoHook))
        return SimResponse::json(401, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("DirectApiInvalidAuthorizationSignature")},
                                                                                       {QStringLiteral("message"), QStringLiteral("The provided authentication token is not valid.")}}}});
    const QJsonObject body = r.json().toObject();
    if (body.value(QStringLiteral("type")).toString() == QLatin1String("message")) {
        // Workflows: an Adaptive Card attachment; accepted asynchronously.
        const QJsonArray attachments = body.value(QStringLiteral("attachments")).toArray();
        const QJsonObject card = attachments.isEmpty() ? QJsonObject() : attachments.first().toObject().value(QStringLiteral("content")).toObject();
        if (card.value(QStringLiteral("type")).toString() != QLatin1String("AdaptiveCard") || card.value(QStringLiteral("body")).toArray().isEmpty())
            return SimResponse::text(400, "Webhook Bad Request - Null or empty event");
        return SimResponse::empty(202);
    }
    if (body.value(QStringLiteral("summary")).toString().isEmpty() && body.value(QStringLiteral("text")).toString().isEmpty())
        return SimResponse::text(400, "Summary or Text is required.");
    return SimResponse::text(200, "1");
}

} // namespace pb::sim
