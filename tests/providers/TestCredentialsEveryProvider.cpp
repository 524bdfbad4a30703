// For every provider: verify succeeds with the demo credential, fails with a wrong one as
// authentication_failed, and no record of either exchange contains the secret.
#include "SimHarness.h"

#include <QtTest>

using namespace pb;
using namespace pb::test;

class TestCredentialsEveryProvider final : public QObject {
    Q_OBJECT
private:
    AdapterRegistry m_registry;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(simPort() != 0, "the sim fixture is not running"); }

    void everyProvider_data()
    {
        QTest::addColumn<QString>("provider");
        for (const QString& p : m_registry.providers())
            QTest::newRow(qPrintable(p)) << p;
    }

    void everyProvider()
    {
        QFETCH(QString, provider);
        QCOMPARE(m_registry.providers().size(), 9);
        QVERIFY(m_registry.operations(provider).contains(QStringLiteral("verify")));

        const auto ok = run(m_registry, demoCall(provider, QStringLiteral("verify")));
        QVERIFY2(ok.ok(), qPrintable(ok.describe()));
        QCOMPARE(ok.outcome->result.toObject().value(QStringLiteral("verified")).toBool(), true);

        OperationCall wrong = demoCall(provider, QStringLiteral("verify"));
        const QByteArray good = wrong.secrets.value(QStringLiteral("secret"));
        const QByteArray bad = wrong.credentialType == QLatin1String("secret") ? QByteArray(good).replace("demo-hook", "Xq7-wrong-hook")
                                                                               : QByteArrayLiteral("Xq7-wrong-secret");
        wrong.secrets[QStringLiteral("secret")] = bad;
        const auto denied = run(m_registry, wrong);
        QCOMPARE(denied.problemType(), QStringLiteral("authentication_failed"));
        QCOMPARE(denied.problem->status, 401);

        const QByteArray records = exchangesJson(ok.exchanges + denied.exchanges);
        QVERIFY(!records.contains(good));
        QVERIFY(!records.contains(bad));
        QVERIFY(!records.contains("demo-token"));
        QVERIFY(!records.contains("Xq7-wrong"));
        QVERIFY(!QJsonDocument(denied.problem->toJson()).toJson().contains("Xq7-wrong"));
    }

    void unknownProviderAndOperation()
    {
        QCOMPARE(run(m_registry, demoCall(QStringLiteral("ticketing_nope"), QStringLiteral("verify"))).problemType(), QStringLiteral("provider_not_available"));
        QCOMPARE(run(m_registry, demoCall(QStringLiteral("sink_splunk"), QStringLiteral("ticketing_get_ticket"))).problemType(), QStringLiteral("operation_not_supported"));
        OperationCall c = demoCall(QStringLiteral("ticketing_github"), QStringLiteral("verify"));
        c.credentialType = QStringLiteral("basic");
        QCOMPARE(run(m_registry, c).problemType(), QStringLiteral("unsupported_credential"));
    }
};

QTEST_GUILESS_MAIN(TestCredentialsEveryProvider)
#include "TestCredentialsEveryProvider.moc"
