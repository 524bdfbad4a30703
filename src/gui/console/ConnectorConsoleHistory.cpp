// The console's call history: read from the workspace through the status events route (the
// platform records every Connector API call, never secrets or bodies), re-run into the form.

#include "gui/console/ConnectorConsole.h"

#include "catalog/Catalog.h"
#include "core/Clock.h"
#include "gui/console/OperationForm.h"
#include "platform/Platform.h"

#include "ui_ConnectorConsole.h"

#include <QLocale>

namespace pb {

void ConnectorConsole::reloadHistory() {
    if (!m_platform || m_integrationId.isEmpty())
        return;
    QPointer<ConnectorConsole> self(this);
    const QString integrationId = m_integrationId;
    ApiRequest request =
        ApiRequest::get(QStringLiteral("/v1/status/%1/%2/events").arg(m_accountId, m_integrationId),
                        m_organizationToken)
            .withQuery(QStringLiteral("limit"), QStringLiteral("50"));
    m_platform->dispatch(request, [self, integrationId](ApiResponse r) {
        if (!self || integrationId != self->m_integrationId)
            return;
        QTreeWidget* tree = self->m_ui->historyTreeWidget;
        tree->clear();
        self->m_history.clear();
        if (r.isError()) {
            self->showProblem(r.problem());
            return;
        }
        const QJsonArray events = r.result().toArray();
        for (const QJsonValue& v : events) {
            const QJsonObject e = v.toObject();
            const QJsonObject req = e.value(QStringLiteral("request")).toObject();
            const OperationSpec* op =
                Catalog::builtin().operation(req.value(QStringLiteral("operation_id")).toString());
            const int status = e.value(QStringLiteral("status")).toInt();
            auto* item = new QTreeWidgetItem(tree);
            item->setText(0, QLocale().toString(
                                 parseRfc3339(e.value(QStringLiteral("created_at")).toString()).toLocalTime(),
                                 QLocale::ShortFormat));
            item->setText(1, op ? op->fullname
                                : req.value(QStringLiteral("method")).toString() + QLatin1Char(' ') +
                                      req.value(QStringLiteral("path")).toString());
            item->setText(2, QString::number(status));
            item->setText(3, QString::number(req.value(QStringLiteral("duration_ms")).toInteger()));
            item->setToolTip(1, req.value(QStringLiteral("method")).toString() + QLatin1Char(' ') +
                                    req.value(QStringLiteral("path")).toString());
            item->setToolTip(2, e.value(QStringLiteral("error")).toString());
            if (status >= 400)
                item->setForeground(2, QColor(0xb0, 0x20, 0x20));
            self->m_history.append(e);
        }
        for (int c = 0; c < tree->columnCount(); ++c)
            tree->resizeColumnToContents(c);
        emit self->historyLoaded();
    });
}

std::optional<ConsoleRequest> ConnectorConsole::historyRequest(int row) const {
    if (row < 0 || row >= m_history.size())
        return std::nullopt;
    auto request = ConsoleRequest::fromHistoryEvent(m_history.at(row));
    if (!request)
        return std::nullopt;
    // The workspace keeps the operation and path only; a call made in this session also brings
    // back its query and body.
    for (auto it = m_sent.crbegin(); it != m_sent.crend(); ++it)
        if (it->operationId == request->operationId && it->pathParams == request->pathParams)
            return *it;
    return request;
}

void ConnectorConsole::fillFromHistory(int row) {
    const auto request = historyRequest(row);
    if (!request)
        return;
    if (request->operationId != currentOperationId() && !selectOperation(request->operationId)) {
        m_ui->problemLabel->setText(
            tr("%1 is no longer available for this Integration.").arg(request->operationId));
        return;
    }
    m_form->setRequest(*request);
    onFormChanged();
}

void ConnectorConsole::rerunFromHistory(int row) {
    if (isBusy() || !historyRequest(row))
        return;
    fillFromHistory(row);
    send();
}

} // namespace pb
