// Click-through: issue an organization token (secret shown once, copied, clipboard cleared),
// then revoke it after confirming.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/editors/TokensPage.h"
#include "gui/widgets/MessageBox.h"
#include "gui/widgets/TokenSecretDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestTokensFlow final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void issueAndRevoke();
    void clipboardIsClearedOnlyIfItStillHoldsTheSecret();

private:
    std::unique_ptr<GuiFixture> m_fixture;
};

void TestTokensFlow::issueAndRevoke()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    TokensPage* page = window->tokensPage();
    QVERIFY(waitUntil([&] { return !page->tokens().isEmpty(); }));
    QTest::keyClicks(page->findChild<QLineEdit*>(u"issueNameLineEdit"_s), u"ci-pipeline"_s);
    QTest::mouseClick(page->findChild<QPushButton*>(u"issueButton"_s), Qt::LeftButton);

    // The secret is shown once, in a dialog that does not block.
    TokenSecretDialog* dialog = nullptr;
    QVERIFY(waitUntil([&] { return (dialog = window->findChild<TokenSecretDialog*>()) != nullptr; }));
    const QString secret = dialog->findChild<QLineEdit*>(u"secretLineEdit"_s)->text();
    QVERIFY(secret.startsWith(u"pbo_"_s));
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"copyButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), secret);
    dialog->accept();

    // The new pair is listed (by name, never with its secret) and works.
    QVERIFY(waitUntil([&] {
        for (const QJsonValue& t : page->tokens())
            if (t[u"name"_s].toString() == u"ci-pipeline"_s)
                return true;
        return false;
    }));
    QCOMPARE(m_fixture->ws().get(u"/v1/organization"_s, secret).status, 200);
    QString refreshId;
    for (const QJsonValue& t : page->tokens())
        if (t[u"name"_s].toString() == u"ci-pipeline"_s && t[u"kind"_s].toString() == u"refresh"_s)
            refreshId = t[u"id"_s].toString();
    QVERIFY(!refreshId.isEmpty());
    QVERIFY(page->selectToken(refreshId));

    // Cancel keeps it.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    page->revokeSelected();
    QVERIFY(MessageBox::lastText().contains(u"ci-pipeline"_s));
    QCOMPARE(m_fixture->ws().get(u"/v1/organization"_s, secret).status, 200);
    // Yes revokes the pair: the secret stops working at once.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    page->revokeSelected();
    QVERIFY(waitUntil([&] { return m_fixture->ws().get(u"/v1/organization"_s, secret).status == 401; }));
    QVERIFY(!m_fixture->ws().get(u"/v1/tokens/"_s + refreshId + u"/info"_s).result()[u"revoked_at"_s].toString().isEmpty());
    QVERIFY(waitUntil([&] { return !page->selectToken(refreshId); })); // gone from the list
}

void TestTokensFlow::clipboardIsClearedOnlyIfItStillHoldsTheSecret()
{
    TokenSecretDialog::copyWithTimeout(u"pbo_x_secret-one"_s, 50);
    QCOMPARE(QApplication::clipboard()->text(), u"pbo_x_secret-one"_s);
    QVERIFY(waitUntil([] { return QApplication::clipboard()->text().isEmpty(); }, 2000));
    // Something else copied meanwhile is left alone.
    TokenSecretDialog::copyWithTimeout(u"pbo_x_secret-two"_s, 50);
    QApplication::clipboard()->setText(u"unrelated"_s);
    QTest::qWait(200);
    QCOMPARE(QApplication::clipboard()->text(), u"unrelated"_s);
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestTokensFlow)
#include "TestTokensFlow.moc"
