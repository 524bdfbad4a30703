#include "platform/policy/IntegrationPointRules.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// IntegrationPointRules::fromJson: a valid body round-trips; every malformed part is refused
// with a 400 naming the parameter at fault.
class TestIntegrationPointRules final : public QObject {
    Q_OBJECT

    static QJsonObject body(const QJsonObject& rules = {}, const QJsonObject& environments = {}) {
        QJsonObject b{{u"name"_s, u"eu-ticketing"_s},
                      {u"fullname"_s, u"EU ticketing"_s},
                      {u"connector"_s, u"ticketing"_s},
                      {u"environments"_s, environments.isEmpty()
                                              ? QJsonObject{{u"test"_s, QJsonArray{u"*"_s}},
                                                            {u"prod"_s, QJsonArray{u"ticketing_jira"_s}}}
                                              : environments}};
        if (!rules.isEmpty())
            b.insert(u"rules"_s, rules);
        return b;
    }

    static Problem refused(const QJsonObject& b) {
        const Result<IntegrationPointRules> rules = IntegrationPointRules::fromJson(b);
        if (rules.ok())
            return Problem(0, u"accepted"_s, u"accepted"_s);
        return rules.problem();
    }

private slots:
    void fullBodyRoundTrips() {
        const QJsonObject rules{
            {u"credential_types"_s, QJsonArray{u"basic"_s, u"o_auth_client"_s}},
            {u"host_patterns"_s, QJsonArray{u"*.atlassian.net"_s, u"*.service-now.com"_s}},
            {u"required_config"_s, QJsonObject{{u"project"_s, u"OPS|SEC"_s}}},
            {u"operations"_s, QJsonArray{u"ticketing_query_tickets"_s, u"ticketing_get_ticket"_s}},
            {u"max_token_ttl"_s, 600},
            {u"max_credential_age_days"_s, 90},
            {u"https_required"_s, true},
            {u"allow_http"_s, false}};
        const Result<IntegrationPointRules> parsed = IntegrationPointRules::fromJson(body(rules));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.problem().toText()));
        QCOMPARE(parsed->name, u"eu-ticketing"_s);
        QCOMPARE(parsed->connector, u"ticketing"_s);
        QCOMPARE(parsed->environments.value(u"prod"_s), QStringList{u"ticketing_jira"_s});
        QCOMPARE(parsed->environments.value(u"test"_s), QStringList{u"*"_s});
        QCOMPARE(parsed->credentialTypes.value(), (QStringList{u"basic"_s, u"o_auth_client"_s}));
        QCOMPARE(parsed->hostPatterns.size(), 2);
        QCOMPARE(parsed->requiredConfig.value(u"project"_s), u"OPS|SEC"_s);
        QCOMPARE(parsed->operations->size(), 2);
        QCOMPARE(*parsed->maxTokenTtlSeconds, 600);
        QCOMPARE(*parsed->maxCredentialAgeDays, 90);
        QVERIFY(parsed->httpsRequired);
        QVERIFY(!parsed->allowPlainHttp);
        QCOMPARE(parsed->rulesJson(), rules);
        QCOMPARE(parsed->environmentsJson(), body().value(u"environments"_s).toObject());
    }

    void minimalBody() {
        const Result<IntegrationPointRules> parsed = IntegrationPointRules::fromJson(
            {{u"fullname"_s, u"Chat"_s}, {u"connector"_s, u"notifications"_s}});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->name, u"Chat"_s);
        QVERIFY(parsed->environments.isEmpty());
        QVERIFY(!parsed->credentialTypes);
        QVERIFY(!parsed->operations);
        QVERIFY(!parsed->maxTokenTtlSeconds);
        // Unset optional rules are not written back.
        QVERIFY(!parsed->rulesJson().contains(u"operations"_s));
        QVERIFY(!parsed->rulesJson().contains(u"credential_types"_s));
    }

    void errors_data() {
        QTest::addColumn<QJsonObject>("input");
        QTest::addColumn<QString>("parameter");
        QJsonObject noConnector = body();
        noConnector.remove(u"connector"_s);
        QTest::newRow("no connector") << noConnector << u"connector"_s;
        QJsonObject badConnector = body();
        badConnector[u"connector"_s] = u"chat"_s;
        QTest::newRow("unknown connector") << badConnector << u"connector"_s;
        QTest::newRow("staging environment")
            << body({}, {{u"staging"_s, QJsonArray{u"*"_s}}}) << u"environments.staging"_s;
        QTest::newRow("unknown provider")
            << body({}, {{u"prod"_s, QJsonArray{u"ticketing_redmine"_s}}}) << u"environments.prod"_s;
        QTest::newRow("provider of another connector")
            << body({}, {{u"test"_s, QJsonArray{u"sink_splunk"_s}}}) << u"environments.test"_s;
        QTest::newRow("environment not a list") << body({}, {{u"test"_s, u"*"_s}}) << u"environments.test"_s;
        QTest::newRow("unknown rule") << body({{u"max_ttl"_s, 5}}) << u"rules.max_ttl"_s;
        QTest::newRow("unknown credential type")
            << body({{u"credential_types"_s, QJsonArray{u"password"_s}}}) << u"rules.credential_types"_s;
        QTest::newRow("host pattern with scheme")
            << body({{u"host_patterns"_s, QJsonArray{u"https://*.atlassian.net"_s}}})
            << u"rules.host_patterns"_s;
        QTest::newRow("host pattern not a string")
            << body({{u"host_patterns"_s, QJsonArray{3}}}) << u"rules.host_patterns"_s;
        QTest::newRow("bad regex") << body({{u"required_config"_s, QJsonObject{{u"project"_s, u"(OPS"_s}}}})
                                   << u"rules.required_config.project"_s;
        QTest::newRow("required config of unknown field")
            << body({{u"required_config"_s, QJsonObject{{u"index"_s, u"x"_s}}}})
            << u"rules.required_config.index"_s;
        QTest::newRow("operation of another connector")
            << body({{u"operations"_s, QJsonArray{u"sink_post_events"_s}}}) << u"rules.operations"_s;
        QTest::newRow("unknown operation")
            << body({{u"operations"_s, QJsonArray{u"ticketing_close_ticket"_s}}}) << u"rules.operations"_s;
        QTest::newRow("zero ttl") << body({{u"max_token_ttl"_s, 0}}) << u"rules.max_token_ttl"_s;
        QTest::newRow("negative ttl") << body({{u"max_token_ttl"_s, -60}}) << u"rules.max_token_ttl"_s;
        QTest::newRow("fractional ttl") << body({{u"max_token_ttl"_s, 1.5}}) << u"rules.max_token_ttl"_s;
        QTest::newRow("ttl as string") << body({{u"max_token_ttl"_s, u"600"_s}}) << u"rules.max_token_ttl"_s;
        QTest::newRow("zero age") << body({{u"max_credential_age_days"_s, 0}})
                                  << u"rules.max_credential_age_days"_s;
        QTest::newRow("https not bool")
            << body({{u"https_required"_s, u"yes"_s}}) << u"rules.https_required"_s;
        QTest::newRow("https and http")
            << body({{u"https_required"_s, true}, {u"allow_http"_s, true}}) << u"rules.allow_http"_s;
    }
    void errors() {
        QFETCH(QJsonObject, input);
        QFETCH(QString, parameter);
        const Problem p = refused(input);
        QCOMPARE(p.status, 400);
        QCOMPARE(p.type, u"invalid_integration_point"_s);
        QCOMPARE(p.parameter, parameter);
        QCOMPARE(p.location, u"body"_s);
        QVERIFY(!p.message.isEmpty());
    }

    void providerMessagesNameTheProvider() {
        const Problem p = refused(body({}, {{u"test"_s, QJsonArray{u"sink_splunk"_s}}}));
        QVERIFY2(p.message.contains(u"sink_splunk"_s) && p.message.contains(u"ticketing"_s),
                 qPrintable(p.message));
    }

    void compiledCacheFollowsEdits() {
        Result<IntegrationPointRules> parsed =
            IntegrationPointRules::fromJson(body({{u"host_patterns"_s, QJsonArray{u"*.atlassian.net"_s}}}));
        QVERIFY(parsed.ok());
        const auto first = parsed->compiled();
        QCOMPARE(parsed->compiled(), first); // unchanged rules reuse the compiled patterns
        parsed->hostPatterns.append(u"jira.acme.eu"_s);
        QVERIFY(parsed->compiled() != first);
    }
};

QTEST_GUILESS_MAIN(TestIntegrationPointRules)
#include "TestIntegrationPointRules.moc"
