// The Connector API's in-memory secret cache and its deferred bookkeeping (issue "Benchmarks at
// scale"), against a real Secret Service (label "keychain") and a tiny provider on loopback that
// records the Authorization header of each request: a rotated credential is used on the very
// next call, a revoked token is refused at once, no secret reaches the workspace file, and every
// call is recorded even when the workspace closes right after it.
#include "support/KeychainProbe.h"
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {

// Answers every request with one Jira issue and remembers the Authorization headers it saw.
class FakeJira final : public QObject {
public:
    FakeJira()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] { serve(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QList<QByteArray> authorizations;

private:
    void serve(QTcpSocket* s)
    {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        for (const QByteArray& line : buf.left(end).split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("authorization:"))
                authorizations.append(l.mid(14).trimmed());
        }
        m_buffers.remove(s);
        const QByteArray body = QJsonDocument(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("10001")},
            {QStringLiteral("key"), QStringLiteral("DEMO-1")},
            {QStringLiteral("fields"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Printer on fire")},
                                                   {QStringLiteral("status"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Open")}}}}}})
                                    .toJson(QJsonDocument::Compact);
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                 "\r\n\r\n" + body);
    }
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

QByteArray basic(const QString& user, const QString& secret)
{
    return "Basic " + QString(user + QLatin1Char(':') + secret).toUtf8().toBase64();
}

} // namespace

class TestConnectorCache final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void rotatedCredentialIsUsedOnTheNextCall();
    void revokedIntegrationTokenIsRefusedAtOnce();
    void deletedIntegrationIsRefusedAtOnce();
    void noSecretReachesTheWorkspaceFile();
    void callsAreRecordedAfterAnswering();

private:
    ApiResponse callTicket() { return m_ws->get(QStringLiteral("/v1/ticketing/tickets/DEMO-1"), m_token); }
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<TestWorkspace> m_ws;
    std::unique_ptr<FakeJira> m_jira;
    QString m_token;
    QString m_integrationId;
    QString m_refreshId;
};

void TestConnectorCache::initTestCase()
{
    if (!keychainReachable())
        QSKIP("No Secret Service: run inside the test command (dbus-run-session + gnome-keyring).");
    m_vault = std::make_unique<KeychainVault>();
}

void TestConnectorCache::init()
{
    m_jira = std::make_unique<FakeJira>();
    m_ws = std::make_unique<TestWorkspace>(m_vault.get());
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_ws->createAccount(QStringLiteral("Acme"), QStringLiteral("test"));
    m_ws->createIntegrationPoint(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("loopback")},
        {QStringLiteral("fullname"), QStringLiteral("Loopback")},
        {QStringLiteral("connector"), QStringLiteral("ticketing")},
        {QStringLiteral("environments"), QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}},
                                                     {QStringLiteral("prod"), QJsonArray{QStringLiteral("*")}}}},
        {QStringLiteral("rules"), QJsonObject{{QStringLiteral("allow_http"), true}}}});
    const QJsonObject created = m_ws->createIntegration(
        QStringLiteral("acme"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("jira")},
                    {QStringLiteral("fullname"), QStringLiteral("Jira")},
                    {QStringLiteral("integration_point_id"), QStringLiteral("loopback")},
                    {QStringLiteral("provider_config"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                 {QStringLiteral("url"), m_jira->url()},
                                 {QStringLiteral("project"), QStringLiteral("DEMO")},
                                 {QStringLiteral("credential"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                            {QStringLiteral("username"), QStringLiteral("bot")},
                                                                            {QStringLiteral("secret"), QStringLiteral("first-secret-5f1c")}}}}}});
    const QJsonObject token = created.value(QStringLiteral("token")).toObject();
    m_token = token.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    m_refreshId = token.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
    m_integrationId = created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!m_token.isEmpty());
}

void TestConnectorCache::cleanup()
{
    if (m_ws && m_ws->ok())
        m_ws->del(QStringLiteral("/v1/accounts/acme")); // removes the keychain entries
    m_ws.reset();
    m_jira.reset();
}

void TestConnectorCache::rotatedCredentialIsUsedOnTheNextCall()
{
    for (int i = 0; i < 3; ++i) {
        const ApiResponse r = callTicket();
        QVERIFY2(r.status == 200, describe(r).constData());
    }
    QCOMPARE(m_jira->authorizations.size(), 3);
    for (const QByteArray& a : std::as_const(m_jira->authorizations))
        QCOMPARE(a, basic(QStringLiteral("bot"), QStringLiteral("first-secret-5f1c")));
    const ApiResponse rotated = m_ws->put(QStringLiteral("/v1/credentials/%1/jira-credential").arg(m_integrationId),
                                          QJsonObject{{QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                             {QStringLiteral("username"), QStringLiteral("bot")},
                                                                                             {QStringLiteral("secret"), QStringLiteral("second-secret-9a2e")}}}});
    QVERIFY2(rotated.status == 200, describe(rotated).constData());
    QCOMPARE(callTicket().status, 200);
    QCOMPARE(m_jira->authorizations.size(), 4);
    QCOMPARE(m_jira->authorizations.last(), basic(QStringLiteral("bot"), QStringLiteral("second-secret-9a2e")));
}

void TestConnectorCache::revokedIntegrationTokenIsRefusedAtOnce()
{
    QCOMPARE(callTicket().status, 200);
    QCOMPARE(callTicket().status, 200);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/tokens/") + m_refreshId).status, 204);
    const ApiResponse refused = callTicket();
    QCOMPARE(refused.status, 401);
    QCOMPARE(m_jira->authorizations.size(), 2); // the provider never saw the refused call
}

void TestConnectorCache::deletedIntegrationIsRefusedAtOnce()
{
    QCOMPARE(callTicket().status, 200);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/") + m_integrationId).status, 204);
    QCOMPARE(callTicket().status, 401);
    QCOMPARE(m_jira->authorizations.size(), 1);
}

void TestConnectorCache::noSecretReachesTheWorkspaceFile()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(callTicket().status, 200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/status/acme/") + m_integrationId).status, 200); // writes the kept records
    const QString path = m_ws->path();
    m_ws->close();
    for (const QString& file : QStringList{path, path + QStringLiteral("-wal")}) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray all = f.readAll();
        QVERIFY2(!all.contains("first-secret-5f1c"), qPrintable(file));
        QVERIFY2(!all.contains(basic(QStringLiteral("bot"), QStringLiteral("first-secret-5f1c")).mid(6)), qPrintable(file));
    }
    QVERIFY(m_ws->reopen());
}

void TestConnectorCache::callsAreRecordedAfterAnswering()
{
    for (int i = 0; i < 5; ++i)
        QCOMPARE(callTicket().status, 200);
    // Through the API: complete at once.
    const QJsonObject status = m_ws->get(QStringLiteral("/v1/status/acme/") + m_integrationId).result().toObject();
    QCOMPARE(status.value(QStringLiteral("requests")).toInt(), 5);
    QCOMPARE(status.value(QStringLiteral("failed")).toInt(), 0);
    // Calls still kept in memory when the workspace closes are written on close.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(callTicket().status, 200);
    const QString path = m_ws->path();
    m_ws->close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM call_history")) && q.next());
        QCOMPARE(q.value(0).toInt(), 7);
        QVERIFY(q.exec(QStringLiteral("SELECT requests FROM integration_status")) && q.next());
        QCOMPARE(q.value(0).toInt(), 7);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    QVERIFY(m_ws->reopen());
}

QTEST_GUILESS_MAIN(TestConnectorCache)
#include "TestConnectorCache.moc"
