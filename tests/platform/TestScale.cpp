// 10,000 Accounts x 10 Integrations through the storage bulk path, then the list routes.
// Timings are printed for the benchmark, never asserted.
#include "core/Clock.h"
#include "core/Ids.h"
#include "storage/Workspace.h"
#include "support/TestWorkspace.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestScale final : public QObject {
    Q_OBJECT
private slots:
    void bulkLoadAndList();
};

void TestScale::bulkLoadAndList()
{
    TestWorkspace ws;
    QVERIFY(ws.ok());
    ws.close();
    constexpr int accounts = 10000;
    constexpr int perAccount = 10;
    QElapsedTimer timer;
    timer.start();
    {
        auto storage = Workspace::open(ws.path());
        QVERIFY(storage.ok());
        const QString now = toRfc3339(nowUtc());
        QList<QVariantList> accountRows;
        QList<QVariantList> integrationRows;
        QList<QVariantList> statusRows;
        for (int a = 0; a < accounts; ++a) {
            const QString accountId = newId();
            accountRows.append({accountId, QStringLiteral("acct-%1").arg(a), QStringLiteral("Account %1").arg(a),
                                a % 2 ? QStringLiteral("prod") : QStringLiteral("test"), QStringLiteral("[]"), now, now});
            for (int i = 0; i < perAccount; ++i) {
                const QString id = newId();
                integrationRows.append({id, accountId, QStringLiteral("jira-%1").arg(i), QStringLiteral("Jira %1").arg(i),
                                        QStringLiteral("ticketing"), QStringLiteral("ticketing_jira"),
                                        QStringLiteral("{\"url\":\"https://a.atlassian.net\"}"), now, now});
                statusRows.append({id, accountId, now});
            }
        }
        QVERIFY((*storage)->insertMany(QStringLiteral("accounts"),
                                       {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("fullname"), QStringLiteral("environment"),
                                        QStringLiteral("labels"), QStringLiteral("created_at"), QStringLiteral("updated_at")},
                                       accountRows).ok());
        QVERIFY((*storage)->insertMany(QStringLiteral("integrations"),
                                       {QStringLiteral("id"), QStringLiteral("account_id"), QStringLiteral("name"), QStringLiteral("fullname"),
                                        QStringLiteral("category"), QStringLiteral("provider_type"), QStringLiteral("provider_config"),
                                        QStringLiteral("created_at"), QStringLiteral("updated_at")},
                                       integrationRows).ok());
        QVERIFY((*storage)->insertMany(QStringLiteral("integration_status"),
                                       {QStringLiteral("integration_id"), QStringLiteral("account_id"), QStringLiteral("updated_at")}, statusRows).ok());
    }
    qInfo("bulk insert of %d accounts and %d integrations: %lld ms", accounts, accounts * perAccount, timer.restart());
    QVERIFY(ws.reopen());
    ApiResponse r = ws.call(ApiRequest::get(QStringLiteral("/v1/accounts")).withQuery(QStringLiteral("limit"), QStringLiteral("100")));
    QCOMPARE(r.result().toArray().size(), 100);
    qInfo("GET /v1/accounts?limit=100: %lld ms", timer.restart());
    r = ws.get(QStringLiteral("/v1/integrations/acct-4242"));
    QCOMPARE(r.result().toArray().size(), perAccount);
    qInfo("GET /v1/integrations/{account}: %lld ms", timer.restart());
    r = ws.call(ApiRequest::get(QStringLiteral("/v1/integrations")).withQuery(QStringLiteral("limit"), QStringLiteral("100")));
    QCOMPARE(r.result().toArray().size(), 100);
    qInfo("GET /v1/integrations?limit=100 over %d: %lld ms", accounts * perAccount, timer.restart());
    r = ws.post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("One more")}});
    QCOMPARE(r.status, 201);
    qInfo("POST /v1/accounts at scale: %lld ms", timer.restart());
}

QTEST_GUILESS_MAIN(TestScale)
#include "TestScale.moc"
