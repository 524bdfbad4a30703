#pragma once

#include "core/Api.h"
#include "core/Result.h"
#include "gui/console/ConsoleRequest.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class ConnectorConsole;
}

namespace pb {

class IntegrationStatusView;
class IntegrationTokenKeeper;
class JsonTreeModel;
class OperationForm;
class Platform;
struct OperationSpec;

// Live calls to one Integration's connector: pick an Integration, the console obtains an
// Integration Access Token for it through the Management API, then sends the catalog's
// operations (form or raw JSON) through the Connector API and shows the normalized result, the
// provider exchanges and the timing. Everything goes through Platform::dispatch(); the
// platform's connector calls are asynchronous, so the window never waits on the network.
class ConnectorConsole final : public QWidget {
    Q_OBJECT
public:
    explicit ConnectorConsole(Platform* platform, QWidget* parent = nullptr);
    ~ConnectorConsole() override;

    // The signed-in member's Organization Access Token (refreshed tokens replace it).
    void setOrganizationToken(const QString& token);
    // Where "Copy as curl" points: the local API server (patchbay-serve).
    void setApiBaseUrl(const QString& url);
    QString apiBaseUrl() const { return m_apiBaseUrl; }

    QString accountId() const { return m_accountId; }
    QString integrationId() const { return m_integrationId; }
    IntegrationTokenKeeper& tokenKeeper() const { return *m_tokens; }
    JsonTreeModel* resultModel() const { return m_resultModel; }
    OperationForm* form() const { return m_form; }
    // The picked Integration's status, also shown as the "Status" result tab.
    IntegrationStatusView* statusView() const { return m_status; }
    QString currentOperationId() const;
    // The request as the form and JSON editor currently describe it.
    Result<ConsoleRequest> currentRequest() const;
    // The command "Copy as curl" copies: token replaced by $PATCHBAY_INTEGRATION_TOKEN.
    Result<QString> curlCommand() const;
    bool isBusy() const { return m_activeCall != 0; }
    QString problemText() const;
    QJsonArray lastExchanges() const { return m_lastExchanges; }
    QString lastCursor() const { return m_lastCursor; }
    QList<QJsonObject> historyEvents() const { return m_history; }

public slots:
    void reloadIntegrations();
    void openIntegration(const QString& accountId, const QString& integrationId);
    bool selectOperation(const QString& operationId); // false when absent or disabled
    void send();
    void cancel();
    void nextPage();
    void copyAsCurl();
    void reloadHistory();
    void fillFromHistory(int row);
    void rerunFromHistory(int row);

signals:
    void integrationsLoaded();
    void operationsReady(); // the operation picker reflects the current Integration's rules
    void callFinished(bool ok);
    void historyLoaded();

private:
    void applyIntegration(const QJsonObject& integration);
    void loadRules(const QJsonObject& integration);
    void populateOperations(const QJsonObject& integration, const std::optional<QStringList>& allowed,
                            const QString& pointName);
    void onOperationChanged();
    void onFormChanged();
    void onRawJsonChanged();
    void onResponse(quint64 call, const ApiResponse& response, const ConsoleRequest& sent);
    void showProblem(const Problem& problem);
    void setBusy(bool busy);
    void updateTokenLabel();
    const OperationSpec* currentOperation() const;
    std::optional<ConsoleRequest> historyRequest(int row) const;

    std::unique_ptr<Ui::ConnectorConsole> m_ui;
    QPointer<Platform> m_platform;
    QString m_organizationToken;
    QString m_apiBaseUrl;
    IntegrationTokenKeeper* m_tokens = nullptr;
    OperationForm* m_form = nullptr;
    IntegrationStatusView* m_status = nullptr;
    JsonTreeModel* m_resultModel = nullptr;
    QList<QJsonObject> m_integrations;
    QString m_accountId;
    QString m_integrationId;
    QPair<QString, QString> m_pendingOpen;
    quint64 m_nextCall = 0;
    quint64 m_activeCall = 0; // 0 = idle; answers of other calls are ignored (cancelled)
    quint64 m_rulesGeneration = 0;
    QElapsedTimer m_callTimer;
    QString m_lastCursor;
    QJsonArray m_lastExchanges;
    QList<QJsonObject> m_history;
    QList<ConsoleRequest> m_sent; // this session's full requests, to re-run history with values
    bool m_syncing = false;
};

} // namespace pb
