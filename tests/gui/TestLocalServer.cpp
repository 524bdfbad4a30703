// The console's Start/Stop toggle for the local API server: it serves the platform over HTTP on
// loopback, shows its address in the status bar, and every request lands in the access log view.
#include "GuiFixture.h"

#include "gui/MainWindow.h"
#include "gui/audit/AccessLogView.h"
#include "gui/server/LocalServerControl.h"

#include <QAction>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestLocalServer final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void toggleServesAndLogs();
    void viewerCannotReadTheAccessLog();

private:
    int get(const QUrl& url, const QString& token);
    std::unique_ptr<GuiFixture> m_fixture;
};

int TestLocalServer::get(const QUrl& url, const QString& token)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply* reply = nam.get(request);
    waitUntil([reply] { return reply->isFinished(); }, 10000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void TestLocalServer::toggleServesAndLogs()
{
    auto api = m_fixture->client();
    auto window = openWindow(api.get());
    LocalServerControl* control = window->serverControl();
    QVERIFY(control);
    QVERIFY(!control->isRunning());
    QVERIFY(!control->statusLabel()->isVisible());

    QVERIFY(control->start(0).ok()); // any free port: 8787 may be taken on a shared machine
    QVERIFY(control->isRunning());
    QVERIFY(control->toggleAction()->isChecked());
    const QUrl base(control->address());
    QCOMPARE(base.host(), u"127.0.0.1"_s);
    QVERIFY(control->statusLabel()->text().contains(base.toString()));

    QCOMPARE(get(base.resolved(QUrl(u"/v1/organization"_s)), m_fixture->ws().adminToken()), 200);
    QCOMPARE(get(base.resolved(QUrl(u"/v1/organization"_s)), {}), 401);

    AccessLogView* log = window->accessLogView();
    log->reload();
    QVERIFY(waitUntil([log] { return log->model()->rowCount() >= 2; }));
    QCOMPARE(log->model()->item(0, 2)->text(), u"/v1/organization"_s);
    QCOMPARE(log->model()->item(0, 3)->text(), u"401"_s); // newest first
    QCOMPARE(log->model()->item(1, 3)->text(), u"200"_s);

    control->toggleAction()->setChecked(false);
    QVERIFY(!control->isRunning());
    QVERIFY(control->statusLabel()->text().isEmpty());
    QCOMPARE(get(base.resolved(QUrl(u"/v1/organization"_s)), m_fixture->ws().adminToken()), 0); // refused
}

void TestLocalServer::viewerCannotReadTheAccessLog()
{
    auto api = m_fixture->client(m_fixture->viewerToken());
    AccessLogView view(api.get());
    bool done = false;
    connect(&view, &AccessLogView::reloaded, this, [&] { done = true; });
    view.reload();
    QVERIFY(waitUntil([&] { return done; }));
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY(!view.statusText().isEmpty());
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestLocalServer)
#include "TestLocalServer.moc"
