#include "LeakScenario.h"

#include "LeakScanner.h"
#include "SimHarness.h"
#include "cli/CliRunner.h"
#include "platform/Platform.h"
#include "providers/AdapterRegistry.h"
#include "server/HttpTestClient.h"
#include "server/LocalApiServer.h"
#include "server/WorkspaceAccessLog.h"
#include "support/KeychainProbe.h"
#include "vault/KeychainVault.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

namespace {

bool waitForFile(const QString& path)
{
    for (int i = 0; i < 200 && !QFileInfo(path).size(); ++i)
        QTest::qWait(50);
    return QFileInfo(path).size() > 0;
}

// Fails the calling QTest step on an unexpected CLI exit code.
#define LEAK_CLI_OK(run)                                                                          \
    QVERIFY2((run).exitCode == 0, qPrintable(u"exit %1: "_s.arg((run).exitCode) + (run).errText()))

} // namespace

LeakScenario::LeakScenario()
{
    if (simPort() == 0) {
        m_error = u"the sim fixture is not running"_s;
        return;
    }
    if (!keychainReachable()) {
        m_error = u"no Secret Service: run inside the README test command"_s;
        return;
    }
    QDir().mkpath(workspaceDir());
    QDir().mkpath(outputDir());
    m_path = QDir(workspaceDir()).filePath(u"leak.pbw"_s);
}

LeakScenario::~LeakScenario()
{
    m_platform.reset();
}

QByteArray LeakScenario::canary(const QString& name)
{
    const QByteArray secret = "CANARY-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    m_canaries.insert(name, secret);
    return secret;
}

void LeakScenario::keepToken(const QString& secret)
{
    if (secret.size() > 4 + 36 + 1)
        m_tokens.append(secret);
}

void LeakScenario::runCli()
{
    CliRunner cli;
    cli.workspace = m_path;
    const CliRun init = cli.run({u"--json"_s, u"init"_s, u"--workspace"_s, m_path, u"--organization"_s, u"Leak Org"_s,
                                 u"--admin"_s, u"Ada Admin"_s},
                                {}, false, false);
    LEAK_CLI_OK(init);
    // init's stdout shows the first token pair on purpose; its stderr must not.
    keepOutput(u"cli init stderr"_s, init.err);
    keepAllowed(u"cli init stdout"_s, init.out);
    const QJsonObject pair = init.result().toObject().value(u"token"_s).toObject();
    m_adminToken = pair.value(u"access"_s).toObject().value(u"secret"_s).toString();
    keepToken(m_adminToken);
    keepToken(pair.value(u"refresh"_s).toObject().value(u"secret"_s).toString());
    QVERIFY(m_adminToken.startsWith(u"pbo_"_s));
    cli.token = m_adminToken;

    auto step = [&](const QString& place, const QStringList& args, const QByteArray& input = {}) {
        const CliRun r = cli.run(args, input);
        keepOutput(u"cli "_s + place + u" stdout"_s, r.out);
        keepOutput(u"cli "_s + place + u" stderr"_s, r.err);
        return r;
    };
    CliRun r = step(u"accounts create"_s, {u"--json"_s, u"accounts"_s, u"create"_s, u"--fullname"_s, u"Acme"_s, u"--environment"_s, u"test"_s});
    LEAK_CLI_OK(r);
    m_accountId = r.result().toObject().value(u"account"_s).toObject().value(u"id"_s).toString();
    r = step(u"credentials create"_s,
             {u"credentials"_s, u"create"_s, u"acme"_s, u"--name"_s, u"jira-basic"_s, u"--type"_s, u"basic"_s, u"--username"_s,
              u"demo@example.com"_s, u"--secret-stdin"_s},
             canary(u"cli credential secret"_s));
    LEAK_CLI_OK(r);
    const QByteArray rotated = canary(u"cli rotated secret"_s);
    r = step(u"credentials rotate"_s, {u"credentials"_s, u"rotate"_s, u"acme"_s, u"jira-basic"_s, u"--secret-stdin"_s}, rotated);
    LEAK_CLI_OK(r);
    // The reveal shows the secret on purpose (administrators; audited): only its stderr is scanned.
    const CliRun reveal = cli.run({u"credentials"_s, u"reveal"_s, u"acme"_s, u"jira-basic"_s});
    LEAK_CLI_OK(reveal);
    QVERIFY(reveal.out.contains(rotated));
    keepAllowed(u"cli credentials reveal stdout"_s, reveal.out);
    keepOutput(u"cli credentials reveal stderr"_s, reveal.err);
    // A Teams webhook URL is itself the credential; the simulator accepts any path before demo-hook.
    const QByteArray hook = simBase(u"teams"_s).toUtf8() + "/webhookb2/" + canary(u"cli webhook secret"_s) + "/IncomingWebhook/1/demo-hook";
    r = step(u"credentials create webhook"_s,
             {u"credentials"_s, u"create"_s, u"acme"_s, u"--name"_s, u"teams-hook"_s, u"--type"_s, u"secret"_s, u"--secret-stdin"_s}, hook);
    LEAK_CLI_OK(r);

    // Integration creation prints the Integration's token pair once (allowed output).
    const CliRun jira = cli.run({u"--json"_s, u"integrations"_s, u"create"_s, u"acme"_s, u"--name"_s, u"jira"_s, u"--provider"_s,
                                 u"ticketing_jira"_s, u"--config"_s, u"url="_s + simBase(u"jira"_s), u"--config"_s, u"project=DEMO"_s,
                                 u"--credential"_s, u"jira-basic"_s});
    LEAK_CLI_OK(jira);
    keepOutput(u"cli integrations create stderr"_s, jira.err);
    m_jiraId = jira.result().toObject().value(u"integration"_s).toObject().value(u"id"_s).toString();
    for (const QString& which : {u"access"_s, u"refresh"_s})
        keepToken(jira.result().toObject().value(u"token"_s).toObject().value(which).toObject().value(u"secret"_s).toString());
    const CliRun teams = cli.run({u"--json"_s, u"integrations"_s, u"create"_s, u"acme"_s, u"--name"_s, u"teams"_s, u"--provider"_s,
                                  u"notifications_teams"_s, u"--config"_s, u"card_format=message_card"_s, u"--credential"_s, u"teams-hook"_s});
    LEAK_CLI_OK(teams);
    keepOutput(u"cli integrations create teams stderr"_s, teams.err);
    for (const QString& which : {u"access"_s, u"refresh"_s})
        keepToken(teams.result().toObject().value(u"token"_s).toObject().value(which).toObject().value(u"secret"_s).toString());

    // Connector calls with Integration tokens: Jira refuses the canary credential (401 path),
    // Teams accepts the webhook (success path).
    CliRunner connector = cli;
    const CliRun jiraToken = cli.run({u"tokens"_s, u"issue-integration"_s, u"acme"_s, u"jira"_s, u"--secret-only"_s});
    LEAK_CLI_OK(jiraToken);
    connector.token = jiraToken.outText().trimmed();
    keepToken(connector.token);
    r = connector.run({u"connector"_s, u"call"_s, u"ticketing_query_tickets"_s, u"--param"_s, u"limit=2"_s});
    keepOutput(u"cli connector call jira stdout"_s, r.out);
    keepOutput(u"cli connector call jira stderr"_s, r.err);
    QVERIFY2(r.exitCode != 0, "the simulator accepted a canary as Jira's secret");
    const CliRun teamsToken = cli.run({u"tokens"_s, u"issue-integration"_s, u"acme"_s, u"teams"_s, u"--secret-only"_s});
    LEAK_CLI_OK(teamsToken);
    connector.token = teamsToken.outText().trimmed();
    keepToken(connector.token);
    r = connector.run({u"--json"_s, u"connector"_s, u"call"_s, u"notifications_create_message"_s, u"--body"_s,
                       u"{\"summary\": \"Leak scan\", \"description\": \"hello\"}"_s});
    keepOutput(u"cli connector call teams stdout"_s, r.out);
    keepOutput(u"cli connector call teams stderr"_s, r.err);
    LEAK_CLI_OK(r);

    const QString exported = QDir(outputDir()).filePath(u"export.json"_s);
    LEAK_CLI_OK(step(u"export"_s, {u"export"_s, u"--output"_s, exported}));
    QVERIFY(QFile::exists(exported));
    LEAK_CLI_OK(step(u"audit list"_s, {u"--json"_s, u"audit"_s, u"list"_s, u"--limit"_s, u"100"_s}));
    LEAK_CLI_OK(step(u"status jira events"_s, {u"--json"_s, u"status"_s, u"acme"_s, u"jira"_s, u"--events"_s}));
    LEAK_CLI_OK(step(u"status teams events"_s, {u"--json"_s, u"status"_s, u"acme"_s, u"teams"_s, u"--events"_s}));
    LEAK_CLI_OK(step(u"credentials list"_s, {u"--json"_s, u"credentials"_s, u"list"_s, u"acme"_s}));
    LEAK_CLI_OK(step(u"tokens list"_s, {u"--json"_s, u"tokens"_s, u"list"_s}));
    LEAK_CLI_OK(step(u"vault reconcile"_s, {u"--json"_s, u"vault"_s, u"reconcile"_s}));
}

bool LeakScenario::openWorkspace()
{
    if (m_platform)
        return true;
    m_vault = std::make_unique<KeychainVault>();
    m_adapters = std::make_unique<AdapterRegistry>();
    auto opened = Platform::open({m_path, m_vault.get(), m_adapters.get()});
    if (!opened)
        return false;
    m_platform = std::move(*opened);
    return true;
}

void LeakScenario::runServer()
{
    QVERIFY(!m_adminToken.isEmpty());
    QVERIFY(openWorkspace());
    Platform* platform = m_platform.get();
    LocalApiServer server([platform](const ApiRequest& request, ApiCallback done) { platform->dispatch(request, std::move(done)); });
    WorkspaceAccessLog accessLog(platform);
    server.setAccessLogSink(&accessLog);
    LocalApiServer::Options options;
    options.rateLimitPerSecond = 0;
    server.setOptions(options);
    const Status started = server.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.problem().toText()));
    HttpTestClient http(server.url());
    http.setToken(m_adminToken);
    auto keep = [&](const QString& place, const pb::test::HttpReply& reply) { keepOutput(u"server "_s + place, reply.raw); };

    pb::test::HttpReply r = http.get(u"/v1/accounts"_s);
    QCOMPARE(r.status, 200);
    keep(u"GET accounts"_s, r);
    // A token in the query string: the access log keeps paths without queries.
    r = http.get(u"/v1/organization?access_token="_s + m_adminToken);
    keep(u"GET with a token in the query"_s, r);
    const QByteArray serverSecret = canary(u"server credential secret"_s);
    r = http.post(u"/v1/credentials/acme"_s, QJsonObject{{u"name"_s, u"server-token"_s},
                                                         {u"fullname"_s, u"Server token"_s},
                                                         {u"config"_s, QJsonObject{{u"type"_s, u"token"_s},
                                                                                   {u"secret"_s, QString::fromUtf8(serverSecret)}}}});
    QCOMPARE(r.status, 201);
    keep(u"POST credential"_s, r);
    const QByteArray serverRotated = canary(u"server rotated secret"_s);
    r = http.put(u"/v1/credentials/acme/server-token"_s, QJsonObject{{u"fullname"_s, u"Server token"_s},
                                                                     {u"config"_s, QJsonObject{{u"type"_s, u"token"_s},
                                                                                               {u"secret"_s, QString::fromUtf8(serverRotated)}}}});
    QVERIFY2(r.status == 200, r.raw.constData());
    keep(u"PUT credential"_s, r);
    // Reveal answers the secret on purpose; the access log and audit rows must not keep it.
    r = http.get(u"/v1/credentials/acme/server-token/reveal"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.raw.contains(serverRotated));
    // An unknown token that looks real: refused, and not logged.
    const QString bogus = u"pbo_"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u'_' +
                          QString::fromLatin1(QByteArray("CANARY").append(QUuid::createUuid().toRfc4122().toBase64(QByteArray::Base64UrlEncoding |
                                                                                                               QByteArray::OmitTrailingEquals)));
    m_canaries.insert(u"bogus bearer token"_s, bogus.toUtf8());
    http.setToken(bogus);
    r = http.get(u"/v1/accounts"_s);
    QCOMPARE(r.status, 401);
    keep(u"GET with a bogus token"_s, r);
    // A connector call over HTTP with an Integration token issued over HTTP.
    http.setToken(m_adminToken);
    r = http.post(u"/v1/tokens/acme/jira"_s, QJsonObject{});
    QCOMPARE(r.status, 201);
    const QString integrationToken = r.result().toObject().value(u"secret"_s).toString();
    keepToken(integrationToken);
    keepToken(r.result().toObject().value(u"refresh"_s).toObject().value(u"secret"_s).toString());
    http.setToken(integrationToken);
    r = http.get(u"/v1/ticketing/tickets?limit=1"_s);
    QVERIFY(r.status >= 400); // the canary is not Jira's secret
    keep(u"connector call"_s, r);
    server.stop();
    runServeProcess();
}

// The same over the patchbay-serve program, whose stdout and stderr are scanned too.
void LeakScenario::runServeProcess()
{
    const QString program = qEnvironmentVariable("PATCHBAY_BINARY_DIR") + u"/src/server/patchbay-serve"_s;
    if (!QFile::exists(program))
        QSKIP("patchbay-serve is not part of this build");
    const QString portFile = m_dir.filePath(u"serve.port"_s);
    QProcess serve;
    serve.start(program, {u"--workspace"_s, m_path, u"--port"_s, u"0"_s, u"--port-file"_s, portFile, u"--rate-limit"_s, u"off"_s});
    QVERIFY(serve.waitForStarted(10000));
    QVERIFY(waitForFile(portFile));
    QFile f(portFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const int port = f.readAll().trimmed().toInt();
    QVERIFY(port > 0);
    HttpTestClient http(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    http.setToken(m_adminToken);
    pb::test::HttpReply r = http.get(u"/v1/accounts?access_token="_s + m_adminToken);
    QCOMPARE(r.status, 200);
    keepOutput(u"serve GET accounts"_s, r.raw);
    r = http.post(u"/v1/credentials/acme"_s, QJsonObject{{u"name"_s, u"serve-token"_s},
                                                         {u"fullname"_s, u"Serve token"_s},
                                                         {u"config"_s, QJsonObject{{u"type"_s, u"token"_s},
                                                                                   {u"secret"_s, QString::fromUtf8(canary(u"serve credential secret"_s))}}}});
    QCOMPARE(r.status, 201);
    keepOutput(u"serve POST credential"_s, r.raw);
    http.setToken(QString::fromUtf8(m_canaries.value(u"bogus bearer token"_s)));
    r = http.get(u"/v1/accounts"_s);
    QCOMPARE(r.status, 401);
    keepOutput(u"serve GET with a bogus token"_s, r.raw);
    serve.terminate();
    if (!serve.waitForFinished(10000))
        serve.kill();
    keepOutput(u"patchbay-serve stdout"_s, serve.readAllStandardOutput());
    keepOutput(u"patchbay-serve stderr"_s, serve.readAllStandardError());
}

void LeakScenario::addCanaries(LeakScanner& scanner) const
{
    for (auto it = m_canaries.cbegin(); it != m_canaries.cend(); ++it)
        scanner.addCanary(it.key(), it.value());
    // Token secrets: the random part (the prefix and id are public and stored).
    for (const QString& token : m_tokens)
        scanner.addCanary(u"token "_s + token.section(u'_', 1, 1), token.mid(4 + 36 + 1).toUtf8());
}

void LeakScenario::scanApiViews(LeakScanner& scanner)
{
    if (!openWorkspace())
        return;
    auto view = [&](const QString& path) {
        ApiRequest request = ApiRequest::get(path, m_adminToken);
        if (!path.endsWith(u"/reconcile"_s) && !path.endsWith(u"/export"_s))
            request.withQuery(u"limit"_s, u"1000"_s);
        const ApiResponse r = m_platform->dispatchSync(request);
        scanner.scan(u"API "_s + path, QJsonDocument(r.body.toObject()).toJson());
    };
    view(u"/v1/audit/organizations"_s);
    view(u"/v1/audit/access-log"_s);
    view(u"/v1/status"_s);
    view(u"/v1/status/acme/jira/events"_s);
    view(u"/v1/status/acme/teams/events"_s);
    view(u"/v1/credentials"_s);
    view(u"/v1/tokens"_s);
    view(u"/v1/export"_s);
    view(u"/v1/vault/reconcile"_s);
}

void LeakScenario::scanOutputs(LeakScanner& scanner) const
{
    for (const auto& [place, bytes] : m_outputs)
        scanner.scan(place, bytes);
}

void LeakScenario::scanAllowedOutputs(LeakScanner& scanner) const
{
    for (const auto& [place, bytes] : m_allowed)
        scanner.scan(place, bytes);
}

void LeakScenario::closeWorkspace()
{
    m_platform.reset();
}

void LeakScenario::removeKeychainEntries()
{
    if (m_adminToken.isEmpty() || !openWorkspace())
        return;
    (void)m_platform->dispatchSync(ApiRequest::del(u"/v1/accounts/acme"_s, m_adminToken));
    (void)m_platform->dispatchSync(ApiRequest::post(u"/v1/vault/reconcile"_s, QJsonObject{}, m_adminToken));
    m_platform.reset();
}

} // namespace pb::test
