#include "ConsoleFixture.h"

#include "gui/console/CallChart.h"
#include "gui/console/IntegrationStatusView.h"

#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace pb;
using namespace pb::test;
using namespace Qt::StringLiterals;

class TestIntegrationStatusView final : public QObject {
    Q_OBJECT
private slots:
    void percentiles();
    void showsCountsLatencyAndChart();
    void idleIntegrationHasNoLatency();
};

void TestIntegrationStatusView::percentiles() {
    QVERIFY(!IntegrationStatusView::percentile({}, 50).has_value());
    QCOMPARE(*IntegrationStatusView::percentile({7}, 95), qint64(7));
    const QList<qint64> values{50, 10, 40, 20, 30, 100, 60, 90, 70, 80};
    QCOMPARE(*IntegrationStatusView::percentile(values, 50), qint64(50));
    QCOMPARE(*IntegrationStatusView::percentile(values, 95), qint64(100));
    QCOMPARE(*IntegrationStatusView::percentile(values, 10), qint64(10));
}

void TestIntegrationStatusView::showsCountsLatencyAndChart() {
    ConsoleFixture fx;
    QVERIFY2(fx.ok(), qPrintable(fx.error()));
    const ApiResponse token =
        fx.ws().post(u"/v1/tokens/%1/%2"_s.arg(fx.accountId(), fx.jiraId()), QJsonObject{});
    QCOMPARE(token.status, 201);
    const QString secret = token.result().toObject().value(u"secret"_s).toString();
    // Three successes and one failure (an operation the Integration Point forbids).
    for (int i = 0; i < 3; ++i)
        QCOMPARE(fx.ws().get(u"/v1/ticketing/projects"_s, secret).status, 200);
    QCOMPARE(fx.ws().post(u"/v1/ticketing/tickets"_s, QJsonObject{{u"summary"_s, u"x"_s}}, secret).status,
             403);

    IntegrationStatusView view(&fx.platform());
    view.setOrganizationToken(fx.ws().adminToken());
    QSignalSpy loaded(&view, &IntegrationStatusView::loaded);
    view.setIntegration(fx.accountId(), fx.jiraId());
    QVERIFY(waitUntil([&] { return loaded.count() > 0; }));
    const auto& s = view.summary();
    QCOMPARE(s.requests, qint64(4));
    QCOMPARE(s.failed, qint64(1));
    QVERIFY(!s.lastSuccessAt.isEmpty());
    QVERIFY(!s.lastFailureAt.isEmpty());
    QVERIFY2(s.lastError.startsWith(u"policy_violation"_s), qPrintable(s.lastError));
    QVERIFY(s.p50.has_value() && s.p95.has_value());
    QVERIFY(*s.p50 <= *s.p95);
    QCOMPARE(s.recentCalls, 4);
    // One bar per call, coloured by outcome: three green, one red.
    const auto& bars = view.chart()->bars();
    QCOMPARE(bars.size(), 4);
    QCOMPARE(std::count_if(bars.cbegin(), bars.cend(), [](const CallChart::Bar& b) { return b.failed; }), 1);
    QCOMPARE(view.findChild<QLabel*>(u"requestsLabel"_s)->text(), u"4"_s);
    QVERIFY(view.findChild<QLabel*>(u"latencyLabel"_s)->text().contains(u"p95"_s));
    view.resize(400, 300);
    QVERIFY(!view.grab().isNull()); // paints without a chart module
}

void TestIntegrationStatusView::idleIntegrationHasNoLatency() {
    ConsoleFixture fx;
    QVERIFY2(fx.ok(), qPrintable(fx.error()));
    IntegrationStatusView view(&fx.platform());
    view.setOrganizationToken(fx.ws().adminToken());
    QSignalSpy loaded(&view, &IntegrationStatusView::loaded);
    view.setIntegration(fx.accountId(), fx.githubId());
    QVERIFY(waitUntil([&] { return loaded.count() > 0; }));
    QCOMPARE(view.summary().requests, qint64(0));
    QVERIFY(!view.summary().p50.has_value());
    QVERIFY(view.chart()->bars().isEmpty());
    QVERIFY(view.findChild<QLabel*>(u"latencyLabel"_s)->text().contains(u"no calls"_s));
}

QTEST_MAIN(TestIntegrationStatusView)
#include "TestIntegrationStatusView.moc"
