// Click-through: create an Account in the main window, with inline validation.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/EditorHost.h"
#include "gui/models/OrganizationTreeModel.h"
#include "gui/widgets/FieldMarks.h"
#include "gui/widgets/MessageBox.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestAccountFlow final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void createAccount();
    void apiProblemLandsOnItsField();
    void unsavedChangesGuard();

private:
    std::unique_ptr<GuiFixture> m_fixture;
};

void TestAccountFlow::createAccount()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    window->newObjectOf(NodeKind::Account);
    EditorPage* page = window->editorHost()->page(NodeKind::Account);
    QCOMPARE(window->editorHost()->currentPage(), page);
    auto* save = window->editorHost()->findChild<QPushButton*>(u"saveButton"_s);
    auto* fullname = page->findChild<QLineEdit*>(u"fullnameLineEdit"_s);
    auto* name = page->findChild<QLineEdit*>(u"nameLineEdit"_s);
    auto* nameReason = page->findChild<QLabel*>(u"nameReasonLabel"_s);
    QVERIFY(save && fullname && name && nameReason);
    QVERIFY(!save->isEnabled()); // nothing typed yet

    QTest::keyClicks(fullname, u"Initech Inc"_s);
    QTest::keyClicks(name, u"Initech Inc!"_s);
    // A bad name is marked with its reason, and Save stays disabled.
    QVERIFY(!nameReason->isHidden());
    QVERIFY(nameReason->text().contains(u"lower-case"_s));
    QVERIFY(!save->isEnabled());
    name->clear();
    QTest::keyClicks(name, u"initech"_s);
    QVERIFY(nameReason->isHidden());
    page->findChild<QComboBox*>(u"environmentComboBox"_s)->setCurrentIndex(1); // Test
    QTest::keyClicks(page->findChild<QLineEdit*>(u"labelsLineEdit"_s), u"us, trial"_s);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(waitUntil([&] { return !page->isDirty(); }));

    const ApiResponse stored = m_fixture->ws().get(u"/v1/accounts/initech"_s);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.result()[u"environment"_s].toString(), u"test"_s);
    QCOMPARE(stored.result()[u"labels"_s].toArray(), (QJsonArray{u"us"_s, u"trial"_s}));
    // The tree shows (and selects) the new Account.
    const QModelIndex node = window->treeModel()->findNode(NodeKind::Account, stored.result()[u"id"_s].toString());
    QVERIFY(node.isValid());
    QCOMPARE(node.data().toString(), u"Initech Inc"_s);
}

void TestAccountFlow::apiProblemLandsOnItsField()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    window->newObjectOf(NodeKind::Account);
    EditorPage* page = window->editorHost()->page(NodeKind::Account);
    QTest::keyClicks(page->findChild<QLineEdit*>(u"fullnameLineEdit"_s), u"Another Acme"_s);
    QTest::keyClicks(page->findChild<QLineEdit*>(u"nameLineEdit"_s), u"acme"_s); // taken
    page->commit();
    QVERIFY(waitUntil([&] { return !page->isBusy(); }));
    // The 409 names "name": it is shown beside the name field, not in a message box.
    QVERIFY(page->marks()->reasonOf(u"name"_s).contains(u"already taken"_s));
    QVERIFY(!page->findChild<QLabel*>(u"nameReasonLabel"_s)->isHidden());
    QVERIFY(page->isDirty());
    QCOMPARE(m_fixture->ws().get(u"/v1/accounts?filter=name[eq]another-acme"_s).result().toArray().size(), 0);
}

void TestAccountFlow::unsavedChangesGuard()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    QVERIFY(window->selectNode(NodeKind::Account, m_fixture->id(u"globex"_s)));
    EditorPage* page = window->editorHost()->page(NodeKind::Account);
    auto* fullname = page->findChild<QLineEdit*>(u"fullnameLineEdit"_s);
    QTest::keyClicks(fullname, u" (edited)"_s);
    QVERIFY(page->isDirty());
    // Cancel: the selection stays, the edit too.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!window->selectNode(NodeKind::Account, m_fixture->id(u"acme"_s)));
    QVERIFY(MessageBox::lastText().contains(u"unsaved changes"_s));
    QCOMPARE(window->editorHost()->currentPage()->context().id, m_fixture->id(u"globex"_s));
    QVERIFY(fullname->text().endsWith(u"(edited)"_s));
    // Discard: moves on, nothing saved.
    MessageBox::setNextAnswer(QMessageBox::Discard);
    QVERIFY(window->selectNode(NodeKind::Account, m_fixture->id(u"acme"_s)));
    QVERIFY(!m_fixture->ws().get(u"/v1/accounts/globex"_s).result()[u"fullname"_s].toString().endsWith(u"(edited)"_s));
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestAccountFlow)
#include "TestAccountFlow.moc"
