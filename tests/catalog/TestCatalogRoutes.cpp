#include "catalog/Catalog.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace pb;

// Catalog::matchOperation: every Connector API path, with path parameters; nothing else.
class TestCatalogRoutes final : public QObject {
    Q_OBJECT

private slots:
    void everyOperationMatches_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("ticketId");
        QTest::addColumn<QString>("commentId");
        QTest::newRow("list projects") << QByteArray("GET") << u"/v1/ticketing/projects"_s
                                       << u"ticketing_list_projects"_s << QString() << QString();
        QTest::newRow("query") << QByteArray("GET")
                               << u"/v1/ticketing/tickets?limit=5&filter=status[eq]open"_s
                               << u"ticketing_query_tickets"_s << QString() << QString();
        QTest::newRow("get") << QByteArray("GET") << u"/v1/ticketing/tickets/OPS-42"_s
                             << u"ticketing_get_ticket"_s << u"OPS-42"_s << QString();
        QTest::newRow("get encoded") << QByteArray("GET") << u"/v1/ticketing/tickets/a%2Fb%20c"_s
                                     << u"ticketing_get_ticket"_s << u"a/b c"_s << QString();
        QTest::newRow("create") << QByteArray("POST") << u"/v1/ticketing/tickets"_s
                                << u"ticketing_create_ticket"_s << QString() << QString();
        QTest::newRow("patch") << QByteArray("PATCH") << u"/v1/ticketing/tickets/17"_s
                               << u"ticketing_patch_ticket"_s << u"17"_s << QString();
        QTest::newRow("list comments") << QByteArray("GET") << u"/v1/ticketing/tickets/17/comments"_s
                                       << u"ticketing_list_comments"_s << u"17"_s << QString();
        QTest::newRow("trailing slash") << QByteArray("GET") << u"/v1/ticketing/tickets/17/comments/"_s
                                        << u"ticketing_list_comments"_s << u"17"_s << QString();
        QTest::newRow("create comment") << QByteArray("POST") << u"/v1/ticketing/tickets/17/comments"_s
                                        << u"ticketing_create_comment"_s << u"17"_s << QString();
        QTest::newRow("delete comment") << QByteArray("DELETE") << u"/v1/ticketing/tickets/17/comments/99"_s
                                        << u"ticketing_delete_comment"_s << u"17"_s << u"99"_s;
        QTest::newRow("lower-case method")
            << QByteArray("delete") << u"/v1/ticketing/tickets/17/comments/99"_s
            << u"ticketing_delete_comment"_s << u"17"_s << u"99"_s;
        QTest::newRow("message") << QByteArray("POST") << u"/v1/notifications/create"_s
                                 << u"notifications_create_message"_s << QString() << QString();
        QTest::newRow("events") << QByteArray("POST") << u"/v1/sink/events"_s << u"sink_post_events"_s
                                << QString() << QString();
    }
    void everyOperationMatches() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, operation);
        QFETCH(QString, ticketId);
        QFETCH(QString, commentId);
        const auto match = Catalog::builtin().matchOperation(method, path);
        QVERIFY(match.has_value());
        QCOMPARE(match->operation->id, operation);
        QCOMPARE(match->pathParams.value(u"ticketId"_s), ticketId);
        QCOMPARE(match->pathParams.value(u"commentId"_s), commentId);
        QCOMPARE(match->pathParams.size(), int(!ticketId.isEmpty()) + int(!commentId.isEmpty()));
    }

    void everyCatalogOperationIsRoutable() {
        const Catalog& catalog = Catalog::builtin();
        for (const ConnectorSpec& connector : catalog.connectors()) {
            for (const OperationSpec& op : connector.operations) {
                QString path = op.path;
                path.replace(u"{ticketId}"_s, u"T-1"_s).replace(u"{commentId}"_s, u"C-1"_s);
                const auto match = catalog.matchOperation(op.method, path);
                QVERIFY2(match && match->operation == &op, qPrintable(op.id));
            }
        }
    }

    void noMatch_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("knownMethods");
        QTest::newRow("unknown path") << QByteArray("GET") << u"/v1/ticketing/nope"_s << 0;
        QTest::newRow("management path") << QByteArray("GET") << u"/v1/accounts"_s << 0;
        QTest::newRow("too deep") << QByteArray("GET") << u"/v1/ticketing/tickets/1/comments/2/x"_s << 0;
        QTest::newRow("empty param") << QByteArray("GET") << u"/v1/ticketing/tickets//comments"_s << 0;
        QTest::newRow("wrong method on tickets") << QByteArray("DELETE") << u"/v1/ticketing/tickets"_s << 2;
        QTest::newRow("wrong method on ticket") << QByteArray("PUT") << u"/v1/ticketing/tickets/1"_s << 2;
        QTest::newRow("get on message") << QByteArray("GET") << u"/v1/notifications/create"_s << 1;
        QTest::newRow("case of path") << QByteArray("GET") << u"/v1/Ticketing/tickets"_s << 0;
        QTest::newRow("no prefix") << QByteArray("GET") << u"/ticketing/tickets"_s << 0;
    }
    void noMatch() {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, knownMethods);
        QVERIFY(!Catalog::builtin().matchOperation(method, path).has_value());
        QCOMPARE(Catalog::builtin().methodsForPath(path).size(), knownMethods);
    }
};

QTEST_GUILESS_MAIN(TestCatalogRoutes)
#include "TestCatalogRoutes.moc"
