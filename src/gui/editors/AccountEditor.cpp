#include "gui/editors/AccountEditor.h"

#include "ui_AccountEditor.h"

#include "core/Ids.h"
#include "gui/ApiClient.h"
#include "gui/widgets/FieldMarks.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pb {

AccountEditor::AccountEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::AccountEditor>())
{
    m_ui->setupUi(this);
    // Item order of the form: Production, Test.
    m_ui->environmentComboBox->setItemData(0, u"prod"_s);
    m_ui->environmentComboBox->setItemData(1, u"test"_s);
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"environment"_s, m_ui->environmentComboBox, m_ui->environmentReasonLabel);
    marks->addField(u"labels"_s, m_ui->labelsLineEdit, m_ui->labelsReasonLabel);
    setMarks(marks);
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->labelsLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &AccountEditor::markDirty);
    connect(m_ui->environmentComboBox, &QComboBox::currentIndexChanged, this, &AccountEditor::markDirty);
}

AccountEditor::~AccountEditor() = default;

QString AccountEditor::title() const
{
    if (context().isNew())
        return tr("New Account");
    return tr("Account %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString AccountEditor::deletePath() const
{
    return u"/v1/accounts/"_s + context().id;
}

QString AccountEditor::environment() const
{
    return m_ui->environmentComboBox->currentData().toString();
}

QStringList AccountEditor::labels() const
{
    QStringList out;
    for (const QString& part : m_ui->labelsLineEdit->text().split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    return out;
}

void AccountEditor::loadForm()
{
    const QJsonObject& o = context().object;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    const int env = m_ui->environmentComboBox->findData(o.value(u"environment"_s).toString(u"prod"_s));
    m_ui->environmentComboBox->setCurrentIndex(qMax(0, env));
    QStringList labelList;
    for (const QJsonValue& v : o.value(u"labels"_s).toArray())
        labelList.append(v.toString());
    m_ui->labelsLineEdit->setText(labelList.join(u", "_s));
    m_ui->idValueLabel->setText(context().isNew() ? tr("assigned when created") : context().id);
    // The environment decides which providers its Integrations may use; changing it later
    // would silently re-judge them, so it is fixed once the Account exists.
    m_ui->environmentComboBox->setEnabled(context().isNew() && !isReadOnly());
}

void AccountEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    for (const QString& label : labels()) {
        if (!isValidSlug(label.toLower())) {
            marks()->mark(u"labels"_s, tr("“%1” is not a valid label: use letters, digits, “-” or “_”.").arg(label));
            return;
        }
    }
    marks()->clear(u"labels"_s);
}

void AccountEditor::sendCommit()
{
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    body.insert(u"environment"_s, environment());
    body.insert(u"labels"_s, QJsonArray::fromStringList(labels()));
    if (context().isNew()) {
        api()->call(ApiRequest::post(u"/v1/accounts"_s, body), this,
                    [this](const ApiResponse& response) { finishCommit(response, u"account"_s); });
        return;
    }
    if (!body.contains(u"name"_s))
        body.insert(u"name"_s, context().object.value(u"name"_s));
    api()->call(ApiRequest::put(u"/v1/accounts/"_s + context().id, body), this,
                [this](const ApiResponse& response) { finishCommit(response, u"account"_s); });
}

void AccountEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->labelsLineEdit})
        edit->setReadOnly(readOnly);
    m_ui->environmentComboBox->setEnabled(!readOnly && context().isNew());
}

} // namespace pb
