#include "catalog/Catalog.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// Catalog::validateConfig: each field type, positive and negative, with precise parameters.
class TestCatalogConfig final : public QObject {
    Q_OBJECT

    static Problem refused(const QString& provider, const QJsonObject& config) {
        const Status status = Catalog::builtin().validateConfig(provider, config);
        if (status.ok())
            return Problem(0, u"accepted"_s, u"accepted"_s);
        return status.problem();
    }
    static bool accepted(const QString& provider, const QJsonObject& config) {
        return Catalog::builtin().validateConfig(provider, config).ok();
    }

private slots:
    void unknownProvider() {
        const Problem p = refused(u"ticketing_nope"_s, {});
        QCOMPARE(p.status, 400);
        QCOMPARE(p.type, u"unknown_provider"_s);
        QVERIFY(p.message.contains(u"ticketing_nope"_s));
        QCOMPARE(p.parameter, u"provider_config.type"_s);
    }

    void validJira() {
        QVERIFY(accepted(u"ticketing_jira"_s, {{u"url"_s, u"https://acme.atlassian.net"_s}}));
        QVERIFY(accepted(u"ticketing_jira"_s, {{u"type"_s, u"ticketing_jira"_s},
                                               {u"url"_s, u"https://jira.acme.internal:8443/jira"_s},
                                               {u"project"_s, u"OPS"_s},
                                               {u"issue_type"_s, u"Bug"_s},
                                               {u"credential"_s, QJsonObject{{u"type"_s, u"basic"_s}}}}));
        // Loopback test servers speak plain HTTP.
        QVERIFY(accepted(u"ticketing_jira"_s, {{u"url"_s, u"http://127.0.0.1:18080"_s}}));
    }

    void typeMustMatchProvider() {
        const Problem p = refused(u"ticketing_jira"_s, {{u"type"_s, u"ticketing_zendesk"_s},
                                                        {u"url"_s, u"https://acme.atlassian.net"_s}});
        QCOMPARE(p.status, 400);
        QCOMPARE(p.parameter, u"provider_config.type"_s);
    }

    void requiredField() {
        Problem p = refused(u"ticketing_jira"_s, {{u"project"_s, u"OPS"_s}});
        QCOMPARE(p.status, 400);
        QCOMPARE(p.type, u"invalid_provider_config"_s);
        QCOMPARE(p.parameter, u"provider_config.url"_s);
        QCOMPARE(p.location, u"body"_s);
        QVERIFY(p.message.contains(u"required"_s));
        p = refused(u"ticketing_jira"_s, {{u"url"_s, u""_s}});
        QCOMPARE(p.parameter, u"provider_config.url"_s);
        p = refused(u"ticketing_github"_s, {{u"owner"_s, u"acme"_s}});
        QCOMPARE(p.parameter, u"provider_config.repository"_s);
    }

    void urlField_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https") << u"https://acme.atlassian.net"_s << true;
        QTest::newRow("https with path") << u"https://ghe.acme.com/api/v3"_s << true;
        QTest::newRow("http loopback") << u"http://localhost:8080"_s << true;
        QTest::newRow("no scheme") << u"acme.atlassian.net"_s << false;
        QTest::newRow("ftp") << u"ftp://acme.atlassian.net"_s << false;
        QTest::newRow("no host") << u"https://"_s << false;
        QTest::newRow("user info") << u"https://jane:pw@acme.atlassian.net"_s << false;
        QTest::newRow("spaces") << u"https://acme atlassian.net"_s << false;
        QTest::newRow("fragment") << u"https://acme.atlassian.net/#x"_s << false;
    }
    void urlField() {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        const Problem p = refused(u"ticketing_jira"_s, {{u"url"_s, url}});
        if (ok) {
            QCOMPARE(p.type, u"accepted"_s);
            return;
        }
        QCOMPARE(p.status, 400);
        QCOMPARE(p.parameter, u"provider_config.url"_s);
        QCOMPARE(p.value.toString(), url);
    }

    void urlMessageIsHelpful() {
        const Problem p = refused(u"ticketing_jira"_s, {{u"url"_s, u"acme.atlassian.net"_s}});
        QCOMPARE(p.message, u"url must be an https:// URL, e.g. https://acme.atlassian.net"_s);
        // The secret never appears: user info is refused without echoing it in the message.
        const Problem q =
            refused(u"ticketing_jira"_s, {{u"url"_s, u"https://jane:hunter2@acme.atlassian.net"_s}});
        QVERIFY(!q.message.contains(u"hunter2"_s));
    }

    void pattern() {
        const QJsonObject base{{u"url"_s, u"https://acme.atlassian.net"_s}};
        QJsonObject config = base;
        config.insert(u"project"_s, u"OPS"_s);
        QVERIFY(accepted(u"ticketing_jira"_s, config));
        for (const QString& bad : {u"ops"_s, u"OPS-1"_s, u"OPSXXXXXXXXXX"_s, u" OPS"_s}) {
            config.insert(u"project"_s, bad);
            const Problem p = refused(u"ticketing_jira"_s, config);
            QCOMPARE(p.parameter, u"provider_config.project"_s);
            QVERIFY2(p.message.contains(u"expected form"_s), qPrintable(p.message));
        }
        // Full match, not a search: a valid table name followed by junk is refused.
        QVERIFY(!accepted(u"ticketing_servicenow"_s, {{u"url"_s, u"https://acme.service-now.com"_s},
                                                      {u"table"_s, u"incident; drop"_s}}));
        QVERIFY(accepted(u"ticketing_servicenow"_s, {{u"url"_s, u"https://acme.service-now.com"_s},
                                                     {u"table"_s, u"u_security_case"_s}}));
    }

    void providerPatterns_data() {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QJsonObject>("config");
        QTest::addColumn<bool>("ok");
        const QJsonObject gh{{u"owner"_s, u"acme-corp"_s}, {u"repository"_s, u"backend.api"_s}};
        QTest::newRow("github ok") << u"ticketing_github"_s << gh << true;
        QJsonObject c = gh;
        c[u"owner"_s] = u"acme-"_s;
        QTest::newRow("github owner trailing hyphen") << u"ticketing_github"_s << c << false;
        c[u"owner"_s] = u"ac--me"_s;
        QTest::newRow("github owner double hyphen") << u"ticketing_github"_s << c << false;
        c = gh;
        c[u"repository"_s] = u"a/b"_s;
        QTest::newRow("github repository with slash") << u"ticketing_github"_s << c << false;
        QTest::newRow("slack channel name")
            << u"notifications_slack"_s << QJsonObject{{u"channel"_s, u"#alerts"_s}} << true;
        QTest::newRow("slack channel id")
            << u"notifications_slack"_s << QJsonObject{{u"channel"_s, u"C0123ABCDEF"_s}} << true;
        QTest::newRow("slack channel upper case")
            << u"notifications_slack"_s << QJsonObject{{u"channel"_s, u"#Alerts"_s}} << false;
        QTest::newRow("slack channel space")
            << u"notifications_slack"_s << QJsonObject{{u"channel"_s, u"#my alerts"_s}} << false;
        const QJsonObject es{{u"url"_s, u"https://es:9200"_s}};
        QTest::newRow("es index") << u"sink_elasticsearch"_s
                                  << QJsonObject{{u"url"_s, u"https://es:9200"_s},
                                                 {u"index"_s, u"logs-2026.11"_s}}
                                  << true;
        QTest::newRow("es index upper case")
            << u"sink_elasticsearch"_s
            << QJsonObject{{u"url"_s, u"https://es:9200"_s}, {u"index"_s, u"Logs"_s}} << false;
        QTest::newRow("es index leading dash")
            << u"sink_elasticsearch"_s
            << QJsonObject{{u"url"_s, u"https://es:9200"_s}, {u"index"_s, u"-logs"_s}} << false;
        QTest::newRow("es index missing") << u"sink_elasticsearch"_s << es << false;
        QTest::newRow("splunk index")
            << u"sink_splunk"_s << QJsonObject{{u"url"_s, u"https://splunk:8088"_s}, {u"index"_s, u"main"_s}}
            << true;
        QTest::newRow("splunk index bad")
            << u"sink_splunk"_s
            << QJsonObject{{u"url"_s, u"https://splunk:8088"_s}, {u"index"_s, u"Main Index"_s}} << false;
    }
    void providerPatterns() {
        QFETCH(QString, provider);
        QFETCH(QJsonObject, config);
        QFETCH(bool, ok);
        const Status status = Catalog::builtin().validateConfig(provider, config);
        QCOMPARE(status.ok(), ok);
    }

    void stringFieldRefusesOtherTypes() {
        const Problem p =
            refused(u"ticketing_jira"_s, {{u"url"_s, u"https://acme.atlassian.net"_s}, {u"project"_s, 42}});
        QCOMPARE(p.parameter, u"provider_config.project"_s);
        QVERIFY(!accepted(u"ticketing_jira"_s, {{u"url"_s, true}}));
    }

    void integerField() {
        const QJsonObject base{{u"url"_s, u"https://es.acme.com:9200"_s}, {u"index"_s, u"events"_s}};
        auto with = [&base](const QJsonValue& v) {
            QJsonObject c = base;
            c.insert(u"max_batch_size"_s, v);
            return c;
        };
        QVERIFY(accepted(u"sink_elasticsearch"_s, with(100)));
        QVERIFY(accepted(u"sink_elasticsearch"_s, with(1)));
        QVERIFY(accepted(u"sink_elasticsearch"_s, with(1000)));
        for (const QJsonValue& bad :
             {QJsonValue(u"500"_s), QJsonValue(1.5), QJsonValue(0), QJsonValue(1001), QJsonValue(true)}) {
            const Problem p = refused(u"sink_elasticsearch"_s, with(bad));
            QCOMPARE(p.status, 400);
            QCOMPARE(p.parameter, u"provider_config.max_batch_size"_s);
        }
        QVERIFY(refused(u"sink_elasticsearch"_s, with(0)).message.contains(u"at least 1"_s));
    }

    void booleanField() {
        const QJsonObject base{{u"url"_s, u"https://es.acme.com:9200"_s}, {u"index"_s, u"events"_s}};
        QJsonObject c = base;
        c.insert(u"data_stream"_s, true);
        QVERIFY(accepted(u"sink_elasticsearch"_s, c));
        c.insert(u"data_stream"_s, u"true"_s);
        QCOMPARE(refused(u"sink_elasticsearch"_s, c).parameter, u"provider_config.data_stream"_s);
        c.insert(u"data_stream"_s, 1);
        QCOMPARE(refused(u"sink_elasticsearch"_s, c).parameter, u"provider_config.data_stream"_s);
    }

    void enumField() {
        QVERIFY(accepted(u"notifications_teams"_s, {{u"card_format"_s, u"message_card"_s}}));
        const Problem p = refused(u"notifications_teams"_s, {{u"card_format"_s, u"xml"_s}});
        QCOMPARE(p.parameter, u"provider_config.card_format"_s);
        QVERIFY(p.message.contains(u"adaptive_card"_s));
        QVERIFY(!accepted(u"notifications_teams"_s, {{u"card_format"_s, u"Adaptive_Card"_s}}));
    }

    void unknownKeysRefused() {
        const Problem p = refused(u"ticketing_jira"_s,
                                  {{u"url"_s, u"https://acme.atlassian.net"_s}, {u"projct"_s, u"OPS"_s}});
        QCOMPARE(p.status, 400);
        QCOMPARE(p.parameter, u"provider_config.projct"_s);
        QVERIFY(p.message.contains(u"projct"_s));
        QVERIFY(!accepted(u"notifications_slack_webhook"_s,
                          {{u"url"_s, u"https://hooks.slack.com/services/x"_s}}));
        QVERIFY(accepted(u"notifications_slack_webhook"_s, {{u"type"_s, u"notifications_slack_webhook"_s}}));
    }

    void normalize() {
        const Catalog& catalog = Catalog::builtin();
        const QJsonObject loose{{u"url"_s, u"https://es.acme.com:9200"_s},
                                {u"index"_s, u"events"_s},
                                {u"max_batch_size"_s, u"250"_s},
                                {u"data_stream"_s, u"TRUE"_s},
                                {u"refresh"_s, true},
                                {u"unknown"_s, 5}};
        const QJsonObject config = catalog.normalizeConfig(u"sink_elasticsearch"_s, loose);
        QCOMPARE(config.value(u"max_batch_size"_s), QJsonValue(250));
        QCOMPARE(config.value(u"data_stream"_s), QJsonValue(true));
        QCOMPARE(config.value(u"refresh"_s), QJsonValue(u"true"_s));
        QCOMPARE(config.value(u"unknown"_s), QJsonValue(5)); // left for validateConfig to refuse
        QVERIFY(!catalog.validateConfig(u"sink_elasticsearch"_s, loose).ok());
        QJsonObject known = config;
        known.remove(u"unknown"_s);
        QVERIFY(catalog.validateConfig(u"sink_elasticsearch"_s, known).ok());
        // Garbage stays garbage.
        const QJsonObject bad =
            catalog.normalizeConfig(u"sink_elasticsearch"_s, {{u"max_batch_size"_s, u"lots"_s}});
        QCOMPARE(bad.value(u"max_batch_size"_s), QJsonValue(u"lots"_s));
        // A numeric id typed on a command line becomes the integer the field declares.
        const QJsonObject zendesk =
            catalog.normalizeConfig(u"ticketing_zendesk"_s, {{u"group_id"_s, u"360001"_s}});
        QCOMPARE(zendesk.value(u"group_id"_s), QJsonValue(360001));
    }

    void defaults() {
        const QJsonObject config =
            Catalog::builtin().withDefaults(u"ticketing_jira"_s, {{u"url"_s, u"https://a.atlassian.net"_s}});
        QCOMPARE(config.value(u"issue_type"_s).toString(), u"Task"_s);
        QVERIFY(!config.contains(u"project"_s));
        const QJsonObject github = Catalog::builtin().withDefaults(u"ticketing_github"_s, {});
        QCOMPARE(github.value(u"url"_s).toString(), u"https://api.github.com"_s);
    }
};

QTEST_GUILESS_MAIN(TestCatalogConfig)
#include "TestCatalogConfig.moc"
