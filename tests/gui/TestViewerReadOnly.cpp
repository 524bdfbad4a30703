// A viewer sees every editor read-only: no Save, no New, no Delete, no Reveal, no token issuing.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/TokensPage.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestViewerReadOnly final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void everyEditorReadOnly_data();
    void everyEditorReadOnly();
    void noCreatingOrIssuing();

private:
    std::unique_ptr<GuiFixture> m_fixture;
};

void TestViewerReadOnly::everyEditorReadOnly_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("account") << int(NodeKind::Account) << u"acme"_s;
    QTest::newRow("integration") << int(NodeKind::Integration) << u"acme-servicenow"_s;
    QTest::newRow("credential") << int(NodeKind::Credential) << u"acme-basic"_s;
    QTest::newRow("end user") << int(NodeKind::EndUser) << u"alice"_s;
    QTest::newRow("integration point") << int(NodeKind::IntegrationPoint) << u"eu-ticketing"_s;
}

void TestViewerReadOnly::everyEditorReadOnly()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    auto api = m_fixture->client(m_fixture->viewerToken());
    QCOMPARE(api->role(), u"viewer"_s);
    auto window = openWindow(api.get());
    QVERIFY(window->selectNode(NodeKind(kind), m_fixture->id(name)));
    EditorPage* page = window->editorHost()->currentPage();
    QVERIFY(page);
    QCOMPARE(page->context().id, m_fixture->id(name));
    QVERIFY(page->isReadOnly());
    QVERIFY(window->editorHost()->findChild<QPushButton*>(u"saveButton"_s)->isHidden());
    QVERIFY(window->editorHost()->findChild<QPushButton*>(u"deleteButton"_s)->isHidden());
    auto* fullname = page->findChild<QLineEdit*>(u"fullnameLineEdit"_s);
    QVERIFY(fullname->isReadOnly());
    QTest::keyClicks(fullname, u"changed"_s);
    QVERIFY(!page->isDirty());
    if (NodeKind(kind) == NodeKind::Credential)
        QVERIFY(page->findChild<QPushButton*>(u"revealButton"_s)->isHidden());
}

void TestViewerReadOnly::noCreatingOrIssuing()
{
    auto api = m_fixture->client(m_fixture->viewerToken());
    auto window = openWindow(api.get());
    const auto actions = window->findChildren<QAction*>();
    for (QAction* a : actions)
        if (a->objectName() == u"actionNew"_s || a->objectName() == u"actionDelete"_s)
            QVERIFY2(!a->isEnabled(), qPrintable(a->objectName()));
    EditorPage* before = window->editorHost()->currentPage();
    window->newObjectOf(NodeKind::Account);
    QCOMPARE(window->editorHost()->currentPage(), before);
    QVERIFY(!window->tokensPage()->findChild<QPushButton*>(u"issueButton"_s)->isEnabled());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestViewerReadOnly)
#include "TestViewerReadOnly.moc"
