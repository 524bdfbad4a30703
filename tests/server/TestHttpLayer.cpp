// The HTTP adapter on its own: a scripted dispatcher stands in for the platform so that what
// only HTTP has (parsing, content types, body cap, token header, rate limit, timeout, TLS,
// access log) is checked exactly. The platform's own behaviour over HTTP is TestServerLifecycle.
#include "HttpTestClient.h"

#include "server/AccessLog.h"
#include "server/HttpTranslation.h"
#include "server/LocalApiServer.h"
#include "server/RateLimiter.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

using namespace pb;
using namespace pb::test;

namespace {
const QString OrgToken = QStringLiteral("pbo_0a1b2c3d-0000-4000-8000-00000000abcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
const QString OtherToken = QStringLiteral("pbo_0a1b2c3d-0000-4000-8000-00000000ffff_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
} // namespace

class TestHttpLayer final : public QObject {
    Q_OBJECT

private:
    ApiRequest m_last;
    int m_calls = 0;
    std::function<void(const ApiRequest&, ApiCallback)> m_answer;
    std::unique_ptr<LocalApiServer> m_server;
    MemoryAccessLog m_log{100};

    void restart(LocalApiServer::Options options = {})
    {
        m_server = std::make_unique<LocalApiServer>([this](const ApiRequest& r, ApiCallback cb) {
            m_last = r;
            ++m_calls;
            if (m_answer)
                m_answer(r, std::move(cb));
            else
                cb(ApiResponse::ofResult(QJsonObject{{QStringLiteral("ok"), true}}));
        });
        m_server->setOptions(options);
        m_server->setAccessLogSink(&m_log);
        const Status started = m_server->start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.problem().toText()));
    }
    HttpTestClient client(const QString& token = OrgToken)
    {
        HttpTestClient c(m_server->url());
        c.setToken(token);
        return c;
    }

private Q_SLOTS:
    void init()
    {
        m_answer = nullptr;
        m_calls = 0;
        m_last = ApiRequest();
        m_log.clear();
        LocalApiServer::Options o;
        o.rateLimitPerSecond = 0;
        restart(o);
    }
    void cleanup() { m_server.reset(); }

    void startsOnLoopbackWithPickedPort()
    {
        QVERIFY(m_server->isRunning());
        QCOMPARE(m_server->url().scheme(), QStringLiteral("http"));
        QCOMPARE(m_server->url().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_server->url().port() > 0);
        QSignalSpy stopped(m_server.get(), &LocalApiServer::stopped);
        m_server->stop();
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!m_server->isRunning());
    }

    void forwardsMethodPathQueryBodyAndToken()
    {
        auto c = client();
        const HttpReply r = c.send("PATCH", QStringLiteral("/v1/accounts/acme?filter=name%5Blike%5D~demo-%25&filter=environment[eq]test&order=name+desc"),
                                   R"([{"op":"replace","path":"/fullname","value":"A"}])",
                                   QByteArrayLiteral("application/json-patch+json"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));
        QCOMPARE(r.result().toObject().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(m_last.method, QByteArrayLiteral("PATCH"));
        QCOMPARE(m_last.path, QStringLiteral("/v1/accounts/acme"));
        QCOMPARE(m_last.token, OrgToken);
        QCOMPARE(m_last.queryValues(QStringLiteral("filter")),
                 (QStringList{QStringLiteral("name[like]~demo-%"), QStringLiteral("environment[eq]test")}));
        QCOMPARE(m_last.queryValue(QStringLiteral("order")), QStringLiteral("name desc"));
        QVERIFY(m_last.body.isArray());
        QCOMPARE(m_last.body.toArray().at(0).toObject().value(QStringLiteral("op")).toString(), QStringLiteral("replace"));
    }

    void requestWithoutBodyHasUndefinedBody()
    {
        auto c = client();
        QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
        QVERIFY(m_last.body.isUndefined());
        QVERIFY(m_last.query.isEmpty());
    }

    void missingTokenNamesTheKindTheEndpointNeeds()
    {
        auto c = client(QString());
        HttpReply r = c.get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problemType(), QStringLiteral("missing_token"));
        QVERIFY(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("Organization Access Token")));
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/accounts"));
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));

        r = c.get(QStringLiteral("/v1/ticketing/tickets"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("Integration Access Token")));

        r = c.send("GET", QStringLiteral("/v1/accounts"), {}, {}, {{"Authorization", "Basic dXNlcjpodW50ZXIy"}});
        QCOMPARE(r.status, 401);
        QVERIFY(!r.raw.contains("dXNlcjpodW50ZXIy")); // the header is never echoed
        QCOMPARE(m_calls, 0);
    }

    void bodyWithoutJsonContentTypeIs415()
    {
        auto c = client();
        HttpReply r = c.send("POST", QStringLiteral("/v1/accounts"), R"({"fullname":"A"})", QByteArrayLiteral("text/plain"));
        QCOMPARE(r.status, 415);
        QCOMPARE(r.problemType(), QStringLiteral("unsupported_media_type"));
        QCOMPARE(r.object().value(QStringLiteral("context")).toObject().value(QStringLiteral("parameter")).toObject()
                     .value(QStringLiteral("id")).toString(), QStringLiteral("Content-Type"));
        // json-patch+json is for PATCH only
        r = c.send("POST", QStringLiteral("/v1/accounts"), R"({"fullname":"A"})",
                   QByteArrayLiteral("application/json-patch+json"));
        QCOMPARE(r.status, 415);
        // a charset parameter is fine
        r = c.send("POST", QStringLiteral("/v1/accounts"), R"({"fullname":"A"})",
                   QByteArrayLiteral("application/json; charset=utf-8"));
        QCOMPARE(r.status, 200);
        QCOMPARE(m_calls, 1);
    }

    void malformedJsonIs400WithOffset()
    {
        auto c = client();
        const HttpReply r = c.send("POST", QStringLiteral("/v1/accounts"), R"({"fullname": "A",})");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.problemType(), QStringLiteral("malformed_json"));
        QVERIFY2(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("offset")), r.raw.constData());
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/accounts"));
        QCOMPARE(m_calls, 0);
    }

    void bodyOverTheCapIs413()
    {
        LocalApiServer::Options o;
        o.maxBodyBytes = 1000;
        o.rateLimitPerSecond = 0;
        restart(o);
        auto c = client();
        const QByteArray big = "{\"description\":\"" + QByteArray(1200, 'x') + "\"}";
        const HttpReply r = c.send("POST", QStringLiteral("/v1/accounts"), big);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.problemType(), QStringLiteral("payload_too_large"));
        QVERIFY(r.object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("1000")));
        QCOMPARE(m_calls, 0);
        // just under the cap passes
        auto c2 = client();
        const QByteArray fits = "{\"d\":\"" + QByteArray(900, 'x') + "\"}";
        QCOMPARE(c2.send("POST", QStringLiteral("/v1/accounts"), fits).status, 200);
    }

    void farOversizedBodyCutsTheConnection()
    {
        LocalApiServer::Options o;
        o.maxBodyBytes = 1000;
        o.rateLimitPerSecond = 0;
        restart(o);
        // Raw socket: declare and start sending a 10 MB body; the server answers 413 and closes
        // long before the body would be complete.
        QTcpSocket socket;
        QByteArray answer;
        int chunksSent = 0;
        const QByteArray chunk(64 * 1024, 'x');
        // The server runs on this thread, so the client is event-driven too: each chunk goes out
        // when the previous one was written, up to 10 MB, unless the server hangs up first.
        connect(&socket, &QTcpSocket::bytesWritten, this, [&]() {
            if (socket.bytesToWrite() == 0 && chunksSent < 150 && socket.state() == QAbstractSocket::ConnectedState) {
                ++chunksSent;
                socket.write(chunk);
            }
        });
        connect(&socket, &QTcpSocket::readyRead, this, [&]() { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_server->url().port()));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10000);
        socket.write("POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Authorization: Bearer " + OrgToken.toUtf8() + "\r\nContent-Length: 10000000\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 60000);
        QVERIFY2(chunksSent < 150, "the server read the whole oversized body");
        QVERIFY2(answer.isEmpty() || answer.startsWith("HTTP/1.1 413"), answer.left(80).constData());
        QCOMPARE(m_calls, 0);
    }

    void stalledRequestIsClosed()
    {
        LocalApiServer::Options o;
        o.requestTimeoutMs = 100;
        o.rateLimitPerSecond = 0;
        restart(o);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(m_server->url().port()));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10000);
        socket.write("GET /v1/accounts HTTP/1.1\r\nHost: x\r\n"); // headers never finish
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 30000);
        QCOMPARE(m_calls, 0);
    }

    void rateLimitAnswers429WithRetryAfterPerToken()
    {
        LocalApiServer::Options o;
        o.rateLimitPerSecond = 1;
        o.rateLimitBurst = 3;
        restart(o);
        auto c = client();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
        const HttpReply limited = c.get(QStringLiteral("/v1/accounts"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.problemType(), QStringLiteral("too_many_requests"));
        QVERIFY(limited.header("Retry-After").toInt() >= 1);
        QCOMPARE(m_calls, 3);
        // another token has its own bucket
        auto other = client(OtherToken);
        QCOMPARE(other.get(QStringLiteral("/v1/accounts")).status, 200);
        // once the bucket refills, the first token is served again
        m_server->rateLimiter().advanceForTesting(1000 * limited.header("Retry-After").toInt());
        QCOMPARE(c.get(QStringLiteral("/v1/accounts")).status, 200);
    }

    void slowDispatchGets504AndTheLateResultIsDropped()
    {
        LocalApiServer::Options o;
        o.requestTimeoutMs = 50;
        o.rateLimitPerSecond = 0;
        restart(o);
        ApiCallback held;
        m_answer = [&held](const ApiRequest&, ApiCallback cb) { held = std::move(cb); };
        auto c = client();
        const HttpReply r = c.get(QStringLiteral("/v1/status"));
        QCOMPARE(r.status, 504);
        QCOMPARE(r.problemType(), QStringLiteral("gateway_timeout"));
        QVERIFY(held);
        QCOMPARE(m_server->pendingRequests(), 0);
        held(ApiResponse::ofResult(QJsonObject{})); // late: must be ignored, not written anywhere
        // the connection still serves the next request normally
        m_answer = nullptr;
        QCOMPARE(c.get(QStringLiteral("/v1/status")).status, 200);
        const auto entries = m_log.entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).status, 504);
    }

    void asynchronousAnswersArrive()
    {
        m_answer = [this](const ApiRequest&, ApiCallback cb) {
            QTimer::singleShot(10, m_server.get(), [cb]() { cb(ApiResponse::ofResult(QJsonArray{1, 2})); });
        };
        auto c = client();
        const HttpReply r = c.get(QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.result().toArray().size(), 2);
    }

    void statusHeadersAnd204PassThrough()
    {
        m_answer = [](const ApiRequest& r, ApiCallback cb) {
            if (r.method == "DELETE") {
                cb(ApiResponse::noContent());
                return;
            }
            ApiResponse resp = ApiResponse::ofProblem(Problem(502, QStringLiteral("provider_error"), QStringLiteral("x")));
            resp.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")));
            resp.headers.append(qMakePair(QByteArrayLiteral("X-Bad"), QByteArrayLiteral("a\r\nInjected: yes")));
            cb(resp);
        };
        auto c = client();
        HttpReply r = c.del(QStringLiteral("/v1/accounts/acme"));
        QCOMPARE(r.status, 204);
        QVERIFY(r.raw.isEmpty());
        r = c.get(QStringLiteral("/v1/ticketing/tickets"));
        QCOMPARE(r.status, 502);
        QCOMPARE(r.header("Retry-After"), QByteArrayLiteral("7"));
        QVERIFY(r.header("Injected").isEmpty());
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/ticketing/tickets"));
    }

    void platformInstanceIsKept()
    {
        m_answer = [](const ApiRequest&, ApiCallback cb) {
            cb(ApiResponse::ofProblem(Problem::notFound(QStringLiteral("no")).withInstance(QStringLiteral("/v1/x"))));
        };
        auto c = client();
        const HttpReply r = c.get(QStringLiteral("/v1/accounts/nope"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("instance")).toString(), QStringLiteral("/v1/x"));
    }

    void unsupportedMethodIs405()
    {
        auto c = client();
        const HttpReply r = c.send("OPTIONS", QStringLiteral("/v1/accounts"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.problemType(), QStringLiteral("method_not_allowed"));
        QVERIFY(!r.header("Allow").isEmpty());
        QCOMPARE(m_calls, 0);
    }

    void accessLogHasTokenIdNeverSecretOrQuery()
    {
        auto c = client();
        QCOMPARE(c.get(QStringLiteral("/v1/accounts?filter=name[eq]secret-looking")).status, 200);
        auto anonymous = client(QStringLiteral("not-a-patchbay-token"));
        QCOMPARE(anonymous.get(QStringLiteral("/v1/accounts")).status, 200);
        const auto entries = m_log.entries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).method, QStringLiteral("GET"));
        QCOMPARE(entries.at(0).path, QStringLiteral("/v1/accounts"));
        QCOMPARE(entries.at(0).status, 200);
        QCOMPARE(entries.at(0).tokenId, QStringLiteral("0a1b2c3d-0000-4000-8000-00000000abcd"));
        QVERIFY(entries.at(0).time.isValid());
        QVERIFY(entries.at(0).durationMs >= 0);
        QCOMPARE(entries.at(1).tokenId, QStringLiteral("-"));
    }

    void tokenIdParsingIsDefensive()
    {
        QCOMPARE(tokenIdForLog(OrgToken), QStringLiteral("0a1b2c3d-0000-4000-8000-00000000abcd"));
        QCOMPARE(tokenIdForLog(QString()), QStringLiteral("-"));
        QCOMPARE(tokenIdForLog(QStringLiteral("pbo_")), QStringLiteral("-"));
        QCOMPARE(tokenIdForLog(QStringLiteral("pbo_0a1b2c3d-0000-4000-8000-00000000abcd")), QStringLiteral("-"));
        QCOMPARE(tokenIdForLog(QStringLiteral("hunter2")), QStringLiteral("-"));
    }

    void queryParsingKeepsRepeatsAndDecodes()
    {
        const auto q = http::parseQuery("filter=a%5Beq%5Db&filter=c+d&limit=5&flag&=x");
        QCOMPARE(q.size(), 5);
        QCOMPARE(q.at(0), (QPair<QString, QString>{QStringLiteral("filter"), QStringLiteral("a[eq]b")}));
        QCOMPARE(q.at(1).second, QStringLiteral("c d"));
        QCOMPARE(q.at(3), (QPair<QString, QString>{QStringLiteral("flag"), QString()}));
    }

    void rateLimiterRefills()
    {
        RateLimiter limiter(2, 2);
        QVERIFY(limiter.take(QStringLiteral("a")).allowed);
        QVERIFY(limiter.take(QStringLiteral("a")).allowed);
        const auto refused = limiter.take(QStringLiteral("a"));
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterSeconds, 1);
        limiter.advanceForTesting(500);
        QVERIFY(limiter.take(QStringLiteral("a")).allowed);
        QVERIFY(RateLimiter(0).take(QStringLiteral("a")).allowed);
    }

    void nonLoopbackWithoutTlsIsRefused()
    {
        LocalApiServer server([](const ApiRequest&, ApiCallback cb) { cb(ApiResponse::noContent()); });
        QSignalSpy errors(&server, &LocalApiServer::error);
        LocalApiServer::Options o;
        o.address = QHostAddress(QHostAddress::AnyIPv4);
        server.setOptions(o);
        Status s = server.start();
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("non_loopback_refused"));
        o.allowNonLoopback = true;
        server.setOptions(o);
        s = server.start();
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("tls_required"));
        QVERIFY(!s.problem().remediation.isEmpty());
        o.tlsCertificatePath = QStringLiteral("/nonexistent.crt");
        o.tlsKeyPath = QStringLiteral("/nonexistent.key");
        server.setOptions(o);
        s = server.start();
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("tls_configuration_invalid"));
        QVERIFY(!server.isRunning());
        QCOMPARE(errors.count(), 3);
    }

    void tlsServesHttps()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        const QString data = qEnvironmentVariable("PATCHBAY_SERVER_TEST_DATA");
        LocalApiServer::Options o;
        o.tlsCertificatePath = data + QStringLiteral("/localhost.crt");
        o.tlsKeyPath = data + QStringLiteral("/localhost.key");
        o.rateLimitPerSecond = 0;
        restart(o);
        QCOMPARE(m_server->url().scheme(), QStringLiteral("https"));
        auto c = client();
        c.setIgnoreTlsErrors(true); // self-signed test certificate
        const HttpReply r = c.get(QStringLiteral("/v1/accounts"));
        QVERIFY2(r.status == 200, qPrintable(r.networkError));
        QCOMPARE(m_last.token, OrgToken);
    }

    void portInUseIsAProblem()
    {
        LocalApiServer second([](const ApiRequest&, ApiCallback cb) { cb(ApiResponse::noContent()); });
        LocalApiServer::Options o;
        o.port = static_cast<quint16>(m_server->url().port());
        second.setOptions(o);
        const Status s = second.start();
        QVERIFY(!s.ok());
        QCOMPARE(s.problem().type, QStringLiteral("listen_failed"));
    }
};

QTEST_GUILESS_MAIN(TestHttpLayer)
#include "TestHttpLayer.moc"
