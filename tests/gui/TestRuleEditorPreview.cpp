// The Integration Point rule editor's live impact preview names the Integrations that the edited
// rules would break, and why, before anything is saved.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/IntegrationPointEditor.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestRuleEditorPreview final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void previewNamesWhatWouldBreak();
    void harmlessEditBreaksNothing();

private:
    IntegrationPointEditor* open(MainWindow* window);
    std::unique_ptr<GuiFixture> m_fixture;
};

IntegrationPointEditor* TestRuleEditorPreview::open(MainWindow* window)
{
    if (!window->selectNode(NodeKind::IntegrationPoint, m_fixture->id(u"eu-ticketing"_s)))
        return nullptr;
    return qobject_cast<IntegrationPointEditor*>(window->editorHost()->currentPage());
}

void TestRuleEditorPreview::previewNamesWhatWouldBreak()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    IntegrationPointEditor* editor = open(window.get());
    QVERIFY(editor);
    QSignalSpy finished(editor, &IntegrationPointEditor::previewFinished);
    // Test Accounts may now use ServiceNow only: globex's Jira Integration would break.
    editor->setAllowedProviders(u"test"_s, {u"ticketing_servicenow"_s});
    QVERIFY(editor->isDirty());
    QVERIFY(finished.wait(5000)); // the debounced preview runs by itself
    QCOMPARE(editor->wouldBreak(), QStringList{m_fixture->id(u"globex-jira"_s)});
    const QString text = editor->previewText();
    // Named, with its Account and the rule it would break.
    QVERIFY2(text.contains(u"globex-jira | globex | "_s), qPrintable(text));
    QVERIFY2(text.contains(u"not allowed for test Accounts"_s), qPrintable(text));
    QVERIFY(!text.contains(u"acme-servicenow"_s));
    // Nothing was saved: the Integration is still compliant.
    QCOMPARE(m_fixture->ws().get(u"/v1/integrations/globex/globex-jira"_s).result()[u"compliance"_s].toString(),
             u"compliant"_s);

    // Hosts limited to *.service-now.com: only Jira's host is outside.
    editor->setAllowedProviders(u"test"_s, {u"*"_s});
    editor->setHostPatterns({u"*.service-now.com"_s});
    editor->previewNow();
    QCOMPARE(editor->wouldBreak(), QStringList{m_fixture->id(u"globex-jira"_s)});
    QVERIFY(editor->previewText().contains(u"globex.atlassian.net"_s));
    editor->revert();
}

void TestRuleEditorPreview::harmlessEditBreaksNothing()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    IntegrationPointEditor* editor = open(window.get());
    QVERIFY(editor);
    editor->setHttpsRequired(true); // both Integrations use https already
    editor->previewNow();
    QVERIFY(editor->wouldBreak().isEmpty());
    QVERIFY(editor->previewText().contains(u"No Integration would become non-compliant"_s));
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestRuleEditorPreview)
#include "TestRuleEditorPreview.moc"
