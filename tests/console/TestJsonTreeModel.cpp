#include "gui/console/JsonTreeModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pb;
using namespace Qt::StringLiterals;

class TestJsonTreeModel final : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void showsNestedValues();
    void scalarGetsOneRow();
    void clearEmpties();
};

namespace {
QJsonObject sample() {
    return QJsonObject{
        {u"result"_s,
         QJsonArray{QJsonObject{{u"id"_s, u"DEMO-1"_s}, {u"tags"_s, QJsonArray{u"a"_s, u"b"_s}}, {u"n"_s, 3}},
                    QJsonObject{{u"id"_s, u"DEMO-2"_s}, {u"ok"_s, true}, {u"none"_s, QJsonValue::Null}}}},
        {u"cursor"_s, u"abc"_s}};
}
} // namespace

void TestJsonTreeModel::passesTheModelTester() {
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJson(sample());
    model.setJson(QJsonArray{1, 2, 3});
    model.setJson(QJsonValue(u"text"_s));
    model.clear();
    model.setJson(sample());
}

void TestJsonTreeModel::showsNestedValues() {
    JsonTreeModel model;
    model.setJson(sample());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 3);
    const QModelIndex result = model.index(1, 0); // keys are sorted: cursor, result
    QCOMPARE(result.data().toString(), u"result"_s);
    QCOMPARE(model.index(1, 1).data().toString(), u"[2]"_s);
    QCOMPARE(model.index(1, 2).data().toString(), u"array"_s);
    QCOMPARE(model.rowCount(result), 2);
    const QModelIndex first = model.index(0, 0, result);
    QCOMPARE(model.parent(first), result);
    QCOMPARE(model.rowCount(first), 3);
    const QModelIndex id = model.index(0, 0, first);
    QCOMPARE(id.data().toString(), u"id"_s);
    QCOMPARE(model.index(0, 1, first).data().toString(), u"DEMO-1"_s);
    QCOMPARE(id.data(JsonTreeModel::JsonPathRole).toString(), u"/result/0/id"_s);
    QCOMPARE(model.index(1, 1, first).data().toString(), u"3"_s);
    // Leaves have no children; other columns have none either.
    QCOMPARE(model.rowCount(id), 0);
    QCOMPARE(model.rowCount(model.index(1, 1)), 0);
    QVERIFY(!model.index(5, 0).isValid());
}

void TestJsonTreeModel::scalarGetsOneRow() {
    JsonTreeModel model;
    model.setJson(QJsonValue(true));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 1).data().toString(), u"true"_s);
    QCOMPARE(model.index(0, 2).data().toString(), u"boolean"_s);
}

void TestJsonTreeModel::clearEmpties() {
    JsonTreeModel model;
    model.setJson(sample());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "TestJsonTreeModel.moc"
