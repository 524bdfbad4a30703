// The Management and Connector APIs over HTTP against the real platform, on a temporary
// workspace whose secrets live in the real Secret Service (label keychain): the lifecycle of
// DESIGN §1, every error status with its problem body, and the token rules on the wire.
#include "HttpTestClient.h"

#include "core/Clock.h"
#include "platform/Platform.h"
#include "providers/AdapterRegistry.h"
#include "server/AccessLog.h"
#include "server/LocalApiServer.h"
#include "vault/KeychainVault.h"

#include <QJsonArray>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace pb;
using namespace pb::test;

namespace {
// The port of the simulator started by the CTest fixture "sim", 0 when it is not running.
quint16 simPort()
{
    QFile f(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/sim.port"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<quint16>(f.readAll().trimmed().toUInt());
}
} // namespace

class TestServerLifecycle final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<AdapterRegistry> m_adapters;
    std::unique_ptr<Platform> m_platform;
    std::unique_ptr<LocalApiServer> m_server;
    MemoryAccessLog m_log{1000};
    QString m_orgToken;
    QString m_orgRefreshId;

    HttpTestClient client(const QString& token) const
    {
        HttpTestClient c(m_server->url());
        c.setToken(token);
        return c;
    }
    HttpTestClient admin() const { return client(m_orgToken); }

    static QString describe(const HttpReply& r)
    {
        return QString::number(r.status) + QLatin1Char(' ') + QString::fromUtf8(r.raw.left(600)) + r.networkError;
    }

    // The Integration routes are the platform's Stage 2; until they are in the build the
    // lifecycle stops after the Account.
    bool integrationRoutesPresent()
    {
        const HttpReply r = admin().get(QStringLiteral("/v1/integration-points"));
        return r.status == 200;
    }

    void restartServer(const LocalApiServer::Options& options)
    {
        m_server = std::make_unique<LocalApiServer>([this](const ApiRequest& request, ApiCallback done) {
            m_platform->dispatch(request, std::move(done));
        });
        m_server->setOptions(options);
        m_server->setAccessLogSink(&m_log);
        const Status s = m_server->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.problem().toText()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = std::make_unique<KeychainVault>();
        m_adapters = std::make_unique<AdapterRegistry>();
        Platform::Options o;
        o.workspacePath = m_dir.filePath(QStringLiteral("server-test.patchbay"));
        o.vault = m_vault.get();
        o.adapters = m_adapters.get();
        auto created = Platform::initialize(o, QStringLiteral("Server Test Org"), QStringLiteral("Ada Admin"),
                                            QStringLiteral("ada@example.com"));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.problem().toText()));
        const QJsonObject pair = created->value(QStringLiteral("token")).toObject();
        m_orgToken = pair.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
        m_orgRefreshId = pair.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(m_orgToken.startsWith(QStringLiteral("pbo_")));
        auto opened = Platform::open(o);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.problem().toText()));
        m_platform = std::move(*opened);
        LocalApiServer::Options so;
        so.rateLimitPerSecond = 0;
        restartServer(so);
    }

    void cleanupTestCase()
    {
        setClockOffsetForTesting(0);
        m_server.reset();
        m_platform.reset();
    }

    void lifecycle()
    {
        // 1. authenticate with an Organization Access Token
        auto c = admin();
        HttpReply r = c.get(QStringLiteral("/v1/organization"));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));
        QVERIFY(!r.result().toObject().value(QStringLiteral("id")).toString().isEmpty());

        // 2. create an Account
        r = c.post(QStringLiteral("/v1/accounts"),
                   QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Demo Tenant")},
                               {QStringLiteral("environment"), QStringLiteral("test")}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QJsonObject account = r.result().toObject().value(QStringLiteral("account")).toObject();
        QCOMPARE(account.value(QStringLiteral("name")).toString(), QStringLiteral("demo-tenant"));
        r = c.get(QStringLiteral("/v1/accounts/demo-tenant"));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(r.result().toObject().value(QStringLiteral("id")).toString(), account.value(QStringLiteral("id")).toString());
        r = c.get(QStringLiteral("/v1/accounts?filter=name[like]~demo-%25&limit=10"));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(r.result().toArray().size(), 1);

        if (!integrationRoutesPresent())
            QSKIP("Integration Points and Integrations are not in the platform build yet; steps 3-5 wait for them.");

        // 3. an Integration Point, then an Integration under it. With the simulator fixture
        // running, the Integration points at its Jira; otherwise at a closed loopback port.
        const quint16 sim = simPort();
        const QString jiraUrl = sim ? QStringLiteral("http://127.0.0.1:%1/jira").arg(sim)
                                    : QStringLiteral("http://127.0.0.1:1/jira");
        r = c.post(QStringLiteral("/v1/integration-points"),
                   QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Ticketing Test")},
                               {QStringLiteral("connector"), QStringLiteral("ticketing")},
                               {QStringLiteral("environments"),
                                QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}},
                                            {QStringLiteral("prod"), QJsonArray{}}}}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QString pointId = r.result().toObject().value(QStringLiteral("id")).toString();
        r = c.post(QStringLiteral("/v1/integrations/demo-tenant"),
                   QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Jira")},
                               {QStringLiteral("integration_point_id"), pointId},
                               {QStringLiteral("provider_config"),
                                QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                            {QStringLiteral("url"), jiraUrl},
                                            {QStringLiteral("project"), QStringLiteral("DEMO")},
                                            {QStringLiteral("credential"),
                                             QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                         {QStringLiteral("username"), QStringLiteral("demo@example.com")},
                                                         {QStringLiteral("secret"), QStringLiteral("demo-token")}}}}}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        QVERIFY(!r.raw.contains("demo-token")); // credential secrets never come back
        const QString integrationId =
            r.result().toObject().value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
        QVERIFY(!integrationId.isEmpty());

        // 4. an Integration Access Token
        r = c.post(QStringLiteral("/v1/tokens/demo-tenant/") + integrationId, QJsonObject{});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        QJsonObject token = r.result().toObject();
        if (token.contains(QStringLiteral("access")))
            token = token.value(QStringLiteral("access")).toObject();
        const QString integrationToken = token.value(QStringLiteral("secret")).toString();
        QVERIFY(integrationToken.startsWith(QStringLiteral("pbi_")));

        // 5. Connector API calls with it
        auto connector = client(integrationToken);
        r = connector.get(QStringLiteral("/v1/ticketing/projects"));
        qInfo("connector call: simulator port %d, GET /v1/ticketing/projects -> %d", sim, r.status);
        if (!m_adapters->hasProvider(QStringLiteral("ticketing_jira"))) {
            // the Jira adapter is not in this build
            QCOMPARE(r.status, 501);
            QCOMPARE(r.problemType(), QStringLiteral("provider_not_available"));
        } else if (!sim) {
            QVERIFY2(r.status >= 502 && r.status <= 504, qPrintable(describe(r)));
        } else {
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            QVERIFY(!r.result().toArray().isEmpty());

            r = connector.post(QStringLiteral("/v1/ticketing/tickets"),
                               QJsonObject{{QStringLiteral("summary"), QStringLiteral("Printer on fire")},
                                           {QStringLiteral("description"), QStringLiteral("Third floor")},
                                           {QStringLiteral("priority"), QStringLiteral("HIGH")}});
            QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
            const QString ticketId = r.result().toObject().value(QStringLiteral("id")).toString();
            QVERIFY(!ticketId.isEmpty());

            r = connector.get(QStringLiteral("/v1/ticketing/tickets?limit=50"));
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            bool listed = false;
            for (const QJsonValue& t : r.result().toArray())
                listed |= t.toObject().value(QStringLiteral("id")).toString() == ticketId;
            QVERIFY2(listed, qPrintable(describe(r)));

            const QJsonArray patch{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                               {QStringLiteral("path"), QStringLiteral("/summary")},
                                               {QStringLiteral("value"), QStringLiteral("Printer extinguished")}}};
            r = connector.patch(QStringLiteral("/v1/ticketing/tickets/") + ticketId, patch);
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            r = connector.get(QStringLiteral("/v1/ticketing/tickets/") + ticketId);
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            QCOMPARE(r.result().toObject().value(QStringLiteral("summary")).toString(), QStringLiteral("Printer extinguished"));

            r = connector.post(QStringLiteral("/v1/ticketing/tickets/") + ticketId + QStringLiteral("/comments"),
                               QJsonObject{{QStringLiteral("content"), QStringLiteral("The fire is out.")}});
            QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
            r = connector.get(QStringLiteral("/v1/ticketing/tickets/") + ticketId + QStringLiteral("/comments"));
            QVERIFY2(r.status == 200, qPrintable(describe(r)));
            bool commented = false;
            for (const QJsonValue& cm : r.result().toArray())
                commented |= cm.toObject().value(QStringLiteral("content")).toString().contains(QStringLiteral("fire is out"));
            QVERIFY2(commented, qPrintable(describe(r)));
        }

        // a foreign Integration: a second Account's Integration is out of this token's reach
        r = c.post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Other Tenant")},
                                                              {QStringLiteral("environment"), QStringLiteral("test")}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        r = connector.get(QStringLiteral("/v1/integrations/other-tenant"));
        QCOMPARE(r.status, 401); // an Integration Access Token never reaches the Management API
        r = client(integrationToken).post(QStringLiteral("/v1/tokens/other-tenant/") + integrationId, QJsonObject{});
        QCOMPARE(r.status, 401);
        r = c.post(QStringLiteral("/v1/tokens/other-tenant/") + integrationId, QJsonObject{});
        QVERIFY2(r.status == 404 || r.status == 403, qPrintable(describe(r))); // not that Account's Integration

        // the kinds never cross over
        r = connector.get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("wrong_token_kind"));
        QVERIFY(r.object().value(QStringLiteral("message")).toString().contains(QStringLiteral("Organization Access Token")));
        r = admin().get(QStringLiteral("/v1/ticketing/projects"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("wrong_token_kind"));
        QVERIFY(r.object().value(QStringLiteral("message")).toString().contains(QStringLiteral("Integration Access Token")));
    }

    void notFoundAndMethodNotAllowed()
    {
        auto c = admin();
        HttpReply r = c.get(QStringLiteral("/v1/no-such-resource"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/no-such-resource"));
        QVERIFY(!r.object().value(QStringLiteral("occurred_at")).toString().isEmpty());
        r = c.get(QStringLiteral("/v1/accounts/no-such-account"));
        QCOMPARE(r.status, 404);
        r = c.del(QStringLiteral("/v1/organization"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.problemType(), QStringLiteral("method_not_allowed"));
    }

    void duplicateNameIs409()
    {
        auto c = admin();
        const QJsonObject body{{QStringLiteral("fullname"), QStringLiteral("Twice")}};
        HttpReply r = c.post(QStringLiteral("/v1/accounts"), body);
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        r = c.post(QStringLiteral("/v1/accounts"), body);
        QCOMPARE(r.status, 409);
        QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/accounts"));
    }

    void malformedJsonWrongTypeAndTooLarge()
    {
        auto c = admin();
        HttpReply r = c.send("POST", QStringLiteral("/v1/accounts"), "{\"fullname\": ");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.problemType(), QStringLiteral("malformed_json"));
        r = c.send("POST", QStringLiteral("/v1/accounts"), "fullname=x", "application/x-www-form-urlencoded");
        QCOMPARE(r.status, 415);
        const QByteArray big = "{\"fullname\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
        r = c.send("POST", QStringLiteral("/v1/accounts"), big);
        QVERIFY2(r.status == 413 || r.status == 0, qPrintable(describe(r))); // 0: cut off while sending
        if (r.status == 413)
            QCOMPARE(r.problemType(), QStringLiteral("payload_too_large"));
        // nothing was created by any of them
        r = admin().get(QStringLiteral("/v1/accounts?filter=name[like]~x%25"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toArray().size(), 0);
    }

    void missingUnknownAndMalformedTokensAre401()
    {
        HttpReply r = client(QString()).get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("Organization Access Token")));
        r = client(QString()).get(QStringLiteral("/v1/ticketing/tickets"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("Integration Access Token")));
        // well-formed, never issued
        const QString unknown = QStringLiteral("pbo_00000000-0000-4000-8000-000000000000_") + QString(43, QLatin1Char('A'));
        r = client(unknown).get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        r = client(QStringLiteral("garbage")).get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("malformed_token"));
    }

    void narrowedTokenIsForbiddenToWrite()
    {
        HttpReply r = admin().post(QStringLiteral("/v1/tokens"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("viewer-token")},
                                               {QStringLiteral("permissions"), QJsonObject{{QStringLiteral("role"), QStringLiteral("viewer")}}}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QString viewer = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
        QVERIFY(!viewer.isEmpty());
        auto c = client(viewer);
        QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
        r = c.post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Nope")}});
        QCOMPARE(r.status, 403);
        QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
    }

    void expiredAndRevokedTokensAre401()
    {
        HttpReply r = admin().post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("name"), QStringLiteral("short")},
                                                                            {QStringLiteral("token_ttl"), 60}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QString shortLived = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
        const QString refreshId = r.result().toObject().value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(client(shortLived).get(QStringLiteral("/v1/accounts")).status, 200);
        setClockOffsetForTesting(120);
        r = client(shortLived).get(QStringLiteral("/v1/accounts"));
        setClockOffsetForTesting(0);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("token_expired"));

        r = admin().post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("name"), QStringLiteral("doomed")}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QString doomed = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
        const QString doomedRefresh = r.result().toObject().value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(client(doomed).get(QStringLiteral("/v1/accounts")).status, 200);
        r = admin().del(QStringLiteral("/v1/tokens/") + doomedRefresh);
        QVERIFY2(r.status == 204 || r.status == 200, qPrintable(describe(r)));
        r = client(doomed).get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("token_revoked"));
        Q_UNUSED(refreshId)
    }

    void failedPatchTestChangesNothing()
    {
        auto c = admin();
        HttpReply r = c.post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Patch Target")}});
        QVERIFY2(r.status == 201 || r.status == 200, qPrintable(describe(r)));
        const QJsonArray patch{
            QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")}, {QStringLiteral("path"), QStringLiteral("/fullname")},
                        {QStringLiteral("value"), QStringLiteral("Changed")}},
            QJsonObject{{QStringLiteral("op"), QStringLiteral("test")}, {QStringLiteral("path"), QStringLiteral("/environment")},
                        {QStringLiteral("value"), QStringLiteral("not-this")}}};
        r = c.send("PATCH", QStringLiteral("/v1/accounts/patch-target"), HttpTestClient::json(patch),
                   "application/json-patch+json");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.problemType(), QStringLiteral("patch_test_failed"));
        r = c.get(QStringLiteral("/v1/accounts/patch-target"));
        QCOMPARE(r.result().toObject().value(QStringLiteral("fullname")).toString(), QStringLiteral("Patch Target"));
        // and a passing patch applies
        const QJsonArray good{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                          {QStringLiteral("path"), QStringLiteral("/fullname")},
                                          {QStringLiteral("value"), QStringLiteral("Changed")}}};
        r = c.patch(QStringLiteral("/v1/accounts/patch-target"), good);
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        QCOMPARE(r.result().toObject().value(QStringLiteral("fullname")).toString(), QStringLiteral("Changed"));
    }

    void rateLimitedIs429WithRetryAfter()
    {
        LocalApiServer::Options o;
        o.rateLimitPerSecond = 1;
        o.rateLimitBurst = 2;
        restartServer(o);
        auto c = admin();
        QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
        QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
        const HttpReply r = c.get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.problemType(), QStringLiteral("too_many_requests"));
        QVERIFY(r.header("Retry-After").toInt() >= 1);
        LocalApiServer::Options off;
        off.rateLimitPerSecond = 0;
        restartServer(off);
    }

    void serveCommandRunsUntilSigterm()
    {
        // The `serve` entry as its own process on the same workspace: it prints the URL, serves,
        // and stops cleanly on SIGTERM.
        const QString binary = qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/src/server/patchbay-serve");
        if (!QFileInfo::exists(binary))
            QSKIP("patchbay-serve is not built");
        const QString portFile = m_dir.filePath(QStringLiteral("serve.port"));
        QProcess serve;
        serve.start(binary, {QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("server-test.patchbay")),
                             QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--port-file"), portFile});
        QVERIFY(serve.waitForStarted(30000));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(portFile).size() > 0 || serve.state() == QProcess::NotRunning, 60000);
        QVERIFY2(serve.state() == QProcess::Running, serve.readAllStandardError().constData());
        QFile f(portFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const int port = f.readAll().trimmed().toInt();
        QVERIFY(port > 0);
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(port);
        HttpTestClient c(base);
        c.setToken(m_orgToken);
        const HttpReply r = c.get(QStringLiteral("/v1/organization"));
        QVERIFY2(r.status == 200, qPrintable(describe(r)));
        serve.terminate(); // SIGTERM
        QVERIFY(serve.waitForFinished(30000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        const QByteArray out = serve.readAllStandardOutput();
        const QByteArray expectedUrl = QByteArray("listening on http://127.0.0.1:").append(QByteArray::number(port));
        QVERIFY2(out.contains(expectedUrl), out.constData());
        QVERIFY2(out.contains("stopped"), out.constData());
        QVERIFY(!out.contains(m_orgToken.toUtf8()));
    }

    void accessLogNeverHoldsSecrets()
    {
        const auto entries = m_log.entries();
        QVERIFY(!entries.isEmpty());
        for (const AccessLogEntry& e : entries) {
            QVERIFY(!e.tokenId.contains(m_orgToken));
            QVERIFY(!e.path.contains(QLatin1Char('?')));
            QVERIFY(e.tokenId == QStringLiteral("-") || e.tokenId.size() == 36);
        }
    }
};

QTEST_GUILESS_MAIN(TestServerLifecycle)
#include "TestServerLifecycle.moc"
