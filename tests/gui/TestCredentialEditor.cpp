// The credential editor: secrets masked and never loaded; Reveal (administrators) shows them;
// typing a new secret rotates it; an untouched secret field keeps the stored secret.
#include "GuiFixture.h"

#include "gui/editors/CredentialEditor.h"
#include "gui/editors/EditorHost.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestCredentialEditor final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void maskedRevealAndRotate();

private:
    QString revealedSecret();
    std::unique_ptr<GuiFixture> m_fixture;
};

QString TestCredentialEditor::revealedSecret()
{
    const ApiResponse r = m_fixture->ws().get(u"/v1/credentials/acme/acme-basic/reveal"_s);
    return r.result()[u"config"_s][u"secret"_s].toString();
}

void TestCredentialEditor::maskedRevealAndRotate()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    QVERIFY(window->selectNode(NodeKind::Credential, m_fixture->id(u"acme-basic"_s)));
    auto* page = qobject_cast<CredentialEditor*>(window->editorHost()->currentPage());
    QVERIFY(page);
    QCOMPARE(page->currentType(), u"basic"_s);
    auto* secret = page->findChild<QLineEdit*>(u"basicSecretLineEdit"_s);
    QCOMPARE(page->findChild<QLineEdit*>(u"usernameLineEdit"_s)->text(), u"bot@acme.example"_s);
    // Not loaded, masked.
    QVERIFY(secret->text().isEmpty());
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    auto* reveal = page->findChild<QPushButton*>(u"revealButton"_s);
    QVERIFY(!reveal->isHidden());
    QTest::mouseClick(reveal, Qt::LeftButton);
    QVERIFY(waitUntil([&] { return page->secretsRevealed(); }));
    QCOMPARE(secret->text(), u"s3cret-acme"_s);
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    QVERIFY(!page->isDirty()); // revealing is not editing

    // Renaming alone keeps the stored secret.
    auto* fullname = page->findChild<QLineEdit*>(u"fullnameLineEdit"_s);
    fullname->clear();
    QTest::keyClicks(fullname, u"Acme bot"_s);
    page->commit();
    QVERIFY(waitUntil([&] { return !page->isDirty() && !page->isBusy(); }));
    QCOMPARE(revealedSecret(), u"s3cret-acme"_s);
    QVERIFY(secret->text().isEmpty()); // masked and forgotten again after saving

    // Rotate: a typed secret replaces the stored one.
    QTest::mouseClick(page->findChild<QPushButton*>(u"rotateButton"_s), Qt::LeftButton);
    QTest::keyClicks(secret, u"rotated-secret"_s);
    QVERIFY(page->isDirty());
    page->commit();
    QVERIFY(waitUntil([&] { return !page->isDirty() && !page->isBusy(); }));
    QCOMPARE(revealedSecret(), u"rotated-secret"_s);
    const ApiResponse meta = m_fixture->ws().get(u"/v1/credentials/acme/acme-basic"_s);
    QVERIFY(!meta.result()[u"rotated_at"_s].toArray().isEmpty());
    QVERIFY(!QJsonDocument(meta.result().toObject()).toJson().contains("rotated-secret"));
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestCredentialEditor)
#include "TestCredentialEditor.moc"
