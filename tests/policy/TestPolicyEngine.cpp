#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "platform/policy/PolicyEngine.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// PolicyEngine: each Integration Point rule, positive and negative; "*" and deny-by-empty;
// operations; token TTL caps; the policy_violation problem.
class TestPolicyEngine final : public QObject {
    Q_OBJECT

    static IntegrationPointRules parse(const QJsonObject& rules, const QJsonObject& environments) {
        Result<IntegrationPointRules> parsed =
            IntegrationPointRules::fromJson({{u"name"_s, u"eu-ticketing"_s},
                                             {u"connector"_s, u"ticketing"_s},
                                             {u"environments"_s, environments},
                                             {u"rules"_s, rules}});
        if (!parsed.ok())
            qFatal("%s", qPrintable(parsed.problem().toText()));
        return *parsed;
    }
    static IntegrationPointRules parse(const QJsonObject& rules = {}) {
        return parse(rules, {{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{u"ticketing_jira"_s}}});
    }

    static IntegrationFacts jira(const QString& environment = u"prod"_s) {
        IntegrationFacts f;
        f.integrationId = u"i-1"_s;
        f.integrationName = u"jira"_s;
        f.accountName = u"acme"_s;
        f.environment = environment;
        f.providerId = u"ticketing_jira"_s;
        f.providerConfig = {{u"type"_s, u"ticketing_jira"_s},
                            {u"url"_s, u"https://acme.atlassian.net"_s},
                            {u"project"_s, u"OPS"_s}};
        f.credentialType = u"basic"_s;
        f.credentialSetAt = nowUtc().addDays(-10);
        return f;
    }

    static QStringList ruleIds(const QList<Violation>& violations) {
        QStringList ids;
        for (const Violation& v : violations)
            ids.append(v.rule);
        return ids;
    }

    PolicyEngine m_engine{Catalog::builtin()};

private slots:
    void cleanup() { setClockOffsetForTesting(0); }

    void compliantIntegration() { QVERIFY(m_engine.evaluate(parse(), jira()).isEmpty()); }

    void providerAllowList() {
        const auto rules = parse();
        IntegrationFacts f = jira();
        f.providerId = u"ticketing_zendesk"_s;
        f.providerConfig = {{u"url"_s, u"https://acme.zendesk.com"_s}};
        const QList<Violation> v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"environment"_s});
        QCOMPARE(v.first().message, u"provider ticketing_zendesk is not allowed for prod Accounts by "
                                    u"Integration Point 'eu-ticketing' "
                                    u"(allowed: ticketing_jira)"_s);
        QCOMPARE(v.first().parameter, u"provider_config.type"_s);
        // "*" on test allows every ticketing provider.
        f.environment = u"test"_s;
        QVERIFY(m_engine.evaluate(rules, f).isEmpty());
    }

    void starAllowsOnlyTheConnectorsProviders() {
        const auto rules = parse();
        const auto v = m_engine.providerAllowed(rules, u"test"_s, u"sink_splunk"_s);
        QVERIFY(v.has_value());
        QCOMPARE(v->rule, u"connector"_s);
        QVERIFY(v->message.contains(u"sink"_s));
        for (const ProviderSpec* p : Catalog::builtin().providersOf(u"ticketing"_s))
            QVERIFY(!m_engine.providerAllowed(rules, u"test"_s, p->id).has_value());
    }

    void denyByEmptyOrMissing() {
        const auto emptyProd = parse({}, {{u"test"_s, QJsonArray{u"*"_s}}, {u"prod"_s, QJsonArray{}}});
        auto v = m_engine.providerAllowed(emptyProd, u"prod"_s, u"ticketing_jira"_s);
        QVERIFY(v.has_value());
        QCOMPARE(v->rule, u"environment"_s);
        QVERIFY(v->message.contains(u"no providers are allowed for prod Accounts"_s));
        const auto missingProd = parse({}, {{u"test"_s, QJsonArray{u"*"_s}}});
        QVERIFY(m_engine.providerAllowed(missingProd, u"prod"_s, u"ticketing_jira"_s).has_value());
        QVERIFY(!m_engine.providerAllowed(missingProd, u"test"_s, u"ticketing_jira"_s).has_value());
        const auto none = parse({}, {});
        QVERIFY(m_engine.providerAllowed(none, u"test"_s, u"ticketing_jira"_s).has_value());
        QVERIFY(m_engine.providerAllowed(parse(), u"staging"_s, u"ticketing_jira"_s).has_value());
    }

    void unknownProvider() {
        IntegrationFacts f = jira(u"test"_s);
        f.providerId = u"ticketing_redmine"_s;
        QCOMPARE(ruleIds(m_engine.evaluate(parse(), f)), QStringList{u"connector"_s});
    }

    void credentialTypes() {
        const auto rules = parse({{u"credential_types"_s, QJsonArray{u"o_auth_client"_s}}},
                                 {{u"prod"_s, QJsonArray{u"*"_s}}});
        IntegrationFacts f = jira();
        QList<Violation> v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"credential_type"_s});
        QVERIFY(v.first().message.contains(u"credential type basic is not allowed"_s));
        QCOMPARE(v.first().parameter, u"provider_config.credential"_s);
        f.providerId = u"ticketing_servicenow"_s;
        f.providerConfig = {{u"url"_s, u"https://acme.service-now.com"_s}};
        f.credentialType = u"o_auth_client"_s;
        QVERIFY(m_engine.evaluate(rules, f).isEmpty());
        f.credentialType.clear();
        QCOMPARE(ruleIds(m_engine.evaluate(rules, f)), QStringList{u"credential_type"_s});
        // Without the rule, the provider's own accepted types still apply.
        f = jira();
        f.credentialType = u"tls_certificate"_s;
        v = m_engine.evaluate(parse(), f);
        QCOMPARE(ruleIds(v), QStringList{u"credential_type"_s});
        QVERIFY(v.first().message.contains(u"does not accept"_s));
    }

    void requiredConfig() {
        const auto rules =
            parse({{u"required_config"_s,
                    QJsonObject{{u"project"_s, u"OPS|SEC"_s}, {u"issue_type"_s, u"Task|Incident"_s}}}});
        IntegrationFacts f = jira();
        QVERIFY(m_engine.evaluate(rules, f).isEmpty()); // issue_type defaults to Task
        f.providerConfig[u"project"_s] = u"OPSX"_s;     // full match, not a search
        QList<Violation> v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"required_config"_s});
        QCOMPARE(v.first().parameter, u"provider_config.project"_s);
        QVERIFY(v.first().message.contains(u"'OPSX' does not match OPS|SEC"_s));
        f.providerConfig.remove(u"project"_s);
        v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"required_config"_s});
        QVERIFY(v.first().message.contains(u"not set"_s));
        f.providerConfig[u"project"_s] = u"SEC"_s;
        f.providerConfig[u"issue_type"_s] = u"Bug"_s;
        v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"required_config"_s});
        QCOMPARE(v.first().parameter, u"provider_config.issue_type"_s);
    }

    void credentialAge() {
        const auto rules = parse({{u"max_credential_age_days"_s, 30}});
        IntegrationFacts f = jira();
        f.credentialSetAt = nowUtc().addDays(-29);
        QVERIFY(m_engine.evaluate(rules, f).isEmpty());
        f.credentialSetAt = nowUtc().addDays(-31);
        const QList<Violation> v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), QStringList{u"credential_age"_s});
        QVERIFY(v.first().message.contains(u"31 days ago"_s));
        // The clock moves on: a fresh credential ages past the limit.
        f.credentialSetAt = nowUtc();
        setClockOffsetForTesting(40 * 86400);
        QCOMPARE(ruleIds(m_engine.evaluate(rules, f)), QStringList{u"credential_age"_s});
    }

    void credentialExpired() {
        IntegrationFacts f = jira();
        f.credentialExpires = nowUtc().addSecs(3600);
        QVERIFY(m_engine.evaluate(parse(), f).isEmpty());
        f.credentialExpires = nowUtc().addSecs(-1);
        QCOMPARE(ruleIds(m_engine.evaluate(parse(), f)), QStringList{u"credential_expired"_s});
        f.credentialExpires = nowUtc().addSecs(3600);
        setClockOffsetForTesting(7200);
        QCOMPARE(ruleIds(m_engine.evaluate(parse(), f)), QStringList{u"credential_expired"_s});
    }

    void operations() {
        const auto readOnly =
            parse({{u"operations"_s, QJsonArray{u"ticketing_query_tickets"_s, u"ticketing_get_ticket"_s}}});
        QVERIFY(!m_engine.operationAllowed(readOnly, u"ticketing_query_tickets"_s).has_value());
        const auto v = m_engine.operationAllowed(readOnly, u"ticketing_create_ticket"_s);
        QVERIFY(v.has_value());
        QCOMPARE(v->rule, u"operation"_s);
        QVERIFY(v->message.contains(
            u"ticketing_create_ticket is not allowed by Integration Point 'eu-ticketing'"_s));
        QVERIFY(v->message.contains(u"ticketing_query_tickets, ticketing_get_ticket"_s));
        // No rule: every operation of the connector, none of another.
        QVERIFY(!m_engine.operationAllowed(parse(), u"ticketing_delete_comment"_s).has_value());
        QCOMPARE(m_engine.operationAllowed(parse(), u"sink_post_events"_s)->rule, u"connector"_s);
        QCOMPARE(m_engine.operationAllowed(parse(), u"ticketing_nope"_s)->rule, u"operation"_s);
        // An empty list allows nothing.
        const auto nothing = parse({{u"operations"_s, QJsonArray{}}});
        QVERIFY(m_engine.operationAllowed(nothing, u"ticketing_query_tickets"_s).has_value());
    }

    void tokenTtl() {
        const auto capped = parse({{u"max_token_ttl"_s, 300}});
        QCOMPARE(*m_engine.tokenTtl(capped, std::nullopt, 600), 300); // default above the cap
        QCOMPARE(*m_engine.tokenTtl(capped, std::nullopt, 120), 120); // default below the cap
        QCOMPARE(*m_engine.tokenTtl(capped, 300, 600), 300);          // exactly the cap
        QCOMPARE(*m_engine.tokenTtl(capped, 60, 600), 60);
        const Result<qint64> tooLong = m_engine.tokenTtl(capped, 301, 600);
        QVERIFY(!tooLong.ok());
        QCOMPARE(tooLong.problem().status, 400);
        QCOMPARE(tooLong.problem().parameter, u"token_ttl"_s);
        QVERIFY(tooLong.problem().message.contains(u"maximum of 300 s"_s));
        QVERIFY(!m_engine.tokenTtl(capped, 0, 600).ok());
        QVERIFY(!m_engine.tokenTtl(parse(), -5, 600).ok());
        QCOMPARE(*m_engine.tokenTtl(parse(), std::nullopt, 600), 600); // no cap
        QCOMPARE(*m_engine.tokenTtl(parse(), 86400, 600), 86400);
    }

    void everyViolationIsReported() {
        const auto rules = parse({{u"credential_types"_s, QJsonArray{u"token"_s}},
                                  {u"host_patterns"_s, QJsonArray{u"*.atlassian.net"_s}},
                                  {u"required_config"_s, QJsonObject{{u"project"_s, u"SEC"_s}}},
                                  {u"max_credential_age_days"_s, 5},
                                  {u"https_required"_s, true}});
        IntegrationFacts f = jira();
        f.providerConfig[u"url"_s] = u"http://jira.evil.com"_s;
        f.credentialExpires = nowUtc().addDays(-1);
        const QList<Violation> v = m_engine.evaluate(rules, f);
        QCOMPARE(ruleIds(v), (QStringList{u"credential_type"_s, u"host"_s, u"https"_s, u"required_config"_s,
                                          u"credential_age"_s, u"credential_expired"_s}));
        const Problem p = PolicyEngine::toProblem(v, u"Integration 'jira' cannot be created"_s);
        QCOMPARE(p.status, 403);
        QCOMPARE(p.type, u"policy_violation"_s);
        QVERIFY(p.message.startsWith(u"Integration 'jira' cannot be created: "_s));
        QVERIFY(p.message.contains(u"(and 5 more)"_s));
        for (const Violation& each : v)
            QVERIFY2(p.detail.contains(each.message), qPrintable(each.message));
        QCOMPARE(p.parameter, u"provider_config.credential"_s);
        QCOMPARE(v.first().toJson().value(u"rule"_s).toString(), u"credential_type"_s);
    }

    void tenThousandEvaluations() {
        // Correctness over a large batch; the elapsed time is reported, not asserted.
        const auto rules = parse({{u"host_patterns"_s, QJsonArray{u"*.atlassian.net"_s, u"jira.acme.eu"_s}},
                                  {u"required_config"_s, QJsonObject{{u"project"_s, u"[A-Z]{2,5}"_s}}},
                                  {u"credential_types"_s, QJsonArray{u"basic"_s}},
                                  {u"max_credential_age_days"_s, 90},
                                  {u"https_required"_s, true}});
        QList<IntegrationFacts> all;
        for (int i = 0; i < 10000; ++i) {
            IntegrationFacts f = jira(i % 2 ? u"prod"_s : u"test"_s);
            f.providerConfig[u"url"_s] =
                (i % 10 == 0) ? u"https://jira.other.com"_s
                              : QString(u"https://t"_s + QString::number(i) + u".atlassian.net"_s);
            all.append(f);
        }
        QElapsedTimer timer;
        timer.start();
        int nonCompliant = 0;
        for (const IntegrationFacts& f : std::as_const(all))
            nonCompliant += m_engine.evaluate(rules, f).isEmpty() ? 0 : 1;
        qInfo("10000 evaluations took %lld ms", timer.elapsed());
        QCOMPARE(nonCompliant, 1000);
    }
};

QTEST_GUILESS_MAIN(TestPolicyEngine)
#include "TestPolicyEngine.moc"
