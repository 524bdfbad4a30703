#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;

namespace pb {

class CallChart;
class Platform;

// One Integration's health: requests, failures, last success and failure, latency p50/p95
// (computed here from the call history's durations: the status row only has an average) and a
// chart of recent calls. Reads GET /v1/status/{accountId}/{integrationId} and its /events.
class IntegrationStatusView final : public QWidget {
    Q_OBJECT
public:
    struct Summary {
        qint64 requests = 0;
        qint64 failed = 0;
        QString lastSuccessAt;
        QString lastFailureAt;
        QString lastError;
        std::optional<qint64> p50;
        std::optional<qint64> p95;
        int recentCalls = 0;
    };

    explicit IntegrationStatusView(Platform* platform, QWidget* parent = nullptr);

    void setOrganizationToken(const QString& token);
    const Summary& summary() const { return m_summary; }
    CallChart* chart() const { return m_chart; }

    // Nearest-rank percentile (p in 0..100); nullopt for no values.
    static std::optional<qint64> percentile(QList<qint64> values, double p);

public slots:
    void setIntegration(const QString& accountId, const QString& integrationId);
    void reload();

signals:
    void loaded();

private:
    void showStatus(const QJsonObject& status);
    void showEvents(const QJsonArray& events);

    QPointer<Platform> m_platform;
    QString m_token;
    QString m_accountId;
    QString m_integrationId;
    Summary m_summary;
    int m_pending = 0;
    QLabel* m_title = nullptr;
    QLabel* m_requests = nullptr;
    QLabel* m_failures = nullptr;
    QLabel* m_lastSuccess = nullptr;
    QLabel* m_lastFailure = nullptr;
    QLabel* m_latency = nullptr;
    QLabel* m_error = nullptr;
    CallChart* m_chart = nullptr;
};

} // namespace pb
