// The organization tree loads a group a page at a time: the first page shows at once, more
// pages follow when asked (fetchMore), when a view shows the last loaded row, or in idle time,
// always appended in the API's name order.
#include "GuiFixture.h"

#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestTreePaging final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase() { m_fixture.reset(); }
    void pagesOnRequest();
    void pagesInIdleTime();
    void viewShowingTheLastRowFetchesMore();
    void upsertedRowIsNotDuplicatedByALaterPage();

private:
    static QStringList names(const QAbstractItemModel& model, const QModelIndex& parent);
    std::unique_ptr<GuiFixture> m_fixture;
    QStringList m_allNames;
};

void TestTreePaging::initTestCase()
{
    m_fixture = std::make_unique<GuiFixture>();
    QVERIFY(m_fixture->ok());
    for (int i = 0; i < 5; ++i)
        m_fixture->ws().createAccount(u"pager-%1"_s.arg(i), u"test"_s);
    m_allNames = QStringList{u"acme"_s, u"globex"_s, u"pager-0"_s, u"pager-1"_s, u"pager-2"_s, u"pager-3"_s, u"pager-4"_s};
}

QStringList TestTreePaging::names(const QAbstractItemModel& model, const QModelIndex& parent)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r)
        out.append(model.index(r, 0, parent).data(OrganizationTreeModel::ObjectRole).toJsonObject().value(u"name"_s).toString());
    return out;
}

void TestTreePaging::pagesOnRequest()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    model.setPageSize(3);
    model.setBackgroundPaging(false);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    const QModelIndex accounts = model.groupIndex(NodeKind::AccountsGroup);
    model.fetchMore(accounts);
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    // The first page only; more can be fetched.
    QCOMPARE(names(model, accounts), m_allNames.mid(0, 3));
    QVERIFY(model.canFetchMore(accounts));
    QVERIFY(model.hasChildren(accounts));
    // Each request appends the next page, in order.
    model.fetchMore(accounts);
    QVERIFY(!model.canFetchMore(accounts)); // claimed at once: no second request for the same page
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(names(model, accounts), m_allNames.mid(0, 6));
    QVERIFY(model.canFetchMore(accounts));
    {
        // Under the tester (which fetches whatever it can): the model stays consistent.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore(accounts);
        QVERIFY(waitUntil([&] { return model.isIdle(); }));
        QCOMPARE(names(model, accounts), m_allNames);
        QVERIFY(!model.canFetchMore(accounts)); // a short page was the last
    }
    // Refreshing starts again from the first page.
    model.refresh(accounts);
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(names(model, accounts), m_allNames.mid(0, 3));
}

void TestTreePaging::pagesInIdleTime()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(2);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    const QModelIndex accounts = model.groupIndex(NodeKind::AccountsGroup);
    model.fetchMore(accounts);
    // One request; the other pages follow on their own, and idle() means all are in.
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(names(model, accounts), m_allNames);
    QVERIFY(!model.canFetchMore(accounts));
}

void TestTreePaging::viewShowingTheLastRowFetchesMore()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    model.setPageSize(3);
    model.setBackgroundPaging(false);
    OrganizationFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTreeView view;
    view.setModel(&proxy);
    view.sortByColumn(0, Qt::AscendingOrder);
    view.setSortingEnabled(true);
    view.resize(300, 600);
    view.show();
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle() && model.rowCount() == 1; }));
    view.expand(proxy.index(0, 0));
    view.expand(proxy.mapFromSource(model.groupIndex(NodeKind::AccountsGroup)));
    // Expanding fetched the first page; the view shows its last row, which asks for the next
    // page, and so on until every page is in.
    QVERIFY(waitUntil([&] { return model.isIdle() && model.rowCount(model.groupIndex(NodeKind::AccountsGroup)) == 7; }));
    QVERIFY(!model.canFetchMore(model.groupIndex(NodeKind::AccountsGroup)));
    // Shown sorted like a fully loaded tree.
    const QModelIndex shownAccounts = proxy.mapFromSource(model.groupIndex(NodeKind::AccountsGroup));
    QCOMPARE(names(proxy, shownAccounts), m_allNames);
}

void TestTreePaging::upsertedRowIsNotDuplicatedByALaterPage()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    model.setPageSize(3);
    model.setBackgroundPaging(false);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    const QModelIndex accounts = model.groupIndex(NodeKind::AccountsGroup);
    model.fetchMore(accounts);
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    // Saved in an editor while only the first page is in: shown at once, not twice later.
    const QJsonObject pager4 = m_fixture->ws().get(u"/v1/accounts/pager-4"_s).result().toObject();
    QVERIFY(model.upsert(NodeKind::Account, {}, pager4).isValid());
    QCOMPARE(model.rowCount(accounts), 4);
    while (model.canFetchMore(accounts)) {
        model.fetchMore(accounts);
        QVERIFY(waitUntil([&] { return model.isIdle(); }));
    }
    QStringList all = names(model, accounts);
    QCOMPARE(all.size(), m_allNames.size());
    all.sort();
    QCOMPARE(all, m_allNames);
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestTreePaging)
#include "TestTreePaging.moc"
