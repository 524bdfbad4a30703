#include "platform/demo/DemoData.h"

#include <QStringList>

namespace pb::demo {

namespace {
const QString kUser = QStringLiteral("demo@example.com");
const QString kSecret = QStringLiteral("demo-token");

QJsonArray list(const QStringList& items)
{
    QJsonArray a;
    for (const QString& s : items)
        a.append(s);
    return a;
}

QJsonObject point(const QString& name, const QString& fullname, const QString& description, const QString& connector,
                  const QStringList& prod, const QJsonObject& rules)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("fullname"), fullname},
            {QStringLiteral("description"), description},
            {QStringLiteral("connector"), connector},
            {QStringLiteral("environments"),
             QJsonObject{{QStringLiteral("test"), list({QStringLiteral("*")})}, {QStringLiteral("prod"), list(prod)}}},
            {QStringLiteral("rules"), rules}};
}

QJsonObject chatPoint(const QStringList& prod)
{
    return point(QStringLiteral("chat-notifications"), QStringLiteral("Chat notifications"),
                 QStringLiteral("Where tenants' alerts are posted. Production may use the approved chat tools only."),
                 QStringLiteral("notifications"), prod, QJsonObject{});
}
} // namespace

QList<QJsonObject> integrationPoints(const QString& simHost)
{
    return {
        point(QStringLiteral("eu-ticketing"), QStringLiteral("EU ticketing"),
              QStringLiteral("Ticketing for EU tenants: Jira or ServiceNow, hosted in the EU, with basic or OAuth credentials."),
              QStringLiteral("ticketing"), {QStringLiteral("ticketing_jira"), QStringLiteral("ticketing_servicenow")},
              QJsonObject{{QStringLiteral("host_patterns"),
                           list({QStringLiteral("*.atlassian.net"), QStringLiteral("*.service-now.com"), simHost})},
                          {QStringLiteral("credential_types"), list({QStringLiteral("basic"), QStringLiteral("o_auth_client")})}}),
        chatPoint({QStringLiteral("notifications_slack"), QStringLiteral("notifications_teams")}),
        point(QStringLiteral("security-sink"), QStringLiteral("Security sink"),
              QStringLiteral("Security events go to the SIEM; credentials older than a year must be rotated."),
              QStringLiteral("sink"), {QStringLiteral("sink_splunk"), QStringLiteral("sink_elasticsearch")},
              QJsonObject{{QStringLiteral("host_patterns"),
                           list({QStringLiteral("*.splunkcloud.com"), QStringLiteral("*.es.io"), simHost})},
                          {QStringLiteral("max_credential_age_days"), 365}}),
    };
}

QList<QJsonObject> accounts()
{
    auto account = [](const QString& name, const QString& fullname, const QString& env, const QStringList& labels) {
        return QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("fullname"), fullname},
                           {QStringLiteral("environment"), env},
                           {QStringLiteral("labels"), list(labels)}};
    };
    const QString prod = QStringLiteral("prod");
    const QString test = QStringLiteral("test");
    return {account(QStringLiteral("globex-eu"), QStringLiteral("Globex EU"), prod, {QStringLiteral("eu"), QStringLiteral("enterprise")}),
            account(QStringLiteral("globex-sandbox"), QStringLiteral("Globex Sandbox"), test, {QStringLiteral("eu"), QStringLiteral("sandbox")}),
            account(QStringLiteral("initech"), QStringLiteral("Initech"), prod, {QStringLiteral("us")}),
            account(QStringLiteral("initech-staging"), QStringLiteral("Initech Staging"), test, {QStringLiteral("us")}),
            account(QStringLiteral("umbrella"), QStringLiteral("Umbrella Health"), prod, {QStringLiteral("eu"), QStringLiteral("healthcare")}),
            account(QStringLiteral("hooli-trial"), QStringLiteral("Hooli (trial)"), test, {QStringLiteral("trial")})};
}

QList<DemoIntegration> integrations(const QString& sim)
{
    const QString basic = QStringLiteral("basic");
    const QString token = QStringLiteral("token");
    const QString secret = QStringLiteral("secret");
    return {
        {QStringLiteral("globex-eu"), QStringLiteral("jira"), QStringLiteral("Globex Jira"), QStringLiteral("ticketing_jira"),
         QStringLiteral("eu-ticketing"), basic, kUser, kSecret, {{QStringLiteral("project"), QStringLiteral("OPS")}}, QStringLiteral("jira")},
        {QStringLiteral("globex-eu"), QStringLiteral("slack"), QStringLiteral("Globex Slack"), QStringLiteral("notifications_slack"),
         QStringLiteral("chat-notifications"), token, {}, kSecret, {{QStringLiteral("channel"), QStringLiteral("#ops-alerts")}},
         QStringLiteral("slack")},
        {QStringLiteral("globex-sandbox"), QStringLiteral("servicenow"), QStringLiteral("Globex ServiceNow (sandbox)"),
         QStringLiteral("ticketing_servicenow"), QStringLiteral("eu-ticketing"), basic, kUser, kSecret,
         {{QStringLiteral("table"), QStringLiteral("incident")}}, QStringLiteral("servicenow")},
        {QStringLiteral("initech"), QStringLiteral("zendesk"), QStringLiteral("Initech Zendesk"), QStringLiteral("ticketing_zendesk"),
         {}, basic, kUser, kSecret, {}, QStringLiteral("zendesk")}, // the adapter appends "/token"
        // Configured while Teams was still allowed in production; tightenedPointBody() removes it.
        {QStringLiteral("initech"), QStringLiteral("teams"), QStringLiteral("Initech Teams"), QStringLiteral("notifications_teams"),
         QStringLiteral("chat-notifications"), secret, {},
         sim + QStringLiteral("/teams/webhookb2/0000-demo/IncomingWebhook/1234/demo-hook"),
         {{QStringLiteral("card_format"), QStringLiteral("adaptive_card")}}, {}},
        {QStringLiteral("initech-staging"), QStringLiteral("github"), QStringLiteral("Initech GitHub (staging)"),
         QStringLiteral("ticketing_github"), {}, token, {}, kSecret,
         {{QStringLiteral("owner"), QStringLiteral("demo")}, {QStringLiteral("repository"), QStringLiteral("patchbay")}},
         QStringLiteral("github")},
        {QStringLiteral("umbrella"), QStringLiteral("splunk"), QStringLiteral("Umbrella Splunk"), QStringLiteral("sink_splunk"),
         QStringLiteral("security-sink"), token, {}, kSecret, {{QStringLiteral("index"), QStringLiteral("main")}},
         QStringLiteral("splunk")},
        {QStringLiteral("umbrella"), QStringLiteral("elasticsearch"), QStringLiteral("Umbrella Elasticsearch"),
         QStringLiteral("sink_elasticsearch"), QStringLiteral("security-sink"), basic, kUser, kSecret,
         {{QStringLiteral("index"), QStringLiteral("patchbay-events")}}, QStringLiteral("elasticsearch")},
        {QStringLiteral("hooli-trial"), QStringLiteral("jira"), QStringLiteral("Hooli Jira (trial)"), QStringLiteral("ticketing_jira"),
         QStringLiteral("eu-ticketing"), basic, kUser, kSecret, {{QStringLiteral("project"), QStringLiteral("TRIAL")}},
         QStringLiteral("jira")},
        {QStringLiteral("hooli-trial"), QStringLiteral("slack-webhook"), QStringLiteral("Hooli Slack webhook (trial)"),
         QStringLiteral("notifications_slack_webhook"), QStringLiteral("chat-notifications"), secret, {},
         sim + QStringLiteral("/slack-webhook/services/T0000/B0000/demo-hook"), {}, {}},
    };
}

QList<QJsonObject> members()
{
    return {QJsonObject{{QStringLiteral("name"), QStringLiteral("max-member")},
                        {QStringLiteral("fullname"), QStringLiteral("Max Member")},
                        {QStringLiteral("type"), QStringLiteral("personal")},
                        {QStringLiteral("role_binding"), list({QStringLiteral("member")})}},
            QJsonObject{{QStringLiteral("name"), QStringLiteral("vic-viewer")},
                        {QStringLiteral("fullname"), QStringLiteral("Vic Viewer")},
                        {QStringLiteral("type"), QStringLiteral("personal")},
                        {QStringLiteral("role_binding"), list({QStringLiteral("viewer")})}}};
}

QList<QPair<QString, QJsonObject>> endUsers()
{
    return {{QStringLiteral("globex-eu"), QJsonObject{{QStringLiteral("name"), QStringLiteral("grete")},
                                                      {QStringLiteral("fullname"), QStringLiteral("Grete Globex")},
                                                      {QStringLiteral("email"), QStringLiteral("grete@globex.example")}}},
            {QStringLiteral("initech"), QJsonObject{{QStringLiteral("name"), QStringLiteral("peter")},
                                                    {QStringLiteral("fullname"), QStringLiteral("Peter Gibbons")},
                                                    {QStringLiteral("email"), QStringLiteral("peter@initech.example")}}}};
}

QString tightenedPoint()
{
    return QStringLiteral("chat-notifications");
}

QJsonObject tightenedPointBody(const QString& simHost)
{
    Q_UNUSED(simHost)
    return chatPoint({QStringLiteral("notifications_slack")});
}

} // namespace pb::demo
