// The HTTP client's defences, through patchbay-sim's injected faults (issue 5 item 1, issue 8
// item 5): every hostile answer ends in a clear unified problem within the deadline.
#include "SimHarness.h"

#include "core/Ids.h"
#include "providers/HttpClient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSslCertificate>
#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestHostileNetwork final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;

    static OperationCall faulted(const QByteArray& fault, const QString& op = QStringLiteral("verify"))
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), op);
        c.extraHeaders.append({QByteArrayLiteral("X-Sim-Fault"), fault});
        return c;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void plainHttpToNonLoopbackRefusedBeforeConnecting()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("verify"));
        c.config[QStringLiteral("url")] = QStringLiteral("http://192.0.2.1/jira"); // TEST-NET-1: never contacted
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("insecure_transport_refused"));
        QCOMPARE(r.problem->status, 400);
        QVERIFY(r.exchanges.isEmpty());
        // Policy only, nothing sent: loopback is fine, and the Integration Point may allow plain http.
        QVERIFY(HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://example.com/")), false).has_value());
        QVERIFY(!HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://example.com/")), true).has_value());
        QVERIFY(!HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://localhost:1/")), false).has_value());
        QVERIFY(!HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://[::1]:1/")), false).has_value());
        QVERIFY(HttpClient::checkTransportPolicy(QUrl(QStringLiteral("ftp://127.0.0.1/")), false).has_value());
        QVERIFY(HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://127.0.0.1.example.com/")), false).has_value());
    }

    void crossOriginRedirectNeverCarriesCredentials()
    {
        const QString marker = newId();
        OperationCall c = faulted("redirect=other");
        c.extraHeaders.append({QByteArrayLiteral("X-Test-Marker"), marker.toUtf8()});
        const auto r = run(m_registry, c);
        // The other host does not know the credentials: it answers 401.
        QCOMPARE(r.problemType(), QStringLiteral("authentication_failed"));
        QCOMPARE(r.exchanges.size(), 2);
        QCOMPARE(r.exchanges.at(0).status, 307);
        bool seen = false;
        for (const QJsonValue& v : simCall("GET", QStringLiteral("/_sim/requests?host=other")).toArray()) {
            const QJsonObject headers = v.toObject().value(QStringLiteral("headers")).toObject();
            if (headers.value(QStringLiteral("x-test-marker")).toString() != marker)
                continue;
            seen = true;
            QVERIFY(!headers.contains(QStringLiteral("authorization")));
            QVERIFY(!QJsonDocument(headers).toJson().contains("demo-token"));
        }
        QVERIFY2(seen, "the redirected request did not reach the other host");
    }

    void crossOriginRedirectOfSecretBodyRefused()
    {
        const QString marker = newId();
        OperationCall c = demoCall(QStringLiteral("ticketing_servicenow"), QStringLiteral("verify"));
        c.credentialType = QStringLiteral("o_auth_client");
        c.secrets = {{QStringLiteral("client_id"), QByteArrayLiteral("demo-client")}, {QStringLiteral("client_secret"), QByteArrayLiteral("demo-token")},
                     {QStringLiteral("token_url"), simBase(QStringLiteral("servicenow")).toUtf8() + "/oauth_token.do"}};
        c.extraHeaders = {{QByteArrayLiteral("X-Sim-Fault"), QByteArrayLiteral("redirect=other")}, {QByteArrayLiteral("X-Test-Marker"), marker.toUtf8()}};
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("redirect_refused"));
        for (const QJsonValue& v : simCall("GET", QStringLiteral("/_sim/requests?host=other")).toArray())
            QVERIFY(v.toObject().value(QStringLiteral("headers")).toObject().value(QStringLiteral("x-test-marker")).toString() != marker);
        QVERIFY(!exchangesJson(r.exchanges).contains("demo-token"));
    }

    void redirectToPlainHttpElsewhereRefused()
    {
        const auto r = run(m_registry, faulted("redirect=http://192.0.2.1/jira/rest/api/3/myself"));
        QCOMPARE(r.problemType(), QStringLiteral("insecure_transport_refused"));
        QCOMPARE(r.exchanges.size(), 1); // the 307 only: nothing was sent to 192.0.2.1
        QCOMPARE(r.exchanges.first().status, 307);
    }

    void credentialsWithLineBreaksOrUrlUserInfoRefused()
    {
        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("verify"));
        c.secrets[QStringLiteral("secret")] = QByteArrayLiteral("demo-token\r\nX-Evil: 1");
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("invalid_credential"));
        QVERIFY(r.exchanges.isEmpty());
        QVERIFY(!QJsonDocument(r.problem->toJson()).toJson().contains("demo-token"));
        QVERIFY(HttpClient::checkTransportPolicy(QUrl(QStringLiteral("http://user:pw@127.0.0.1:1/")), false).has_value());
    }

    void sameOriginRedirectKeepsCredentials()
    {
        const auto r = run(m_registry, faulted("redirect=same"));
        QVERIFY2(r.ok(), qPrintable(r.describe()));
        QCOMPARE(r.exchanges.size(), 2);
    }

    void oversizedResponseCutOff()
    {
        OperationCall c = faulted("oversized=20000000");
        c.maxResponseBytes = 1024 * 1024;
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("response_too_large"));
        QVERIFY(r.problem->message.contains(QLatin1String("1048576")));

        OperationCall small = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("ticketing_query_tickets"));
        small.maxResponseBytes = 300; // announced by Content-Length
        QCOMPARE(run(m_registry, small).problemType(), QStringLiteral("response_too_large"));
    }

    void drippingServerTimesOut()
    {
        OperationCall c = faulted("drip");
        c.timeoutMs = 1500;
        const auto r = run(m_registry, c);
        QCOMPARE(r.problemType(), QStringLiteral("provider_timeout"));
        QCOMPARE(r.problem->status, 504);
    }

    void slowServerTimesOut()
    {
        OperationCall c = faulted("latency=5000");
        c.timeoutMs = 1000;
        QCOMPARE(run(m_registry, c).problemType(), QStringLiteral("provider_timeout"));
    }

    void droppedConnection()
    {
        const auto r = run(m_registry, faulted("drop"));
        QCOMPARE(r.problemType(), QStringLiteral("provider_connection_failed"));
    }

    void malformedJson()
    {
        const auto r = run(m_registry, faulted("malformed"));
        QCOMPARE(r.problemType(), QStringLiteral("malformed_response"));
        QCOMPARE(r.problem->status, 502);
    }

    void wrongContentType()
    {
        const auto r = run(m_registry, faulted("content-type=text/html"));
        QCOMPARE(r.problemType(), QStringLiteral("malformed_response"));
        QVERIFY(r.problem->detail.contains(QLatin1String("text/html")));
    }

    void unavailable()
    {
        const auto r = run(m_registry, faulted("status=503"));
        QCOMPARE(r.problemType(), QStringLiteral("provider_unavailable"));
        QCOMPARE(r.exchanges.size(), 1); // no Retry-After: no retry
        QCOMPARE(run(m_registry, faulted("status=502")).problemType(), QStringLiteral("provider_unavailable"));
        QCOMPARE(run(m_registry, faulted("status=403")).problemType(), QStringLiteral("forbidden"));
    }

    void retryAfterHonouredWithBoundedRetries()
    {
        const auto r = run(m_registry, faulted("status=429;retry-after=1"));
        QCOMPARE(r.problemType(), QStringLiteral("rate_limited"));
        QCOMPARE(r.problem->status, 429);
        QCOMPARE(r.exchanges.size(), 3); // the first attempt and two retries
        QCOMPARE(r.problem->parameter, QStringLiteral("Retry-After"));
        QCOMPARE(r.problem->value.toInt(), 1);
        QVERIFY(r.problem->detail.contains(QLatin1String("Retry after 1 seconds")));

        const auto dated = run(m_registry, faulted("status=503;retry-after-date=+1"));
        QCOMPARE(dated.problemType(), QStringLiteral("provider_unavailable"));
        QCOMPARE(dated.exchanges.size(), 3);
    }

    void longRetryAfterIsNotWaitedFor()
    {
        const auto r = run(m_registry, faulted("status=429;retry-after=120"));
        QCOMPARE(r.problemType(), QStringLiteral("rate_limited"));
        QCOMPARE(r.exchanges.size(), 1);
        QCOMPARE(r.problem->value.toInt(), 120);
    }

    void retryAfterParsing()
    {
        QCOMPARE(HttpClient::parseRetryAfter("7"), 7);
        QCOMPARE(HttpClient::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), 0); // in the past
        QCOMPARE(HttpClient::parseRetryAfter("soon"), -1);
        QCOMPARE(HttpClient::parseRetryAfter(""), -1);
    }

    void cancelEndsWithProblem()
    {
        HttpClient client;
        HttpRequest req;
        req.url = QUrl(simBase(QStringLiteral("jira")) + QStringLiteral("/rest/api/3/myself"));
        req.headers.append({QByteArrayLiteral("X-Sim-Fault"), QByteArrayLiteral("drip")});
        HttpReply* reply = client.send(req);
        std::optional<HttpResult> result;
        connect(reply, &HttpReply::finished, this, [&result](const HttpResult& r) { result = r; });
        QTimer::singleShot(300, reply, &HttpReply::cancel);
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        QVERIFY(result->problem.has_value());
        QCOMPARE(result->problem->type, QStringLiteral("cancelled"));
    }

    void secretsRedactedInExchanges()
    {
        QList<ExchangeRecord> all;
        for (const QByteArray& fault : {QByteArray(), QByteArray("status=401"), QByteArray("redirect=other"), QByteArray("malformed")}) {
            OperationCall c = fault.isEmpty() ? demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("ticketing_query_tickets")) : faulted(fault);
            all += run(m_registry, c).exchanges;
        }
        QVERIFY(all.size() >= 5);
        const QByteArray json = exchangesJson(all);
        QVERIFY(!json.contains("demo-token"));
        QVERIFY(!json.contains(QByteArray("demo@example.com:demo-token").toBase64()));
        QVERIFY(json.contains("[redacted]"));
        QVERIFY(json.contains("Basic [redacted]"));
    }

    void selfSignedTlsNeedsThePin()
    {
        const int tlsPort = simCall("GET", QStringLiteral("/_sim/info")).toObject().value(QStringLiteral("tls_port")).toInt();
        if (tlsPort == 0)
            QSKIP("the simulator runs without TLS (openssl was not found at build time)");
        QFile certFile(qEnvironmentVariable("PATCHBAY_BINARY_DIR") + QStringLiteral("/sim-tls/cert.pem"));
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        const QByteArray pin = QSslCertificate(certFile.readAll()).digest(QCryptographicHash::Sha256).toHex();

        OperationCall c = demoCall(QStringLiteral("ticketing_jira"), QStringLiteral("verify"));
        c.config[QStringLiteral("url")] = QStringLiteral("https://127.0.0.1:%1/jira").arg(tlsPort);
        const auto refused = run(m_registry, c);
        QCOMPARE(refused.problemType(), QStringLiteral("tls_error"));
        QVERIFY2(refused.problem->detail.contains(QString::fromLatin1(pin)), qPrintable(refused.problem->detail));

        c.pinnedSha256 = QByteArray(64, 'a');
        QCOMPARE(run(m_registry, c).problemType(), QStringLiteral("tls_error"));

        c.pinnedSha256 = pin.toUpper();
        const auto pinned = run(m_registry, c);
        QVERIFY2(pinned.ok(), qPrintable(pinned.describe()));
    }
};

QTEST_GUILESS_MAIN(TestHostileNetwork)
#include "TestHostileNetwork.moc"
