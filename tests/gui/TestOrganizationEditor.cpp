// The Organization editor: names and the token lifetimes (options.token_ttl and
// options.refresh_token_ttl, seconds on the wire, minutes and hours in the form).
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/EditorHost.h"

#include <QJsonObject>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestOrganizationEditor final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void editsTokenLifetimes();
    void viewerCannotEdit();

private:
    EditorPage* openOrganization(MainWindow& window);
    std::unique_ptr<GuiFixture> m_fixture;
};

EditorPage* TestOrganizationEditor::openOrganization(MainWindow& window)
{
    const QString orgId = m_fixture->ws().get(u"/v1/organization"_s).result()[u"id"_s].toString();
    if (!window.selectNode(NodeKind::Organization, orgId))
        return nullptr;
    return window.editorHost()->page(NodeKind::Organization);
}

void TestOrganizationEditor::editsTokenLifetimes()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    EditorPage* page = openOrganization(*window);
    QVERIFY(page);
    auto* access = page->findChild<QSpinBox*>(u"tokenTtlSpinBox"_s);
    auto* refresh = page->findChild<QSpinBox*>(u"refreshTtlSpinBox"_s);
    auto* save = window->editorHost()->findChild<QPushButton*>(u"saveButton"_s);
    QVERIFY(access && refresh && save);
    const QJsonObject before = m_fixture->ws().get(u"/v1/organization"_s).result()[u"options"_s].toObject();
    QCOMPARE(access->value(), int(before.value(u"token_ttl"_s).toInteger() / 60));
    QCOMPARE(access->maximum(), 1440); // personal tokens: at most 24 h

    access->setValue(90);
    refresh->setValue(48);
    QVERIFY(page->isDirty());
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(waitUntil([&] { return !page->isDirty(); }));
    const QJsonObject after = m_fixture->ws().get(u"/v1/organization"_s).result()[u"options"_s].toObject();
    QCOMPARE(after.value(u"token_ttl"_s).toInteger(), 90 * 60);
    QCOMPARE(after.value(u"refresh_token_ttl"_s).toInteger(), 48 * 3600);
}

void TestOrganizationEditor::viewerCannotEdit()
{
    auto api = m_fixture->client(m_fixture->viewerToken());
    auto window = openWindow(api.get());
    EditorPage* page = openOrganization(*window);
    QVERIFY(page);
    QVERIFY(page->findChild<QSpinBox*>(u"tokenTtlSpinBox"_s)->isReadOnly());
    QVERIFY(page->findChild<QSpinBox*>(u"refreshTtlSpinBox"_s)->isReadOnly());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestOrganizationEditor)
#include "TestOrganizationEditor.moc"
