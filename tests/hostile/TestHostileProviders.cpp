// Every provider adapter against every hostile server behaviour the simulator can play
// (issue 8 item 5): one table, one summary line per case. Each case must end in a clear Problem
// (type, message, remediation; never 500) within its timeout, never a crash or a hang, and no
// credential may reach the other origin or show up in the problem or the exchanges.

#include "SimHarness.h"

#include "catalog/Catalog.h"
#include "core/Ids.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace pb;
using namespace pb::test;

namespace {

constexpr int kTimeoutMs = 1500;

// The operation that carries data for each provider family, so malformed and mistyped answers
// reach the response parser.
OperationCall callFor(const QString& providerId)
{
    if (providerId.startsWith(u"ticketing_"_s))
        return demoCall(providerId, u"ticketing_query_tickets"_s, QJsonObject{{u"limit"_s, u"2"_s}});
    if (providerId.startsWith(u"notifications_"_s))
        return demoCall(providerId, u"notifications_create_message"_s,
                        QJsonObject{{u"body"_s, QJsonObject{{u"summary"_s, u"Hostile test"_s}, {u"description"_s, u"x"_s}}}});
    return demoCall(providerId, u"sink_post_events"_s,
                    QJsonObject{{u"body"_s, QJsonObject{{u"events"_s, QJsonArray{QJsonObject{{u"message"_s, u"hostile"_s}}}}}}});
}

// Points every URL of the call (config and webhook secrets) at the simulator's TLS port.
void toTls(OperationCall& c, int tlsPort)
{
    const QString from = u"http://127.0.0.1:%1"_s.arg(simPort());
    const QString to = u"https://127.0.0.1:%1"_s.arg(tlsPort);
    for (auto it = c.config.begin(); it != c.config.end(); ++it)
        if (it.value().isString())
            it.value() = it.value().toString().replace(from, to);
    for (auto it = c.secrets.begin(); it != c.secrets.end(); ++it)
        it.value().replace(from.toUtf8(), to.toUtf8());
}

// What a credential of the demo call looks like on the wire, in the forms it could leak in.
QList<QByteArray> secretForms(const OperationCall& c)
{
    QList<QByteArray> out;
    for (auto it = c.secrets.cbegin(); it != c.secrets.cend(); ++it) {
        if (it.key() == u"username"_s || it.key() == u"client_id"_s)
            continue;
        QByteArray v = it.value();
        // A webhook URL's credential is its last path segment.
        if (v.startsWith("http"))
            v = v.mid(v.lastIndexOf('/') + 1);
        out << v << v.toBase64() << QUrl::toPercentEncoding(QString::fromUtf8(v));
    }
    out << QByteArray("demo@example.com:demo-token").toBase64();
    return out;
}

} // namespace

class TestHostileProviders final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void hostile_data();
    void hostile();
    void cleanupTestCase();

private:
    AdapterRegistry m_registry;
    int m_tlsPort = 0;
    int m_cases = 0;
    int m_clear = 0;
    int m_notApplicable = 0;
};

void TestHostileProviders::initTestCase()
{
    QVERIFY2(simPort() != 0, "the sim fixture is not running");
    m_tlsPort = simCall("GET", u"/_sim/info"_s).toObject().value(u"tls_port"_s).toInt();
    std::printf("HOSTILE %-28s %-18s %-28s %6s %8s\n", "provider", "case", "problem", "status", "ms");
    std::fflush(stdout);
}

void TestHostileProviders::hostile_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QByteArray>("fault"); // X-Sim-Fault, or "tls" for the self-signed server
    QTest::addColumn<QStringList>("types"); // acceptable problem types
    const QList<std::pair<QByteArray, QStringList>> cases{
        {"redirect=other", {u"authentication_failed"_s, u"redirect_refused"_s, u"forbidden"_s, u"not_found"_s, u"provider_error"_s}},
        {"tls", {u"tls_error"_s}},
        {"drip", {u"provider_timeout"_s}},
        {"oversized=8000000", {u"response_too_large"_s}},
        {"malformed", {u"malformed_response"_s}},
        {"content-type=text/html", {u"malformed_response"_s}},
        {"drop", {u"provider_connection_failed"_s}},
    };
    for (const ProviderSpec& p : Catalog::builtin().providers())
        for (const auto& [fault, types] : cases)
            QTest::newRow(qPrintable(p.id + u' ' + QString::fromLatin1(fault))) << p.id << fault << types;
}

void TestHostileProviders::hostile()
{
    QFETCH(QString, provider);
    QFETCH(QByteArray, fault);
    QFETCH(QStringList, types);
    OperationCall c = callFor(provider);
    c.timeoutMs = kTimeoutMs;
    c.maxResponseBytes = 1024 * 1024;
    const QString marker = newId();
    c.extraHeaders.append({"X-Test-Marker", marker.toUtf8()});
    if (fault == "tls") {
        if (m_tlsPort == 0)
            QSKIP("the simulator runs without TLS (openssl was not found at build time)");
        toTls(c, m_tlsPort);
    } else {
        c.extraHeaders.append({"X-Sim-Fault", fault});
    }
    const QList<QByteArray> secrets = secretForms(c);
    QElapsedTimer clock;
    clock.start();
    const CallResult r = run(m_registry, c);
    const qint64 ms = clock.elapsed();
    ++m_cases;
    const QString type = r.problemType();
    std::printf("HOSTILE %-28s %-18s %-28s %6d %8lld\n", qPrintable(provider), fault.constData(),
                r.ok() ? "(answered)" : qPrintable(type), r.problem ? r.problem->status : 200, (long long)ms);
    std::fflush(stdout);

    // No credential in what the caller sees or in the recorded exchanges.
    const QByteArray visible = (r.problem ? QJsonDocument(r.problem->toJson()).toJson() : QByteArray()) + exchangesJson(r.exchanges);
    for (const QByteArray& s : secrets)
        QVERIFY2(!visible.contains(s), qPrintable(u"a credential is visible in the problem or the exchanges"_s));
    // A cross-origin redirect never carries the credentials to the other origin.
    if (fault == "redirect=other") {
        for (const QJsonValue& v : simCall("GET", u"/_sim/requests?host=other"_s).toArray()) {
            const QJsonObject req = v.toObject();
            const QJsonObject headers = req.value(u"headers"_s).toObject();
            if (headers.value(u"x-test-marker"_s).toString() != marker)
                continue;
            QVERIFY2(!headers.contains(u"authorization"_s), "credentials followed the redirect");
            const QByteArray seen = QJsonDocument(req).toJson();
            for (const QByteArray& s : secrets)
                QVERIFY2(!seen.contains(s), qPrintable(u"a credential reached the other origin: "_s + req.value(u"path"_s).toString()));
        }
    }
    // Webhooks answer plain text ("ok", "1") by design, so a wrong Content-Type on a good answer
    // is not hostile to them: the answer may be accepted (the other checks above still hold).
    if (fault.startsWith("content-type") && (provider == u"notifications_slack_webhook"_s || provider == u"notifications_teams"_s) && r.ok()) {
        ++m_notApplicable;
        return;
    }
    // Never answered as if all was well, never an internal error, always a clear problem.
    QVERIFY2(!r.ok(), "a hostile answer was accepted as a result");
    QVERIFY2(types.contains(type), qPrintable(r.describe()));
    QVERIFY(r.problem->status >= 400 && r.problem->status != 500);
    QVERIFY(!r.problem->message.isEmpty());
    QVERIFY2(!r.problem->remediation.isEmpty(), qPrintable(r.describe()));
    // Within the timeout (plus the guard of the harness): nothing waits past it.
    QVERIFY2(ms < kTimeoutMs + 10000, qPrintable(u"took %1 ms"_s.arg(ms)));
    ++m_clear;
}

void TestHostileProviders::cleanupTestCase()
{
    std::printf("HOSTILE TOTAL: %d cases, %d ended in a clear problem within the timeout, %d not applicable (webhook text answers)\n",
                m_cases, m_clear, m_notApplicable);
    std::fflush(stdout);
}

QTEST_GUILESS_MAIN(TestHostileProviders)
#include "TestHostileProviders.moc"
