// The GUI part of the leak scan: the credential editor (rotate by typing a secret), the token
// dialog (a secret shown once) and the connector console (a call, then its history).
#include "LeakScenario.h"

#include "GuiFixture.h"
#include "gui/console/ConnectorConsole.h"
#include "gui/console/IntegrationTokenKeeper.h"
#include "gui/editors/CredentialEditor.h"
#include "gui/editors/EditorHost.h"
#include "gui/editors/TokensPage.h"
#include "gui/widgets/TokenSecretDialog.h"
#include "platform/Platform.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace pb::test {

void LeakScenario::runGui()
{
    QVERIFY(!m_adminToken.isEmpty());
    QVERIFY(openWorkspace());
    ApiClient api(m_platform.get());
    api.setAccessToken(m_adminToken);
    const QString tokenId = m_adminToken.section(u'_', 1, 1);
    const ApiResponse info = m_platform->dispatchSync(ApiRequest::get(u"/v1/tokens/"_s + tokenId + u"/info"_s, m_adminToken));
    const QString memberId = info.result().toObject().value(u"permissions"_s).toObject().value(u"member_id"_s).toString();
    api.setMember(m_platform->dispatchSync(ApiRequest::get(u"/v1/members/"_s + memberId, m_adminToken)).result().toObject());
    const QString credentialId =
        m_platform->dispatchSync(ApiRequest::get(u"/v1/credentials/acme/jira-basic"_s, m_adminToken)).result().toObject().value(u"id"_s).toString();
    QVERIFY(!credentialId.isEmpty());

    {
        auto window = openWindow(&api);
        // Credential editor: rotate by typing a new secret.
        QVERIFY(window->selectNode(NodeKind::Credential, credentialId));
        auto* page = qobject_cast<CredentialEditor*>(window->editorHost()->currentPage());
        QVERIFY(page);
        QTest::mouseClick(page->findChild<QPushButton*>(u"rotateButton"_s), Qt::LeftButton);
        const QByteArray typed = canary(u"GUI typed secret"_s);
        QTest::keyClicks(page->findChild<QLineEdit*>(u"basicSecretLineEdit"_s), QString::fromUtf8(typed));
        QVERIFY(page->isDirty());
        page->commit();
        QVERIFY(waitUntil([&] { return !page->isDirty() && !page->isBusy(); }));
        // The typed secret is the stored one now (so the scan looks for a secret that was used).
        const ApiResponse revealed = m_platform->dispatchSync(ApiRequest::get(u"/v1/credentials/acme/jira-basic/reveal"_s, m_adminToken));
        QCOMPARE(revealed.result().toObject().value(u"config"_s).toObject().value(u"secret"_s).toString().toUtf8(), typed);

        // Token dialog: an organization token's secret, shown once.
        TokensPage* tokens = window->tokensPage();
        QVERIFY(waitUntil([&] { return !tokens->tokens().isEmpty(); }));
        QTest::keyClicks(tokens->findChild<QLineEdit*>(u"issueNameLineEdit"_s), u"leak-gui"_s);
        QTest::mouseClick(tokens->findChild<QPushButton*>(u"issueButton"_s), Qt::LeftButton);
        TokenSecretDialog* dialog = nullptr;
        QVERIFY(waitUntil([&] { return (dialog = window->findChild<TokenSecretDialog*>()) != nullptr; }));
        const QString secret = dialog->findChild<QLineEdit*>(u"secretLineEdit"_s)->text();
        QVERIFY(secret.startsWith(u"pbo_"_s));
        keepToken(secret);
        dialog->accept();
        window->close();
    }

    // Connector console: a call with history (the Integration token it obtains is a secret too).
    {
        ConnectorConsole console(m_platform.get());
        QSignalSpy ready(&console, &ConnectorConsole::operationsReady);
        console.setOrganizationToken(m_adminToken);
        console.openIntegration(m_accountId, m_jiraId);
        QVERIFY(waitUntil([&] { return ready.count() > 0 && console.tokenKeeper().current().isValid(); }, 15000));
        keepToken(console.tokenKeeper().current().secret);
        QVERIFY(console.selectOperation(u"ticketing_query_tickets"_s));
        QSignalSpy finished(&console, &ConnectorConsole::callFinished);
        console.send();
        QVERIFY(waitUntil([&] { return finished.count() > 0; }, 30000));
        QSignalSpy history(&console, &ConnectorConsole::historyLoaded);
        console.reloadHistory();
        QVERIFY(waitUntil([&] { return history.count() > 0; }, 15000));
    }
}

} // namespace pb::test
