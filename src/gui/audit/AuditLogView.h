#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QWidget>

#include <memory>

class QStandardItemModel;

namespace Ui {
class AuditLogView;
}

namespace pb {

class ApiClient;

// The hash-chained audit log: filtered by Account, member, action and time through the list
// API's filters, its chain verified on demand, and the shown rows exported as CSV.
class AuditLogView final : public QWidget {
    Q_OBJECT
public:
    explicit AuditLogView(ApiClient* api, QWidget* parent = nullptr);
    ~AuditLogView() override;

    void reload();
    void verify();
    // Asks for a file (FileDialog) and writes the shown rows; returns the problem if it failed.
    Status exportCsv();
    QStandardItemModel* model() const { return m_model; }
    QString statusText() const;

    void setAccountFilter(const QString& accountId);
    void setActionFilter(const QString& text);

signals:
    void reloaded();
    void verified(bool valid);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void loadChoices();
    void fill(const QJsonArray& rows);

    std::unique_ptr<Ui::AuditLogView> m_ui;
    ApiClient* m_api;
    QStandardItemModel* m_model;
    QHash<QString, QString> m_names;
    bool m_loadedOnce = false;
};

} // namespace pb
