#include "CliRunner.h"

#include <QTemporaryDir>

// Help, version and usage errors: no workspace or keychain needed.
class TestCliUsage final : public QObject {
    Q_OBJECT
private slots:
    void helpAtEveryLevel_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("root") << QStringList{QStringLiteral("--help")} << QStringLiteral("Commands:");
        QTest::newRow("group") << QStringList{QStringLiteral("accounts"), QStringLiteral("--help")}
                               << QStringLiteral("patchbay-cli accounts <command>");
        QTest::newRow("leaf") << QStringList{QStringLiteral("accounts"), QStringLiteral("create"), QStringLiteral("--help")}
                              << QStringLiteral("--environment");
        QTest::newRow("short") << QStringList{QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("-h")}
                               << QStringLiteral("--secret-stdin");
        QTest::newRow("connector") << QStringList{QStringLiteral("connector"), QStringLiteral("call"), QStringLiteral("--help")}
                                   << QStringLiteral("--param");
        QTest::newRow("global-first") << QStringList{QStringLiteral("--json"), QStringLiteral("tokens"), QStringLiteral("--help")}
                                      << QStringLiteral("issue-integration");
    }

    void helpAtEveryLevel()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const CliRun r = CliRunner().run(args);
        CLI_EXPECT(r, 0);
        QVERIFY2(r.outText().contains(expected), qPrintable(r.outText()));
        QVERIFY(r.outText().contains(QStringLiteral("Global options:")));
    }

    void everyGroupHasHelp()
    {
        const CliRun root = CliRunner().run({QStringLiteral("--help")});
        const QStringList groups{QStringLiteral("init"), QStringLiteral("organization"), QStringLiteral("members"),
                                 QStringLiteral("roles"), QStringLiteral("accounts"), QStringLiteral("end-users"),
                                 QStringLiteral("integration-points"), QStringLiteral("integrations"),
                                 QStringLiteral("credentials"), QStringLiteral("tokens"), QStringLiteral("audit"),
                                 QStringLiteral("status"), QStringLiteral("capabilities"), QStringLiteral("connector"),
                                 QStringLiteral("export"), QStringLiteral("import"), QStringLiteral("vault"),
                                 QStringLiteral("demo"), QStringLiteral("api")};
        for (const QString& g : groups) {
            QVERIFY2(root.outText().contains(QStringLiteral("  ") + g + QLatin1Char(' ')), qPrintable(g));
            const CliRun r = CliRunner().run({g, QStringLiteral("--help")});
            QVERIFY2(r.exitCode == 0 && r.outText().startsWith(QStringLiteral("Usage: patchbay-cli ") + g), qPrintable(g));
        }
    }

    void version()
    {
        const CliRun r = CliRunner().run({QStringLiteral("--version")});
        CLI_EXPECT(r, 0);
        QVERIFY(r.outText().startsWith(QStringLiteral("patchbay-cli ")));
    }

    void unknownSubcommandSuggests()
    {
        const CliRun r = CliRunner().run({QStringLiteral("acounts"), QStringLiteral("list")});
        CLI_EXPECT(r, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("unknown subcommand 'acounts'")), qPrintable(r.errText()));
        QVERIFY(r.errText().contains(QStringLiteral("did you mean 'accounts'?")));
        const CliRun nested = CliRunner().run({QStringLiteral("accounts"), QStringLiteral("lst")});
        CLI_EXPECT(nested, 2);
        QVERIFY2(nested.errText().contains(QStringLiteral("did you mean 'list'?")), qPrintable(nested.errText()));
    }

    void missingSubcommandShowsHelp()
    {
        const CliRun r = CliRunner().run({QStringLiteral("accounts")});
        CLI_EXPECT(r, 2);
        QVERIFY(r.errText().contains(QStringLiteral("missing command")));
        QVERIFY(r.errText().contains(QStringLiteral("Commands:")));
    }

    void unknownOptionAndArguments()
    {
        const CliRun opt = CliRunner().run({QStringLiteral("accounts"), QStringLiteral("list"), QStringLiteral("--colour")});
        CLI_EXPECT(opt, 2);
        QVERIFY2(opt.errText().contains(QStringLiteral("colour")), qPrintable(opt.errText()));
        const CliRun missing = CliRunner().run({QStringLiteral("accounts"), QStringLiteral("get")});
        CLI_EXPECT(missing, 2);
        QVERIFY(missing.errText().contains(QStringLiteral("missing argument ACCOUNT")));
        const CliRun extra = CliRunner().run({QStringLiteral("accounts"), QStringLiteral("get"), QStringLiteral("a"),
                                              QStringLiteral("b")});
        CLI_EXPECT(extra, 2);
        QVERIFY(extra.errText().contains(QStringLiteral("unexpected argument 'b'")));
    }

    void missingWorkspace()
    {
        const CliRun r = CliRunner().run({QStringLiteral("accounts"), QStringLiteral("list")}, {}, false, false);
        CLI_EXPECT(r, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("No workspace given")), qPrintable(r.errText()));
        QVERIFY(r.errText().contains(QStringLiteral("PATCHBAY_WORKSPACE")));

        QTemporaryDir dir;
        CliRunner cli;
        cli.workspace = dir.filePath(QStringLiteral("nowhere.pbw"));
        const CliRun absent = cli.run({QStringLiteral("accounts"), QStringLiteral("list")});
        CLI_EXPECT(absent, 4);
        QVERIFY(absent.errText().contains(QStringLiteral("Workspace file not found")));
        QVERIFY2(!QFile::exists(cli.workspace), "a missing workspace must never be created by a query");
    }

    void secretsNeverFromArguments()
    {
        // There is no option that takes a secret value: --secret is not an option at all.
        const CliRun r = CliRunner().run({QStringLiteral("credentials"), QStringLiteral("create"), QStringLiteral("acme"),
                                          QStringLiteral("--type"), QStringLiteral("token"), QStringLiteral("--secret"),
                                          QStringLiteral("x")});
        CLI_EXPECT(r, 2);
        QVERIFY(r.errText().contains(QStringLiteral("Unknown option")));
    }
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "TestCliUsage.moc"
