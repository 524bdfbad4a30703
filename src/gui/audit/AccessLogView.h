#pragma once

#include <QJsonArray>
#include <QWidget>

#include <memory>

class QStandardItemModel;
class QSortFilterProxyModel;

namespace Ui {
class AccessLogView;
}

namespace pb {

class ApiClient;

// The local API server's access log (GET /v1/audit/access-log): method, path, status, duration
// and token id of every request, newest first, beside the audit log. Administrators only.
class AccessLogView final : public QWidget {
    Q_OBJECT
public:
    explicit AccessLogView(ApiClient* api, QWidget* parent = nullptr);
    ~AccessLogView() override;

    void reload();
    QStandardItemModel* model() const { return m_model; }
    QString statusText() const;

signals:
    void reloaded();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void fill(const QJsonArray& rows);

    std::unique_ptr<Ui::AccessLogView> m_ui;
    ApiClient* m_api;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

} // namespace pb
