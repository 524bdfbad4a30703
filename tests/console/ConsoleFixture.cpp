#include "ConsoleFixture.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pb::test {

ConsoleFixture::ConsoleFixture()
    : m_ws(std::make_unique<TestWorkspace>(&m_vault, &m_adapters)) {
    if (!m_ws->ok()) {
        m_error = m_ws->error();
        return;
    }
    if (simPort() == 0) {
        m_error = u"the simulator fixture is not running (no sim.port)"_s;
        return;
    }
    simCall("POST", u"/_sim/reset"_s);
    m_accountId = m_ws->createAccount(u"acme"_s, u"test"_s);
    const QString point = m_ws->createIntegrationPoint(QJsonObject{
        {u"fullname"_s, u"Read only"_s},
        {u"name"_s, u"read-only"_s},
        {u"connector"_s, u"ticketing"_s},
        {u"environments"_s, QJsonObject{{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"*"_s}}}},
        {u"rules"_s, QJsonObject{{u"allow_http"_s, true},
                                 {u"operations"_s,
                                  QJsonArray{u"ticketing_list_projects"_s, u"ticketing_query_tickets"_s,
                                             u"ticketing_get_ticket"_s, u"ticketing_list_comments"_s}}}}});
    const QJsonObject jira = m_ws->createIntegration(
        u"acme"_s,
        QJsonObject{{u"fullname"_s, u"Acme Jira"_s},
                    {u"name"_s, u"acme-jira"_s},
                    {u"integration_point_id"_s, point},
                    {u"provider_config"_s,
                     QJsonObject{{u"type"_s, u"ticketing_jira"_s},
                                 {u"url"_s, simBase(u"jira"_s)},
                                 {u"project"_s, u"DEMO"_s},
                                 {u"credential"_s, QJsonObject{{u"type"_s, u"basic"_s},
                                                               {u"username"_s, u"demo@example.com"_s},
                                                               {u"secret"_s, u"demo-token"_s}}}}}});
    m_jiraId = jira.value(u"integration"_s).toObject().value(u"id"_s).toString();
    const QJsonObject github = m_ws->createIntegration(
        u"acme"_s,
        QJsonObject{{u"fullname"_s, u"Acme GitHub"_s},
                    {u"name"_s, u"acme-github"_s},
                    {u"provider_config"_s,
                     QJsonObject{{u"type"_s, u"ticketing_github"_s},
                                 {u"url"_s, simBase(u"github"_s)},
                                 {u"owner"_s, u"demo"_s},
                                 {u"repository"_s, u"patchbay"_s},
                                 {u"credential"_s,
                                  QJsonObject{{u"type"_s, u"token"_s}, {u"secret"_s, u"demo-token"_s}}}}}});
    m_githubId = github.value(u"integration"_s).toObject().value(u"id"_s).toString();
    const QJsonObject zendesk = m_ws->createIntegration(
        u"acme"_s,
        QJsonObject{{u"fullname"_s, u"Acme Zendesk"_s},
                    {u"name"_s, u"acme-zendesk"_s},
                    {u"provider_config"_s,
                     QJsonObject{{u"type"_s, u"ticketing_zendesk"_s},
                                 {u"url"_s, simBase(u"zendesk"_s)},
                                 {u"credential"_s,
                                  QJsonObject{{u"type"_s, u"token"_s}, {u"secret"_s, u"demo-token"_s}}}}}});
    m_zendeskId = zendesk.value(u"integration"_s).toObject().value(u"id"_s).toString();
    m_ok = !m_accountId.isEmpty() && !m_jiraId.isEmpty() && !m_githubId.isEmpty() && !m_zendeskId.isEmpty();
    if (!m_ok)
        m_error = u"could not create the fixture's Integrations"_s;
}

ConsoleFixture::~ConsoleFixture() {
    if (m_ws && m_ws->ok() && !m_accountId.isEmpty())
        m_ws->del(u"/v1/accounts/"_s + m_accountId);
}

quint16 simPort() {
    QFile f(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + u"/sim.port"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<quint16>(QString::fromLatin1(f.readAll()).trimmed().toUInt());
}

QString simBase(const QString& prefix) {
    return u"http://127.0.0.1:%1/%2"_s.arg(simPort()).arg(prefix);
}

QJsonValue simCall(const QByteArray& method, const QString& path, const QJsonValue& body) {
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(simPort()).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray data =
        body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact) : QByteArray();
    QNetworkReply* reply = nam.sendCustomRequest(request, method, data);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonValue answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

bool waitUntil(const std::function<bool()>& predicate, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!predicate()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QTest::qWait(5);
    }
    return true;
}

} // namespace pb::test
