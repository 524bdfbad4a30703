#include "gui/editors/TokensPage.h"

#include "ui_TokensPage.h"

#include "core/Clock.h"
#include "gui/ApiClient.h"
#include "gui/widgets/RoleNames.h"
#include "gui/widgets/MessageBox.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
enum Column { NameColumn, KindColumn, OwnerColumn, RoleColumn, ExpiresColumn, LastUsedColumn, IdColumn };
constexpr int TtlSeconds[] = {3600, 24 * 3600, 7 * 24 * 3600, 90 * 24 * 3600};
} // namespace

TokensPage::TokensPage(ApiClient* api, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TokensPage>())
    , m_api(api)
{
    m_ui->setupUi(this);
    m_ui->issueTtlComboBox->setCurrentIndex(1);
    m_ui->issueRoleComboBox->setItemData(0, QString());
    m_ui->issueRoleComboBox->setItemData(1, u"member"_s);
    m_ui->issueRoleComboBox->setItemData(2, u"viewer"_s);
    m_ui->tokensTreeWidget->sortByColumn(ExpiresColumn, Qt::DescendingOrder);
    m_ui->tokensTreeWidget->setColumnWidth(NameColumn, 160);
    m_ui->tokensTreeWidget->setColumnWidth(OwnerColumn, 200);
    connect(m_ui->issueButton, &QPushButton::clicked, this, &TokensPage::issue);
    connect(m_ui->revokeButton, &QPushButton::clicked, this, &TokensPage::revokeSelected);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &TokensPage::reload);
    connect(m_ui->tokensTreeWidget, &QTreeWidget::currentItemChanged, this,
            [this] { m_ui->revokeButton->setEnabled(!m_readOnly && m_ui->tokensTreeWidget->currentItem()); });
    m_ui->revokeButton->setEnabled(false);
}

TokensPage::~TokensPage() = default;

void TokensPage::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (QWidget* w : std::initializer_list<QWidget*>{m_ui->issueNameLineEdit, m_ui->issueRoleComboBox,
                                                     m_ui->issueTtlComboBox, m_ui->issueButton})
        w->setEnabled(!readOnly);
    m_ui->revokeButton->setEnabled(!readOnly && m_ui->tokensTreeWidget->currentItem());
}

void TokensPage::reload()
{
    // Owner names make the list readable; fetch members, Accounts and Integrations first.
    m_api->call(ApiRequest::get(u"/v1/members"_s).withQuery(u"limit"_s, u"10000"_s), this, [this](const ApiResponse& members) {
        for (const QJsonValue& v : members.result().toArray())
            m_names.insert(v[u"id"_s].toString(), v[u"fullname"_s].toString(v[u"name"_s].toString()));
        m_api->call(ApiRequest::get(u"/v1/integrations"_s).withQuery(u"limit"_s, u"10000"_s), this,
                    [this](const ApiResponse& integrations) {
                        for (const QJsonValue& v : integrations.result().toArray())
                            m_names.insert(v[u"id"_s].toString(), v[u"fullname"_s].toString(v[u"name"_s].toString()));
                        m_api->call(ApiRequest::get(u"/v1/tokens"_s).withQuery(u"limit"_s, u"10000"_s), this,
                                    [this](const ApiResponse& response) {
                                        if (response.isError()) {
                                            m_ui->tokensStatusLabel->setText(response.problem().message);
                                            return;
                                        }
                                        m_tokens = response.result().toArray();
                                        fill();
                                        emit reloaded();
                                    });
                    });
    });
}

QString TokensPage::ownerOf(const QJsonObject& permissions) const
{
    const QString integration = permissions.value(u"integration_id"_s).toString();
    if (!integration.isEmpty())
        return tr("Integration %1").arg(m_names.value(integration, integration));
    const QString member = permissions.value(u"member_id"_s).toString();
    return tr("Member %1").arg(m_names.value(member, member));
}

void TokensPage::fill()
{
    const QString current = m_ui->tokensTreeWidget->currentItem()
                                ? m_ui->tokensTreeWidget->currentItem()->text(IdColumn)
                                : QString();
    m_ui->tokensTreeWidget->clear();
    int active = 0;
    const QDateTime now = nowUtc();
    for (const QJsonValue& v : std::as_const(m_tokens)) {
        const QJsonObject t = v.toObject();
        // Revoked and long-expired tokens are history, not something to manage here.
        if (!t.value(u"revoked_at"_s).toString().isEmpty())
            continue;
        const QDateTime expires = parseRfc3339(t.value(u"expires"_s).toString());
        if (expires.isValid() && expires < now)
            continue;
        const QJsonObject permissions = t.value(u"permissions"_s).toObject();
        const QString resource = permissions.value(u"resource_type"_s).toString();
        const QString kind = t.value(u"kind"_s).toString() == u"refresh"_s
                                 ? tr("refresh")
                                 : (resource == u"integration"_s ? tr("integration access") : tr("organization access"));
        const QString lastUsed = t.value(u"last_used_at"_s).toString();
        auto* item = new QTreeWidgetItem(m_ui->tokensTreeWidget);
        item->setText(NameColumn, t.value(u"name"_s).toString());
        item->setText(KindColumn, kind);
        item->setText(OwnerColumn, ownerOf(permissions));
        item->setText(RoleColumn, roleDisplayName(permissions.value(u"role"_s).toString()));
        item->setText(ExpiresColumn, QLocale().toString(expires.toLocalTime(), QLocale::ShortFormat));
        item->setData(ExpiresColumn, Qt::UserRole, expires);
        item->setText(LastUsedColumn, lastUsed.isEmpty() ? tr("never") : QLocale().toString(parseRfc3339(lastUsed).toLocalTime(), QLocale::ShortFormat));
        item->setText(IdColumn, t.value(u"id"_s).toString());
        if (item->text(IdColumn) == current)
            m_ui->tokensTreeWidget->setCurrentItem(item);
        ++active;
    }
    m_ui->tokensStatusLabel->setText(tr("%n active token(s)", nullptr, active));
}

bool TokensPage::selectToken(const QString& id)
{
    const auto items = m_ui->tokensTreeWidget->findItems(id, Qt::MatchExactly, IdColumn);
    if (items.isEmpty())
        return false;
    m_ui->tokensTreeWidget->setCurrentItem(items.first());
    return true;
}

void TokensPage::issue()
{
    if (m_readOnly)
        return;
    QJsonObject body{{u"name"_s, m_ui->issueNameLineEdit->text().trimmed()},
                     {u"token_ttl"_s, TtlSeconds[qBound(0, m_ui->issueTtlComboBox->currentIndex(), 3)]}};
    const QString role = m_ui->issueRoleComboBox->currentData().toString();
    if (!role.isEmpty())
        body.insert(u"permissions"_s, QJsonObject{{u"role"_s, role}});
    m_api->call(ApiRequest::post(u"/v1/tokens"_s, body), this, [this](const ApiResponse& response) {
        if (response.isError()) {
            const Problem p = response.problem();
            m_ui->tokensStatusLabel->setText(u"<span style=\"color:#d13b2f\">%1</span>"_s.arg(QString(p.message + u' ' + p.detail).toHtmlEscaped()));
            return;
        }
        const QJsonObject access = response.result().toObject().value(u"access"_s).toObject();
        m_ui->issueNameLineEdit->clear();
        emit secretIssued(tr("New Organization Access Token"), access.value(u"secret"_s).toString(),
                          tr("Expires %1. Use it as “Authorization: Bearer …” or with patchbay-cli --token.")
                              .arg(access.value(u"expires"_s).toString()));
        reload();
    });
}

void TokensPage::revokeSelected()
{
    QTreeWidgetItem* item = m_ui->tokensTreeWidget->currentItem();
    if (!item || m_readOnly)
        return;
    const QString id = item->text(IdColumn);
    if (MessageBox::question(this, tr("Revoke token"),
                             tr("Revoke “%1” (%2)? Programs using it stop working at once.")
                                 .arg(item->text(NameColumn), item->text(OwnerColumn)),
                             MessageBox::Buttons(QMessageBox::Yes | QMessageBox::Cancel), QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    m_api->call(ApiRequest::del(u"/v1/tokens/"_s + id), this, [this](const ApiResponse& response) {
        if (response.isError()) {
            m_ui->tokensStatusLabel->setText(response.problem().message);
            return;
        }
        reload();
    });
}

} // namespace pb
