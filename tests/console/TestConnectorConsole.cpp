#include "ConsoleFixture.h"

#include "core/Clock.h"
#include "gui/console/ConnectorConsole.h"
#include "gui/console/IntegrationStatusView.h"
#include "gui/console/IntegrationTokenKeeper.h"
#include "gui/console/JsonTreeModel.h"
#include "gui/console/OperationForm.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTimer>

using namespace pb;
using namespace pb::test;
using namespace Qt::StringLiterals;

class TestConnectorConsole final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void obtainsTokenAndShowsExpiry();
    void forbiddenOperationIsDisabledWithReason();
    void unsupportedOperationIsDisabled();
    void switchingIntegrationRevokesTheToken();
    void sendQueryTicketsShowsResult();
    void rawJsonAndFormStayInSync();
    void faultShowsProblemWhileResponsive();
    void cancelIgnoresTheLateAnswer();
    void tokenCannotReachAnotherIntegration();
    void copyAsCurlCarriesNoSecret();
    void historyRerunFillsTheForm();

private:
    bool sendAndWait();
    QStandardItem* operationItem(const QString& id) const;
    template <typename T>
    T* child(const char* name) const {
        return m_console->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<ConsoleFixture> m_fx;
    std::unique_ptr<ConnectorConsole> m_console;
};

void TestConnectorConsole::initTestCase() {
    m_fx = std::make_unique<ConsoleFixture>();
    QVERIFY2(m_fx->ok(), qPrintable(m_fx->error()));
}

void TestConnectorConsole::cleanupTestCase() {
    simCall("DELETE", u"/_sim/faults"_s);
    m_fx.reset();
}

void TestConnectorConsole::init() {
    m_console = std::make_unique<ConnectorConsole>(&m_fx->platform());
    QSignalSpy ready(m_console.get(), &ConnectorConsole::operationsReady);
    m_console->setOrganizationToken(m_fx->ws().adminToken());
    m_console->openIntegration(m_fx->accountId(), m_fx->jiraId());
    QVERIFY(waitUntil([&] { return ready.count() > 0 && m_console->tokenKeeper().current().isValid(); }));
    QCOMPARE(m_console->integrationId(), m_fx->jiraId());
}

void TestConnectorConsole::cleanup() {
    simCall("DELETE", u"/_sim/faults"_s);
    m_console.reset();
}

bool TestConnectorConsole::sendAndWait() {
    QSignalSpy finished(m_console.get(), &ConnectorConsole::callFinished);
    m_console->send();
    return waitUntil([&] { return finished.count() > 0; }, 30000);
}

QStandardItem* TestConnectorConsole::operationItem(const QString& id) const {
    auto* model = qobject_cast<QStandardItemModel*>(child<QComboBox>("operationComboBox")->model());
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->item(row)->data(Qt::UserRole).toString() == id)
            return model->item(row);
    return nullptr;
}

void TestConnectorConsole::obtainsTokenAndShowsExpiry() {
    const auto& token = m_console->tokenKeeper().current();
    QVERIFY(!token.id.isEmpty());
    QVERIFY(token.secret.startsWith(u"pbi_"_s));
    QVERIFY(token.expires > nowUtc());
    QCOMPARE(token.integrationId, m_fx->jiraId());
    const QString label = child<QLabel>("tokenLabel")->text();
    QVERIFY2(label.contains(token.id), qPrintable(label));
    QVERIFY(label.contains(u"expires"_s));
    QVERIFY(!label.contains(token.secret));
    // The token really is an Integration Access Token scoped to this Integration.
    const ApiResponse info = m_fx->ws().get(u"/v1/tokens/%1/info"_s.arg(token.id));
    QCOMPARE(info.status, 200);
    QCOMPARE(
        info.result().toObject().value(u"permissions"_s).toObject().value(u"integration_id"_s).toString(),
        m_fx->jiraId());

    // An expired token is renewed before the next call.
    const QString firstId = token.id;
    setClockOffsetForTesting(3600);
    m_console->selectOperation(u"ticketing_list_projects"_s);
    const bool done = sendAndWait();
    setClockOffsetForTesting(0);
    QVERIFY(done);
    QVERIFY(m_console->tokenKeeper().current().id != firstId);
    QVERIFY(child<QLabel>("tokenLabel")->text().contains(m_console->tokenKeeper().current().id));
}

void TestConnectorConsole::forbiddenOperationIsDisabledWithReason() {
    QStandardItem* create = operationItem(u"ticketing_create_ticket"_s);
    QVERIFY(create);
    QVERIFY(!create->isEnabled());
    QVERIFY2(create->toolTip().contains(u"Not allowed by the Integration Point “Read only”"_s),
             qPrintable(create->toolTip()));
    QVERIFY(create->toolTip().contains(u"ticketing_query_tickets"_s));
    QVERIFY(!m_console->selectOperation(u"ticketing_create_ticket"_s));
    const QString note = child<QLabel>("operationNoteLabel")->text();
    QVERIFY2(note.contains(u"Create ticket"_s) && note.contains(u"Read only"_s), qPrintable(note));
    QStandardItem* query = operationItem(u"ticketing_query_tickets"_s);
    QVERIFY(query && query->isEnabled());
    QVERIFY(m_console->selectOperation(u"ticketing_query_tickets"_s));

    // The raw editor cannot smuggle the forbidden operation in either.
    child<QPlainTextEdit>("rawJsonEdit")
        ->setPlainText(u"{\"operation\": \"ticketing_create_ticket\", \"body\": {\"summary\": \"x\"}}"_s);
    QVERIFY(child<QLabel>("rawJsonErrorLabel")->text().contains(u"not available"_s));
    QCOMPARE(m_console->currentOperationId(), u"ticketing_query_tickets"_s);
    QVERIFY(!m_console->currentRequest().ok());
}

void TestConnectorConsole::unsupportedOperationIsDisabled() {
    QSignalSpy ready(m_console.get(), &ConnectorConsole::operationsReady);
    m_console->openIntegration(m_fx->accountId(), m_fx->zendeskId());
    QVERIFY(waitUntil([&] { return ready.count() > 0; }));
    QStandardItem* del = operationItem(u"ticketing_delete_comment"_s);
    QVERIFY(del);
    QVERIFY(!del->isEnabled());
    QVERIFY2(del->toolTip().contains(u"Zendesk Support does not support this operation"_s),
             qPrintable(del->toolTip()));
    // No Integration Point: everything the provider supports can be picked.
    QStandardItem* create = operationItem(u"ticketing_create_ticket"_s);
    QVERIFY(create && create->isEnabled());
    QVERIFY(m_console->selectOperation(u"ticketing_create_ticket"_s));
    QVERIFY(m_console->form()->fieldKeys().contains(u"body.summary"_s));
}

void TestConnectorConsole::switchingIntegrationRevokesTheToken() {
    const QString firstId = m_console->tokenKeeper().current().id;
    const QString firstSecret = m_console->tokenKeeper().current().secret;
    QSignalSpy ready(m_console.get(), &ConnectorConsole::operationsReady);
    m_console->openIntegration(m_fx->accountId(), m_fx->githubId());
    QVERIFY(waitUntil([&] { return ready.count() > 0 && m_console->tokenKeeper().current().isValid(); }));
    QCOMPARE(m_console->tokenKeeper().current().integrationId, m_fx->githubId());
    QVERIFY(m_console->tokenKeeper().current().id != firstId);
    const ApiResponse info = m_fx->ws().get(u"/v1/tokens/%1/info"_s.arg(firstId));
    QCOMPARE(info.status, 200);
    QVERIFY(!info.result().toObject().value(u"revoked_at"_s).toString().isEmpty());
    QCOMPARE(m_fx->ws().get(u"/v1/ticketing/projects"_s, firstSecret).status, 401);
}

void TestConnectorConsole::sendQueryTicketsShowsResult() {
    QVERIFY(m_console->selectOperation(u"ticketing_query_tickets"_s));
    QAbstractItemModelTester tester(m_console->resultModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_console->form()->setFieldText(u"query.limit"_s, u"1"_s);
    QVERIFY(sendAndWait());
    QVERIFY2(!m_console->problemText().contains(u"error"_s, Qt::CaseInsensitive),
             qPrintable(m_console->problemText()));
    JsonTreeModel* model = m_console->resultModel();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex first = model->index(0, 0);
    bool hasId = false;
    for (int row = 0; row < model->rowCount(first); ++row)
        hasId = hasId || (model->index(row, 0, first).data().toString() == u"id"_s &&
                          !model->index(row, 1, first).data().toString().isEmpty());
    QVERIFY(hasId);
    // More tickets than the limit: the answer carries a cursor and "Next page" follows it.
    QVERIFY(!m_console->lastCursor().isEmpty());
    const QString firstId = model->json().toArray().at(0).toObject().value(u"id"_s).toString();
    QSignalSpy finished(m_console.get(), &ConnectorConsole::callFinished);
    m_console->nextPage();
    QVERIFY(waitUntil([&] { return finished.count() > 0; }, 30000));
    QVERIFY(!m_console->form()->fieldText(u"query.cursor"_s).isEmpty());
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(model->json().toArray().at(0).toObject().value(u"id"_s).toString() != firstId);
    // The raw provider exchange came back (X-Patchbay-Trace) with the credential redacted.
    QVERIFY(!m_console->lastExchanges().isEmpty());
    const QString exchanges = child<QPlainTextEdit>("exchangesTextEdit")->toPlainText();
    QVERIFY2(exchanges.contains(simBase(u"jira"_s)), qPrintable(exchanges));
    QVERIFY(exchanges.contains(u"HTTP 200"_s));
    QVERIFY(exchanges.contains(u"Authorization"_s, Qt::CaseInsensitive));
    QVERIFY(!exchanges.contains(u"demo-token"_s));
    QVERIFY(!exchanges.contains(
        QString::fromLatin1(QByteArrayLiteral("demo@example.com:demo-token").toBase64())));
    QVERIFY(!child<QPlainTextEdit>("timingTextEdit")->toPlainText().isEmpty());
    // The Status tab follows the calls.
    QVERIFY(waitUntil([&] { return m_console->statusView()->summary().requests >= 2; }));
}

void TestConnectorConsole::rawJsonAndFormStayInSync() {
    QVERIFY(m_console->selectOperation(u"ticketing_query_tickets"_s));
    auto* raw = child<QPlainTextEdit>("rawJsonEdit");
    raw->setPlainText(
        u"{\"operation\": \"ticketing_query_tickets\", \"query\": {\"limit\": \"3\", \"filter\": [\"status[eq]open\", \"project[eq]DEMO\"]}}"_s);
    QCOMPARE(m_console->form()->fieldText(u"query.limit"_s), u"3"_s);
    QCOMPARE(m_console->form()->fieldText(u"query.filter"_s), u"status[eq]open\nproject[eq]DEMO"_s);
    m_console->form()->setFieldText(u"query.order"_s, u"created_at[desc]"_s);
    QVERIFY(raw->toPlainText().contains(u"created_at[desc]"_s));
    QVERIFY(raw->toPlainText().contains(u"project[eq]DEMO"_s));
    // Broken JSON is reported and not sent; the form keeps the last good request.
    raw->setPlainText(u"{\"operation\": "_s);
    QVERIFY(child<QLabel>("rawJsonErrorLabel")->text().contains(u"JSON error"_s));
    QVERIFY(!m_console->currentRequest().ok());
    QCOMPARE(m_console->form()->fieldText(u"query.limit"_s), u"3"_s);
    // Switching to get_ticket (operation picked in the raw editor) rebuilds the form.
    raw->setPlainText(u"{\"operation\": \"ticketing_get_ticket\", \"path\": {\"ticketId\": \"DEMO-1\"}}"_s);
    QCOMPARE(m_console->currentOperationId(), u"ticketing_get_ticket"_s);
    QCOMPARE(m_console->form()->fieldText(u"path.ticketId"_s), u"DEMO-1"_s);
}

void TestConnectorConsole::faultShowsProblemWhileResponsive() {
    QVERIFY(m_console->selectOperation(u"ticketing_list_projects"_s));
    simCall(
        "POST", u"/_sim/faults"_s,
        QJsonObject{{u"provider"_s, u"jira"_s}, {u"fault"_s, u"latency=400;status=503"_s}, {u"count"_s, 5}});
    int ticksWhileBusy = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (m_console->isBusy())
            ++ticksWhileBusy;
    });
    ticker.start();
    QSignalSpy finished(m_console.get(), &ConnectorConsole::callFinished);
    m_console->send();
    QVERIFY(m_console->isBusy()); // send() returned while the call runs
    QVERIFY(child<QWidget>("cancelButton")->isEnabled());
    QVERIFY(waitUntil([&] { return finished.count() > 0; }, 30000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(ticksWhileBusy > 0, "the event loop ran no timer during the call");
    const QString text = m_console->problemText();
    QVERIFY2(text.contains(u"unavailable"_s, Qt::CaseInsensitive), qPrintable(text));
    QVERIFY(!m_console->isBusy());
    QVERIFY(!child<QWidget>("cancelButton")->isEnabled());
    // The problem body is shown in the tree too, with its unified type.
    QCOMPARE(m_console->resultModel()->json().toObject().value(u"type"_s).toString(),
             u"provider_unavailable"_s);
}

void TestConnectorConsole::cancelIgnoresTheLateAnswer() {
    QVERIFY(m_console->selectOperation(u"ticketing_list_projects"_s));
    simCall("POST", u"/_sim/faults"_s,
            QJsonObject{{u"provider"_s, u"jira"_s}, {u"fault"_s, u"latency=500"_s}, {u"count"_s, 1}});
    const int before =
        static_cast<int>(m_fx->ws()
                             .get(u"/v1/status/%1/%2/events"_s.arg(m_fx->accountId(), m_fx->jiraId()))
                             .result()
                             .toArray()
                             .size());
    QSignalSpy finished(m_console.get(), &ConnectorConsole::callFinished);
    m_console->send();
    QVERIFY(m_console->isBusy());
    m_console->cancel();
    QVERIFY(!m_console->isBusy());
    QVERIFY(m_console->problemText().contains(u"Cancelled"_s));
    // The platform finishes the call (it is recorded); the console ignores the answer.
    QVERIFY(waitUntil(
        [&] {
            return m_fx->ws()
                       .get(u"/v1/status/%1/%2/events"_s.arg(m_fx->accountId(), m_fx->jiraId()))
                       .result()
                       .toArray()
                       .size() > before;
        },
        30000));
    QTest::qWait(50);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(m_console->resultModel()->rowCount(), 0);
    QVERIFY(m_console->problemText().contains(u"Cancelled"_s));
}

void TestConnectorConsole::tokenCannotReachAnotherIntegration() {
    const QString secret = m_console->tokenKeeper().current().secret;
    QVERIFY(!secret.isEmpty());
    auto& ws = m_fx->ws();
    // Not a Management API token: it cannot reach the other Integration, nor mint a token for it.
    for (const ApiResponse& r :
         {ws.get(u"/v1/integrations/%1/%2"_s.arg(m_fx->accountId(), m_fx->githubId()), secret),
          ws.post(u"/v1/tokens/%1/%2"_s.arg(m_fx->accountId(), m_fx->githubId()), QJsonObject{}, secret),
          ws.get(u"/v1/status/%1/%2/events"_s.arg(m_fx->accountId(), m_fx->githubId()), secret)}) {
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problem().type, u"wrong_token_kind"_s);
    }
    // On the Connector API it always runs against its own Integration, whatever the request says.
    const QString githubEvents = u"/v1/status/%1/%2/events"_s.arg(m_fx->accountId(), m_fx->githubId());
    const qsizetype before = ws.get(githubEvents).result().toArray().size();
    const ApiResponse call = ws.call(ApiRequest::get(u"/v1/ticketing/tickets"_s, secret)
                                         .withQuery(u"integration_id"_s, m_fx->githubId())
                                         .withQuery(u"limit"_s, u"1"_s));
    QVERIFY(call.status == 200 || call.status == 400);
    QCOMPARE(ws.get(githubEvents).result().toArray().size(), before);
}

void TestConnectorConsole::copyAsCurlCarriesNoSecret() {
    QVERIFY(m_console->selectOperation(u"ticketing_get_ticket"_s));
    m_console->form()->setFieldText(u"path.ticketId"_s, u"DEMO-1"_s);
    m_console->setApiBaseUrl(u"http://127.0.0.1:8787"_s);
    m_console->copyAsCurl();
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(u"curl -sS -X GET 'http://127.0.0.1:8787/v1/ticketing/tickets/DEMO-1'"_s),
             qPrintable(curl));
    QVERIFY(curl.contains(u"$PATCHBAY_INTEGRATION_TOKEN"_s));
    QVERIFY(!curl.contains(m_console->tokenKeeper().current().secret));
    QVERIFY(!curl.contains(u"pbi_"_s));
    QVERIFY(!curl.contains(u"pbo_"_s));
    QVERIFY(!curl.contains(m_fx->ws().adminToken()));
    QVERIFY(!curl.contains(u"demo-token"_s));
    QVERIFY(!curl.contains(u"demo@example.com"_s));
}

void TestConnectorConsole::historyRerunFillsTheForm() {
    QVERIFY(m_console->selectOperation(u"ticketing_get_ticket"_s));
    m_console->form()->setFieldText(u"path.ticketId"_s, u"DEMO-2"_s);
    QVERIFY(sendAndWait());
    QCOMPARE(m_console->resultModel()->json().toObject().value(u"id"_s).toString(), u"DEMO-2"_s);
    QSignalSpy loaded(m_console.get(), &ConnectorConsole::historyLoaded);
    QVERIFY(m_console->selectOperation(u"ticketing_list_projects"_s));
    m_console->reloadHistory();
    QVERIFY(waitUntil([&] { return loaded.count() > 0; }));
    const QList<QJsonObject> history = m_console->historyEvents();
    QVERIFY(!history.isEmpty());
    // Never a secret. (An earlier test ran a call an hour "in the future", so search.)
    qsizetype row = -1;
    for (qsizetype i = 0; i < history.size() && row < 0; ++i)
        if (history.at(i).value(u"request"_s).toObject().value(u"path"_s).toString() ==
            u"/v1/ticketing/tickets/DEMO-2"_s)
            row = i;
    QVERIFY(row >= 0);
    const QByteArray historyText =
        QJsonDocument(QJsonArray::fromVariantList(QVariantList{history.at(row).toVariantMap()})).toJson();
    QVERIFY(!historyText.contains("demo-token"));
    QVERIFY(!historyText.contains(m_console->tokenKeeper().current().secret.toUtf8()));

    m_console->fillFromHistory(static_cast<int>(row));
    QCOMPARE(m_console->currentOperationId(), u"ticketing_get_ticket"_s);
    QCOMPARE(m_console->form()->fieldText(u"path.ticketId"_s), u"DEMO-2"_s);

    // Re-run from a fresh console (no session memory): the workspace history alone fills the form.
    m_console->selectOperation(u"ticketing_list_projects"_s);
    m_console = std::make_unique<ConnectorConsole>(&m_fx->platform());
    QSignalSpy loaded2(m_console.get(), &ConnectorConsole::historyLoaded);
    m_console->setOrganizationToken(m_fx->ws().adminToken());
    m_console->openIntegration(m_fx->accountId(), m_fx->jiraId());
    QVERIFY(waitUntil([&] { return loaded2.count() > 0 && m_console->tokenKeeper().current().isValid(); }));
    QSignalSpy finished(m_console.get(), &ConnectorConsole::callFinished);
    row = -1;
    const QList<QJsonObject> fresh = m_console->historyEvents();
    for (qsizetype i = 0; i < fresh.size() && row < 0; ++i)
        if (fresh.at(i).value(u"request"_s).toObject().value(u"path"_s).toString() ==
            u"/v1/ticketing/tickets/DEMO-2"_s)
            row = i;
    QVERIFY(row >= 0);
    m_console->rerunFromHistory(static_cast<int>(row));
    QCOMPARE(m_console->form()->fieldText(u"path.ticketId"_s), u"DEMO-2"_s);
    QVERIFY(waitUntil([&] { return finished.count() > 0; }, 30000));
    QCOMPARE(m_console->resultModel()->json().toObject().value(u"id"_s).toString(), u"DEMO-2"_s);
}

QTEST_MAIN(TestConnectorConsole)
#include "TestConnectorConsole.moc"
