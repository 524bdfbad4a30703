#include "GuiFixture.h"

#include "core/Clock.h"
#include "gui/MainWindow.h"
#include "gui/models/OrganizationTreeModel.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

GuiFixture::GuiFixture()
    : m_ws(std::make_unique<TestWorkspace>(&m_vault))
{
    if (!m_ws->ok()) {
        qWarning("workspace: %s", qPrintable(m_ws->error()));
        return;
    }
    populate();
}

GuiFixture::~GuiFixture()
{
    if (!m_ws || !m_ws->ok())
        return;
    // Deleting the Accounts removes their credentials' keychain entries.
    const ApiResponse accounts = m_ws->get(u"/v1/accounts?limit=1000"_s);
    for (const QJsonValue& v : accounts.result().toArray())
        m_ws->del(u"/v1/accounts/"_s + v[u"id"_s].toString());
}

void GuiFixture::populate()
{
    QJsonObject ip{{u"fullname"_s, u"EU ticketing"_s},
                   {u"name"_s, u"eu-ticketing"_s},
                   {u"connector"_s, u"ticketing"_s},
                   {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}},
                                                   {u"prod"_s, QJsonArray{u"ticketing_servicenow"_s}}}}};
    m_ids.insert(u"eu-ticketing"_s, m_ws->createIntegrationPoint(ip));
    const ApiResponse acme = m_ws->post(u"/v1/accounts"_s, QJsonObject{{u"fullname"_s, u"Acme Corporation"_s},
                                                                        {u"name"_s, u"acme"_s},
                                                                        {u"environment"_s, u"prod"_s},
                                                                        {u"labels"_s, QJsonArray{u"eu"_s, u"gold"_s}}});
    m_ids.insert(u"acme"_s, unwrapResult(acme, u"account"_s).value(u"id"_s).toString());
    m_ids.insert(u"globex"_s, m_ws->createAccount(u"globex"_s, u"test"_s));
    const ApiResponse cred = m_ws->post(u"/v1/credentials/acme"_s,
                                        QJsonObject{{u"fullname"_s, u"Acme basic"_s},
                                                    {u"name"_s, u"acme-basic"_s},
                                                    {u"config"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                                                              {u"username"_s, u"bot@acme.example"_s},
                                                                              {u"secret"_s, u"s3cret-acme"_s}}}});
    m_ids.insert(u"acme-basic"_s, unwrapResult(cred, u"credential"_s).value(u"id"_s).toString());
    const QJsonObject sn = m_ws->createIntegration(
        u"acme"_s, QJsonObject{{u"fullname"_s, u"Acme ServiceNow"_s},
                               {u"name"_s, u"acme-servicenow"_s},
                               {u"integration_point_id"_s, m_ids.value(u"eu-ticketing"_s)},
                               {u"provider_config"_s, QJsonObject{{u"type"_s, u"ticketing_servicenow"_s},
                                                                  {u"url"_s, u"https://acme.service-now.com"_s},
                                                                  {u"credential"_s, u"acme-basic"_s}}}});
    m_ids.insert(u"acme-servicenow"_s, sn.value(u"integration"_s).toObject().value(u"id"_s).toString());
    const QJsonObject jira = m_ws->createIntegration(
        u"globex"_s,
        QJsonObject{{u"fullname"_s, u"Globex Jira"_s},
                    {u"name"_s, u"globex-jira"_s},
                    {u"integration_point_id"_s, m_ids.value(u"eu-ticketing"_s)},
                    {u"provider_config"_s,
                     QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                 {u"url"_s, u"https://globex.atlassian.net"_s},
                                 {u"credential"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                                               {u"username"_s, u"jira@globex.example"_s},
                                                               {u"secret"_s, u"globex-token"_s}}}}}});
    m_ids.insert(u"globex-jira"_s, jira.value(u"integration"_s).toObject().value(u"id"_s).toString());
    const ApiResponse alice = m_ws->post(u"/v1/accounts/acme/end-users"_s,
                                         QJsonObject{{u"fullname"_s, u"Alice Anders"_s}, {u"email"_s, u"alice@acme.example"_s}});
    m_ids.insert(u"alice"_s, unwrapResult(alice, u"end_user"_s).value(u"id"_s).toString());
    m_viewerToken = m_ws->createMemberToken(u"victor"_s, u"viewer"_s);
    m_ok = !m_ids.value(u"acme-servicenow"_s).isEmpty() && !m_ids.value(u"globex-jira"_s).isEmpty()
           && !m_viewerToken.isEmpty();
    if (!m_ok)
        qWarning("populate failed: %s", qPrintable(QStringList(m_ids.keys()).join(u',')));
}

std::unique_ptr<ApiClient> GuiFixture::client(const QString& token)
{
    auto api = std::make_unique<ApiClient>(&m_ws->platform());
    const QString secret = token.isEmpty() ? m_ws->adminToken() : token;
    api->setAccessToken(secret);
    // The member behind the token: its id is in the token's info.
    const QString tokenId = secret.section(u'_', 1, 1);
    const ApiResponse info = m_ws->get(u"/v1/tokens/"_s + tokenId + u"/info"_s, secret);
    const QString memberId = info.result().toObject().value(u"permissions"_s).toObject().value(u"member_id"_s).toString();
    api->setMember(m_ws->get(u"/v1/members/"_s + memberId, secret).result().toObject());
    return api;
}

std::unique_ptr<MainWindow> openWindow(ApiClient* api)
{
    auto window = std::make_unique<MainWindow>(api);
    window->start();
    window->treeModel()->setEagerLoading(true);
    window->show();
    waitUntil([&] { return window->treeModel()->isIdle() && window->treeModel()->rowCount() == 1; });
    waitUntil([&] { return window->treeModel()->isIdle(); });
    return window;
}

bool waitUntil(const std::function<bool()>& predicate, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

} // namespace pb::test
