#include "gui/editors/IntegrationPointEditor.h"

#include "ui_IntegrationPointEditor.h"

#include "catalog/Catalog.h"
#include "gui/ApiClient.h"
#include "gui/Icons.h"
#include "gui/widgets/FieldMarks.h"

#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
constexpr int PreviewDelayMs = 400;

void setChecked(QListWidget* list, const QStringList& ids)
{
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setCheckState(ids.contains(list->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
}

QStringList checkedIds(const QListWidget* list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->checkState() == Qt::Checked)
            out.append(list->item(i)->data(Qt::UserRole).toString());
    return out;
}

QStringList strings(const QJsonValue& array)
{
    QStringList out;
    for (const QJsonValue& v : array.toArray())
        out.append(v.toString());
    return out;
}

QListWidgetItem* addCheckable(QListWidget* list, const QString& id, const QString& text, const QIcon& icon = {})
{
    auto* item = new QListWidgetItem(icon, text, list);
    item->setData(Qt::UserRole, id);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    return item;
}
} // namespace

IntegrationPointEditor::IntegrationPointEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::IntegrationPointEditor>())
    , m_previewTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &IntegrationPointEditor::previewNow);
    for (const ConnectorSpec& c : Catalog::builtin().connectors())
        m_ui->connectorComboBox->addItem(c.fullname, c.id);
    for (const QString& type : Catalog::credentialTypeIds())
        addCheckable(m_ui->credentialTypesListWidget, type, type);
    m_ui->requiredConfigTableWidget->horizontalHeader()->setStretchLastSection(true);
    m_ui->requiredConfigTableWidget->setColumnWidth(0, 160);
    // The rules and the preview share the page: neither may squeeze the other out of view.
    m_ui->rulesTabWidget->setMaximumHeight(270);
    m_ui->previewTreeWidget->setMinimumHeight(150);
    m_ui->previewTreeWidget->setColumnWidth(0, 200);
    m_ui->previewTreeWidget->setColumnWidth(1, 140);

    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"connector"_s, m_ui->connectorComboBox, m_ui->connectorReasonLabel);
    marks->addField(u"rules.host_patterns"_s, m_ui->hostPatternsPlainTextEdit, m_ui->hostPatternsReasonLabel);
    marks->addField(u"rules.required_config"_s, m_ui->requiredConfigTableWidget, m_ui->requiredConfigReasonLabel);
    marks->addField(u"rules.max_token_ttl"_s, m_ui->tokenTtlSpinBox, m_ui->tokenTtlReasonLabel);
    marks->addField(u"rules.max_credential_age_days"_s, m_ui->credentialMaxAgeSpinBox, m_ui->credentialMaxAgeReasonLabel);
    setMarks(marks);

    auto edited = [this] {
        markDirty();
        schedulePreview();
    };
    for (QLineEdit* e : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->descriptionLineEdit})
        connect(e, &QLineEdit::textChanged, this, &IntegrationPointEditor::markDirty);
    connect(m_ui->connectorComboBox, &QComboBox::currentIndexChanged, this, [this, edited] {
        if (m_loading)
            return;
        fillConnectorLists();
        edited();
    });
    for (QListWidget* list : {m_ui->testProvidersListWidget, m_ui->prodProvidersListWidget, m_ui->credentialTypesListWidget,
                              m_ui->operationsListWidget})
        connect(list, &QListWidget::itemChanged, this, [this, edited] {
            if (!m_loading)
                edited();
        });
    for (QCheckBox* box : {m_ui->testAllCheckBox, m_ui->prodAllCheckBox, m_ui->operationsAllCheckBox, m_ui->httpsRequiredCheckBox})
        connect(box, &QCheckBox::toggled, this, [this, edited] {
            m_ui->testProvidersListWidget->setEnabled(!m_ui->testAllCheckBox->isChecked() && !isReadOnly());
            m_ui->prodProvidersListWidget->setEnabled(!m_ui->prodAllCheckBox->isChecked() && !isReadOnly());
            m_ui->operationsListWidget->setEnabled(!m_ui->operationsAllCheckBox->isChecked() && !isReadOnly());
            if (!m_loading)
                edited();
        });
    connect(m_ui->hostPatternsPlainTextEdit, &QPlainTextEdit::textChanged, this, [this, edited] {
        if (!m_loading)
            edited();
    });
    connect(m_ui->requiredConfigTableWidget, &QTableWidget::itemChanged, this, [this, edited] {
        if (!m_loading)
            edited();
    });
    for (QSpinBox* spin : {m_ui->tokenTtlSpinBox, m_ui->credentialMaxAgeSpinBox})
        connect(spin, &QSpinBox::valueChanged, this, [this, edited] {
            if (!m_loading)
                edited();
        });
    connect(m_ui->addConfigRuleButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->requiredConfigTableWidget->rowCount();
        m_ui->requiredConfigTableWidget->insertRow(row);
        m_ui->requiredConfigTableWidget->setItem(row, 0, new QTableWidgetItem(u"url"_s));
        m_ui->requiredConfigTableWidget->setItem(row, 1, new QTableWidgetItem(u"https://.*"_s));
        m_ui->requiredConfigTableWidget->editItem(m_ui->requiredConfigTableWidget->item(row, 0));
    });
    connect(m_ui->removeConfigRuleButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->requiredConfigTableWidget->currentRow();
        if (row >= 0) {
            m_ui->requiredConfigTableWidget->removeRow(row);
            markDirty();
            schedulePreview();
        }
    });
}

IntegrationPointEditor::~IntegrationPointEditor() = default;

QString IntegrationPointEditor::title() const
{
    if (context().isNew())
        return tr("New Integration Point");
    return tr("Integration Point %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString IntegrationPointEditor::deletePath() const
{
    return u"/v1/integration-points/"_s + context().id;
}

QListWidget* IntegrationPointEditor::providerList(const QString& environment) const
{
    return environment == u"test"_s ? m_ui->testProvidersListWidget : m_ui->prodProvidersListWidget;
}

void IntegrationPointEditor::fillConnectorLists()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const QString connector = m_ui->connectorComboBox->currentData().toString();
    for (QListWidget* list : {m_ui->testProvidersListWidget, m_ui->prodProvidersListWidget}) {
        const QStringList keep = checkedIds(list);
        list->clear();
        for (const ProviderSpec* p : Catalog::builtin().providersOf(connector))
            addCheckable(list, p->id, p->fullname, Icons::provider(p->id));
        setChecked(list, keep);
    }
    const QStringList keepOps = checkedIds(m_ui->operationsListWidget);
    m_ui->operationsListWidget->clear();
    if (const ConnectorSpec* c = Catalog::builtin().connector(connector))
        for (const OperationSpec& op : c->operations)
            addCheckable(m_ui->operationsListWidget, op.id,
                         op.mutating ? tr("%1 (changes data)").arg(op.fullname) : op.fullname);
    setChecked(m_ui->operationsListWidget, keepOps);
    m_loading = wasLoading;
}

void IntegrationPointEditor::loadForm()
{
    const QJsonObject& o = context().object;
    const QJsonObject rules = o.value(u"rules"_s).toObject();
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    m_ui->descriptionLineEdit->setText(o.value(u"description"_s).toString());
    m_ui->connectorComboBox->setCurrentIndex(qMax(0, m_ui->connectorComboBox->findData(o.value(u"connector"_s).toString())));
    m_ui->connectorComboBox->setEnabled(context().isNew() && !isReadOnly());
    for (QListWidget* list : {m_ui->testProvidersListWidget, m_ui->prodProvidersListWidget, m_ui->operationsListWidget})
        list->clear();
    fillConnectorLists();
    const QJsonObject envs = o.value(u"environments"_s).toObject();
    for (const QString& env : {u"test"_s, u"prod"_s}) {
        const QStringList ids = strings(envs.value(env));
        (env == u"test"_s ? m_ui->testAllCheckBox : m_ui->prodAllCheckBox)->setChecked(ids.contains(u"*"_s));
        setChecked(providerList(env), ids);
    }
    setChecked(m_ui->credentialTypesListWidget, strings(rules.value(u"credential_types"_s)));
    m_ui->hostPatternsPlainTextEdit->setPlainText(strings(rules.value(u"host_patterns"_s)).join(u'\n'));
    m_ui->httpsRequiredCheckBox->setChecked(rules.value(u"https_required"_s).toBool());
    m_ui->requiredConfigTableWidget->setRowCount(0);
    const QJsonObject required = rules.value(u"required_config"_s).toObject();
    for (auto it = required.begin(); it != required.end(); ++it) {
        const int row = m_ui->requiredConfigTableWidget->rowCount();
        m_ui->requiredConfigTableWidget->insertRow(row);
        m_ui->requiredConfigTableWidget->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_ui->requiredConfigTableWidget->setItem(row, 1, new QTableWidgetItem(it.value().toString()));
    }
    const bool allOps = !rules.contains(u"operations"_s);
    m_ui->operationsAllCheckBox->setChecked(allOps);
    setChecked(m_ui->operationsListWidget, strings(rules.value(u"operations"_s)));
    m_ui->tokenTtlSpinBox->setValue(int(rules.value(u"max_token_ttl"_s).toInteger() / 60));
    m_ui->credentialMaxAgeSpinBox->setValue(int(rules.value(u"max_credential_age_days"_s).toInteger()));
    m_ui->testProvidersListWidget->setEnabled(!m_ui->testAllCheckBox->isChecked() && !isReadOnly());
    m_ui->prodProvidersListWidget->setEnabled(!m_ui->prodAllCheckBox->isChecked() && !isReadOnly());
    m_ui->operationsListWidget->setEnabled(!allOps && !isReadOnly());
    m_ui->previewTreeWidget->clear();
    m_wouldBreak.clear();
    m_ui->previewStatusLabel->setText(context().isNew()
                                          ? tr("A new Integration Point governs no Integration yet.")
                                          : tr("%n Integration(s) use this Integration Point. Edit a rule to see "
                                               "which of them it would break.",
                                               nullptr, o.value(u"integrations_count"_s).toInt()));
}

QJsonObject IntegrationPointEditor::body() const
{
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    if (!body.contains(u"name"_s) && !context().isNew())
        body.insert(u"name"_s, context().object.value(u"name"_s));
    body.insert(u"description"_s, m_ui->descriptionLineEdit->text());
    body.insert(u"connector"_s, m_ui->connectorComboBox->currentData().toString());
    QJsonObject envs;
    for (const QString& env : {u"test"_s, u"prod"_s}) {
        const bool all = (env == u"test"_s ? m_ui->testAllCheckBox : m_ui->prodAllCheckBox)->isChecked();
        envs.insert(env, QJsonArray::fromStringList(all ? QStringList{u"*"_s} : checkedIds(providerList(env))));
    }
    body.insert(u"environments"_s, envs);
    QJsonObject rules;
    const QStringList types = checkedIds(m_ui->credentialTypesListWidget);
    if (!types.isEmpty())
        rules.insert(u"credential_types"_s, QJsonArray::fromStringList(types));
    QStringList patterns;
    for (const QString& line : m_ui->hostPatternsPlainTextEdit->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            patterns.append(line.trimmed());
    if (!patterns.isEmpty())
        rules.insert(u"host_patterns"_s, QJsonArray::fromStringList(patterns));
    QJsonObject required;
    for (int row = 0; row < m_ui->requiredConfigTableWidget->rowCount(); ++row) {
        const QTableWidgetItem* field = m_ui->requiredConfigTableWidget->item(row, 0);
        const QTableWidgetItem* pattern = m_ui->requiredConfigTableWidget->item(row, 1);
        if (field && !field->text().trimmed().isEmpty())
            required.insert(field->text().trimmed(), pattern ? pattern->text() : QString());
    }
    if (!required.isEmpty())
        rules.insert(u"required_config"_s, required);
    if (!m_ui->operationsAllCheckBox->isChecked())
        rules.insert(u"operations"_s, QJsonArray::fromStringList(checkedIds(m_ui->operationsListWidget)));
    if (m_ui->tokenTtlSpinBox->value() > 0)
        rules.insert(u"max_token_ttl"_s, m_ui->tokenTtlSpinBox->value() * 60);
    if (m_ui->credentialMaxAgeSpinBox->value() > 0)
        rules.insert(u"max_credential_age_days"_s, m_ui->credentialMaxAgeSpinBox->value());
    rules.insert(u"https_required"_s, m_ui->httpsRequiredCheckBox->isChecked());
    body.insert(u"rules"_s, rules);
    return body;
}

void IntegrationPointEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    QString bad;
    for (int row = 0; row < m_ui->requiredConfigTableWidget->rowCount() && bad.isEmpty(); ++row) {
        const QTableWidgetItem* pattern = m_ui->requiredConfigTableWidget->item(row, 1);
        const QRegularExpression re(pattern ? pattern->text() : QString());
        if (!re.isValid())
            bad = tr("Row %1: the pattern is not a valid regular expression (%2).").arg(row + 1).arg(re.errorString());
    }
    if (bad.isEmpty())
        marks()->clear(u"rules.required_config"_s);
    else
        marks()->mark(u"rules.required_config"_s, bad);
}

void IntegrationPointEditor::schedulePreview()
{
    if (m_loading)
        return;
    m_ui->previewStatusLabel->setText(tr("Checking the impact…"));
    m_previewTimer->start();
}

void IntegrationPointEditor::previewNow()
{
    m_previewTimer->stop();
    if (!isValid()) {
        m_ui->previewStatusLabel->setText(tr("Fix the marked fields to see the impact."));
        emit previewFinished();
        return;
    }
    const quint64 serial = ++m_previewSerial;
    const QString path = context().isNew() ? u"/v1/integration-points/preview"_s : deletePath() + u"/preview"_s;
    api()->call(ApiRequest::post(path, body()), this, [this, serial](const ApiResponse& response) {
        if (serial != m_previewSerial)
            return; // a newer edit has asked again
        if (response.isError()) {
            const Problem problem = response.problem();
            marks()->showProblem(problem);
            m_ui->previewStatusLabel->setText(tr("The rules cannot be checked: %1").arg(problem.message));
            m_ui->previewTreeWidget->clear();
            m_wouldBreak.clear();
        } else {
            showPreview(response.result().toObject());
        }
        emit previewFinished();
    });
}

void IntegrationPointEditor::showPreview(const QJsonObject& result)
{
    m_ui->previewTreeWidget->clear();
    m_wouldBreak = strings(result.value(u"would_break"_s));
    int stillBroken = 0;
    for (const QJsonValue& v : result.value(u"integrations"_s).toArray()) {
        const QJsonObject row = v.toObject();
        if (row.value(u"compliant_after"_s).toBool(true))
            continue;
        QStringList why;
        for (const QJsonValue& violation : row.value(u"violations"_s).toArray())
            why.append(violation[u"message"_s].toString());
        auto* item = new QTreeWidgetItem(m_ui->previewTreeWidget,
                                         {row.value(u"integration_name"_s).toString(), row.value(u"account_name"_s).toString(),
                                          why.join(u"; "_s)});
        item->setToolTip(2, why.join(u'\n'));
        const bool breaks = m_wouldBreak.contains(row.value(u"integration_id"_s).toString());
        item->setIcon(0, Icons::named(breaks ? u"state-noncompliant"_s : u"state-disabled"_s));
        item->setData(0, Qt::UserRole, row.value(u"integration_id"_s).toString());
        if (!breaks) {
            item->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
            item->setText(2, tr("already non-compliant: %1").arg(why.join(u"; "_s)));
            ++stillBroken;
        }
    }
    if (m_wouldBreak.isEmpty())
        m_ui->previewStatusLabel->setText(stillBroken ? tr("No further Integration would break (%n already non-compliant).", nullptr, stillBroken)
                                                      : tr("No Integration would become non-compliant."));
    else
        m_ui->previewStatusLabel->setText(u"<b style=\"color:#d13b2f\">%1</b>"_s.arg(
            tr("Saving would make %n Integration(s) non-compliant:", nullptr, int(m_wouldBreak.size()))));
}

QString IntegrationPointEditor::previewText() const
{
    QStringList lines{m_ui->previewStatusLabel->text()};
    for (int i = 0; i < m_ui->previewTreeWidget->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_ui->previewTreeWidget->topLevelItem(i);
        lines.append(item->text(0) + u" | "_s + item->text(1) + u" | "_s + item->text(2));
    }
    return lines.join(u'\n');
}

void IntegrationPointEditor::setAllowedProviders(const QString& environment, const QStringList& providerIds)
{
    QCheckBox* all = environment == u"test"_s ? m_ui->testAllCheckBox : m_ui->prodAllCheckBox;
    all->setChecked(providerIds.contains(u"*"_s));
    setChecked(providerList(environment), providerIds); // itemChanged marks dirty and schedules the preview
}

void IntegrationPointEditor::setHttpsRequired(bool required)
{
    m_ui->httpsRequiredCheckBox->setChecked(required);
}

void IntegrationPointEditor::setHostPatterns(const QStringList& patterns)
{
    m_ui->hostPatternsPlainTextEdit->setPlainText(patterns.join(u'\n'));
}

void IntegrationPointEditor::sendCommit()
{
    const QJsonObject b = body();
    const ApiRequest request = context().isNew() ? ApiRequest::post(u"/v1/integration-points"_s, b)
                                                 : ApiRequest::put(deletePath(), b);
    api()->call(request, this, [this](const ApiResponse& response) {
        finishCommit(response, u"integration_point"_s);
    });
}

void IntegrationPointEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* e : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->descriptionLineEdit})
        e->setReadOnly(readOnly);
    m_ui->hostPatternsPlainTextEdit->setReadOnly(readOnly);
    m_ui->connectorComboBox->setEnabled(!readOnly && context().isNew());
    for (QWidget* w : std::initializer_list<QWidget*>{m_ui->testAllCheckBox, m_ui->prodAllCheckBox, m_ui->credentialTypesListWidget,
                                                     m_ui->httpsRequiredCheckBox, m_ui->operationsAllCheckBox,
                                                     m_ui->tokenTtlSpinBox, m_ui->credentialMaxAgeSpinBox,
                                                     m_ui->addConfigRuleButton, m_ui->removeConfigRuleButton})
        w->setEnabled(!readOnly);
    m_ui->requiredConfigTableWidget->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers
                                                              : QAbstractItemView::AllEditTriggers);
    m_ui->testProvidersListWidget->setEnabled(!readOnly && !m_ui->testAllCheckBox->isChecked());
    m_ui->prodProvidersListWidget->setEnabled(!readOnly && !m_ui->prodAllCheckBox->isChecked());
    m_ui->operationsListWidget->setEnabled(!readOnly && !m_ui->operationsAllCheckBox->isChecked());
}

} // namespace pb
