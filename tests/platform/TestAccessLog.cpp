// The local API server's access log in the workspace: written only through Platform::recordAccess
// (never an API route), read by administrators through GET /v1/audit/access-log, and never
// holding a query string or anything but a token id.
#include "core/Clock.h"
#include "core/Ids.h"
#include "support/TestWorkspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestAccessLog final : public QObject {
    Q_OBJECT
private slots:
    void recordsAndListsNewestFirst()
    {
        TestWorkspace ws;
        QVERIFY2(ws.ok(), qPrintable(ws.error()));
        const QString tokenId = newId();
        Platform::AccessRecord first;
        first.time = nowUtc().addSecs(-5);
        first.method = QStringLiteral("GET");
        first.path = QStringLiteral("/v1/accounts");
        first.status = 200;
        first.durationMs = 3;
        first.tokenId = tokenId;
        QVERIFY(ws.platform().recordAccess(first).ok());
        Platform::AccessRecord second = first;
        second.time = nowUtc();
        second.method = QStringLiteral("POST");
        second.status = 401;
        QVERIFY(ws.platform().recordAccess(second).ok());

        const ApiResponse r = ws.get(QStringLiteral("/v1/audit/access-log"), ws.adminToken());
        QVERIFY2(!r.isError(), describe(r).constData());
        const QJsonArray rows = r.result().toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("status")).toInt(), 401);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("token_id")).toString(), tokenId);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("duration_ms")).toInt(), 3);

        ApiRequest filtered = ApiRequest::get(QStringLiteral("/v1/audit/access-log"), ws.adminToken());
        filtered.withQuery(QStringLiteral("filter"), QStringLiteral("status[gte]400"));
        const ApiResponse f = ws.call(filtered);
        QVERIFY2(!f.isError(), describe(f).constData());
        QCOMPARE(f.result().toArray().size(), 1);
    }

    void neverStoresQueriesOrSecrets()
    {
        TestWorkspace ws;
        QVERIFY2(ws.ok(), qPrintable(ws.error()));
        Platform::AccessRecord r;
        r.method = QStringLiteral("GET");
        r.path = QStringLiteral("/v1/accounts?api_key=s3cr3t-in-query");
        r.status = 200;
        r.tokenId = QStringLiteral("pbo_not-an-id_s3cr3t-token-bytes");
        QVERIFY(ws.platform().recordAccess(r).ok());
        const ApiResponse list = ws.get(QStringLiteral("/v1/audit/access-log"), ws.adminToken());
        QVERIFY2(!list.isError(), describe(list).constData());
        const QJsonObject row = list.result().toArray().at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("path")).toString(), QStringLiteral("/v1/accounts"));
        QCOMPARE(row.value(QStringLiteral("token_id")).toString(), QStringLiteral("-"));
        ws.close();
        QFile file(ws.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains("s3cr3t"));
    }

    void onlyAdministratorsRead()
    {
        TestWorkspace ws;
        QVERIFY2(ws.ok(), qPrintable(ws.error()));
        const QString viewer = ws.createMemberToken(QStringLiteral("vera"), QStringLiteral("viewer"));
        const QString member = ws.createMemberToken(QStringLiteral("max"), QStringLiteral("member"));
        QCOMPARE(ws.get(QStringLiteral("/v1/audit/access-log"), viewer).status, 403);
        QCOMPARE(ws.get(QStringLiteral("/v1/audit/access-log"), member).status, 403);
        // And there is no route that writes it.
        const ApiResponse post = ws.post(QStringLiteral("/v1/audit/access-log"), QJsonObject{}, ws.adminToken());
        QVERIFY(post.status == 404 || post.status == 405);
    }
};

QTEST_GUILESS_MAIN(TestAccessLog)
#include "TestAccessLog.moc"
