#include "gui/console/IntegrationStatusView.h"

#include "core/Clock.h"
#include "gui/console/CallChart.h"
#include "platform/Platform.h"

#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pb {

namespace {

constexpr int kRecentCalls = 50;

QString when(const QString& rfc3339) {
    const QDateTime t = parseRfc3339(rfc3339);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat)
                       : IntegrationStatusView::tr("never");
}

} // namespace

IntegrationStatusView::IntegrationStatusView(Platform* platform, QWidget* parent)
    : QWidget(parent)
    , m_platform(platform) {
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(tr("No Integration selected."), this);
    m_title->setObjectName(QStringLiteral("statusTitleLabel"));
    layout->addWidget(m_title);
    auto* form = new QFormLayout;
    layout->addLayout(form);
    auto row = [this, form](const QString& title, const QString& name) {
        auto* label = new QLabel(this);
        label->setObjectName(name);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        form->addRow(title, label);
        return label;
    };
    m_requests = row(tr("Requests:"), QStringLiteral("requestsLabel"));
    m_failures = row(tr("Failures:"), QStringLiteral("failuresLabel"));
    m_lastSuccess = row(tr("Last success:"), QStringLiteral("lastSuccessLabel"));
    m_lastFailure = row(tr("Last failure:"), QStringLiteral("lastFailureLabel"));
    m_latency = row(tr("Latency:"), QStringLiteral("latencyLabel"));
    m_error = row(tr("Last error:"), QStringLiteral("lastErrorLabel"));
    m_chart = new CallChart(this);
    layout->addWidget(new QLabel(tr("Recent calls (height = duration, red = failed):"), this));
    m_chart->setMaximumHeight(180);
    layout->addWidget(m_chart);
    layout->addStretch(1);
}

void IntegrationStatusView::setOrganizationToken(const QString& token) {
    m_token = token;
}

void IntegrationStatusView::setIntegration(const QString& accountId, const QString& integrationId) {
    m_accountId = accountId;
    m_integrationId = integrationId;
    reload();
}

std::optional<qint64> IntegrationStatusView::percentile(QList<qint64> values, double p) {
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<qsizetype>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

void IntegrationStatusView::reload() {
    if (!m_platform || m_integrationId.isEmpty())
        return;
    m_summary = {};
    m_pending = 2;
    QPointer<IntegrationStatusView> self(this);
    const QString base = QStringLiteral("/v1/status/%1/%2").arg(m_accountId, m_integrationId);
    const QString integrationId = m_integrationId;
    auto done = [self] {
        if (--self->m_pending == 0)
            emit self->loaded();
    };
    m_platform->dispatch(ApiRequest::get(base, m_token), [self, integrationId, done](ApiResponse r) {
        if (!self || integrationId != self->m_integrationId)
            return;
        if (r.isError())
            self->m_title->setText(r.problem().toText());
        else
            self->showStatus(r.result().toObject());
        done();
    });
    m_platform->dispatch(ApiRequest::get(base + QStringLiteral("/events"), m_token)
                             .withQuery(QStringLiteral("limit"), QString::number(kRecentCalls)),
                         [self, integrationId, done](ApiResponse r) {
                             if (!self || integrationId != self->m_integrationId)
                                 return;
                             self->showEvents(r.isError() ? QJsonArray() : r.result().toArray());
                             done();
                         });
}

void IntegrationStatusView::showStatus(const QJsonObject& status) {
    m_summary.requests = status.value(QStringLiteral("requests")).toInteger();
    m_summary.failed = status.value(QStringLiteral("failed")).toInteger();
    m_summary.lastSuccessAt = status.value(QStringLiteral("last_success_at")).toString();
    m_summary.lastFailureAt = status.value(QStringLiteral("last_failure_at")).toString();
    m_summary.lastError = status.value(QStringLiteral("last_error")).toString();
    m_title->setText(tr("%1 (%2): %3")
                         .arg(status.value(QStringLiteral("integration_name")).toString(),
                              status.value(QStringLiteral("provider_type")).toString(),
                              status.value(QStringLiteral("status")).toString()));
    m_requests->setText(QString::number(m_summary.requests));
    m_failures->setText(m_summary.requests > 0 ? tr("%1 (%2 %)")
                                                     .arg(m_summary.failed)
                                                     .arg(100.0 * static_cast<double>(m_summary.failed) /
                                                              static_cast<double>(m_summary.requests),
                                                          0, 'f', 1)
                                               : QString::number(m_summary.failed));
    m_lastSuccess->setText(when(m_summary.lastSuccessAt));
    m_lastFailure->setText(when(m_summary.lastFailureAt));
    m_error->setText(m_summary.lastError.isEmpty() ? tr("none") : m_summary.lastError);
}

void IntegrationStatusView::showEvents(const QJsonArray& events) {
    QList<qint64> durations;
    QList<CallChart::Bar> bars;
    // Events come newest first; the chart reads left to right, oldest first.
    for (qsizetype i = events.size() - 1; i >= 0; --i) {
        const QJsonObject e = events.at(i).toObject();
        const QJsonObject req = e.value(QStringLiteral("request")).toObject();
        const qint64 ms = req.value(QStringLiteral("duration_ms")).toInteger();
        const int status = e.value(QStringLiteral("status")).toInt();
        durations << ms;
        bars << CallChart::Bar{ms, status >= 400,
                               tr("%1 · %2 · HTTP %3 · %4 ms")
                                   .arg(when(e.value(QStringLiteral("created_at")).toString()),
                                        req.value(QStringLiteral("operation_id")).toString())
                                   .arg(status)
                                   .arg(ms)};
    }
    m_summary.p50 = percentile(durations, 50);
    m_summary.p95 = percentile(durations, 95);
    m_summary.recentCalls = static_cast<int>(durations.size());
    m_latency->setText(m_summary.p50 ? tr("p50 %1 ms · p95 %2 ms (last %3 calls)")
                                           .arg(*m_summary.p50)
                                           .arg(*m_summary.p95)
                                           .arg(durations.size())
                                     : tr("no calls yet"));
    m_chart->setBars(bars);
}

} // namespace pb
