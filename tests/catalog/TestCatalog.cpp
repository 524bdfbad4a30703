#include "catalog/Catalog.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// The built-in catalog: it loads, and every connector, provider and operation is coherent.
class TestCatalog final : public QObject {
    Q_OBJECT

private slots:
    void loadsBuiltin() {
        const Result<Catalog> catalog = Catalog::loadBuiltin();
        QVERIFY2(catalog.ok(), catalog.ok() ? "" : qPrintable(catalog.problem().toText()));
        QCOMPARE(catalog->connectors().size(), 3);
        QCOMPARE(catalog->providers().size(), 9);
    }

    void builtinIsShared() {
        const Catalog& a = Catalog::builtin();
        const Catalog& b = Catalog::builtin();
        QCOMPARE(&a, &b);
        // Copies share the data: pointers from a copy equal those of the original.
        const Catalog copy = a;
        QCOMPARE(copy.provider(u"ticketing_jira"_s), a.provider(u"ticketing_jira"_s));
    }

    void expectedProviders() {
        const Catalog& catalog = Catalog::builtin();
        const QStringList expected{
            u"ticketing_jira"_s,      u"ticketing_servicenow"_s, u"ticketing_zendesk"_s,
            u"ticketing_github"_s,    u"notifications_slack"_s,  u"notifications_slack_webhook"_s,
            u"notifications_teams"_s, u"sink_splunk"_s,          u"sink_elasticsearch"_s};
        for (const QString& id : expected) {
            const ProviderSpec* provider = catalog.provider(id);
            QVERIFY2(provider, qPrintable(id));
            QCOMPARE(provider->id, id);
            QVERIFY(!provider->fullname.isEmpty());
            QVERIFY(catalog.connector(provider->connectorId));
        }
        QVERIFY(!catalog.provider(u"ticketing_nope"_s));
        QCOMPARE(catalog.providersOf(u"ticketing"_s).size(), 4);
        QCOMPARE(catalog.providersOf(u"notifications"_s).size(), 3);
        QCOMPARE(catalog.providersOf(u"sink"_s).size(), 2);
        QVERIFY(catalog.providersOf(u"nope"_s).isEmpty());
    }

    void everyProviderIsCoherent() {
        const Catalog& catalog = Catalog::builtin();
        for (const ProviderSpec& provider : catalog.providers()) {
            const ConnectorSpec* connector = catalog.connector(provider.connectorId);
            QVERIFY(connector);
            QVERIFY(!provider.credentialTypes.isEmpty());
            for (const QString& type : provider.credentialTypes)
                QVERIFY(Catalog::credentialTypeIds().contains(type));
            QVERIFY(!provider.operations.isEmpty());
            for (const QString& opId : provider.operations) {
                const OperationSpec* op = catalog.operation(opId);
                QVERIFY2(op, qPrintable(opId));
                QCOMPARE(op->connectorId, provider.connectorId);
            }
            if (!provider.verifyOperation.isEmpty()) {
                QVERIFY(provider.supports(provider.verifyOperation));
                QVERIFY(!catalog.operation(provider.verifyOperation)->mutating);
            }
            QVERIFY(!provider.verifyRequest.isEmpty());
            // The defaults alone, plus a value for each required field, form a valid config.
            QJsonObject config = catalog.withDefaults(provider.id, {});
            for (const ConfigField& field : provider.config) {
                QVERIFY(Catalog::configFieldTypes().contains(field.type));
                if (field.required && !config.contains(field.name))
                    config.insert(field.name, field.placeholder);
            }
            const Status valid = catalog.validateConfig(provider.id, config);
            QVERIFY2(valid.ok(),
                     qPrintable(provider.id + u": "_s + (valid.ok() ? QString() : valid.problem().toText())));
        }
    }

    void webhooksKeepTheirUrlInASecret() {
        const Catalog& catalog = Catalog::builtin();
        for (const QString& id : {u"notifications_slack_webhook"_s, u"notifications_teams"_s}) {
            const ProviderSpec* provider = catalog.provider(id);
            QCOMPARE(provider->credentialTypes, QStringList{u"secret"_s});
            QVERIFY(!provider->field(u"url"_s));
        }
    }

    void connectorsHaveTheirOperations() {
        const Catalog& catalog = Catalog::builtin();
        QCOMPARE(catalog.connector(u"ticketing"_s)->operations.size(), 8);
        const OperationSpec* create = catalog.operation(u"ticketing_create_ticket"_s);
        QVERIFY(create);
        QCOMPARE(create->method, QByteArrayLiteral("POST"));
        QCOMPARE(create->path, u"/v1/ticketing/tickets"_s);
        QVERIFY(create->mutating);
        // $refs are expanded: the schema is self-contained for form generators.
        QCOMPARE(create->bodySchema.value(u"type"_s).toString(), u"object"_s);
        const QJsonObject priority =
            create->bodySchema.value(u"properties"_s).toObject().value(u"priority"_s).toObject();
        QVERIFY(priority.value(u"enum"_s).toArray().contains(u"URGENT"_s));
        QVERIFY(!catalog.operation(u"ticketing_query_tickets"_s)->mutating);
        QVERIFY(catalog.operation(u"notifications_create_message"_s));
        const OperationSpec* sink = catalog.operation(u"sink_post_events"_s);
        QVERIFY(sink);
        QCOMPARE(sink->bodySchema.value(u"required"_s).toArray(), QJsonArray{u"events"_s});
        QVERIFY(catalog.connector(u"ticketing"_s)->models.contains(u"Ticket"_s));
        QVERIFY(catalog.connector(u"notifications"_s)->models.contains(u"Message"_s));
        QVERIFY(catalog.connector(u"sink"_s)->models.contains(u"Event"_s));
    }

    void capabilityShapes() {
        const Catalog& catalog = Catalog::builtin();
        const QJsonObject connector = catalog.connectorJson(*catalog.connector(u"ticketing"_s));
        QCOMPARE(connector.value(u"id"_s).toString(), u"ticketing"_s);
        QCOMPARE(connector.value(u"name"_s).toString(), u"ticketing"_s);
        QVERIFY(connector.value(u"provider_ids"_s).toArray().contains(u"ticketing_jira"_s));

        const QJsonObject zendesk = catalog.providerJson(*catalog.provider(u"ticketing_zendesk"_s));
        QCOMPARE(zendesk.value(u"connector_id"_s).toString(), u"ticketing"_s);
        QCOMPARE(zendesk.value(u"credential_types"_s).toArray(), (QJsonArray{u"basic"_s, u"token"_s}));
        const QJsonArray operations = zendesk.value(u"operations"_s).toArray();
        QCOMPARE(operations.size(), 8); // every connector operation, supported or not
        bool sawUnsupported = false;
        for (const QJsonValue& op : operations) {
            if (op[u"id"_s].toString() == u"ticketing_delete_comment"_s) {
                QCOMPARE(op[u"supported"_s].toBool(), false);
                sawUnsupported = true;
            }
            if (op[u"id"_s].toString() == u"ticketing_create_ticket"_s)
                QVERIFY(op[u"required_fields"_s].toArray().contains(u"summary"_s));
        }
        QVERIFY(sawUnsupported);
        const QJsonObject schema = zendesk.value(u"provider_config"_s).toObject();
        QCOMPARE(schema.value(u"type"_s).toString(), u"object"_s);
        QVERIFY(schema.value(u"required"_s).toArray().contains(u"url"_s));
        QCOMPARE(schema.value(u"properties"_s)[u"url"_s][u"format"_s].toString(), u"uri"_s);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "TestCatalog.moc"
