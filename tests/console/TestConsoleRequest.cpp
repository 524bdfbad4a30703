#include "catalog/Catalog.h"
#include "gui/console/ConsoleRequest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class TestConsoleRequest final : public QObject {
    Q_OBJECT
private slots:
    void jsonRoundTrip();
    void unknownMemberIsRefused();
    void missingPathParameterIsNamed();
    void apiRequestCarriesPathQueryBody();
    void curlUsesPlaceholderAndLocalServer();
    void historyEventGivesOperationAndPath();
};

void TestConsoleRequest::jsonRoundTrip() {
    ConsoleRequest r;
    r.operationId = u"ticketing_query_tickets"_s;
    r.query = {{u"limit"_s, u"5"_s}, {u"filter"_s, u"status[eq]open"_s}, {u"filter"_s, u"project[eq]DEMO"_s}};
    const QJsonObject json = r.toJson();
    QCOMPARE(json.value(u"query"_s).toObject().value(u"filter"_s).toArray().size(), 2);
    auto back = ConsoleRequest::fromJson(json);
    QVERIFY(back.ok());
    QCOMPARE(back->operationId, r.operationId);
    QCOMPARE(back->query.size(), 3);
    QCOMPARE(back->queryValue(u"limit"_s), u"5"_s);
}

void TestConsoleRequest::unknownMemberIsRefused() {
    auto r = ConsoleRequest::fromJson(QJsonObject{{u"operation"_s, u"x"_s}, {u"headers"_s, QJsonObject()}});
    QVERIFY(!r.ok());
    QCOMPARE(r.problem().parameter, u"headers"_s);
    QVERIFY(!ConsoleRequest::fromJson(QJsonObject{{u"path"_s, 3}}).ok());
}

void TestConsoleRequest::missingPathParameterIsNamed() {
    const OperationSpec* op = Catalog::builtin().operation(u"ticketing_get_ticket"_s);
    QVERIFY(op);
    ConsoleRequest r;
    r.operationId = op->id;
    auto api = r.toApiRequest(*op, u"t"_s);
    QVERIFY(!api.ok());
    QCOMPARE(api.problem().parameter, u"ticketId"_s);
}

void TestConsoleRequest::apiRequestCarriesPathQueryBody() {
    const OperationSpec* op = Catalog::builtin().operation(u"ticketing_create_comment"_s);
    QVERIFY(op);
    ConsoleRequest r;
    r.operationId = op->id;
    r.pathParams.insert(u"ticketId"_s, u"DEMO 1/x"_s);
    r.body = QJsonObject{{u"content"_s, u"hello"_s}};
    auto api = r.toApiRequest(*op, u"secret-token"_s);
    QVERIFY(api.ok());
    QCOMPARE(api->method, QByteArray("POST"));
    QCOMPARE(api->path, u"/v1/ticketing/tickets/DEMO%201%2Fx/comments"_s);
    QCOMPARE(api->body.toObject().value(u"content"_s).toString(), u"hello"_s);
    QCOMPARE(api->token, u"secret-token"_s);
    const auto match = Catalog::builtin().matchOperation(api->method, api->path);
    QVERIFY(match);
    QCOMPARE(match->pathParams.value(u"ticketId"_s), u"DEMO 1/x"_s);
}

void TestConsoleRequest::curlUsesPlaceholderAndLocalServer() {
    const OperationSpec* op = Catalog::builtin().operation(u"ticketing_create_ticket"_s);
    ConsoleRequest r;
    r.operationId = op->id;
    r.body = QJsonObject{{u"summary"_s, u"it's broken"_s}};
    auto curl = r.toCurl(*op, u"http://127.0.0.1:8787/"_s);
    QVERIFY(curl.ok());
    QVERIFY2(curl->startsWith(u"curl -sS -X POST 'http://127.0.0.1:8787/v1/ticketing/tickets'"_s),
             qPrintable(*curl));
    QVERIFY(curl->contains(u"\"Authorization: Bearer $PATCHBAY_INTEGRATION_TOKEN\""_s));
    // The single quote inside the body is escaped for the shell.
    QVERIFY2(curl->contains(u"--data-binary '{\"summary\":\"it'\\''s broken\"}'"_s), qPrintable(*curl));

    const OperationSpec* query = Catalog::builtin().operation(u"ticketing_query_tickets"_s);
    ConsoleRequest q;
    q.operationId = query->id;
    q.query = {{u"filter"_s, u"summary[like]%disk%"_s}, {u"limit"_s, u"2"_s}};
    auto qc = q.toCurl(*query, u"http://127.0.0.1:8787"_s);
    QVERIFY(qc.ok());
    QVERIFY2(qc->contains(u"/v1/ticketing/tickets?filter=summary%5Blike%5D%25disk%25&limit=2"_s),
             qPrintable(*qc));
    QVERIFY(!qc->contains(u"--data-binary"_s));
}

void TestConsoleRequest::historyEventGivesOperationAndPath() {
    const QJsonObject event{{u"status"_s, 200},
                            {u"request"_s, QJsonObject{{u"operation_id"_s, u"ticketing_get_ticket"_s},
                                                       {u"method"_s, u"GET"_s},
                                                       {u"path"_s, u"/v1/ticketing/tickets/DEMO-2"_s}}}};
    auto r = ConsoleRequest::fromHistoryEvent(event);
    QVERIFY(r.has_value());
    QCOMPARE(r->operationId, u"ticketing_get_ticket"_s);
    QCOMPARE(r->pathParams.value(u"ticketId"_s).toString(), u"DEMO-2"_s);
    QVERIFY(!ConsoleRequest::fromHistoryEvent(QJsonObject{}).has_value());
}

QTEST_GUILESS_MAIN(TestConsoleRequest)
#include "TestConsoleRequest.moc"
