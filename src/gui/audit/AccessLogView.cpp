#include "gui/audit/AccessLogView.h"

#include "ui_AccessLogView.h"

#include "core/Clock.h"
#include "gui/ApiClient.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

using namespace Qt::StringLiterals;

namespace pb {

AccessLogView::AccessLogView(ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AccessLogView>())
    , m_api(api)
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Method"), tr("Path"), tr("Status"), tr("ms"), tr("Token id")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->entriesTableView->setModel(m_proxy);
    m_ui->entriesTableView->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_ui->entriesTableView->verticalHeader()->hide();
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &AccessLogView::reload);
    connect(m_ui->filterLineEdit, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

AccessLogView::~AccessLogView() = default;

QString AccessLogView::statusText() const
{
    return m_ui->statusLabel->text();
}

void AccessLogView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    reload();
}

void AccessLogView::reload()
{
    m_api->call(ApiRequest::get(u"/v1/audit/access-log"_s).withQuery(u"limit"_s, u"1000"_s), this,
                [this](const ApiResponse& response) {
                    if (response.isError()) {
                        m_model->removeRows(0, m_model->rowCount());
                        m_ui->statusLabel->setText(response.problem().message);
                    } else {
                        fill(response.result().toArray());
                    }
                    emit reloaded();
                });
}

void AccessLogView::fill(const QJsonArray& rows)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const QJsonValue& v : rows) {
        const QJsonObject o = v.toObject();
        const QDateTime when = parseRfc3339(o.value(u"created_at"_s).toString()).toLocalTime();
        auto* status = new QStandardItem(QString::number(o.value(u"status"_s).toInt()));
        if (o.value(u"status"_s).toInt() >= 400)
            status->setForeground(QColor(0xc0, 0x39, 0x2b));
        m_model->appendRow({new QStandardItem(QLocale().toString(when, QLocale::ShortFormat)),
                            new QStandardItem(o.value(u"method"_s).toString()),
                            new QStandardItem(o.value(u"path"_s).toString()), status,
                            new QStandardItem(QString::number(o.value(u"duration_ms"_s).toInteger())),
                            new QStandardItem(o.value(u"token_id"_s).toString())});
    }
    m_ui->entriesTableView->resizeColumnsToContents();
    m_ui->statusLabel->setText(rows.isEmpty() ? tr("No requests yet. Start the server with File → Serve the API on "
                                                   "Loopback, or run patchbay-cli serve.")
                                              : tr("%n request(s), newest first.", nullptr, int(rows.size())));
}

} // namespace pb
