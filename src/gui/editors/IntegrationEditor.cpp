#include "gui/editors/IntegrationEditor.h"

#include "ui_IntegrationEditor.h"

#include "catalog/Catalog.h"
#include "gui/ApiClient.h"
#include "gui/Icons.h"
#include "gui/editors/ConfigForm.h"
#include "gui/models/NodePresentation.h"
#include "gui/widgets/FieldMarks.h"

#include <QStandardItemModel>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
constexpr int ProviderIdRole = Qt::UserRole;
const QString NewCredential = u"\x01new"_s; // credential combo data of "New credential…"

QString credentialTypeName(const QString& type)
{
    if (type == u"basic"_s)
        return IntegrationEditor::tr("Username and password");
    if (type == u"token"_s)
        return IntegrationEditor::tr("Token");
    if (type == u"secret"_s)
        return IntegrationEditor::tr("Secret");
    return type;
}
} // namespace

IntegrationEditor::IntegrationEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::IntegrationEditor>())
{
    m_ui->setupUi(this);
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"integration_point_id"_s, m_ui->integrationPointComboBox, m_ui->integrationPointReasonLabel);
    marks->addField(u"provider_config.type"_s, m_ui->providerListWidget, m_ui->providerReasonLabel);
    marks->addField(u"provider_type"_s, m_ui->providerListWidget, m_ui->providerReasonLabel);
    marks->addField(u"provider_config.credential"_s, m_ui->credentialComboBox, m_ui->credentialReasonLabel);
    marks->addField(u"provider_config.credential.username"_s, m_ui->newCredentialUsernameLineEdit,
                    m_ui->newCredentialUsernameReasonLabel);
    marks->addField(u"provider_config.credential.secret"_s, m_ui->newCredentialSecretLineEdit,
                    m_ui->newCredentialSecretReasonLabel);
    setMarks(marks);
    m_config = new ConfigForm(m_ui->configFormLayout, marks, this);
    m_ui->providerRuleLabel->setStyleSheet(u"color: palette(mid);"_s);

    for (QLineEdit* e : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->newCredentialUsernameLineEdit,
                         m_ui->newCredentialSecretLineEdit})
        connect(e, &QLineEdit::textChanged, this, &IntegrationEditor::markDirty);
    connect(m_ui->integrationPointComboBox, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        fillProviders();
        markDirty();
    });
    connect(m_ui->providerListWidget, &QListWidget::currentItemChanged, this, [this] {
        if (m_loading)
            return;
        onProviderChanged();
        markDirty();
    });
    connect(m_ui->credentialComboBox, &QComboBox::currentIndexChanged, this, [this] {
        updateNewCredentialFields();
        markDirty();
    });
    connect(m_ui->newCredentialTypeComboBox, &QComboBox::currentIndexChanged, this, [this] {
        updateNewCredentialFields();
        markDirty();
    });
    connect(m_ui->enabledCheckBox, &QCheckBox::toggled, this, &IntegrationEditor::markDirty);
    connect(m_config, &ConfigForm::changed, this, &IntegrationEditor::markDirty);
}

IntegrationEditor::~IntegrationEditor() = default;

QString IntegrationEditor::title() const
{
    if (context().isNew())
        return tr("New Integration in %1").arg(context().account.value(u"fullname"_s).toString(context().accountId));
    return tr("Integration %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString IntegrationEditor::deletePath() const
{
    return u"/v1/integrations/"_s + context().accountId + u'/' + context().id;
}

QString IntegrationEditor::environment() const
{
    return context().account.value(u"environment"_s).toString(u"prod"_s);
}

QJsonObject IntegrationEditor::currentIntegrationPoint() const
{
    const QString id = m_ui->integrationPointComboBox->currentData().toString();
    for (const QJsonValue& v : m_integrationPoints)
        if (v[u"id"_s].toString() == id)
            return v.toObject();
    return {};
}

void IntegrationEditor::loadForm()
{
    const QJsonObject& o = context().object;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    m_ui->enabledCheckBox->setChecked(o.value(u"enabled"_s).toBool(true));
    m_ui->newCredentialUsernameLineEdit->clear();
    m_ui->newCredentialSecretLineEdit->clear();
    if (context().isNew()) {
        m_ui->complianceValueLabel->setText(tr("checked when saved"));
    } else if (NodePresentation::isNonCompliant(o)) {
        m_ui->complianceValueLabel->setText(u"<span style=\"color:#d13b2f\">%1</span>"_s.arg(
            tr("Not compliant: %1").arg(NodePresentation::complianceReasons(o).join(u"; "_s)).toHtmlEscaped()));
    } else {
        m_ui->complianceValueLabel->setText(tr("Compliant with its Integration Point"));
    }
    m_builtFor.clear();
    m_config->build(nullptr);
    m_ui->configGroupBox->hide();
    // Integration Points and the Account's credentials come from the API; pure database calls
    // answer at once, so the form is complete when load() returns.
    api()->call(ApiRequest::get(u"/v1/integration-points"_s).withQuery(u"limit"_s, u"1000"_s), this,
                [this](const ApiResponse& response) {
                    m_integrationPoints = response.result().toArray();
                    fillIntegrationPoints();
                });
    api()->call(ApiRequest::get(u"/v1/credentials/"_s + context().accountId).withQuery(u"limit"_s, u"1000"_s), this,
                [this](const ApiResponse& response) {
                    m_credentials = response.result().toArray();
                    fillCredentials();
                });
}

void IntegrationEditor::fillIntegrationPoints()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    m_ui->integrationPointComboBox->clear();
    m_ui->integrationPointComboBox->addItem(tr("(none — no rules apply)"), QString());
    for (const QJsonValue& v : std::as_const(m_integrationPoints))
        m_ui->integrationPointComboBox->addItem(Icons::named(u"integration-point"_s),
                                                tr("%1 (%2)").arg(v[u"fullname"_s].toString(v[u"name"_s].toString()),
                                                                  v[u"connector"_s].toString()),
                                                v[u"id"_s].toString());
    const int current = m_ui->integrationPointComboBox->findData(context().object.value(u"integration_point_id"_s).toString());
    m_ui->integrationPointComboBox->setCurrentIndex(qMax(0, current));
    fillProviders();
    m_loading = wasLoading;
}

void IntegrationEditor::fillProviders()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const QString keep = selectedProvider().isEmpty() ? context().object.value(u"provider_type"_s).toString()
                                                      : selectedProvider();
    m_options = providerOptions(Catalog::builtin(), currentIntegrationPoint(), environment());
    m_ui->providerListWidget->clear();
    QStringList refused;
    const QString fixed = context().isNew() ? QString() : context().object.value(u"provider_type"_s).toString();
    for (const ProviderOption& option : std::as_const(m_options)) {
        // An existing Integration keeps its provider: list only that one.
        if (!fixed.isEmpty() && option.id != fixed)
            continue;
        auto* item = new QListWidgetItem(Icons::provider(option.id), option.fullname, m_ui->providerListWidget);
        item->setData(ProviderIdRole, option.id);
        if (!option.allowed) {
            // Greyed and not selectable, with the rule that forbids it.
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
            item->setToolTip(option.reason);
            item->setText(tr("%1 — not allowed").arg(option.fullname));
            refused.append(option.fullname);
        }
        if (option.id == keep && option.allowed)
            m_ui->providerListWidget->setCurrentItem(item);
    }
    const QJsonObject ip = currentIntegrationPoint();
    if (!fixed.isEmpty()) {
        m_ui->providerRuleLabel->setText(refused.isEmpty() ? tr("The provider of an existing Integration cannot change.")
                                                           : m_options.value(0).reason);
        for (const ProviderOption& option : std::as_const(m_options))
            if (option.id == fixed && !option.allowed)
                m_ui->providerRuleLabel->setText(option.reason);
    } else if (!refused.isEmpty()) {
        const auto first = std::find_if(m_options.cbegin(), m_options.cend(), [](const ProviderOption& o) { return !o.allowed; });
        m_ui->providerRuleLabel->setText(tr("Not offered: %1. %2").arg(refused.join(u", "_s), first->reason));
    } else if (!ip.isEmpty()) {
        m_ui->providerRuleLabel->setText(tr("Every %1 provider is allowed here.").arg(ip.value(u"connector"_s).toString()));
    } else {
        m_ui->providerRuleLabel->setText(tr("Without an Integration Point no rules apply."));
    }
    m_ui->providerListWidget->setEnabled(!isReadOnly());
    const int rowHeight = qMax(m_ui->providerListWidget->sizeHintForRow(0), 20);
    m_ui->providerListWidget->setMaximumHeight(fixed.isEmpty() ? 150 : rowHeight + 2 * m_ui->providerListWidget->frameWidth() + 4);
    m_loading = wasLoading;
    onProviderChanged();
}

QString IntegrationEditor::selectedProvider() const
{
    QListWidgetItem* item = m_ui->providerListWidget->currentItem();
    return item && (item->flags() & Qt::ItemIsEnabled) ? item->data(ProviderIdRole).toString() : QString();
}

bool IntegrationEditor::setIntegrationPoint(const QString& idOrName)
{
    for (int i = 0; i < m_ui->integrationPointComboBox->count(); ++i) {
        const QString id = m_ui->integrationPointComboBox->itemData(i).toString();
        for (const QJsonValue& v : std::as_const(m_integrationPoints))
            if (v[u"id"_s].toString() == id && (id == idOrName || v[u"name"_s].toString() == idOrName)) {
                m_ui->integrationPointComboBox->setCurrentIndex(i);
                return true;
            }
    }
    return false;
}

bool IntegrationEditor::selectProvider(const QString& providerId)
{
    for (int i = 0; i < m_ui->providerListWidget->count(); ++i) {
        QListWidgetItem* item = m_ui->providerListWidget->item(i);
        if (item->data(ProviderIdRole).toString() != providerId)
            continue;
        if (!(item->flags() & Qt::ItemIsEnabled)) {
            marks()->mark(u"provider_type"_s, item->toolTip());
            return false;
        }
        m_ui->providerListWidget->setCurrentItem(item);
        return true;
    }
    marks()->mark(u"provider_type"_s, tr("“%1” is not a provider of this connector.").arg(providerId));
    return false;
}

void IntegrationEditor::onProviderChanged()
{
    // An existing Integration keeps its provider even when the rules no longer allow it.
    const QString provider = context().isNew() ? selectedProvider() : context().object.value(u"provider_type"_s).toString();
    if (provider == m_builtFor)
        return;
    m_builtFor = provider;
    const ProviderSpec* spec = Catalog::builtin().provider(provider);
    const bool wasLoading = m_loading;
    m_loading = true;
    m_config->build(spec);
    m_ui->configGroupBox->setTitle(spec ? tr("%1 configuration").arg(spec->fullname) : tr("Provider configuration"));
    m_ui->configGroupBox->setVisible(spec && m_config->fieldCount() > 0);
    if (spec && provider == context().object.value(u"provider_type"_s).toString())
        m_config->setValues(context().object.value(u"provider_config"_s).toObject());
    m_config->setReadOnly(isReadOnly());
    m_loading = wasLoading;
    fillCredentials();
}

void IntegrationEditor::fillCredentials()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const ProviderSpec* spec = Catalog::builtin().provider(m_builtFor);
    QStringList accepted = spec ? spec->credentialTypes : QStringList();
    const QJsonArray ipTypes = currentIntegrationPoint().value(u"rules"_s).toObject().value(u"credential_types"_s).toArray();
    if (!ipTypes.isEmpty()) {
        QStringList narrowed;
        for (const QJsonValue& t : ipTypes)
            if (accepted.contains(t.toString()))
                narrowed.append(t.toString());
        accepted = narrowed;
    }
    const QJsonValue ref = context().object.value(u"provider_config"_s).toObject().value(u"credential"_s);
    const QString current = ref.isObject() ? ref[u"id"_s].toString() : ref.toString();
    m_ui->credentialComboBox->clear();
    for (const QJsonValue& v : std::as_const(m_credentials)) {
        const QString type = v[u"config"_s][u"type"_s].toString();
        m_ui->credentialComboBox->addItem(Icons::named(u"credential"_s),
                                          tr("%1 (%2)").arg(v[u"fullname"_s].toString(v[u"name"_s].toString()), type),
                                          v[u"id"_s].toString());
        if (!accepted.contains(type)) {
            auto* model = qobject_cast<QStandardItemModel*>(m_ui->credentialComboBox->model());
            if (QStandardItem* item = model ? model->item(m_ui->credentialComboBox->count() - 1) : nullptr) {
                item->setEnabled(false);
                item->setToolTip(tr("This provider does not accept %1 credentials here.").arg(type));
            }
        }
    }
    m_ui->credentialComboBox->addItem(tr("New credential…"), NewCredential);
    int index = m_ui->credentialComboBox->findData(current);
    if (index < 0)
        index = m_ui->credentialComboBox->findData(NewCredential);
    m_ui->credentialComboBox->setCurrentIndex(index);

    m_ui->newCredentialTypeComboBox->clear();
    for (const QString& type : {u"basic"_s, u"token"_s, u"secret"_s})
        if (accepted.contains(type))
            m_ui->newCredentialTypeComboBox->addItem(credentialTypeName(type), type);
    m_loading = wasLoading;
    updateNewCredentialFields();
}

void IntegrationEditor::updateNewCredentialFields()
{
    const bool inlineNew = m_ui->credentialComboBox->currentData().toString() == NewCredential;
    m_ui->newCredentialGroupBox->setVisible(inlineNew && !m_builtFor.isEmpty());
    const QString type = m_ui->newCredentialTypeComboBox->currentData().toString();
    m_ui->newCredentialUsernameLineEdit->setEnabled(type == u"basic"_s && !isReadOnly());
    // The provider's own words for the fields ("Email address", "API token").
    if (const ProviderSpec* spec = Catalog::builtin().provider(m_builtFor)) {
        for (const CredentialHint& hint : spec->credentialHints)
            if (hint.type == type) {
                m_ui->newCredentialUsernameLineEdit->setPlaceholderText(hint.usernameTitle);
                m_ui->newCredentialSecretLineEdit->setPlaceholderText(hint.secretTitle);
                m_ui->newCredentialGroupBox->setToolTip(hint.description);
            }
    }
}

bool IntegrationEditor::selectCredential(const QString& credentialId)
{
    const int index = m_ui->credentialComboBox->findData(credentialId.isEmpty() ? NewCredential : credentialId);
    if (index < 0)
        return false;
    m_ui->credentialComboBox->setCurrentIndex(index);
    return m_ui->credentialComboBox->currentIndex() == index;
}

void IntegrationEditor::setNewCredential(const QString& type, const QString& username, const QString& secret)
{
    selectCredential(QString());
    m_ui->newCredentialTypeComboBox->setCurrentIndex(qMax(0, m_ui->newCredentialTypeComboBox->findData(type)));
    m_ui->newCredentialUsernameLineEdit->setText(username);
    m_ui->newCredentialSecretLineEdit->setText(secret);
}

void IntegrationEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    if (selectedProvider().isEmpty() && context().isNew()) {
        if (marks()->reasonOf(u"provider_type"_s).isEmpty())
            marks()->mark(u"provider_type"_s, tr("Choose a provider."));
    } else {
        marks()->clear(u"provider_type"_s);
    }
    m_config->validate(currentIntegrationPoint());
    const bool inlineNew = m_ui->credentialComboBox->currentData().toString() == NewCredential;
    const QString type = m_ui->newCredentialTypeComboBox->currentData().toString();
    if (inlineNew && m_ui->newCredentialTypeComboBox->count() == 0)
        marks()->mark(u"provider_config.credential"_s,
                      tr("This provider needs a credential type that cannot be typed in here; create it under the Account first."));
    else
        marks()->clear(u"provider_config.credential"_s);
    if (inlineNew && type == u"basic"_s && m_ui->newCredentialUsernameLineEdit->text().trimmed().isEmpty())
        marks()->mark(u"provider_config.credential.username"_s, tr("Enter the username."));
    else
        marks()->clear(u"provider_config.credential.username"_s);
    if (inlineNew && m_ui->newCredentialSecretLineEdit->text().isEmpty())
        marks()->mark(u"provider_config.credential.secret"_s, tr("Enter the secret."));
    else
        marks()->clear(u"provider_config.credential.secret"_s);
}

void IntegrationEditor::sendCommit()
{
    const QString provider = selectedProvider().isEmpty() ? context().object.value(u"provider_type"_s).toString()
                                                          : selectedProvider();
    QJsonObject config = m_config->values();
    config.insert(u"type"_s, provider);
    const QString credential = m_ui->credentialComboBox->currentData().toString();
    if (credential == NewCredential) {
        const QString type = m_ui->newCredentialTypeComboBox->currentData().toString();
        QJsonObject inlineCredential{{u"type"_s, type}, {u"secret"_s, m_ui->newCredentialSecretLineEdit->text()}};
        if (type == u"basic"_s)
            inlineCredential.insert(u"username"_s, m_ui->newCredentialUsernameLineEdit->text().trimmed());
        config.insert(u"credential"_s, inlineCredential);
    } else {
        config.insert(u"credential"_s, credential);
    }
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    body.insert(u"provider_config"_s, config);
    body.insert(u"enabled"_s, m_ui->enabledCheckBox->isChecked());
    const QString ip = m_ui->integrationPointComboBox->currentData().toString();
    body.insert(u"integration_point_id"_s, ip.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ip));
    if (context().isNew()) {
        api()->call(ApiRequest::post(u"/v1/integrations/"_s + context().accountId, body), this,
                    [this](const ApiResponse& response) {
                        finishCommit(response, u"integration"_s);
                        if (!response.isError())
                            load(context()); // the inline credential now exists: show it as chosen
                    });
        return;
    }
    if (!body.contains(u"name"_s))
        body.insert(u"name"_s, context().object.value(u"name"_s));
    api()->call(ApiRequest::put(deletePath(), body), this,
                [this](const ApiResponse& response) { finishCommit(response, u"integration"_s); });
}

void IntegrationEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* e : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->newCredentialUsernameLineEdit,
                         m_ui->newCredentialSecretLineEdit})
        e->setReadOnly(readOnly);
    m_ui->integrationPointComboBox->setEnabled(!readOnly);
    m_ui->providerListWidget->setEnabled(!readOnly);
    m_ui->credentialComboBox->setEnabled(!readOnly);
    m_ui->newCredentialTypeComboBox->setEnabled(!readOnly);
    m_ui->enabledCheckBox->setEnabled(!readOnly);
    m_config->setReadOnly(readOnly);
}

} // namespace pb
