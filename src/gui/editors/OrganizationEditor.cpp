#include "gui/editors/OrganizationEditor.h"

#include "ui_OrganizationEditor.h"

#include "gui/ApiClient.h"
#include "gui/widgets/FieldMarks.h"

#include <QJsonObject>
#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace pb {

OrganizationEditor::OrganizationEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::OrganizationEditor>())
{
    m_ui->setupUi(this);
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    setMarks(marks);
    connect(m_ui->fullnameLineEdit, &QLineEdit::textChanged, this, &OrganizationEditor::markDirty);
    connect(m_ui->nameLineEdit, &QLineEdit::textChanged, this, &OrganizationEditor::markDirty);
    m_ui->tokenTtlSpinBox->setSuffix(tr(" min"));
    m_ui->refreshTtlSpinBox->setSuffix(tr(" h"));
    connect(m_ui->tokenTtlSpinBox, &QSpinBox::valueChanged, this, &OrganizationEditor::markDirty);
    connect(m_ui->refreshTtlSpinBox, &QSpinBox::valueChanged, this, &OrganizationEditor::markDirty);
}

OrganizationEditor::~OrganizationEditor() = default;

QString OrganizationEditor::title() const
{
    return tr("Organization %1").arg(context().object.value(u"fullname"_s).toString());
}

void OrganizationEditor::loadForm()
{
    const QJsonObject& o = context().object;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(o.value(u"name"_s).toString());
    // options.token_ttl and options.refresh_token_ttl are seconds on the wire.
    const QJsonObject options = o.value(u"options"_s).toObject();
    const QSignalBlocker blockAccess(m_ui->tokenTtlSpinBox);
    const QSignalBlocker blockRefresh(m_ui->refreshTtlSpinBox);
    m_ui->tokenTtlSpinBox->setValue(int(options.value(u"token_ttl"_s).toInteger(86400) / 60));
    m_ui->refreshTtlSpinBox->setValue(int(options.value(u"refresh_token_ttl"_s).toInteger(2592000) / 3600));
    m_ui->idValueLabel->setText(o.value(u"id"_s).toString());
    m_ui->createdValueLabel->setText(o.value(u"created_at"_s).toString());
}

void OrganizationEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
}

void OrganizationEditor::sendCommit()
{
    QJsonObject body = context().object;
    const QJsonObject names = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    for (auto it = names.begin(); it != names.end(); ++it)
        body.insert(it.key(), it.value());
    QJsonObject options = body.value(u"options"_s).toObject();
    options.insert(u"token_ttl"_s, qint64(m_ui->tokenTtlSpinBox->value()) * 60);
    options.insert(u"refresh_token_ttl"_s, qint64(m_ui->refreshTtlSpinBox->value()) * 3600);
    body.insert(u"options"_s, options);
    api()->call(ApiRequest::put(u"/v1/organization"_s, body), this,
                [this](const ApiResponse& response) { finishCommit(response); });
}

void OrganizationEditor::applyReadOnly(bool readOnly)
{
    m_ui->fullnameLineEdit->setReadOnly(readOnly);
    m_ui->nameLineEdit->setReadOnly(readOnly);
    m_ui->tokenTtlSpinBox->setReadOnly(readOnly);
    m_ui->refreshTtlSpinBox->setReadOnly(readOnly);
}

} // namespace pb
