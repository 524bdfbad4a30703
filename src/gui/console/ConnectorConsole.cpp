#include "gui/console/ConnectorConsole.h"

#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "gui/console/ExchangeText.h"
#include "gui/console/IntegrationStatusView.h"
#include "gui/console/IntegrationTokenKeeper.h"
#include "gui/console/JsonHighlighter.h"
#include "gui/console/JsonTreeModel.h"
#include "gui/console/OperationForm.h"
#include "platform/Platform.h"

#include "ui_ConnectorConsole.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QSignalBlocker>
#include <QStandardItemModel>

namespace pb {

namespace {

// The agreed Connector API extension: with this header the answer carries "exchanges". Written
// as a template so the console builds whether or not ApiRequest has gained `headers` yet.
template <typename Request>
void askForExchanges(Request& request) {
    if constexpr (requires { request.headers; })
        request.headers.append({QByteArrayLiteral("X-Patchbay-Trace"), QByteArrayLiteral("exchanges")});
}

QString pretty(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

} // namespace

ConnectorConsole::ConnectorConsole(Platform* platform, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ConnectorConsole>())
    , m_platform(platform)
    , m_apiBaseUrl(QStringLiteral("http://127.0.0.1:8787"))
    , m_tokens(new IntegrationTokenKeeper(platform, this))
    , m_form(new OperationForm)
    , m_status(new IntegrationStatusView(platform))
    , m_resultModel(new JsonTreeModel(this)) {
    m_ui->setupUi(this);
    m_ui->formScrollArea->setWidget(m_form);
    m_ui->resultTabWidget->addTab(m_status, tr("Status"));
    m_ui->resultTreeView->setModel(m_resultModel);
    // The value column takes the room: long summaries and URLs matter more than the type.
    m_ui->resultTreeView->header()->setStretchLastSection(false);
    m_ui->resultTreeView->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_ui->operationComboBox->setModel(new QStandardItemModel(this));
    new JsonHighlighter(m_ui->rawJsonEdit->document());
    new JsonHighlighter(m_ui->exchangesTextEdit->document());
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->rawJsonEdit->setFont(mono);
    m_ui->exchangesTextEdit->setFont(mono);
    m_ui->timingTextEdit->setFont(mono);
    m_ui->mainSplitter->setStretchFactor(0, 2);
    m_ui->mainSplitter->setStretchFactor(1, 3);

    connect(m_ui->integrationComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < m_integrations.size())
            applyIntegration(m_integrations.at(index));
    });
    connect(m_ui->reloadIntegrationsButton, &QPushButton::clicked, this,
            &ConnectorConsole::reloadIntegrations);
    connect(m_ui->operationComboBox, &QComboBox::currentIndexChanged, this,
            &ConnectorConsole::onOperationChanged);
    connect(m_form, &OperationForm::changed, this, &ConnectorConsole::onFormChanged);
    connect(m_ui->rawJsonEdit, &QPlainTextEdit::textChanged, this, &ConnectorConsole::onRawJsonChanged);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ConnectorConsole::send);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &ConnectorConsole::cancel);
    connect(m_ui->nextPageButton, &QPushButton::clicked, this, &ConnectorConsole::nextPage);
    connect(m_ui->copyCurlButton, &QPushButton::clicked, this, &ConnectorConsole::copyAsCurl);
    connect(m_ui->reloadHistoryButton, &QPushButton::clicked, this, &ConnectorConsole::reloadHistory);
    connect(m_ui->fillFromHistoryButton, &QPushButton::clicked, this, [this] {
        fillFromHistory(m_ui->historyTreeWidget->indexOfTopLevelItem(m_ui->historyTreeWidget->currentItem()));
    });
    connect(m_ui->rerunButton, &QPushButton::clicked, this, [this] {
        rerunFromHistory(
            m_ui->historyTreeWidget->indexOfTopLevelItem(m_ui->historyTreeWidget->currentItem()));
    });
    connect(m_ui->historyTreeWidget, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item, int) {
                fillFromHistory(m_ui->historyTreeWidget->indexOfTopLevelItem(item));
            });
    connect(m_tokens, &IntegrationTokenKeeper::tokenChanged, this, &ConnectorConsole::updateTokenLabel);
    connect(m_tokens, &IntegrationTokenKeeper::failed, this, [this](const Problem& p) {
        m_ui->tokenLabel->setText(tr("No Integration Access Token: %1").arg(p.message));
        showProblem(p);
    });
    setBusy(false);
}

ConnectorConsole::~ConnectorConsole() = default;

void ConnectorConsole::setOrganizationToken(const QString& token) {
    const bool first = m_organizationToken.isEmpty();
    m_organizationToken = token;
    m_tokens->setOrganizationToken(token);
    m_status->setOrganizationToken(token);
    if (first && !token.isEmpty())
        reloadIntegrations();
}

void ConnectorConsole::setApiBaseUrl(const QString& url) {
    m_apiBaseUrl = url;
}

void ConnectorConsole::reloadIntegrations() {
    if (!m_platform)
        return;
    QPointer<ConnectorConsole> self(this);
    m_platform->dispatch(
        ApiRequest::get(QStringLiteral("/v1/integrations"), m_organizationToken), [self](ApiResponse r) {
            if (!self)
                return;
            if (r.isError())
                return self->showProblem(r.problem());
            const QString keepAccount =
                self->m_pendingOpen.first.isEmpty() ? self->m_accountId : self->m_pendingOpen.first;
            const QString keepId =
                self->m_pendingOpen.first.isEmpty() ? self->m_integrationId : self->m_pendingOpen.second;
            self->m_pendingOpen = {};
            QSignalBlocker block(self->m_ui->integrationComboBox);
            self->m_integrations.clear();
            self->m_ui->integrationComboBox->clear();
            const QJsonArray list = r.result().toArray();
            for (const QJsonValue& v : list) {
                const QJsonObject i = v.toObject();
                self->m_integrations.append(i);
                self->m_ui->integrationComboBox->addItem(
                    QStringLiteral("%1 · %2 (%3)")
                        .arg(i.value(QStringLiteral("fullname")).toString(),
                             i.value(QStringLiteral("name")).toString(),
                             i.value(QStringLiteral("provider_fullname")).toString()));
            }
            self->m_ui->integrationComboBox->setCurrentIndex(-1);
            block.unblock();
            emit self->integrationsLoaded();
            if (!keepId.isEmpty())
                self->openIntegration(keepAccount, keepId);
        });
}

void ConnectorConsole::openIntegration(const QString& accountId, const QString& integrationId) {
    for (qsizetype i = 0; i < m_integrations.size(); ++i) {
        const QJsonObject& o = m_integrations.at(i);
        if (o.value(QStringLiteral("id")).toString() == integrationId ||
            o.value(QStringLiteral("name")).toString() == integrationId) {
            if (m_ui->integrationComboBox->currentIndex() == i &&
                m_integrationId == o.value(QStringLiteral("id")).toString())
                return;
            m_ui->integrationComboBox->setCurrentIndex(static_cast<int>(i));
            return;
        }
    }
    // Not listed yet (the list is loading, or the Integration is new): ask for it.
    m_pendingOpen = {accountId, integrationId};
    if (!m_platform)
        return;
    QPointer<ConnectorConsole> self(this);
    m_platform->dispatch(
        ApiRequest::get(QStringLiteral("/v1/integrations/%1/%2").arg(accountId, integrationId),
                        m_organizationToken),
        [self](ApiResponse r) {
            if (!self)
                return;
            if (r.isError())
                return self->showProblem(r.problem());
            self->reloadIntegrations();
        });
}

void ConnectorConsole::applyIntegration(const QJsonObject& integration) {
    cancel();
    m_accountId = integration.value(QStringLiteral("account_id")).toString();
    m_integrationId = integration.value(QStringLiteral("id")).toString();
    m_resultModel->clear();
    m_ui->problemLabel->clear();
    m_ui->exchangesTextEdit->clear();
    m_ui->timingTextEdit->clear();
    m_lastCursor.clear();
    m_ui->nextPageButton->setEnabled(false);
    m_history.clear();
    m_ui->historyTreeWidget->clear();
    m_tokens->setIntegration(m_accountId, m_integrationId);
    loadRules(integration);
    reloadHistory();
    m_status->setIntegration(m_accountId, m_integrationId);
}

void ConnectorConsole::loadRules(const QJsonObject& integration) {
    const quint64 generation = ++m_rulesGeneration;
    const QString pointId = integration.value(QStringLiteral("integration_point_id")).toString();
    if (pointId.isEmpty() || !m_platform)
        return populateOperations(integration, std::nullopt, QString());
    QPointer<ConnectorConsole> self(this);
    m_platform->dispatch(
        ApiRequest::get(QStringLiteral("/v1/integration-points/%1").arg(pointId), m_organizationToken),
        [self, generation, integration](ApiResponse r) {
            if (!self || generation != self->m_rulesGeneration)
                return;
            if (r.isError()) {
                // Rules unknown: offer everything; the Connector API still enforces them.
                self->populateOperations(integration, std::nullopt, QString());
                return self->showProblem(r.problem());
            }
            const QJsonObject point = r.result().toObject();
            const QJsonValue ops =
                point.value(QStringLiteral("rules")).toObject().value(QStringLiteral("operations"));
            std::optional<QStringList> allowed;
            if (ops.isArray()) {
                allowed = QStringList();
                const QJsonArray a = ops.toArray();
                for (const QJsonValue& v : a)
                    allowed->append(v.toString());
            }
            const QString name = point.value(QStringLiteral("fullname")).toString();
            self->populateOperations(integration, allowed,
                                     name.isEmpty() ? point.value(QStringLiteral("name")).toString() : name);
        });
}

void ConnectorConsole::populateOperations(const QJsonObject& integration,
                                          const std::optional<QStringList>& allowed,
                                          const QString& pointName) {
    const Catalog& catalog = Catalog::builtin();
    const ConnectorSpec* connector =
        catalog.connector(integration.value(QStringLiteral("category")).toString());
    const ProviderSpec* provider =
        catalog.provider(integration.value(QStringLiteral("provider_type")).toString());
    auto* model = qobject_cast<QStandardItemModel*>(m_ui->operationComboBox->model());
    {
        QSignalBlocker block(m_ui->operationComboBox);
        model->clear();
    }
    QMap<QString, QStringList> unavailable; // reason -> operations, so a shared reason shows once
    int firstEnabled = -1;
    if (connector) {
        for (const OperationSpec& op : connector->operations) {
            auto* item = new QStandardItem(
                QStringLiteral("%1   %2 %3").arg(op.fullname, QString::fromLatin1(op.method), op.path));
            item->setData(op.id, Qt::UserRole);
            QString reason;
            if (provider && !provider->supports(op.id))
                reason = tr("%1 does not support this operation.").arg(provider->fullname);
            else if (allowed && !allowed->contains(op.id) && !allowed->contains(op.name))
                reason = tr("Not allowed by the Integration Point “%1” (allowed: %2).")
                             .arg(pointName,
                                  allowed->isEmpty() ? tr("none") : allowed->join(QStringLiteral(", ")));
            if (!reason.isEmpty()) {
                item->setEnabled(false);
                item->setToolTip(reason);
                item->setText(item->text() + tr(" — unavailable"));
                unavailable[reason] << op.fullname;
            } else {
                item->setToolTip(op.description);
                if (firstEnabled < 0)
                    firstEnabled = model->rowCount();
            }
            model->appendRow(item);
        }
    }
    QStringList notes;
    for (auto it = unavailable.cbegin(); it != unavailable.cend(); ++it)
        notes << tr("Unavailable: %1. %2").arg(it.value().join(QStringLiteral(", ")), it.key());
    m_ui->operationNoteLabel->setText(notes.join(QLatin1Char('\n')));
    m_ui->operationComboBox->setCurrentIndex(-1);
    m_ui->operationComboBox->setCurrentIndex(firstEnabled);
    if (firstEnabled < 0)
        onOperationChanged();
    emit operationsReady();
}

const OperationSpec* ConnectorConsole::currentOperation() const {
    return Catalog::builtin().operation(currentOperationId());
}

QString ConnectorConsole::currentOperationId() const {
    return m_ui->operationComboBox->currentData(Qt::UserRole).toString();
}

bool ConnectorConsole::selectOperation(const QString& operationId) {
    auto* model = qobject_cast<QStandardItemModel*>(m_ui->operationComboBox->model());
    for (int row = 0; row < model->rowCount(); ++row) {
        QStandardItem* item = model->item(row);
        if (item->data(Qt::UserRole).toString() != operationId)
            continue;
        if (!item->isEnabled())
            return false;
        m_ui->operationComboBox->setCurrentIndex(row);
        return true;
    }
    return false;
}

void ConnectorConsole::onOperationChanged() {
    const OperationSpec* op = currentOperation();
    m_form->setOperation(op);
    m_ui->sendButton->setEnabled(op && !isBusy());
    m_ui->copyCurlButton->setEnabled(op != nullptr);
    onFormChanged();
}

void ConnectorConsole::onFormChanged() {
    if (m_syncing)
        return;
    m_syncing = true;
    m_ui->rawJsonEdit->setPlainText(currentOperation() ? pretty(m_form->request().toJson()) : QString());
    m_ui->rawJsonErrorLabel->clear();
    m_syncing = false;
}

void ConnectorConsole::onRawJsonChanged() {
    if (m_syncing)
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(m_ui->rawJsonEdit->toPlainText().toUtf8(), &error);
    if (!doc.isObject()) {
        m_ui->rawJsonErrorLabel->setText(
            doc.isNull() ? tr("JSON error at character %1: %2").arg(error.offset).arg(error.errorString())
                         : tr("The request must be a JSON object."));
        return;
    }
    auto request = ConsoleRequest::fromJson(doc.object());
    if (!request) {
        m_ui->rawJsonErrorLabel->setText(request.problem().message);
        return;
    }
    m_syncing = true;
    if (!request->operationId.isEmpty() && request->operationId != currentOperationId() &&
        !selectOperation(request->operationId))
        m_ui->rawJsonErrorLabel->setText(
            tr("The operation %1 is not available for this Integration.").arg(request->operationId));
    else
        m_ui->rawJsonErrorLabel->clear();
    m_form->setRequest(*request);
    m_syncing = false;
}

Result<ConsoleRequest> ConnectorConsole::currentRequest() const {
    if (!currentOperation())
        return Problem::badRequest(tr("Pick an operation first."));
    if (!m_ui->rawJsonErrorLabel->text().isEmpty())
        return Problem::badRequest(tr("The JSON request is not valid."), m_ui->rawJsonErrorLabel->text())
            .withRemediation(tr("Fix the JSON tab, or edit the form."));
    return m_form->request();
}

Result<QString> ConnectorConsole::curlCommand() const {
    auto request = currentRequest();
    if (!request)
        return request.problem();
    return request->toCurl(*currentOperation(), m_apiBaseUrl);
}

void ConnectorConsole::copyAsCurl() {
    auto curl = curlCommand();
    if (!curl)
        return showProblem(curl.problem());
    QGuiApplication::clipboard()->setText(*curl);
    m_ui->problemLabel->setText(
        tr("Copied. Set PATCHBAY_INTEGRATION_TOKEN to an Integration Access Token first."));
}

void ConnectorConsole::send() {
    if (isBusy() || !m_platform)
        return;
    auto request = currentRequest();
    if (!request)
        return showProblem(request.problem());
    const OperationSpec* op = currentOperation();
    const quint64 call = ++m_nextCall;
    m_activeCall = call;
    setBusy(true);
    m_ui->problemLabel->setText(tr("Sending %1…").arg(op->fullname));
    m_callTimer.start();
    const ConsoleRequest sent = *request;
    QPointer<ConnectorConsole> self(this);
    m_tokens->withToken(
        [self, call, sent, op](const IntegrationTokenKeeper::Token& token, const Problem& problem) {
            if (!self || self->m_activeCall != call)
                return;
            if (!token.isValid())
                return self->onResponse(call, ApiResponse::ofProblem(problem), sent);
            auto api = sent.toApiRequest(*op, token.secret);
            if (!api)
                return self->onResponse(call, ApiResponse::ofProblem(api.problem()), sent);
            askForExchanges(*api);
            self->m_platform->dispatch(*api, [self, call, sent](ApiResponse response) {
                if (self)
                    self->onResponse(call, response, sent);
            });
        });
}

void ConnectorConsole::cancel() {
    if (!isBusy())
        return;
    // The platform cannot take a call back; its answer is simply dropped when it comes.
    m_activeCall = 0;
    setBusy(false);
    m_ui->problemLabel->setText(tr("Cancelled. The answer will be ignored when it arrives."));
}

void ConnectorConsole::onResponse(quint64 call, const ApiResponse& response, const ConsoleRequest& sent) {
    if (call != m_activeCall)
        return;
    m_activeCall = 0;
    setBusy(false);
    const qint64 elapsed = m_callTimer.elapsed();
    const QJsonObject body = response.body.toObject();
    m_lastExchanges = body.value(QStringLiteral("exchanges")).toArray();
    m_lastCursor = response.isError() ? QString() : body.value(QStringLiteral("cursor")).toString();
    m_ui->nextPageButton->setEnabled(!m_lastCursor.isEmpty());
    m_sent.append(sent);
    if (response.isError()) {
        QJsonObject problemBody = body;
        problemBody.remove(QStringLiteral("exchanges"));
        m_resultModel->setJson(problemBody);
        showProblem(response.problem());
    } else {
        m_ui->problemLabel->setText(tr("HTTP %1 in %2 ms").arg(response.status).arg(elapsed));
        m_resultModel->setJson(response.result());
    }
    m_ui->resultTreeView->expandToDepth(0);
    m_ui->resultTreeView->resizeColumnToContents(0);
    const QJsonValue result = response.result();
    m_ui->resultSummaryLabel->setText(
        result.isArray() ? tr("%n item(s)", nullptr, static_cast<int>(result.toArray().size())) : QString());
    m_ui->exchangesTextEdit->setPlainText(m_lastExchanges.isEmpty()
                                              ? tr("No provider exchange came back with this answer. The "
                                                   "platform attaches them when it supports the "
                                                   "X-Patchbay-Trace: exchanges request header; calls "
                                                   "refused before reaching the provider have none.")
                                              : exchangesText(m_lastExchanges));
    QString timing =
        tr("Round trip through the platform: %1 ms\nStatus: %2\n").arg(elapsed).arg(response.status);
    if (!m_lastExchanges.isEmpty())
        timing += tr("\nProvider exchanges:\n") + exchangesTiming(m_lastExchanges);
    m_ui->timingTextEdit->setPlainText(timing);
    reloadHistory();
    m_status->reload();
    emit callFinished(!response.isError());
}

void ConnectorConsole::nextPage() {
    if (m_lastCursor.isEmpty() || isBusy())
        return;
    ConsoleRequest r = m_form->request();
    r.setQueryValue(QStringLiteral("cursor"), m_lastCursor);
    m_form->setRequest(r);
    onFormChanged();
    send();
}

void ConnectorConsole::showProblem(const Problem& problem) {
    m_ui->problemLabel->setText(problem.toText());
}

QString ConnectorConsole::problemText() const {
    return m_ui->problemLabel->text();
}

void ConnectorConsole::setBusy(bool busy) {
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->cancelButton->setEnabled(busy);
    m_ui->sendButton->setEnabled(!busy && currentOperation());
    m_ui->nextPageButton->setEnabled(!busy && !m_lastCursor.isEmpty());
    m_ui->rerunButton->setEnabled(!busy);
}

void ConnectorConsole::updateTokenLabel() {
    const auto& t = m_tokens->current();
    if (!t.isValid()) {
        m_ui->tokenLabel->setText(m_integrationId.isEmpty() ? tr("No Integration selected.")
                                                            : tr("Obtaining an Integration Access Token…"));
        return;
    }
    m_ui->tokenLabel->setText(
        tr("Integration Access Token %1 · expires %2 (renewed automatically)")
            .arg(t.id, QLocale().toString(t.expires.toLocalTime(), QLocale::ShortFormat)));
    m_ui->tokenLabel->setToolTip(toRfc3339(t.expires));
}

} // namespace pb
