#include "gui/editors/MemberEditor.h"

#include "ui_MemberEditor.h"

#include "gui/ApiClient.h"
#include "gui/widgets/FieldMarks.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
void setItemValues(QComboBox* box, const QStringList& values)
{
    for (int i = 0; i < values.size() && i < box->count(); ++i)
        box->setItemData(i, values.at(i));
}
void selectValue(QComboBox* box, const QString& value)
{
    box->setCurrentIndex(qMax(0, box->findData(value)));
}
} // namespace

MemberEditor::MemberEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::MemberEditor>())
{
    m_ui->setupUi(this);
    setItemValues(m_ui->typeComboBox, {u"personal"_s, u"service"_s});
    setItemValues(m_ui->roleComboBox, {u"administrator"_s, u"member"_s, u"viewer"_s});
    setItemValues(m_ui->stateComboBox, {u"enabled"_s, u"disabled"_s});
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"email"_s, m_ui->emailLineEdit, m_ui->emailReasonLabel);
    marks->addField(u"type"_s, m_ui->typeComboBox, m_ui->typeReasonLabel);
    marks->addField(u"role_binding"_s, m_ui->roleComboBox, m_ui->roleReasonLabel);
    marks->addField(u"state"_s, m_ui->stateComboBox, m_ui->stateReasonLabel);
    setMarks(marks);
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->emailLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &MemberEditor::markDirty);
    for (QComboBox* box : {m_ui->typeComboBox, m_ui->roleComboBox, m_ui->stateComboBox})
        connect(box, &QComboBox::currentIndexChanged, this, &MemberEditor::markDirty);
}

MemberEditor::~MemberEditor() = default;

QString MemberEditor::title() const
{
    if (context().isNew())
        return tr("New Member");
    return tr("Member %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString MemberEditor::deletePath() const
{
    return u"/v1/members/"_s + context().id;
}

void MemberEditor::loadForm()
{
    const QJsonObject& o = context().object;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    m_ui->emailLineEdit->setText(o.value(u"email"_s).toString());
    selectValue(m_ui->typeComboBox, o.value(u"type"_s).toString(u"personal"_s));
    selectValue(m_ui->roleComboBox, o.value(u"role_binding"_s).toArray().first().toString(u"member"_s));
    selectValue(m_ui->stateComboBox, o.value(u"state"_s).toString(u"enabled"_s));
    const QString logon = o.value(u"last_logon"_s).toString();
    m_ui->lastLogonValueLabel->setText(logon.isEmpty() ? tr("never") : logon);
    m_ui->typeComboBox->setEnabled(context().isNew() && !isReadOnly());
}

void MemberEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    const QString e = m_ui->emailLineEdit->text().trimmed();
    if (!e.isEmpty() && !email.match(e).hasMatch())
        marks()->mark(u"email"_s, tr("Enter an e-mail address like name@example.com, or leave it empty."));
    else
        marks()->clear(u"email"_s);
    // An administrator cannot lock themself out from here.
    if (!context().isNew() && context().id == api()->memberId()
        && (m_ui->stateComboBox->currentData().toString() != u"enabled"_s
            || m_ui->roleComboBox->currentData().toString() != u"administrator"_s)
        && api()->isAdministrator())
        marks()->mark(u"state"_s, tr("You cannot disable yourself or give up your own administrator role."));
    else
        marks()->clear(u"state"_s);
}

void MemberEditor::sendCommit()
{
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    body.insert(u"email"_s, m_ui->emailLineEdit->text().trimmed());
    body.insert(u"type"_s, m_ui->typeComboBox->currentData().toString());
    body.insert(u"role_binding"_s, QJsonArray{m_ui->roleComboBox->currentData().toString()});
    body.insert(u"state"_s, m_ui->stateComboBox->currentData().toString());
    if (context().isNew()) {
        api()->call(ApiRequest::post(u"/v1/members"_s, body), this, [this](const ApiResponse& response) {
            const QJsonObject pair = response.result().toObject().value(u"token"_s).toObject();
            finishCommit(response, u"member"_s);
            const QString secret = pair.value(u"access"_s).toObject().value(u"secret"_s).toString();
            if (!response.isError() && !secret.isEmpty())
                emit secretIssued(tr("First token of %1").arg(title()), secret,
                                  tr("Give this Organization Access Token to the new member; it expires %1.")
                                      .arg(pair.value(u"access"_s).toObject().value(u"expires"_s).toString()));
        });
        return;
    }
    if (!body.contains(u"name"_s))
        body.insert(u"name"_s, context().object.value(u"name"_s));
    api()->call(ApiRequest::put(u"/v1/members/"_s + context().id, body), this,
                [this](const ApiResponse& response) { finishCommit(response, u"member"_s); });
}

void MemberEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->emailLineEdit})
        edit->setReadOnly(readOnly);
    m_ui->typeComboBox->setEnabled(!readOnly && context().isNew());
    m_ui->roleComboBox->setEnabled(!readOnly);
    m_ui->stateComboBox->setEnabled(!readOnly);
}

} // namespace pb
