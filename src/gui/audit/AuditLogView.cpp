#include "gui/audit/AuditLogView.h"

#include "ui_AuditLogView.h"

#include "core/Clock.h"
#include "gui/ApiClient.h"
#include "gui/widgets/FileDialog.h"

#include <QDir>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardItemModel>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
const QStringList Columns{u"created_at"_s, u"member_id"_s, u"action"_s, u"method"_s, u"path"_s,
                          u"status"_s, u"outcome"_s, u"account_id"_s, u"integration_id"_s, u"seq"_s};

QString csvField(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    return u'"' + QString(text).replace(u"\""_s, u"\"\""_s) + u'"';
}
} // namespace

AuditLogView::AuditLogView(ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuditLogView>())
    , m_api(api)
    , m_model(new QStandardItemModel(this))
{
    m_ui->setupUi(this);
    m_model->setHorizontalHeaderLabels({tr("Time"), tr("Member"), tr("Action"), tr("Method"), tr("Path"), tr("Status"),
                                        tr("Outcome"), tr("Account"), tr("Integration"), tr("Seq")});
    m_ui->auditTableView->setModel(m_model);
    m_ui->auditTableView->setColumnHidden(Columns.indexOf(u"seq"_s), true);
    m_ui->auditTableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const QDateTime now = QDateTime::currentDateTime();
    m_ui->sinceDateTimeEdit->setDateTime(now.addDays(-7));
    m_ui->untilDateTimeEdit->setDateTime(now.addDays(1));
    m_ui->sinceDateTimeEdit->setEnabled(false);
    m_ui->untilDateTimeEdit->setEnabled(false);
    connect(m_ui->sinceCheckBox, &QCheckBox::toggled, m_ui->sinceDateTimeEdit, &QWidget::setEnabled);
    connect(m_ui->sinceCheckBox, &QCheckBox::toggled, m_ui->untilDateTimeEdit, &QWidget::setEnabled);
    connect(m_ui->applyButton, &QPushButton::clicked, this, &AuditLogView::reload);
    connect(m_ui->actionLineEdit, &QLineEdit::returnPressed, this, &AuditLogView::reload);
    connect(m_ui->verifyButton, &QPushButton::clicked, this, &AuditLogView::verify);
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        if (Status s = exportCsv(); !s)
            m_ui->auditStatusLabel->setText(s.problem().message);
    });
    m_ui->accountComboBox->addItem(tr("All Accounts"), QString());
    m_ui->memberComboBox->addItem(tr("All members"), QString());
}

AuditLogView::~AuditLogView() = default;

void AuditLogView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) {
        m_loadedOnce = true;
        loadChoices();
        reload();
    }
}

void AuditLogView::loadChoices()
{
    m_api->call(ApiRequest::get(u"/v1/accounts"_s).withQuery(u"limit"_s, u"10000"_s), this, [this](const ApiResponse& r) {
        for (const QJsonValue& v : r.result().toArray()) {
            const QString name = v[u"fullname"_s].toString(v[u"name"_s].toString());
            m_names.insert(v[u"id"_s].toString(), name);
            m_ui->accountComboBox->addItem(name, v[u"id"_s].toString());
        }
    });
    m_api->call(ApiRequest::get(u"/v1/members"_s).withQuery(u"limit"_s, u"10000"_s), this, [this](const ApiResponse& r) {
        for (const QJsonValue& v : r.result().toArray()) {
            const QString name = v[u"fullname"_s].toString(v[u"name"_s].toString());
            m_names.insert(v[u"id"_s].toString(), name);
            m_ui->memberComboBox->addItem(name, v[u"id"_s].toString());
        }
    });
}

void AuditLogView::setAccountFilter(const QString& accountId)
{
    const int i = m_ui->accountComboBox->findData(accountId);
    if (i >= 0)
        m_ui->accountComboBox->setCurrentIndex(i);
}

void AuditLogView::setActionFilter(const QString& text)
{
    m_ui->actionLineEdit->setText(text);
}

void AuditLogView::reload()
{
    m_loadedOnce = true;
    ApiRequest request = ApiRequest::get(u"/v1/audit/organizations"_s);
    request.withQuery(u"limit"_s, u"5000"_s);
    const QString account = m_ui->accountComboBox->currentData().toString();
    if (!account.isEmpty())
        request.withQuery(u"filter"_s, u"account_id[eq]"_s + account);
    const QString member = m_ui->memberComboBox->currentData().toString();
    if (!member.isEmpty())
        request.withQuery(u"filter"_s, u"member_id[eq]"_s + member);
    // "POST /v1/accounts" filters method and path; a single word filters the action name.
    const QStringList action = m_ui->actionLineEdit->text().simplified().split(u' ', Qt::SkipEmptyParts);
    if (action.size() >= 2) {
        request.withQuery(u"filter"_s, u"method[eq]"_s + action.at(0).toUpper());
        request.withQuery(u"filter"_s, u"path[like]%"_s + action.at(1) + u'%');
    } else if (action.size() == 1) {
        request.withQuery(u"filter"_s, (action.at(0).startsWith(u'/') ? u"path[like]%"_s : u"action[like]%"_s)
                                           + action.at(0) + u'%');
    }
    if (m_ui->sinceCheckBox->isChecked()) {
        request.withQuery(u"filter"_s, u"created_at[gte]"_s + toRfc3339(m_ui->sinceDateTimeEdit->dateTime().toUTC()));
        request.withQuery(u"filter"_s, u"created_at[lte]"_s + toRfc3339(m_ui->untilDateTimeEdit->dateTime().toUTC()));
    }
    m_api->call(request, this, [this](const ApiResponse& response) {
        if (response.isError()) {
            m_ui->auditStatusLabel->setText(response.problem().message);
            return;
        }
        fill(response.result().toArray());
        emit reloaded();
    });
}

void AuditLogView::fill(const QJsonArray& rows)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const QJsonValue& v : rows) {
        const QJsonObject row = v.toObject();
        QList<QStandardItem*> items;
        for (const QString& key : Columns) {
            const QJsonValue value = row.value(key);
            QString text = value.isDouble() ? QString::number(value.toInteger()) : value.toString();
            auto* item = new QStandardItem;
            if (key.endsWith(u"_id"_s)) {
                item->setToolTip(text);
                text = m_names.value(text, text);
            }
            if (key == u"created_at"_s)
                text = QLocale().toString(parseRfc3339(text).toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
            item->setText(text);
            item->setData(value.toVariant(), Qt::UserRole);
            items.append(item);
        }
        m_model->appendRow(items);
    }
    m_ui->auditTableView->resizeColumnsToContents();
    m_ui->auditStatusLabel->setText(tr("%n entries", nullptr, int(rows.size())));
}

void AuditLogView::verify()
{
    m_api->call(ApiRequest::get(u"/v1/audit/verify"_s), this, [this](const ApiResponse& response) {
        if (response.isError()) {
            m_ui->auditStatusLabel->setText(response.problem().message);
            return;
        }
        const QJsonObject result = response.result().toObject();
        const bool valid = result.value(u"valid"_s).toBool();
        const int checked = result.value(u"rows"_s).toInt();
        if (valid) {
            m_ui->auditStatusLabel->setText(tr("✔ Chain intact: %n entries verified.", nullptr, checked));
        } else {
            QStringList problems;
            for (const QJsonValue& p : result.value(u"problems"_s).toArray())
                problems.append(tr("#%1 %2: %3").arg(p[u"seq"_s].toInteger()).arg(p[u"kind"_s].toString(), p[u"detail"_s].toString()));
            m_ui->auditStatusLabel->setText(u"<span style=\"color:#d13b2f\">%1</span>"_s.arg(
                tr("✘ Chain broken: %1").arg(problems.join(u"; "_s)).toHtmlEscaped()));
        }
        emit verified(valid);
    });
}

QString AuditLogView::statusText() const
{
    return m_ui->auditStatusLabel->text();
}

Status AuditLogView::exportCsv()
{
    const QString fileName = FileDialog::getSaveFileName(this, tr("Export audit log"),
                                                         QDir::home().filePath(u"patchbay-audit.csv"_s),
                                                         tr("CSV files (*.csv)"));
    if (fileName.isEmpty())
        return {};
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Problem::internal(tr("Cannot write %1.").arg(fileName), file.errorString());
    QStringList lines{Columns.join(u',')};
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList fields;
        for (int c = 0; c < Columns.size(); ++c) {
            const QVariant raw = m_model->item(r, c)->data(Qt::UserRole);
            fields.append(csvField(raw.toString()));
        }
        lines.append(fields.join(u','));
    }
    file.write((lines.join(u'\n') + u'\n').toUtf8());
    if (!file.commit())
        return Problem::internal(tr("Cannot write %1.").arg(fileName), file.errorString());
    m_ui->auditStatusLabel->setText(tr("Exported %n entries to %1.", nullptr, m_model->rowCount()).arg(fileName));
    return {};
}

} // namespace pb
