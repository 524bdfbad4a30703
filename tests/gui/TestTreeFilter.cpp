// The filter box matches across every level, finds nodes never expanded, keeps ancestors.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/models/OrganizationFilterProxy.h"
#include "gui/models/OrganizationTreeModel.h"
#include "gui/models/TreeFilter.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestTreeFilter final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void filterRule();
    void keepsAncestorsAndLoadsUnexpanded();

private:
    static QStringList visible(const QAbstractItemModel* model, const QModelIndex& parent = {}, const QString& prefix = {});
    std::unique_ptr<GuiFixture> m_fixture;
};

QStringList TestTreeFilter::visible(const QAbstractItemModel* model, const QModelIndex& parent, const QString& prefix)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex idx = model->index(r, 0, parent);
        const QString path = prefix + u'/' + idx.data().toString();
        out.append(path);
        out += visible(model, idx, path);
    }
    return out;
}

void TestTreeFilter::filterRule()
{
    TreeFilter filter;
    QVERIFY(filter.isEmpty());
    filter.setText(u"  jira   GLOBEX "_s);
    QVERIFY(filter.matches(u"globex-jira Globex Jira ticketing_jira"_s));
    QVERIFY(!filter.matches(u"acme-servicenow"_s));
    QVERIFY(!filter.matches(QString()));
}

void TestTreeFilter::keepsAncestorsAndLoadsUnexpanded()
{
    auto api = m_fixture->client();
    auto window = std::make_unique<MainWindow>(api.get());
    window->start();
    QVERIFY(waitUntil([&] { return window->treeModel()->isIdle() && window->treeModel()->rowCount() == 1; }));
    // No Account has been expanded: the Integration is not loaded yet.
    QVERIFY(!window->treeModel()->findNode(NodeKind::Integration, m_fixture->id(u"globex-jira"_s)).isValid());

    window->setFilterText(u"jira"_s);
    QVERIFY(waitUntil([&] { return window->treeModel()->isIdle(); }));
    const QStringList shown = visible(window->filterProxy());
    QVERIFY2(shown.contains(u"/Demo/Accounts/globex/Integrations/Globex Jira"_s.mid(5).prepend(shown.value(0))),
             qPrintable(shown.join(u'\n')));
    // Ancestors stay; unrelated branches go.
    QVERIFY(std::none_of(shown.cbegin(), shown.cend(), [](const QString& p) { return p.contains(u"Acme"_s); }));
    QVERIFY(std::none_of(shown.cbegin(), shown.cend(), [](const QString& p) { return p.contains(u"Members"_s); }));

    // A label matches too: Acme is labelled "gold".
    window->setFilterText(u"gold"_s);
    const QStringList gold = visible(window->filterProxy());
    QVERIFY2(std::any_of(gold.cbegin(), gold.cend(), [](const QString& p) { return p.endsWith(u"/Accounts/Acme Corporation"_s); }),
             qPrintable(gold.join(u'\n')));
    QVERIFY(std::none_of(gold.cbegin(), gold.cend(), [](const QString& p) { return p.contains(u"globex"_s); }));

    window->setFilterText(QString());
    QVERIFY(visible(window->filterProxy()).size() > gold.size());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestTreeFilter)
#include "TestTreeFilter.moc"
