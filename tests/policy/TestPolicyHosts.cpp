#include "catalog/Catalog.h"
#include "platform/policy/PolicyEngine.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// Host pattern globs and the HTTPS rule, on the host of provider_config.url.
class TestPolicyHosts final : public QObject {
    Q_OBJECT

    static IntegrationPointRules rules(const QStringList& patterns, bool https = false) {
        QJsonObject r{{u"host_patterns"_s, QJsonArray::fromStringList(patterns)},
                      {u"https_required"_s, https}};
        Result<IntegrationPointRules> parsed = IntegrationPointRules::fromJson(
            {{u"name"_s, u"eu-ticketing"_s},
             {u"connector"_s, u"ticketing"_s},
             {u"environments"_s,
              QJsonObject{{u"prod"_s, QJsonArray{u"*"_s}}, {u"test"_s, QJsonArray{u"*"_s}}}},
             {u"rules"_s, r}});
        if (!parsed.ok())
            qFatal("%s", qPrintable(parsed.problem().toText()));
        return *parsed;
    }

    static IntegrationFacts facts(const QString& url, const QString& provider = u"ticketing_jira"_s) {
        IntegrationFacts f;
        f.integrationName = u"jira"_s;
        f.environment = u"prod"_s;
        f.providerId = provider;
        f.credentialType = provider == u"ticketing_github"_s ? u"token"_s : u"basic"_s;
        if (!url.isNull())
            f.providerConfig.insert(u"url"_s, url);
        return f;
    }

    static QStringList ruleIds(const QList<Violation>& violations) {
        QStringList ids;
        for (const Violation& v : violations)
            ids.append(v.rule);
        return ids;
    }

private slots:
    void globs_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        const QString cloud = u"*.atlassian.net"_s;
        QTest::newRow("subdomain") << cloud << u"https://acme.atlassian.net"_s << true;
        QTest::newRow("deeper subdomain") << cloud << u"https://eu.acme.atlassian.net/jira"_s << true;
        QTest::newRow("with port") << cloud << u"https://acme.atlassian.net:443"_s << true;
        QTest::newRow("upper case host") << cloud << u"https://ACME.Atlassian.NET"_s << true;
        QTest::newRow("trailing dot") << cloud << u"https://acme.atlassian.net."_s << true;
        QTest::newRow("bare domain") << cloud << u"https://atlassian.net"_s << false;
        QTest::newRow("suffix attack") << cloud << u"https://atlassian.net.evil.com"_s << false;
        QTest::newRow("lookalike") << cloud << u"https://acmeatlassian.net"_s << false;
        QTest::newRow("other tld") << cloud << u"https://acme.atlassian.net.eu"_s << false;
        QTest::newRow("user info trick") << cloud << u"https://acme.atlassian.net@evil.com"_s << false;
        QTest::newRow("upper case pattern")
            << u"*.ATLASSIAN.net"_s << u"https://acme.atlassian.net"_s << true;
        QTest::newRow("exact host") << u"jira.acme.eu"_s << u"https://jira.acme.eu"_s << true;
        QTest::newRow("exact host, other") << u"jira.acme.eu"_s << u"https://jira2.acme.eu"_s << false;
        QTest::newRow("question mark") << u"jira?.acme.eu"_s << u"https://jira2.acme.eu"_s << true;
        QTest::newRow("question mark is one char")
            << u"jira?.acme.eu"_s << u"https://jira22.acme.eu"_s << false;
        QTest::newRow("regex chars are literal") << u"jira.acme.eu"_s << u"https://jiraXacme.eu"_s << false;
        QTest::newRow("ip address") << u"10.0.0.*"_s << u"https://10.0.0.7:8443"_s << true;
        QTest::newRow("star alone") << u"*"_s << u"https://anything.example"_s << true;
    }
    void globs() {
        QFETCH(QString, pattern);
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        const PolicyEngine engine(Catalog::builtin());
        const QList<Violation> violations = engine.evaluate(rules({pattern}), facts(url));
        QCOMPARE(violations.isEmpty(), allowed);
        if (!allowed) {
            QCOMPARE(violations.first().rule, u"host"_s);
            QCOMPARE(violations.first().parameter, u"provider_config.url"_s);
            QVERIFY(violations.first().message.contains(pattern));
        }
    }

    void anyOfSeveralPatterns() {
        const PolicyEngine engine(Catalog::builtin());
        const auto r = rules({u"*.atlassian.net"_s, u"jira.acme.eu"_s});
        QVERIFY(engine.evaluate(r, facts(u"https://jira.acme.eu"_s)).isEmpty());
        QVERIFY(engine.evaluate(r, facts(u"https://x.atlassian.net"_s)).isEmpty());
        QCOMPARE(ruleIds(engine.evaluate(r, facts(u"https://jira.acme.com"_s))), QStringList{u"host"_s});
    }

    void catalogDefaultUrlIsChecked() {
        const PolicyEngine engine(Catalog::builtin());
        // GitHub without a url talks to its default, api.github.com.
        QVERIFY(
            engine.evaluate(rules({u"api.github.com"_s}), facts(QString(), u"ticketing_github"_s)).isEmpty());
        QCOMPARE(
            ruleIds(engine.evaluate(rules({u"*.atlassian.net"_s}), facts(QString(), u"ticketing_github"_s))),
            QStringList{u"host"_s});
    }

    void noUrlFailsClosed() {
        const PolicyEngine engine(Catalog::builtin());
        const QList<Violation> v = engine.evaluate(rules({u"*.atlassian.net"_s}), facts(QString()));
        QCOMPARE(ruleIds(v), QStringList{u"host"_s});
        QVERIFY(v.first().message.contains(u"no provider URL"_s));
    }

    void endpointUrlFromCredential() {
        // Webhook URLs are secrets; the platform may pass the endpoint so host rules still apply.
        Result<IntegrationPointRules> chat = IntegrationPointRules::fromJson(
            {{u"name"_s, u"chat"_s},
             {u"connector"_s, u"notifications"_s},
             {u"environments"_s, QJsonObject{{u"prod"_s, QJsonArray{u"*"_s}}}},
             {u"rules"_s, QJsonObject{{u"host_patterns"_s, QJsonArray{u"hooks.slack.com"_s}}}}});
        QVERIFY(chat.ok());
        const PolicyEngine engine(Catalog::builtin());
        IntegrationFacts f;
        f.environment = u"prod"_s;
        f.providerId = u"notifications_slack_webhook"_s;
        f.credentialType = u"secret"_s;
        f.endpointUrl = u"https://hooks.slack.com/services/T000/B000/XXXXSECRET"_s;
        QVERIFY(engine.evaluate(*chat, f).isEmpty());
        f.endpointUrl = u"https://evil.example/services/T000/B000/XXXXSECRET"_s;
        const QList<Violation> v = engine.evaluate(*chat, f);
        QCOMPARE(ruleIds(v), QStringList{u"host"_s});
        QCOMPARE(v.first().parameter, u"provider_config.credential"_s);
        QVERIFY2(!v.first().message.contains(u"XXXXSECRET"_s),
                 qPrintable(v.first().message)); // never the secret path
    }

    void httpsRequired() {
        const PolicyEngine engine(Catalog::builtin());
        const auto r = rules({}, true);
        QVERIFY(engine.evaluate(r, facts(u"https://acme.atlassian.net"_s)).isEmpty());
        const QList<Violation> v = engine.evaluate(r, facts(u"http://acme.atlassian.net"_s));
        QCOMPARE(ruleIds(v), QStringList{u"https"_s});
        QVERIFY(v.first().message.contains(u"requires HTTPS"_s));
        QVERIFY(v.first().message.contains(u"eu-ticketing"_s));
        // The rule applies to loopback too: a test server is not an exception.
        QCOMPARE(ruleIds(engine.evaluate(r, facts(u"http://127.0.0.1:8080"_s))), QStringList{u"https"_s});
        // Without the rule, http:// is no policy matter (the HTTP client limits it to loopback).
        QVERIFY(engine.evaluate(rules({}), facts(u"http://127.0.0.1:8080"_s)).isEmpty());
    }

    void hostAndHttpsTogether() {
        const PolicyEngine engine(Catalog::builtin());
        const QList<Violation> v =
            engine.evaluate(rules({u"*.atlassian.net"_s}, true), facts(u"http://jira.evil.com"_s));
        QCOMPARE(ruleIds(v), (QStringList{u"host"_s, u"https"_s}));
    }
};

QTEST_GUILESS_MAIN(TestPolicyHosts)
#include "TestPolicyHosts.moc"
