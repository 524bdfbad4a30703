// The `serve` command's options: what reaches the server and what is refused as a usage error.
#include "server/ServeCommand.h"

#include <QtTest>

using namespace pb;

class TestServeArguments final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("PATCHBAY_WORKSPACE"); }

    void defaultsAreLoopbackAndLimited()
    {
        const auto parsed = parseServeArguments({QStringLiteral("--workspace"), QStringLiteral("w.patchbay")});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->workspacePath, QStringLiteral("w.patchbay"));
        QCOMPARE(parsed->server.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(parsed->server.port, quint16(0));
        QVERIFY(!parsed->server.allowNonLoopback);
        QVERIFY(parsed->server.rateLimitPerSecond > 0);
        QCOMPARE(parsed->server.maxBodyBytes, qint64(1024 * 1024));
    }

    void everyOptionIsRead()
    {
        const auto parsed = parseServeArguments(
            {QStringLiteral("--workspace=w"), QStringLiteral("--port"), QStringLiteral("8790"), QStringLiteral("--address"),
             QStringLiteral("0.0.0.0"), QStringLiteral("--tls-cert"), QStringLiteral("c.pem"), QStringLiteral("--tls-key"),
             QStringLiteral("k.pem"), QStringLiteral("--rate-limit"), QStringLiteral("20/s"), QStringLiteral("--max-body"),
             QStringLiteral("2048"), QStringLiteral("--timeout"), QStringLiteral("1.5"), QStringLiteral("--port-file"),
             QStringLiteral("p")});
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.problem().toText()));
        QCOMPARE(parsed->server.port, quint16(8790));
        QCOMPARE(parsed->server.address, QHostAddress(QStringLiteral("0.0.0.0")));
        QVERIFY(parsed->server.allowNonLoopback);
        QCOMPARE(parsed->server.tlsCertificatePath, QStringLiteral("c.pem"));
        QCOMPARE(parsed->server.tlsKeyPath, QStringLiteral("k.pem"));
        QCOMPARE(parsed->server.rateLimitPerSecond, 20.0);
        QCOMPARE(parsed->server.maxBodyBytes, qint64(2048));
        QCOMPARE(parsed->server.requestTimeoutMs, 1500);
        QCOMPARE(parsed->portFile, QStringLiteral("p"));
        const auto off = parseServeArguments({QStringLiteral("--workspace=w"), QStringLiteral("--rate-limit"), QStringLiteral("off")});
        QVERIFY(off.ok());
        QCOMPARE(off->server.rateLimitPerSecond, 0.0);
    }

    void workspaceComesFromTheEnvironment()
    {
        qputenv("PATCHBAY_WORKSPACE", "env.patchbay");
        const auto parsed = parseServeArguments({});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->workspacePath, QStringLiteral("env.patchbay"));
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no workspace") << QStringList{};
        QTest::newRow("port text") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--port"), QStringLiteral("http")};
        QTest::newRow("port range") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--port=70000")};
        QTest::newRow("address") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--address=example.com")};
        QTest::newRow("rate") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--rate-limit=fast")};
        QTest::newRow("body") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--max-body=-1")};
        QTest::newRow("missing value") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--port")};
        QTest::newRow("unknown") << QStringList{QStringLiteral("--workspace=w"), QStringLiteral("--verbose")};
    }
    void badInputIsAUsageError()
    {
        QFETCH(QStringList, args);
        const auto parsed = parseServeArguments(args);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.problem().type, QStringLiteral("usage_error"));
        QVERIFY(!parsed.problem().message.isEmpty());
    }

    void missingWorkspaceFileFailsWithoutServing()
    {
        QCOMPARE(runServeCommand({QStringLiteral("--workspace"), QStringLiteral("/nonexistent/none.patchbay")}), 1);
        QCOMPARE(runServeCommand({QStringLiteral("--bogus")}), 2);
    }
};

QTEST_GUILESS_MAIN(TestServeArguments)
#include "TestServeArguments.moc"
