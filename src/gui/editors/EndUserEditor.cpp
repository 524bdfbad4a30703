#include "gui/editors/EndUserEditor.h"

#include "ui_EndUserEditor.h"

#include "gui/ApiClient.h"
#include "gui/widgets/FieldMarks.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace pb {

EndUserEditor::EndUserEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::EndUserEditor>())
{
    m_ui->setupUi(this);
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"email"_s, m_ui->emailLineEdit, m_ui->emailReasonLabel);
    setMarks(marks);
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->emailLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &EndUserEditor::markDirty);
}

EndUserEditor::~EndUserEditor() = default;

QString EndUserEditor::title() const
{
    if (context().isNew())
        return tr("New End User");
    return tr("End User %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString EndUserEditor::basePath() const
{
    return u"/v1/accounts/"_s + context().accountId + u"/end-users"_s;
}

QString EndUserEditor::deletePath() const
{
    return basePath() + u'/' + context().id;
}

void EndUserEditor::loadForm()
{
    const QJsonObject& o = context().object;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    m_ui->emailLineEdit->setText(o.value(u"email"_s).toString());
}

void EndUserEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    const QString e = m_ui->emailLineEdit->text().trimmed();
    if (!e.isEmpty() && !email.match(e).hasMatch())
        marks()->mark(u"email"_s, tr("Enter an e-mail address like name@example.com, or leave it empty."));
    else
        marks()->clear(u"email"_s);
}

void EndUserEditor::sendCommit()
{
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    body.insert(u"email"_s, m_ui->emailLineEdit->text().trimmed());
    if (context().isNew()) {
        api()->call(ApiRequest::post(basePath(), body), this,
                    [this](const ApiResponse& response) { finishCommit(response, u"end_user"_s); });
        return;
    }
    if (!body.contains(u"name"_s))
        body.insert(u"name"_s, context().object.value(u"name"_s));
    api()->call(ApiRequest::put(deletePath(), body), this,
                [this](const ApiResponse& response) { finishCommit(response, u"end_user"_s); });
}

void EndUserEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->emailLineEdit})
        edit->setReadOnly(readOnly);
}

} // namespace pb
