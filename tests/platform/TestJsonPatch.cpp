#include "platform/JsonPatch.h"
#include "platform/ListQuery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace pb;

namespace {
QJsonValue parse(const char* text)
{
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray(text));
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}
} // namespace

class TestJsonPatch final : public QObject {
    Q_OBJECT
private slots:
    void operations_data();
    void operations();
    void failedTestChangesNothing();
    void badPathFails();
    void notAnArrayIs415();
    void listFilters();
};

void TestJsonPatch::operations_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("add") << QByteArray(R"({"a":1})") << QByteArray(R"([{"op":"add","path":"/b","value":2}])")
                         << QByteArray(R"({"a":1,"b":2})");
    QTest::newRow("add-array-end") << QByteArray(R"({"l":[1]})") << QByteArray(R"([{"op":"add","path":"/l/-","value":2}])")
                                   << QByteArray(R"({"l":[1,2]})");
    QTest::newRow("add-array-insert") << QByteArray(R"({"l":[1,3]})")
                                      << QByteArray(R"([{"op":"add","path":"/l/1","value":2}])")
                                      << QByteArray(R"({"l":[1,2,3]})");
    QTest::newRow("remove") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"([{"op":"remove","path":"/a"}])")
                            << QByteArray(R"({"b":2})");
    QTest::newRow("replace-nested") << QByteArray(R"({"o":{"x":1}})")
                                    << QByteArray(R"([{"op":"replace","path":"/o/x","value":5}])")
                                    << QByteArray(R"({"o":{"x":5}})");
    QTest::newRow("move") << QByteArray(R"({"a":1})") << QByteArray(R"([{"op":"move","from":"/a","path":"/b"}])")
                          << QByteArray(R"({"b":1})");
    QTest::newRow("copy") << QByteArray(R"({"a":[1]})") << QByteArray(R"([{"op":"copy","from":"/a","path":"/b"}])")
                          << QByteArray(R"({"a":[1],"b":[1]})");
    QTest::newRow("test-ok") << QByteArray(R"({"a":"x"})")
                             << QByteArray(R"([{"op":"test","path":"/a","value":"x"},{"op":"replace","path":"/a","value":"y"}])")
                             << QByteArray(R"({"a":"y"})");
    QTest::newRow("escaped") << QByteArray(R"({"a/b":1,"m~n":2})")
                             << QByteArray(R"([{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}])")
                             << QByteArray(R"({"a/b":3})");
}

void TestJsonPatch::operations()
{
    QFETCH(QByteArray, doc);
    QFETCH(QByteArray, patch);
    QFETCH(QByteArray, expected);
    auto out = applyJsonPatch(parse(doc.constData()), parse(patch.constData()));
    QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.problem().toText()));
    QCOMPARE(*out, parse(expected.constData()));
}

void TestJsonPatch::failedTestChangesNothing()
{
    const QJsonValue doc = parse(R"({"a":"x"})");
    auto out = applyJsonPatch(doc, parse(R"([{"op":"replace","path":"/a","value":"z"},{"op":"test","path":"/a","value":"x"}])"));
    QVERIFY(!out.ok());
    QCOMPARE(out.problem().status, 409);
    QCOMPARE(doc, parse(R"({"a":"x"})"));
}

void TestJsonPatch::badPathFails()
{
    QVERIFY(!applyJsonPatch(parse(R"({"a":1})"), parse(R"([{"op":"replace","path":"/nope","value":1}])")).ok());
    QVERIFY(!applyJsonPatch(parse(R"({"a":1})"), parse(R"([{"op":"remove","path":"/nope"}])")).ok());
    QVERIFY(!applyJsonPatch(parse(R"({"a":1})"), parse(R"([{"op":"jump","path":"/a"}])")).ok());
    QVERIFY(!applyJsonPatch(parse(R"({"l":[1]})"), parse(R"([{"op":"add","path":"/l/5","value":1}])")).ok());
}

void TestJsonPatch::notAnArrayIs415()
{
    auto out = applyJsonPatch(parse(R"({"a":1})"), parse(R"({"a":2})"));
    QVERIFY(!out.ok());
    QCOMPARE(out.problem().status, 415);
}

void TestJsonPatch::listFilters()
{
    const QJsonArray items = parse(R"([{"name":"demo-a","environment":"test","n":3,"labels":["eu"]},
                                       {"name":"demo-b","environment":"prod","n":10,"labels":["us"]},
                                       {"name":"other","environment":"test","n":7,"labels":[]}])").toArray();
    auto run = [&](QList<QPair<QString, QString>> query) {
        ApiRequest r;
        r.query = query;
        auto q = ListQuery::parse(r);
        if (!q)
            return QStringList{QStringLiteral("error")};
        QStringList names;
        for (const QJsonValue& v : q->apply(items))
            names.append(v.toObject().value(QStringLiteral("name")).toString());
        return names;
    };
    const QString f = QStringLiteral("filter");
    QCOMPARE(run({{f, QStringLiteral("name[like]~demo-%")}}), (QStringList{QStringLiteral("demo-a"), QStringLiteral("demo-b")}));
    QCOMPARE(run({{f, QStringLiteral("name[not like]demo-%")}}), QStringList{QStringLiteral("other")});
    QCOMPARE(run({{f, QStringLiteral("environment[eq]test")}}), (QStringList{QStringLiteral("demo-a"), QStringLiteral("other")}));
    QCOMPARE(run({{f, QStringLiteral("environment[neq]test")}}), QStringList{QStringLiteral("demo-b")});
    QCOMPARE(run({{f, QStringLiteral("n[gt]3")}}), (QStringList{QStringLiteral("demo-b"), QStringLiteral("other")}));
    QCOMPARE(run({{f, QStringLiteral("n[gte]7")}, {f, QStringLiteral("n[lt]10")}}), QStringList{QStringLiteral("other")});
    QCOMPARE(run({{f, QStringLiteral("n[lte]3")}}), QStringList{QStringLiteral("demo-a")});
    QCOMPARE(run({{f, QStringLiteral("name[in]other,demo-b")}}), (QStringList{QStringLiteral("demo-b"), QStringLiteral("other")}));
    QCOMPARE(run({{f, QStringLiteral("name[not in]other,demo-b")}}), QStringList{QStringLiteral("demo-a")});
    QCOMPARE(run({{f, QStringLiteral("labels[eq]eu")}}), QStringList{QStringLiteral("demo-a")});
    QCOMPARE(run({{QStringLiteral("order"), QStringLiteral("n[desc]")}}),
             (QStringList{QStringLiteral("demo-b"), QStringLiteral("other"), QStringLiteral("demo-a")}));
    QCOMPARE(run({{QStringLiteral("limit"), QStringLiteral("1")}, {QStringLiteral("start_after"), QStringLiteral("demo-a")}}),
             QStringList{QStringLiteral("demo-b")});
    QCOMPARE(run({{f, QStringLiteral("name~bad")}}), QStringList{QStringLiteral("error")});
    QCOMPARE(run({{QStringLiteral("limit"), QStringLiteral("0")}}), QStringList{QStringLiteral("error")});
}

QTEST_GUILESS_MAIN(TestJsonPatch)
#include "TestJsonPatch.moc"
