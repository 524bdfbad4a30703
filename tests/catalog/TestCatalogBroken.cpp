#include "catalog/Catalog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// A broken catalog directory is refused with a Problem naming the file and the fault.
class TestCatalogBroken final : public QObject {
    Q_OBJECT

    // Copies the built-in catalog into a fresh temporary directory.
    static std::unique_ptr<QTemporaryDir> copyBuiltin() {
        auto dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid())
            return nullptr;
        QDir(dir->path()).mkpath(u"providers"_s);
        QDirIterator it(u":/catalog"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = dir->filePath(source.mid(QStringLiteral(":/catalog/").size()));
            QFile::copy(source, target);
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        }
        return dir;
    }

    static QJsonObject readObject(const QString& path) {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    static void writeBytes(const QString& path, const QByteArray& bytes) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

    static void edit(const QString& path, const std::function<void(QJsonObject&)>& change) {
        QJsonObject object = readObject(path);
        change(object);
        writeBytes(path, QJsonDocument(object).toJson());
    }

    static Problem loadProblem(const QString& dir) {
        const Result<Catalog> catalog = Catalog::loadFromDirectory(dir);
        if (catalog.ok())
            return Problem(0, u"loaded"_s, u"loaded"_s);
        return catalog.problem();
    }

private slots:
    void copyLoads() {
        const auto dir = copyBuiltin();
        QVERIFY(dir);
        const Result<Catalog> catalog = Catalog::loadFromDirectory(dir->path());
        QVERIFY2(catalog.ok(), catalog.ok() ? "" : qPrintable(catalog.problem().toText()));
        QCOMPARE(catalog->providers().size(), Catalog::builtin().providers().size());
    }

    void invalidJson() {
        const auto dir = copyBuiltin();
        writeBytes(dir->filePath(u"providers/ticketing_jira.json"_s), "{ \"id\": \"ticketing_jira\", ");
        const Problem p = loadProblem(dir->path());
        QCOMPARE(p.type, u"catalog_invalid"_s);
        QVERIFY2(p.message.contains(u"providers/ticketing_jira.json"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"not valid JSON"_s));
    }

    void invalidConnectorsJson() {
        const auto dir = copyBuiltin();
        writeBytes(dir->filePath(u"connectors.json"_s), "[]");
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"connectors.json"_s), qPrintable(p.message));
    }

    void missingConnectorsFile() {
        const auto dir = copyBuiltin();
        QFile::remove(dir->filePath(u"connectors.json"_s));
        const Problem p = loadProblem(dir->path());
        QCOMPARE(p.type, u"catalog_invalid"_s);
        QVERIFY(p.message.contains(u"connectors.json"_s));
    }

    void unknownConnector() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/sink_splunk.json"_s),
             [](QJsonObject& o) { o[u"connector"_s] = u"logging"_s; });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/sink_splunk.json"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"unknown connector \"logging\""_s));
        QVERIFY(p.detail.contains(u"/connector"_s));
    }

    void duplicateProviderId() {
        const auto dir = copyBuiltin();
        QVERIFY(QFile::copy(dir->filePath(u"providers/ticketing_zendesk.json"_s),
                            dir->filePath(u"providers/ticketing_zendesk2.json"_s)));
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/ticketing_zendesk2.json"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"duplicate provider id"_s));
        QVERIFY(p.message.contains(u"providers/ticketing_zendesk.json"_s));
    }

    void idMustMatchFileName() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/ticketing_github.json"_s),
             [](QJsonObject& o) { o[u"id"_s] = u"ticketing_gitlab"_s; });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/ticketing_github.json"_s), qPrintable(p.message));
    }

    void badRegex() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/ticketing_jira.json"_s), [](QJsonObject& o) {
            QJsonArray config = o[u"config"_s].toArray();
            QJsonObject project = config[1].toObject();
            project[u"pattern"_s] = u"[A-Z"_s;
            config[1] = project;
            o[u"config"_s] = config;
        });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/ticketing_jira.json"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"/config/1/pattern"_s));
        QVERIFY(p.message.contains(u"does not compile"_s));
    }

    void unknownOperation() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/ticketing_servicenow.json"_s), [](QJsonObject& o) {
            QJsonArray ops = o[u"operations"_s].toArray();
            ops.append(u"ticketing_close_ticket"_s);
            o[u"operations"_s] = ops;
        });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/ticketing_servicenow.json"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"unknown operation \"ticketing_close_ticket\""_s));
    }

    void operationOfAnotherConnector() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/notifications_slack.json"_s),
             [](QJsonObject& o) { o[u"operations"_s] = QJsonArray{u"sink_post_events"_s}; });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/notifications_slack.json"_s), qPrintable(p.message));
    }

    void unknownCredentialAndFieldTypes() {
        auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/sink_splunk.json"_s), [](QJsonObject& o) {
            o[u"credentials"_s] = QJsonArray{QJsonObject{{u"type"_s, u"password"_s}}};
        });
        Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"unknown credential type \"password\""_s), qPrintable(p.message));

        dir = copyBuiltin();
        edit(dir->filePath(u"providers/sink_splunk.json"_s), [](QJsonObject& o) {
            QJsonArray config = o[u"config"_s].toArray();
            QJsonObject url = config[0].toObject();
            url[u"type"_s] = u"hostname"_s;
            config[0] = url;
            o[u"config"_s] = config;
        });
        p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"unknown field type \"hostname\""_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"/config/0/type"_s));
    }

    void typoInKey() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/ticketing_jira.json"_s),
             [](QJsonObject& o) { o[u"descripton"_s] = u"x"_s; });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"unknown key \"descripton\""_s), qPrintable(p.message));
    }

    void invalidDefault() {
        const auto dir = copyBuiltin();
        edit(dir->filePath(u"providers/sink_elasticsearch.json"_s), [](QJsonObject& o) {
            QJsonArray config = o[u"config"_s].toArray();
            for (qsizetype i = 0; i < config.size(); ++i) {
                QJsonObject f = config[i].toObject();
                if (f[u"name"_s].toString() == u"max_batch_size"_s)
                    f[u"default"_s] = 5000;
                config[i] = f;
            }
            o[u"config"_s] = config;
        });
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"default value is itself invalid"_s), qPrintable(p.message));
    }

    void duplicateOperationAndBadRef() {
        auto dir = copyBuiltin();
        edit(dir->filePath(u"connectors.json"_s), [](QJsonObject& o) {
            QJsonArray connectors = o[u"connectors"_s].toArray();
            QJsonObject ticketing = connectors[0].toObject();
            QJsonArray ops = ticketing[u"operations"_s].toArray();
            ops.append(ops[0]);
            ticketing[u"operations"_s] = ops;
            connectors[0] = ticketing;
            o[u"connectors"_s] = connectors;
        });
        Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"connectors.json"_s) && p.message.contains(u"duplicate operation id"_s),
                 qPrintable(p.message));

        dir = copyBuiltin();
        edit(dir->filePath(u"connectors.json"_s), [](QJsonObject& o) {
            QJsonArray connectors = o[u"connectors"_s].toArray();
            QJsonObject sink = connectors[2].toObject();
            QJsonArray ops = sink[u"operations"_s].toArray();
            QJsonObject post = ops[0].toObject();
            post[u"body"_s] = QJsonObject{{u"$ref"_s, u"#/models/Nope"_s}};
            ops[0] = post;
            sink[u"operations"_s] = ops;
            connectors[2] = sink;
            o[u"connectors"_s] = connectors;
        });
        p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"unknown model reference"_s), qPrintable(p.message));
        QVERIFY(p.message.contains(u"/connectors/2/operations/0/body/$ref"_s));
    }

    void noProviders() {
        const auto dir = copyBuiltin();
        QDir(dir->filePath(u"providers"_s)).removeRecursively();
        const Problem p = loadProblem(dir->path());
        QVERIFY2(p.message.contains(u"providers/"_s), qPrintable(p.message));
    }
};

QTEST_GUILESS_MAIN(TestCatalogBroken)
#include "TestCatalogBroken.moc"
