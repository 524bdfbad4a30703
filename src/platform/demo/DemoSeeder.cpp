#include "platform/demo/DemoSeeder.h"

#include "core/Api.h"
#include "platform/Platform.h"
#include "platform/demo/DemoData.h"

#include <QJsonArray>
#include <QStringBuilder>
#include <QUrl>

namespace pb {

namespace {

QString seg(const QString& s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

// Sends one request; an error answer becomes a Problem that says which demo step failed.
class Sender final {
public:
    Sender(Platform& platform, QString token)
        : m_platform(platform)
        , m_token(std::move(token))
    {
    }

    Result<QJsonValue> send(ApiRequest request, const QString& step)
    {
        request.token = m_token;
        const ApiResponse response = m_platform.dispatchSync(request);
        if (response.isError()) {
            Problem p = response.problem();
            p.detail = QStringLiteral("Demo step \u201c%1\u201d failed: %2").arg(step, p.detail.isEmpty() ? p.message : p.detail);
            return p;
        }
        return response.result();
    }

private:
    Platform& m_platform;
    QString m_token;
};

// provider_config names a Credential of the same Account by id or name (docs/API-NOTES.md).
QJsonValue credentialReference(const QString& credentialId)
{
    return credentialId;
}

} // namespace

QString demoUsername()
{
    return QStringLiteral("demo@example.com");
}

QString demoSecret()
{
    return QStringLiteral("demo-token");
}

Result<QJsonObject> seedDemoWorkspace(Platform& platform, const QString& adminToken, const QString& simulatorBaseUrl)
{
    Sender api(platform, adminToken);
    QString sim = simulatorBaseUrl;
    while (sim.endsWith(QLatin1Char('/')))
        sim.chop(1);
    const QString simHost = QUrl(sim).host().isEmpty() ? QStringLiteral("127.0.0.1") : QUrl(sim).host();
    QJsonObject summary;

    QJsonArray points;
    for (const QJsonObject& body : demo::integrationPoints(simHost)) {
        const QString name = body.value(QStringLiteral("name")).toString();
        Result<QJsonValue> r = api.send(ApiRequest::post(QStringLiteral("/v1/integration-points"), body),
                                        QStringLiteral("create Integration Point ") + name);
        if (!r)
            return r.problem();
        points.append(name);
    }
    summary.insert(QStringLiteral("integration_points"), points);

    QJsonArray accounts;
    for (const QJsonObject& body : demo::accounts()) {
        const QString name = body.value(QStringLiteral("name")).toString();
        Result<QJsonValue> r = api.send(ApiRequest::post(QStringLiteral("/v1/accounts"), body),
                                        QStringLiteral("create Account ") + name);
        if (!r)
            return r.problem();
        accounts.append(name);
    }
    summary.insert(QStringLiteral("accounts"), accounts);

    QJsonArray integrations;
    for (const demo::DemoIntegration& i : demo::integrations(sim)) {
        const QString step = QStringLiteral("create Integration ") % i.account % QLatin1Char('/') % i.name;
        QJsonObject credConfig{{QStringLiteral("type"), i.credentialType}, {QStringLiteral("secret"), i.secret}};
        if (!i.username.isEmpty())
            credConfig.insert(QStringLiteral("username"), i.username);
        const QJsonObject credential{{QStringLiteral("name"), QString(i.name + QStringLiteral("-demo"))},
                                     {QStringLiteral("fullname"), QString(i.fullname + QStringLiteral(" demo credential"))},
                                     {QStringLiteral("config"), credConfig}};
        Result<QJsonValue> cred = api.send(ApiRequest::post(QStringLiteral("/v1/credentials/") + seg(i.account), credential), step);
        if (!cred)
            return cred.problem();
        QJsonObject config = i.config;
        config.insert(QStringLiteral("type"), i.provider);
        if (!i.simPrefix.isEmpty())
            config.insert(QStringLiteral("url"), QString(sim % QLatin1Char('/') % i.simPrefix));
        config.insert(QStringLiteral("credential"), credentialReference(cred->toObject().value(QStringLiteral("id")).toString()));
        QJsonObject body{{QStringLiteral("name"), i.name}, {QStringLiteral("fullname"), i.fullname},
                         {QStringLiteral("provider_config"), config}};
        if (!i.integrationPoint.isEmpty())
            body.insert(QStringLiteral("integration_point_id"), i.integrationPoint);
        Result<QJsonValue> r = api.send(ApiRequest::post(QStringLiteral("/v1/integrations/") + seg(i.account), body), step);
        if (!r)
            return r.problem();
        const QJsonObject created = r->toObject();
        const QString id = created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
        integrations.append(QJsonObject{{QStringLiteral("id"), id},
                                        {QStringLiteral("account"), i.account},
                                        {QStringLiteral("name"), i.name},
                                        {QStringLiteral("provider_type"), i.provider},
                                        {QStringLiteral("compliant"), true}});
    }

    QJsonArray members;
    for (const QJsonObject& body : demo::members()) {
        const QString name = body.value(QStringLiteral("name")).toString();
        Result<QJsonValue> r = api.send(ApiRequest::post(QStringLiteral("/v1/members"), body), QStringLiteral("create Member ") + name);
        if (!r)
            return r.problem();
        members.append(name);
    }
    summary.insert(QStringLiteral("members"), members);

    for (const auto& [account, body] : demo::endUsers()) {
        Result<QJsonValue> r = api.send(ApiRequest::post(QStringLiteral("/v1/accounts/") + seg(account) + QStringLiteral("/end-users"), body),
                                        QStringLiteral("create End User ") + body.value(QStringLiteral("name")).toString());
        if (!r)
            return r.problem();
    }

    // Tighten one Integration Point after the fact, so the demo shows a non-compliant Integration.
    Result<QJsonValue> tightened = api.send(
        ApiRequest::put(QStringLiteral("/v1/integration-points/") + seg(demo::tightenedPoint()), demo::tightenedPointBody(simHost)),
        QStringLiteral("tighten Integration Point ") + demo::tightenedPoint());
    if (!tightened)
        return tightened.problem();

    // Report the compliance the platform computed rather than what the demo intended.
    Result<QJsonValue> all = api.send(ApiRequest::get(QStringLiteral("/v1/integrations")), QStringLiteral("list Integrations"));
    if (all) {
        QJsonArray withState;
        for (const QJsonValue& v : integrations) {
            QJsonObject row = v.toObject();
            for (const QJsonValue& got : all->toArray()) {
                const QJsonObject g = got.toObject();
                if (g.value(QStringLiteral("id")).toString() == row.value(QStringLiteral("id")).toString()) {
                    row.insert(QStringLiteral("compliant"),
                               g.value(QStringLiteral("compliance")).toString() == QLatin1String("compliant"));
                }
            }
            withState.append(row);
        }
        integrations = withState;
    }
    summary.insert(QStringLiteral("integrations"), integrations);
    summary.insert(QStringLiteral("simulator"), sim);
    return summary;
}

} // namespace pb
