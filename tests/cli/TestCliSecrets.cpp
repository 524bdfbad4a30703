#include "CliRunner.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QUuid>

// The secret of a reveal answer ({id, type, config: {..., secret}}).
static QString revealed(const QJsonValue& reveal, const QString& field)
{
    return reveal.toObject().value(QStringLiteral("config")).toObject().value(field).toString();
}

// Secrets go in through stdin or files only, and never come out: not in the CLI's output, not in
// the workspace file (or its WAL), not in an export. Import is all or nothing.
class TestCliSecrets final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    CliRunner m_cli;
    QByteArray m_secret;
    QByteArray m_fileSecret;
    QList<CliRun> m_runs; // every run, checked for leaks at the end

    CliRun run(const QStringList& args, const QByteArray& in = {})
    {
        const CliRun r = m_cli.run(args, in);
        m_runs.append(r);
        return r;
    }

    static QString tokenOf(const CliRun& init)
    {
        return init.result().toObject().value(QStringLiteral("token")).toObject().value(QStringLiteral("access")).toObject()
            .value(QStringLiteral("secret")).toString();
    }

private slots:
    void initTestCase()
    {
        const QByteArray canary = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        m_secret = "cli-stdin-secret-" + canary;
        m_fileSecret = "cli-file-secret-" + canary;
        m_cli.workspace = m_dir.filePath(QStringLiteral("secrets.pbw"));
        const CliRun init = run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--organization"),
                                 QStringLiteral("Sec Corp"), QStringLiteral("--admin"), QStringLiteral("Sam Admin")});
        CLI_EXPECT(init, 0);
        m_cli.token = tokenOf(init);
        CLI_EXPECT(run({QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("vault-test"),
                        QStringLiteral("--label"), QStringLiteral("secure")}),
                   0);
    }

    void secretFromStdin()
    {
        const CliRun r = run({QStringLiteral("--json"), QStringLiteral("credentials"), QStringLiteral("create"),
                              QStringLiteral("vault-test"), QStringLiteral("--name"), QStringLiteral("from-stdin"),
                              QStringLiteral("--type"), QStringLiteral("basic"), QStringLiteral("--username"),
                              QStringLiteral("svc@sec.example"), QStringLiteral("--secret-stdin")},
                             m_secret + '\n');
        CLI_EXPECT(r, 0);
        const QJsonObject config = r.result().toObject().value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("type")).toString(), QStringLiteral("basic"));
        QVERIFY(!config.contains(QStringLiteral("secret")));
    }

    void secretFromFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("token.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_fileSecret + '\n');
        f.close();
        const CliRun r = run({QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("vault-test"),
                              QStringLiteral("--name"), QStringLiteral("from-file"), QStringLiteral("--type"),
                              QStringLiteral("token"), QStringLiteral("--secret-file"), QStringLiteral("secret=") + path});
        CLI_EXPECT(r, 0);
        QVERIFY(f.remove());
    }

    void missingSecretIsAUsageError()
    {
        // Not a terminal and no --secret-stdin/--secret-file: nobody to ask, nothing stored.
        const CliRun r = run({QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("vault-test"),
                              QStringLiteral("--name"), QStringLiteral("no-secret"), QStringLiteral("--type"),
                              QStringLiteral("token")});
        CLI_EXPECT(r, 2);
        QVERIFY(r.errText().contains(QStringLiteral("Missing secret")));
        const CliRun get = run({QStringLiteral("credentials"), QStringLiteral("get"), QStringLiteral("vault-test"),
                                QStringLiteral("no-secret")});
        CLI_EXPECT(get, 4);
    }

    void listingsShowNoSecrets()
    {
        CLI_EXPECT(run({QStringLiteral("credentials"), QStringLiteral("list"), QStringLiteral("vault-test")}), 0);
        CLI_EXPECT(run({QStringLiteral("--json"), QStringLiteral("credentials"), QStringLiteral("list"), QStringLiteral("vault-test")}), 0);
        CLI_EXPECT(run({QStringLiteral("credentials"), QStringLiteral("get"), QStringLiteral("vault-test"), QStringLiteral("from-stdin")}), 0);
        CLI_EXPECT(run({QStringLiteral("audit"), QStringLiteral("list")}), 0);
    }

    void rotateRevealAndReconcile()
    {
        // reveal is the one command that prints a secret (administrators only, audited); its runs
        // are kept out of m_runs on purpose.
        const CliRun before = m_cli.run({QStringLiteral("--json"), QStringLiteral("credentials"), QStringLiteral("reveal"),
                                         QStringLiteral("vault-test"), QStringLiteral("from-file")});
        CLI_EXPECT(before, 0);
        QCOMPARE(revealed(before.result(), QStringLiteral("secret")), QString::fromUtf8(m_fileSecret));

        const QByteArray rotated = m_fileSecret + "-rotated";
        CLI_EXPECT(run({QStringLiteral("credentials"), QStringLiteral("rotate"), QStringLiteral("vault-test"),
                        QStringLiteral("from-file"), QStringLiteral("--secret-stdin")},
                       rotated),
                   0);
        const CliRun after = m_cli.run({QStringLiteral("--json"), QStringLiteral("credentials"), QStringLiteral("reveal"),
                                        QStringLiteral("vault-test"), QStringLiteral("from-file")});
        CLI_EXPECT(after, 0);
        QCOMPARE(revealed(after.result(), QStringLiteral("secret")), QString::fromUtf8(rotated));
        const CliRun audit = run({QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("list"), QStringLiteral("--filter"),
                                  QStringLiteral("action[eq]credentials.reveal")});
        CLI_EXPECT(audit, 0);
        QCOMPARE(audit.result().toArray().size(), 2);

        CLI_EXPECT(run({QStringLiteral("credentials"), QStringLiteral("expiring"), QStringLiteral("--days"), QStringLiteral("30")}), 0);
        const CliRun reconcile = run({QStringLiteral("--json"), QStringLiteral("vault"), QStringLiteral("reconcile")});
        CLI_EXPECT(reconcile, 0);
        QVERIFY(reconcile.result().toObject().value(QStringLiteral("missing_entries")).toArray().isEmpty());
    }

    void exportHasNoSecrets()
    {
        const QString file = m_dir.filePath(QStringLiteral("export.json"));
        const CliRun r = run({QStringLiteral("export"), QStringLiteral("--output"), file});
        CLI_EXPECT(r, 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("vault-test"));
        QVERIFY(!bytes.contains(m_secret));
        QVERIFY(!bytes.contains(m_fileSecret));
        const CliRun toStdout = run({QStringLiteral("export")});
        CLI_EXPECT(toStdout, 0);
        QVERIFY(QJsonDocument::fromJson(toStdout.out).isObject());
    }

    void brokenImportChangesNothing()
    {
        QFile f(m_dir.filePath(QStringLiteral("export.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(doc.contains(QStringLiteral("accounts")));

        // A fresh workspace receives the import.
        CliRunner target;
        target.workspace = m_dir.filePath(QStringLiteral("target.pbw"));
        const CliRun init = target.run({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--organization"),
                                        QStringLiteral("Target"), QStringLiteral("--admin"), QStringLiteral("Tia Admin")});
        CLI_EXPECT(init, 0);
        target.token = tokenOf(init);

        // One valid new Account and one that breaks the slug rule: neither may be stored.
        QJsonObject broken = doc;
        QJsonArray accounts = broken.value(QStringLiteral("accounts")).toArray();
        accounts.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("fine-account")}, {QStringLiteral("environment"), QStringLiteral("test")}});
        accounts.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Not A Slug!")}, {QStringLiteral("environment"), QStringLiteral("test")}});
        broken.insert(QStringLiteral("accounts"), accounts);
        const QString brokenFile = m_dir.filePath(QStringLiteral("broken.json"));
        QFile b(brokenFile);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(QJsonDocument(broken).toJson());
        b.close();

        const CliRun before = target.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(before, 0);
        const CliRun failed = target.run({QStringLiteral("import"), brokenFile});
        QVERIFY2(failed.exitCode != 0, failed.out.constData());
        QVERIFY(failed.errText().startsWith(QStringLiteral("error: ")));
        const CliRun after = target.run({QStringLiteral("--json"), QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(after, 0);
        QCOMPARE(after.result(), before.result());

        // Not JSON at all: a usage problem before anything is sent.
        QFile junk(m_dir.filePath(QStringLiteral("junk.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{ this is not json");
        junk.close();
        CLI_EXPECT(target.run({QStringLiteral("import"), junk.fileName()}), 2);

        // The unbroken export imports.
        const CliRun ok = target.run({QStringLiteral("import"), m_dir.filePath(QStringLiteral("export.json"))});
        CLI_EXPECT(ok, 0);
        const CliRun imported = target.run({QStringLiteral("accounts"), QStringLiteral("get"), QStringLiteral("vault-test")});
        CLI_EXPECT(imported, 0);
    }

    void nothingLeaked()
    {
        for (const CliRun& r : std::as_const(m_runs)) {
            QVERIFY2(!r.out.contains(m_secret) && !r.err.contains(m_secret), "stdin secret in CLI output");
            QVERIFY2(!r.out.contains(m_fileSecret) && !r.err.contains(m_fileSecret), "file secret in CLI output");
        }
        const QDir dir(m_dir.path());
        const QStringList files = dir.entryList({QStringLiteral("secrets.pbw*")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            QVERIFY2(!bytes.contains(m_secret), qPrintable(name));
            QVERIFY2(!bytes.contains(m_fileSecret), qPrintable(name));
        }
    }

    void cleanupTestCase()
    {
        // Leave no keychain entries behind: deleting the Account removes its credentials' entries.
        if (!m_cli.token.isEmpty())
            m_cli.run({QStringLiteral("accounts"), QStringLiteral("delete"), QStringLiteral("vault-test")});
    }
};

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "TestCliSecrets.moc"
