// The filter box searches the workspace (GET /v1/search): it shows the matches with their
// ancestors, including nodes never loaded, keeps the current node, says when there are more
// matches than it shows, and clearing it brings back the lazily loaded tree as it was.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"

#include <QLineEdit>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestFilterSearch final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_fixture = std::make_unique<GuiFixture>();
        QVERIFY(m_fixture->ok());
    }
    void cleanupTestCase() { m_fixture.reset(); }
    void showsMatchesWithAncestorsAndClearsBack();
    void typingSearchesAfterAPause();
    void keepsTheCurrentNode();
    void saysWhenThereAreMore();
    void nodeTextIsStoredLowerCased();

private:
    static QStringList visible(QTreeView* view, const QModelIndex& parent = {}, const QString& prefix = {});
    std::unique_ptr<MainWindow> startedWindow(ApiClient* api);
    std::unique_ptr<GuiFixture> m_fixture;
};

// Paths of the rows a view shows (expanded rows only), e.g. "/Demo/Accounts/globex".
QStringList TestFilterSearch::visible(QTreeView* view, const QModelIndex& parent, const QString& prefix)
{
    QStringList out;
    const QAbstractItemModel* model = view->model();
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex idx = model->index(r, 0, parent);
        const QString path = prefix + u'/' + idx.data().toString();
        out.append(path);
        if (view->isExpanded(idx))
            out += visible(view, idx, path);
    }
    return out;
}

std::unique_ptr<MainWindow> TestFilterSearch::startedWindow(ApiClient* api)
{
    auto window = std::make_unique<MainWindow>(api);
    window->resize(1000, 700);
    window->show();
    window->start();
    waitUntil([&] { return window->treeModel()->isIdle() && window->treeModel()->rowCount() == 1; });
    return window;
}

void TestFilterSearch::showsMatchesWithAncestorsAndClearsBack()
{
    auto api = m_fixture->client();
    auto window = startedWindow(api.get());
    OrganizationTreeModel* model = window->treeModel();
    QTreeView* view = window->treeView();
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    const QStringList before = visible(view);
    const QString org = before.value(0);
    // The Accounts page is loaded (the window opens that group), no Account's groups are.
    QVERIFY2(before.contains(org + u"/Accounts/globex"_s), qPrintable(before.join(u'\n')));
    QVERIFY(!model->findNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)).isValid());

    window->setFilterText(u"jira"_s);
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    QVERIFY(model->isSearchActive());
    const QStringList shown = visible(view);
    // Exactly the match and its ancestors, opened.
    QCOMPARE(shown, (QStringList{org, org + u"/Accounts"_s, org + u"/Accounts/globex"_s,
                                 org + u"/Accounts/globex/Integrations"_s, org + u"/Accounts/globex/Integrations/Globex Jira"_s}));

    // Every word must match one object; the objects' own JSON is there for the editor.
    window->setFilterText(u"acme servicenow"_s);
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    const QModelIndex sn = model->findNode(NodeKind::Integration, m_fixture->id(u"acme-servicenow"_s));
    QVERIFY(sn.isValid());
    QCOMPARE(sn.data(OrganizationTreeModel::AccountIdRole).toString(), m_fixture->id(u"acme"_s));
    QCOMPARE(sn.data(OrganizationTreeModel::ObjectRole).toJsonObject().value(u"name"_s).toString(), u"acme-servicenow"_s);
    QVERIFY(!model->findNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)).isValid());
    QVERIFY(visible(view).contains(org + u"/Accounts/Acme Corporation/Integrations/Acme ServiceNow"_s));

    // Organization-level objects and an End User's e-mail.
    window->setFilterText(u"victor"_s);
    QVERIFY(visible(view).last().startsWith(org + u"/Members/"_s));
    QCOMPARE(visible(view).size(), 3);
    window->setFilterText(u"no-such-node"_s);
    QCOMPARE(visible(view), QStringList{org});

    // Cleared: the lazily loaded tree as it was, without loading it again.
    window->setFilterText(QString());
    QVERIFY(!model->isSearchActive());
    QVERIFY(model->isIdle());
    QCOMPARE(visible(view), before);
    QVERIFY(!model->findNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)).isValid());
}

void TestFilterSearch::typingSearchesAfterAPause()
{
    auto api = m_fixture->client();
    auto window = startedWindow(api.get());
    OrganizationTreeModel* model = window->treeModel();
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    // The tree's filter box (the audit views have filter boxes of their own).
    QLineEdit* edit = nullptr;
    for (QLineEdit* candidate : window->findChildren<QLineEdit*>(u"filterLineEdit"_s))
        if (candidate->accessibleName() == u"Filter the tree"_s)
            edit = candidate;
    QVERIFY(edit);
    QTest::keyClicks(edit, u"glob"_s);
    QCOMPARE(edit->text(), u"glob"_s);
    // The search follows the pause in typing.
    QVERIFY(!model->isSearchActive());
    QVERIFY(waitUntil([&] { return model->isSearchActive() && model->isIdle(); }));
    QCOMPARE(model->searchText(), u"glob"_s);
    QVERIFY(model->findNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)).isValid());
    // Typing on narrows the matches shown at once, before the next search.
    const QStringList before = visible(window->treeView());
    QVERIFY(before.last().endsWith(u"/Globex Jira"_s));
    QTest::keyClicks(edit, u"x"_s);
    QCOMPARE(model->searchText(), u"glob"_s);
    QCOMPARE(visible(window->treeView()), QStringList{before.first()});
    QVERIFY(waitUntil([&] { return model->searchText() == u"globx"_s && model->isIdle(); }));
    QCOMPARE(visible(window->treeView()), QStringList{before.first()});
    // Emptying the box returns at once.
    edit->clear();
    QVERIFY(!model->isSearchActive());
}

void TestFilterSearch::keepsTheCurrentNode()
{
    auto api = m_fixture->client();
    auto window = startedWindow(api.get());
    OrganizationTreeModel* model = window->treeModel();
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    QVERIFY(window->selectNode(NodeKind::Account, m_fixture->id(u"globex"_s)));
    window->setFilterText(u"globex"_s);
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    auto currentId = [&] {
        return window->filterProxy()->mapToSource(window->treeView()->currentIndex()).data(OrganizationTreeModel::IdRole).toString();
    };
    QCOMPARE(currentId(), m_fixture->id(u"globex"_s));
    // A node found only by the search can be selected and edited, then stays selected when
    // the filter is refined.
    QVERIFY(window->selectNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)));
    window->setFilterText(u"globex jira"_s);
    QCOMPARE(currentId(), m_fixture->id(u"globex-jira"_s));
    window->setFilterText(QString());
    QVERIFY(!model->isSearchActive());
}

void TestFilterSearch::saysWhenThereAreMore()
{
    auto api = m_fixture->client();
    auto window = startedWindow(api.get());
    OrganizationTreeModel* model = window->treeModel();
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    model->setSearchLimit(1);
    window->setFilterText(u"e"_s); // in nearly every name
    QVERIFY(waitUntil([&] { return model->isIdle(); }));
    QVERIFY(model->searchHasMore());
    QVERIFY(!window->statusBar()->currentMessage().isEmpty());
    model->setSearchLimit(OrganizationTreeModel::DefaultSearchLimit);
    window->setFilterText(u"globex jira"_s);
    QVERIFY(!model->searchHasMore());
}

void TestFilterSearch::nodeTextIsStoredLowerCased()
{
    auto api = m_fixture->client();
    auto window = startedWindow(api.get());
    window->setFilterText(u"ACME"_s);
    QVERIFY(waitUntil([&] { return window->treeModel()->isIdle(); }));
    const QModelIndex acme = window->treeModel()->findNode(NodeKind::Account, m_fixture->id(u"acme"_s));
    QVERIFY(acme.isValid());
    const QString text = acme.data(OrganizationTreeModel::FilterTextRole).toString();
    QVERIFY(text.contains(u"acme corporation"_s));
    QCOMPARE(text, text.toLower());
    QVERIFY(text.contains(u"gold"_s));
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestFilterSearch)
#include "TestFilterSearch.moc"
