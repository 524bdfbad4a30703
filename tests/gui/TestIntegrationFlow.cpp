// Click-through: an Integration under an Integration Point; a disallowed provider is refused
// with its reason, the config form is generated and validated, the Integration is created.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/ConfigForm.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/IntegrationEditor.h"
#include "gui/widgets/FieldMarks.h"

#include <QJsonArray>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestIntegrationFlow final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void disallowedProviderRefusedWithReason();
    void createIntegration();

private:
    IntegrationEditor* openNew(MainWindow* window);
    std::unique_ptr<GuiFixture> m_fixture;
};

IntegrationEditor* TestIntegrationFlow::openNew(MainWindow* window)
{
    window->newObjectOf(NodeKind::Integration, m_fixture->id(u"acme"_s)); // acme is a prod Account
    auto* page = qobject_cast<IntegrationEditor*>(window->editorHost()->currentPage());
    if (page)
        page->setIntegrationPoint(u"eu-ticketing"_s);
    return page;
}

void TestIntegrationFlow::disallowedProviderRefusedWithReason()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    IntegrationEditor* page = openNew(window.get());
    QVERIFY(page);
    // Only the Integration Point's connector is offered; Jira is greyed, with the rule.
    const auto options = page->options();
    QVERIFY(std::all_of(options.cbegin(), options.cend(), [](const ProviderOption& o) { return o.connectorId == u"ticketing"_s; }));
    auto* list = page->findChild<QListWidget*>(u"providerListWidget"_s);
    QListWidgetItem* jira = nullptr;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == u"ticketing_jira"_s)
            jira = list->item(i);
    QVERIFY(jira);
    QVERIFY(!(jira->flags() & Qt::ItemIsEnabled));
    QVERIFY(jira->toolTip().contains(u"EU ticketing"_s));
    QVERIFY(jira->toolTip().contains(u"ServiceNow"_s));
    auto* rule = page->findChild<QLabel*>(u"providerRuleLabel"_s);
    QVERIFY(rule->text().contains(u"Atlassian Jira"_s) || rule->text().contains(u"Jira"_s));

    QVERIFY(!page->selectProvider(u"ticketing_jira"_s));
    auto* reason = page->findChild<QLabel*>(u"providerReasonLabel"_s);
    QVERIFY(!reason->isHidden());
    QVERIFY(reason->text().contains(u"allows only ServiceNow"_s));
    QVERIFY(page->selectedProvider().isEmpty());
    QVERIFY(!window->editorHost()->findChild<QPushButton*>(u"saveButton"_s)->isEnabled());
    // The credential choice is on the form whatever the provider.
    QVERIFY(page->findChild<QComboBox*>(u"credentialComboBox"_s)->isVisibleTo(page));
}

void TestIntegrationFlow::createIntegration()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    IntegrationEditor* page = openNew(window.get());
    QVERIFY(page);
    QVERIFY(page->selectProvider(u"ticketing_servicenow"_s));
    // The form comes from the catalog: ServiceNow has url (required), table, assignment group.
    auto* url = qobject_cast<QLineEdit*>(page->configForm()->fieldWidget(u"url"_s));
    auto* table = qobject_cast<QLineEdit*>(page->configForm()->fieldWidget(u"table"_s));
    QVERIFY(url && table);
    QTest::keyClicks(page->findChild<QLineEdit*>(u"fullnameLineEdit"_s), u"Acme incidents"_s);
    QVERIFY(page->selectCredential(m_fixture->id(u"acme-basic"_s)));
    auto* save = window->editorHost()->findChild<QPushButton*>(u"saveButton"_s);
    QVERIFY(!page->marks()->reasonOf(u"provider_config.url"_s).isEmpty()); // required, empty
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(url, u"not a url"_s);
    QVERIFY(page->marks()->reasonOf(u"provider_config.url"_s).contains(u"URL"_s));
    QTest::keyClicks(table, u"Bad Table"_s); // the catalog's pattern: [a-z][a-z0-9_]*
    QVERIFY(!page->marks()->reasonOf(u"provider_config.table"_s).isEmpty());
    QVERIFY(!save->isEnabled());
    url->clear();
    QTest::keyClicks(url, u"https://acme-eu.service-now.com"_s);
    table->clear();
    QTest::keyClicks(table, u"incident"_s);
    QVERIFY2(page->isValid(), qPrintable(page->marks()->bannerText()));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(waitUntil([&] { return !page->isDirty() && !page->isBusy(); }));

    const QJsonArray list = m_fixture->ws().get(u"/v1/integrations/acme"_s).result().toArray();
    QCOMPARE(list.size(), 2);
    QJsonObject created;
    for (const QJsonValue& v : list)
        if (v[u"fullname"_s].toString() == u"Acme incidents"_s)
            created = v.toObject();
    QCOMPARE(created[u"provider_type"_s].toString(), u"ticketing_servicenow"_s);
    QCOMPARE(created[u"provider_config"_s][u"table"_s].toString(), u"incident"_s);
    QCOMPARE(created[u"integration_point_id"_s].toString(), m_fixture->id(u"eu-ticketing"_s));
    QVERIFY(window->treeModel()->findNode(NodeKind::Integration, created[u"id"_s].toString()).isValid());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestIntegrationFlow)
#include "TestIntegrationFlow.moc"
