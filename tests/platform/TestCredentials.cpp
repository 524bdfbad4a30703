// Credentials through the API and a real Secret Service (label "keychain").
#include "core/Clock.h"
#include "support/KeychainProbe.h"
#include "support/TestWorkspace.h"
#include "vault/KeychainVault.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {

QString fakePem(const char* kind, int lines)
{
    QString pem = QStringLiteral("-----BEGIN %1-----\n").arg(QString::fromLatin1(kind));
    for (int i = 0; i < lines; ++i)
        pem += QStringLiteral("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC%1xyzDISTINCT\n").arg(i, 4, 10, QLatin1Char('0'));
    pem += QStringLiteral("-----END %1-----\n").arg(QString::fromLatin1(kind));
    return pem;
}

} // namespace

class TestCredentials final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void roundTripEachType_data();
    void roundTripEachType();
    void aliasAndValidation();
    void secretsNeverLeaveTheKeychain();
    void rotateKeepsTimesNotSecrets();
    void revealNeedsAdministratorAndIsAudited();
    void deletingAnAccountRemovesItsEntries();
    void crossAccountReferenceIsRefused();
    void inlineCredentialBelongsToTheIntegration();
    void injectedFailureLeavesNothing();
    void crashLeftoverIsReconciled();
    void missingEntryIsReported();
    void expiringQuery();
    void credentialRulesBlockCreationAndUse();

private:
    QString prefix() const { return QStringLiteral("patchbay/") + m_ws->platform().workspaceId(); }
    bool execOnFile(const QString& sql);
    std::unique_ptr<KeychainVault> m_vault;
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_acme;
};

void TestCredentials::initTestCase()
{
    if (!keychainReachable())
        QSKIP("No Secret Service: run inside the test command (dbus-run-session + gnome-keyring).");
    m_vault = std::make_unique<KeychainVault>();
}

void TestCredentials::init()
{
    m_ws = std::make_unique<TestWorkspace>(m_vault.get());
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    m_acme = m_ws->createAccount(QStringLiteral("Acme"), QStringLiteral("test"));
    m_ws->createAccount(QStringLiteral("Globex"));
}

void TestCredentials::cleanup()
{
    setClockOffsetForTesting(0);
    // Leave no entry of this workspace behind in the test keyring.
    if (m_ws && m_ws->ok()) {
        for (const QString& a : {QStringLiteral("acme"), QStringLiteral("globex")})
            m_ws->del(QStringLiteral("/v1/accounts/") + a);
    }
    m_ws.reset();
}

bool TestCredentials::execOnFile(const QString& sql)
{
    m_ws->close();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash"));
        db.setDatabaseName(m_ws->path());
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crash"));
    return ok && m_ws->reopen();
}

void TestCredentials::roundTripEachType_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QStringList>("secretFields");
    QTest::newRow("basic") << QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                          {QStringLiteral("username"), QStringLiteral("ada@acme.test")},
                                          {QStringLiteral("secret"), QStringLiteral("basic-SECRET-7f3a")}}
                           << QStringList{QStringLiteral("secret")};
    QTest::newRow("token") << QJsonObject{{QStringLiteral("type"), QStringLiteral("token")}, {QStringLiteral("secret"), QStringLiteral("token-SECRET-91bc")}}
                           << QStringList{QStringLiteral("secret")};
    QTest::newRow("secret") << QJsonObject{{QStringLiteral("type"), QStringLiteral("secret")}, {QStringLiteral("secret"), QStringLiteral("https://hooks.example/SECRET-55")}}
                            << QStringList{QStringLiteral("secret")};
    QTest::newRow("o_auth_client") << QJsonObject{{QStringLiteral("type"), QStringLiteral("o_auth_client")},
                                                  {QStringLiteral("token_url"), QStringLiteral("https://login.example/token")},
                                                  {QStringLiteral("client_id"), QStringLiteral("client-1")},
                                                  {QStringLiteral("client_secret"), QStringLiteral("oauth-SECRET-0d0e")}}
                                   << QStringList{QStringLiteral("client_secret")};
    QTest::newRow("tls_certificate") << QJsonObject{{QStringLiteral("type"), QStringLiteral("tls_certificate")},
                                                    {QStringLiteral("certificate"), fakePem("CERTIFICATE", 30)},
                                                    {QStringLiteral("private_key"), fakePem("PRIVATE KEY", 120)}}
                                     << QStringList{QStringLiteral("private_key")};
}

void TestCredentials::roundTripEachType()
{
    QFETCH(QJsonObject, config);
    QFETCH(QStringList, secretFields);
    ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Cred")},
                                                                                   {QStringLiteral("config"), config}});
    QVERIFY2(r.status == 201, describe(r).constData());
    const QJsonObject created = r.result().toObject();
    const QString id = created.value(QStringLiteral("id")).toString();
    for (const QString& f : secretFields) {
        QVERIFY(!created.value(QStringLiteral("config")).toObject().contains(f));
        const QString key = QStringLiteral("%1/%2/%3/%4").arg(prefix(), m_acme, id, f);
        QVERIFY2(keychainContains(key), qPrintable(key));
        QCOMPARE(keychainSecret(key), config.value(f).toString().toUtf8());
    }
    r = m_ws->get(QStringLiteral("/v1/credentials/acme/") + id + QStringLiteral("/reveal"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("config")).toObject(), config);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/credentials/acme/") + id).status, 204);
    QVERIFY(keychainKeys(QStringLiteral("%1/%2/%3/").arg(prefix(), m_acme, id)).isEmpty());
}

void TestCredentials::aliasAndValidation()
{
    ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"),
                               QJsonObject{{QStringLiteral("fullname"), QStringLiteral("OAuth")},
                                           {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("oauth_client")},
                                                                                  {QStringLiteral("token_url"), QStringLiteral("https://x/t")},
                                                                                  {QStringLiteral("client_id"), QStringLiteral("c")},
                                                                                  {QStringLiteral("client_secret"), QStringLiteral("s")}}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.result().toObject().value(QStringLiteral("config")).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("o_auth_client"));
    r = m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("B")},
                                                                       {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                                              {QStringLiteral("username"), QStringLiteral("u")}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("config.secret"));
    r = m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("K")},
                                                                       {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("kerberos")}}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("config.type"));
}

void TestCredentials::secretsNeverLeaveTheKeychain()
{
    const QByteArray distinctive = "DISTINCTIVE-SECRET-4c7e19a2";
    ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"),
                               QJsonObject{{QStringLiteral("fullname"), QStringLiteral("T")},
                                           {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                  {QStringLiteral("secret"), QString::fromLatin1(distinctive)}}}});
    QCOMPARE(r.status, 201);
    QVERIFY(!describe(r).contains(distinctive));
    QVERIFY(!describe(m_ws->get(QStringLiteral("/v1/credentials/acme"))).contains(distinctive));
    QVERIFY(!describe(m_ws->get(QStringLiteral("/v1/audit/organizations"))).contains(distinctive));
    const ApiResponse exported = m_ws->get(QStringLiteral("/v1/export"));
    QCOMPARE(exported.status, 200);
    QVERIFY(!describe(exported).contains(distinctive));
    QCOMPARE(exported.result().toObject().value(QStringLiteral("credentials")).toArray().size(), 1);
    for (const QString& file : QStringList{m_ws->path(), m_ws->path() + QStringLiteral("-wal")}) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly))
            QVERIFY2(!f.readAll().contains(distinctive), qPrintable(file));
    }
}

void TestCredentials::rotateKeepsTimesNotSecrets()
{
    ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"),
                               QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Rot")},
                                           {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                  {QStringLiteral("username"), QStringLiteral("u")},
                                                                                  {QStringLiteral("secret"), QStringLiteral("old-secret")}}}});
    const QString id = r.result().toObject().value(QStringLiteral("id")).toString();
    // A PATCH that does not touch the secret keeps it.
    r = m_ws->patch(QStringLiteral("/v1/credentials/acme/rot"), QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                                                       {QStringLiteral("path"), QStringLiteral("/config/username")},
                                                                                       {QStringLiteral("value"), QStringLiteral("u2")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("rotated_at")).toArray().size(), 0);
    r = m_ws->patch(QStringLiteral("/v1/credentials/acme/rot"), QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                                                                                       {QStringLiteral("path"), QStringLiteral("/config/secret")},
                                                                                       {QStringLiteral("value"), QStringLiteral("new-secret")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("rotated_at")).toArray().size(), 1);
    const QJsonObject revealed = m_ws->get(QStringLiteral("/v1/credentials/acme/rot/reveal")).result().toObject();
    QCOMPARE(revealed.value(QStringLiteral("config")).toObject().value(QStringLiteral("secret")).toString(), QStringLiteral("new-secret"));
    QCOMPARE(revealed.value(QStringLiteral("config")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("u2"));
    QCOMPARE(keychainKeys(QStringLiteral("%1/%2/%3/").arg(prefix(), m_acme, id)).size(), 1);
    QCOMPARE(m_ws->put(QStringLiteral("/v1/credentials/acme/rot"),
                       QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Rot")},
                                   {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")}, {QStringLiteral("secret"), QStringLiteral("x")}}}})
                 .status,
             400);
}

void TestCredentials::revealNeedsAdministratorAndIsAudited()
{
    m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Rev")},
                                                                   {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                                          {QStringLiteral("secret"), QStringLiteral("shh")}}}});
    const QString member = m_ws->createMemberToken(QStringLiteral("Mem"), QStringLiteral("member"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/credentials/acme/rev/reveal"), member).status, 403);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/credentials/acme/rev/reveal")).status, 200);
    const QJsonArray events = m_ws->call(ApiRequest::get(QStringLiteral("/v1/audit/organizations"))
                                             .withQuery(QStringLiteral("filter"), QStringLiteral("action[eq]credentials.reveal")))
                                  .result().toArray();
    QCOMPARE(events.size(), 2); // the refused one and the granted one
    QCOMPARE(events.first().toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));
    QCOMPARE(events.first().toObject().value(QStringLiteral("member_id")).toString(), m_ws->adminMemberId());
    QVERIFY(!events.first().toObject().value(QStringLiteral("resource_id")).toString().isEmpty());
}

void TestCredentials::deletingAnAccountRemovesItsEntries()
{
    for (const QString& n : {QStringLiteral("One"), QStringLiteral("Two")})
        QCOMPARE(m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), n},
                                                                                {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                                                       {QStringLiteral("secret"), n}}}})
                     .status,
                 201);
    m_ws->post(QStringLiteral("/v1/credentials/globex"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("G")},
                                                                     {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                                            {QStringLiteral("secret"), QStringLiteral("g")}}}});
    QCOMPARE(keychainKeys(prefix() + QLatin1Char('/') + m_acme).size(), 2);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/acme")).status, 204);
    QVERIFY(keychainKeys(prefix() + QLatin1Char('/') + m_acme).isEmpty());
    QCOMPARE(keychainKeys(prefix()).size(), 1); // Globex's is untouched
}

void TestCredentials::crossAccountReferenceIsRefused()
{
    m_ws->post(QStringLiteral("/v1/credentials/globex"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Globex token")},
                                                                     {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                                            {QStringLiteral("username"), QStringLiteral("u")},
                                                                                                            {QStringLiteral("secret"), QStringLiteral("g")}}}});
    const QJsonObject body{{QStringLiteral("fullname"), QStringLiteral("Jira")},
                           {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                           {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                                           {QStringLiteral("credential"), QStringLiteral("globex-token")}}}};
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/acme"), body);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("cross_account_credential"));
    QCOMPARE(r.problem().parameter, QStringLiteral("provider_config.credential"));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/globex"), body).status, 201);
}

void TestCredentials::inlineCredentialBelongsToTheIntegration()
{
    const QJsonObject body{{QStringLiteral("fullname"), QStringLiteral("Jira")},
                           {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                           {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                                           {QStringLiteral("credential"), QJsonObject{{QStringLiteral("type"), QStringLiteral("basic")},
                                                                                                                      {QStringLiteral("username"), QStringLiteral("ada")},
                                                                                                                      {QStringLiteral("secret"), QStringLiteral("inline-secret")}}}}}};
    const QJsonObject created = m_ws->createIntegration(QStringLiteral("acme"), body);
    const QJsonArray credentials = created.value(QStringLiteral("credentials_created")).toArray();
    QCOMPARE(credentials.size(), 1);
    QVERIFY(created.value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString().startsWith(QStringLiteral("pbi_")));
    const QString integrationId = created.value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    const QString key = QStringLiteral("%1/%2/%3/secret").arg(prefix(), m_acme, credentials.first().toString());
    QCOMPARE(keychainSecret(key), QByteArray("inline-secret"));
    // A second Integration of the same Account may share it; the owner cannot go while it does.
    QJsonObject second{{QStringLiteral("fullname"), QStringLiteral("Jira 2")},
                       {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                       {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                                       {QStringLiteral("credential"), credentials.first().toString()}}}};
    const QString secondId = m_ws->createIntegration(QStringLiteral("acme"), second).value(QStringLiteral("integration")).toObject()
                                 .value(QStringLiteral("id")).toString();
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/") + integrationId).status, 409);
    QVERIFY(keychainContains(key));
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/") + secondId).status, 204);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/") + integrationId).status, 204);
    QVERIFY(!keychainContains(key));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/credentials/acme")).result().toArray().size(), 0);
}

void TestCredentials::injectedFailureLeavesNothing()
{
    m_ws->platform().setFaultForTesting(Platform::Fault::FailBeforeCommit);
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"),
                                     QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Doomed")},
                                                 {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                        {QStringLiteral("secret"), QStringLiteral("doomed")}}}});
    m_ws->platform().setFaultForTesting(Platform::Fault::None);
    QCOMPARE(r.status, 500);
    QVERIFY(keychainKeys(prefix()).isEmpty());
    QCOMPARE(m_ws->get(QStringLiteral("/v1/credentials/acme")).result().toArray().size(), 0);
    const QJsonObject report = m_ws->get(QStringLiteral("/v1/vault/reconcile")).result().toObject();
    QCOMPARE(report.value(QStringLiteral("orphaned_entries")).toArray().size(), 0);
}

void TestCredentials::crashLeftoverIsReconciled()
{
    // A crash between the keychain write and the commit leaves an entry and a pending row.
    const QString credentialId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    const VaultKey key{m_ws->platform().workspaceId(), m_acme, credentialId, QStringLiteral("secret")};
    QVERIFY(execOnFile(QStringLiteral("INSERT INTO vault_index (vault_key, credential_id, account_id, field, state, created_at) "
                                      "VALUES ('%1', '%2', '%3', 'secret', 'pending', 'x')")
                           .arg(key.toString(), credentialId, m_acme)));
    QEventLoop loop;
    bool written = false;
    m_vault->write(key, "crash-leftover", [&](Status s) {
        written = s.ok();
        loop.quit();
    });
    loop.exec();
    QVERIFY(written);
    QVERIFY(keychainContains(key.toString()));
    ApiResponse r = m_ws->get(QStringLiteral("/v1/vault/reconcile"));
    QCOMPARE(r.status, 200);
    const QJsonArray orphaned = r.result().toObject().value(QStringLiteral("orphaned_entries")).toArray();
    QCOMPARE(orphaned.size(), 1);
    QCOMPARE(orphaned.first().toObject().value(QStringLiteral("credential_id")).toString(), credentialId);
    r = m_ws->post(QStringLiteral("/v1/vault/reconcile"), QJsonObject{});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("removed")).toInt(), 1);
    QVERIFY(!keychainContains(key.toString()));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/vault/reconcile")).result().toObject().value(QStringLiteral("orphaned_entries")).toArray().size(), 0);
}

void TestCredentials::missingEntryIsReported()
{
    ApiResponse r = m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Gone")},
                                                                                   {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                                                          {QStringLiteral("secret"), QStringLiteral("g")}}}});
    const QString id = r.result().toObject().value(QStringLiteral("id")).toString();
    QEventLoop loop;
    m_vault->remove(VaultKey{m_ws->platform().workspaceId(), m_acme, id, QStringLiteral("secret")}, [&](Status) { loop.quit(); });
    loop.exec();
    r = m_ws->get(QStringLiteral("/v1/vault/reconcile"));
    QCOMPARE(r.status, 200);
    const QJsonArray missing = r.result().toObject().value(QStringLiteral("missing_entries")).toArray();
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing.first().toObject().value(QStringLiteral("credential_id")).toString(), id);
}

void TestCredentials::expiringQuery()
{
    const QString soon = QDateTime::currentDateTimeUtc().addDays(3).toString(Qt::ISODate);
    const QString later = QDateTime::currentDateTimeUtc().addDays(60).toString(Qt::ISODate);
    for (const auto& [name, when] : {std::pair{QStringLiteral("Soon"), soon}, std::pair{QStringLiteral("Later"), later}})
        QCOMPARE(m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), name},
                                                                                {QStringLiteral("expires"), when},
                                                                                {QStringLiteral("config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("token")},
                                                                                                                       {QStringLiteral("secret"), name}}}})
                     .status,
                 201);
    const ApiResponse r = m_ws->call(ApiRequest::get(QStringLiteral("/v1/credentials")).withQuery(QStringLiteral("expiring_within_days"), QStringLiteral("7")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toArray().size(), 1);
    QCOMPARE(r.result().toArray().first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("soon"));
    QCOMPARE(r.result().toArray().first().toObject().value(QStringLiteral("expiry_reason")).toString(), QStringLiteral("expires"));
    QCOMPARE(m_ws->call(ApiRequest::get(QStringLiteral("/v1/credentials")).withQuery(QStringLiteral("expiring_within_days"), QStringLiteral("90")))
                 .result().toArray().size(),
             2);
    QCOMPARE(m_ws->call(ApiRequest::get(QStringLiteral("/v1/credentials")).withQuery(QStringLiteral("expiring_within_days"), QStringLiteral("x"))).status, 400);
}

void TestCredentials::credentialRulesBlockCreationAndUse()
{
    m_ws->createIntegrationPoint({{QStringLiteral("fullname"), QStringLiteral("Strict")},
                                  {QStringLiteral("connector"), QStringLiteral("ticketing")},
                                  {QStringLiteral("environments"), QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}}}},
                                  {QStringLiteral("rules"), QJsonObject{{QStringLiteral("credential_types"), QJsonArray{QStringLiteral("basic")}},
                                                                        {QStringLiteral("max_credential_age_days"), 30}}}});
    auto make = [&](const QString& name, const QString& type) {
        QJsonObject config{{QStringLiteral("type"), type}, {QStringLiteral("secret"), QStringLiteral("s")}};
        if (type == QStringLiteral("basic"))
            config.insert(QStringLiteral("username"), QStringLiteral("u"));
        return m_ws->post(QStringLiteral("/v1/credentials/acme"), QJsonObject{{QStringLiteral("fullname"), name}, {QStringLiteral("config"), config}});
    };
    QCOMPARE(make(QStringLiteral("Basic"), QStringLiteral("basic")).status, 201);
    QCOMPARE(make(QStringLiteral("Tok"), QStringLiteral("token")).status, 201);
    auto integration = [&](const QString& name, const QString& credential) {
        return QJsonObject{{QStringLiteral("fullname"), name},
                           {QStringLiteral("integration_point_id"), QStringLiteral("strict")},
                           {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                                           {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                                           {QStringLiteral("credential"), credential}}}};
    };
    // A provider that does not take the credential's type is a plain 400 ...
    ApiResponse r = m_ws->post(QStringLiteral("/v1/integrations/acme"), integration(QStringLiteral("T"), QStringLiteral("tok")));
    QCOMPARE(r.status, 400);
    // ... a type the Integration Point does not allow is a policy violation.
    m_ws->createIntegrationPoint({{QStringLiteral("fullname"), QStringLiteral("OAuth only")},
                                  {QStringLiteral("connector"), QStringLiteral("ticketing")},
                                  {QStringLiteral("environments"), QJsonObject{{QStringLiteral("test"), QJsonArray{QStringLiteral("*")}}}},
                                  {QStringLiteral("rules"), QJsonObject{{QStringLiteral("credential_types"), QJsonArray{QStringLiteral("o_auth_client")}}}}});
    QJsonObject oauthOnly = integration(QStringLiteral("O"), QStringLiteral("basic"));
    oauthOnly.insert(QStringLiteral("integration_point_id"), QStringLiteral("oauth-only"));
    r = m_ws->post(QStringLiteral("/v1/integrations/acme"), oauthOnly);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.problem().type, QStringLiteral("policy_violation"));
    r = m_ws->post(QStringLiteral("/v1/integrations/acme"), integration(QStringLiteral("B"), QStringLiteral("basic")));
    QVERIFY2(r.status == 201, describe(r).constData());
    const QString id = r.result().toObject().value(QStringLiteral("integration")).toObject().value(QStringLiteral("id")).toString();
    // A service member's long-lived token outlives the 31 days we jump ahead.
    const ApiResponse service = m_ws->post(QStringLiteral("/v1/members"),
                                           QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Robot")},
                                                       {QStringLiteral("type"), QStringLiteral("service")},
                                                       {QStringLiteral("token_ttl"), 60 * 24 * 3600},
                                                       {QStringLiteral("role_binding"), QJsonArray{QStringLiteral("administrator")}}});
    QCOMPARE(service.status, 201);
    const QString robot = service.result().toObject().value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
                              .value(QStringLiteral("secret")).toString();
    // 31 days later the credential is too old: no new token, no new Integration with it.
    setClockOffsetForTesting(31 * 24 * 3600);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/tokens/acme/") + id, QJsonObject{}, robot).status, 403);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/integrations/acme"), integration(QStringLiteral("B2"), QStringLiteral("basic")), robot).status, 403);
    const QJsonArray due = m_ws->call(ApiRequest::get(QStringLiteral("/v1/credentials"), robot).withQuery(QStringLiteral("expiring_within_days"), QStringLiteral("0")))
                               .result().toArray();
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().toObject().value(QStringLiteral("expiry_reason")).toString(), QStringLiteral("max_age"));
    // Rotating the secret makes it young again.
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/credentials/acme/basic"), QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("add")},
                                                                                              {QStringLiteral("path"), QStringLiteral("/config/secret")},
                                                                                              {QStringLiteral("value"), QStringLiteral("fresh")}}},
                         robot)
                 .status,
             200);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/tokens/acme/") + id, QJsonObject{}, robot).status, 201);
    setClockOffsetForTesting(0);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "TestCredentials.moc"
