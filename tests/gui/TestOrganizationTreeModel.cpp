// The organization tree over a populated workspace, under QAbstractItemModelTester.
#include "GuiFixture.h"

#include "gui/models/OrganizationTreeModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestOrganizationTreeModel final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void structureAndLazyLoading();
    void everyGroupUnderTheTester();
    void upsertAndRemove();
    void failingGroupShowsErrorRow();

private:
    static QModelIndex child(const QAbstractItemModel& model, const QModelIndex& parent, const QString& title);
    std::unique_ptr<GuiFixture> m_fixture;
};

void TestOrganizationTreeModel::initTestCase()
{
    m_fixture = std::make_unique<GuiFixture>();
    QVERIFY(m_fixture->ok());
}

void TestOrganizationTreeModel::cleanupTestCase()
{
    m_fixture.reset();
}

QModelIndex TestOrganizationTreeModel::child(const QAbstractItemModel& model, const QModelIndex& parent, const QString& title)
{
    for (int r = 0; r < model.rowCount(parent); ++r)
        if (model.index(r, 0, parent).data().toString() == title)
            return model.index(r, 0, parent);
    return {};
}

void TestOrganizationTreeModel::structureAndLazyLoading()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex org = model.index(0, 0);
    QCOMPARE(OrganizationTreeModel::kindOf(org), NodeKind::Organization);
    QCOMPARE(model.rowCount(org), 3);
    const QModelIndex accounts = child(model, org, u"Accounts"_s);
    QVERIFY(accounts.isValid());
    // Not fetched yet: children are promised, none exist, and fetching is possible.
    QVERIFY(model.hasChildren(accounts));
    QCOMPARE(model.rowCount(accounts), 0);
    QVERIFY(model.canFetchMore(accounts));
    // The tester walks (and so fetches) everything: attach it once laziness is checked.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore(accounts);
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QVERIFY(!model.canFetchMore(accounts));
    QCOMPARE(model.rowCount(accounts), 2);
    const QModelIndex acme = child(model, accounts, u"Acme Corporation"_s);
    QVERIFY(acme.isValid());
    QCOMPARE(acme.data(OrganizationTreeModel::IdRole).toString(), m_fixture->id(u"acme"_s));
    QCOMPARE(acme.data(OrganizationTreeModel::ObjectRole).toJsonObject().value(u"environment"_s).toString(), u"prod"_s);
    QVERIFY(acme.data(OrganizationTreeModel::FilterTextRole).toString().contains(u"gold"_s));
    QVERIFY(!acme.data(Qt::DecorationRole).value<QIcon>().isNull());
    // The Account's own groups: Integrations, Credentials, End Users.
    QCOMPARE(model.rowCount(acme), 3);
    const QModelIndex integrations = child(model, acme, u"Integrations"_s);
    model.fetchMore(integrations);
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(model.rowCount(integrations), 1);
    const QModelIndex sn = model.index(0, 0, integrations);
    QCOMPARE(sn.data().toString(), u"Acme ServiceNow"_s);
    QCOMPARE(sn.data(OrganizationTreeModel::AccountIdRole).toString(), m_fixture->id(u"acme"_s));
    QVERIFY(!model.hasChildren(sn));
    // Sort role: groups in fixed order before items, items by lower-cased name.
    QVERIFY(integrations.data(OrganizationTreeModel::SortRole).toString()
            < child(model, acme, u"End Users"_s).data(OrganizationTreeModel::SortRole).toString());
    QCOMPARE(sn.data(OrganizationTreeModel::SortRole).toString(), u"1acme servicenow"_s);
}

void TestOrganizationTreeModel::everyGroupUnderTheTester()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEagerLoading(true);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    for (const auto& [kind, name] : {std::pair{NodeKind::Integration, u"globex-jira"_s}, {NodeKind::Credential, u"acme-basic"_s},
                                     {NodeKind::EndUser, u"alice"_s}, {NodeKind::IntegrationPoint, u"eu-ticketing"_s}}) {
        const QModelIndex found = model.findNode(kind, m_fixture->id(name));
        QVERIFY2(found.isValid(), qPrintable(name));
    }
    // Three members: the administrator, victor, and nobody else.
    const QModelIndex members = model.groupIndex(NodeKind::MembersGroup);
    QCOMPARE(model.rowCount(members), 2);
    // Refreshing a fetched group fetches it again, with the same rows.
    model.refresh(model.groupIndex(NodeKind::AccountsGroup));
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(model.rowCount(model.groupIndex(NodeKind::AccountsGroup)), 2);
    QVERIFY(model.findNode(NodeKind::Account, m_fixture->id(u"globex"_s)).isValid());
}

void TestOrganizationTreeModel::upsertAndRemove()
{
    auto api = m_fixture->client();
    OrganizationTreeModel model(api.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEagerLoading(true);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    const QModelIndex accounts = model.groupIndex(NodeKind::AccountsGroup);
    const int before = model.rowCount(accounts);
    const QModelIndex added = model.upsert(NodeKind::Account, {}, QJsonObject{{u"id"_s, u"x-1"_s}, {u"name"_s, u"initech"_s}});
    QVERIFY(added.isValid());
    QCOMPARE(model.rowCount(accounts), before + 1);
    QCOMPARE(model.rowCount(added), 3); // its groups come with it
    const QModelIndex renamed =
        model.upsert(NodeKind::Account, {}, QJsonObject{{u"id"_s, u"x-1"_s}, {u"name"_s, u"initech"_s}, {u"fullname"_s, u"Initech"_s}});
    QCOMPARE(renamed, added);
    QCOMPARE(renamed.data().toString(), u"Initech"_s);
    model.removeNode(NodeKind::Account, u"x-1"_s);
    QCOMPARE(model.rowCount(accounts), before);
}

void TestOrganizationTreeModel::failingGroupShowsErrorRow()
{
    // The End Users of an Account that does not exist: 404 -> an error row, no fetch loop.
    auto api = m_fixture->client(m_fixture->viewerToken());
    OrganizationTreeModel model(api.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reload();
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    model.fetchMore(model.groupIndex(NodeKind::AccountsGroup));
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QVERIFY(model.upsert(NodeKind::Account, {}, QJsonObject{{u"id"_s, u"ghost"_s}, {u"name"_s, u"ghost"_s}}).isValid());
    const QModelIndex ghostUsers = model.groupIndex(NodeKind::EndUsersGroup, u"ghost"_s);
    model.fetchMore(ghostUsers); // (the tester may have fetched it already)
    QVERIFY(waitUntil([&] { return model.isIdle(); }));
    QCOMPARE(model.rowCount(ghostUsers), 1);
    QCOMPARE(OrganizationTreeModel::kindOf(model.index(0, 0, ghostUsers)), NodeKind::Error);
    QVERIFY(model.index(0, 0, ghostUsers).data().toString().startsWith(u"Could not load"_s));
    QVERIFY(!model.canFetchMore(ghostUsers));
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestOrganizationTreeModel)
#include "TestOrganizationTreeModel.moc"
