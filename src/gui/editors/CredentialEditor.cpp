#include "gui/editors/CredentialEditor.h"

#include "ui_CredentialEditor.h"

#include "core/Clock.h"
#include "gui/ApiClient.h"
#include "gui/widgets/FieldMarks.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
const QStringList Types{u"basic"_s, u"token"_s, u"secret"_s, u"o_auth_client"_s, u"tls_certificate"_s};
} // namespace

CredentialEditor::CredentialEditor(ApiClient* api, QWidget* parent)
    : EditorPage(api, parent)
    , m_ui(std::make_unique<Ui::CredentialEditor>())
{
    m_ui->setupUi(this);
    const QStringList labels{tr("Username and password (basic)"), tr("Token"), tr("Secret"), tr("OAuth client"),
                             tr("TLS client certificate")};
    for (int i = 0; i < Types.size(); ++i)
        m_ui->typeComboBox->addItem(labels.at(i), Types.at(i));
    m_ui->privateKeyEdit->setPlaceholderText(u"-----BEGIN PRIVATE KEY-----"_s);
    m_ui->secretHintLabel->setText(tr("Secrets are kept in the system keychain; the workspace stores only where to "
                                      "find them."));
    auto* marks = new FieldMarks(m_ui->bannerLabel, this);
    marks->addField(u"fullname"_s, m_ui->fullnameLineEdit, m_ui->fullnameReasonLabel);
    marks->addField(u"name"_s, m_ui->nameLineEdit, m_ui->nameReasonLabel);
    marks->addField(u"config.type"_s, m_ui->typeComboBox, m_ui->typeReasonLabel);
    marks->addField(u"expires"_s, m_ui->expiresDateTimeEdit, m_ui->expiresReasonLabel);
    setMarks(marks);

    for (QLineEdit* edit : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->usernameLineEdit, m_ui->tokenUrlLineEdit,
                            m_ui->clientIdLineEdit})
        connect(edit, &QLineEdit::textChanged, this, &CredentialEditor::markDirty);
    const QList<QPair<QLineEdit*, QString>> secrets{{m_ui->basicSecretLineEdit, u"secret"_s},
                                                    {m_ui->tokenSecretLineEdit, u"secret"_s},
                                                    {m_ui->secretSecretLineEdit, u"secret"_s},
                                                    {m_ui->clientSecretLineEdit, u"client_secret"_s}};
    for (const auto& [edit, field] : secrets) {
        // textEdited: only what the user typed counts as a new secret (not a reveal).
        connect(edit, &QLineEdit::textEdited, this, [this, field = field] {
            m_editedSecrets.insert(field);
            markDirty();
        });
    }
    connect(m_ui->privateKeyEdit, &MaskedTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        m_editedSecrets.insert(u"private_key"_s);
        markDirty();
    });
    connect(m_ui->certificatePlainTextEdit, &QPlainTextEdit::textChanged, this, &CredentialEditor::markDirty);
    connect(m_ui->typeComboBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_ui->typeStackedWidget->setCurrentIndex(index);
        bindTypeFields();
        markDirty();
    });
    connect(m_ui->expiresCheckBox, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->expiresDateTimeEdit->setEnabled(on && !isReadOnly());
        markDirty();
    });
    connect(m_ui->expiresDateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &CredentialEditor::markDirty);
    connect(m_ui->revealButton, &QPushButton::clicked, this, &CredentialEditor::reveal);
    connect(m_ui->rotateButton, &QPushButton::clicked, this, &CredentialEditor::startRotation);
    bindTypeFields();
}

CredentialEditor::~CredentialEditor() = default;

QString CredentialEditor::title() const
{
    if (context().isNew())
        return tr("New Credential");
    return tr("Credential %1").arg(context().object.value(u"fullname"_s).toString(context().object.value(u"name"_s).toString()));
}

QString CredentialEditor::basePath() const
{
    return u"/v1/credentials/"_s + context().accountId;
}

QString CredentialEditor::deletePath() const
{
    return basePath() + u'/' + context().id;
}

QString CredentialEditor::currentType() const
{
    return m_ui->typeComboBox->currentData().toString();
}

void CredentialEditor::setType(const QString& type)
{
    m_ui->typeComboBox->setCurrentIndex(qMax(0, Types.indexOf(type == u"oauth_client"_s ? u"o_auth_client"_s : type)));
}

void CredentialEditor::bindTypeFields()
{
    // Problems name fields as config.<field>; point those names at the current type's widgets.
    for (const QString& f : {u"config.username"_s, u"config.secret"_s, u"config.token_url"_s, u"config.client_id"_s,
                             u"config.client_secret"_s, u"config.certificate"_s, u"config.private_key"_s})
        marks()->removeField(f);
    const QString type = currentType();
    if (type == u"basic"_s) {
        marks()->addField(u"config.username"_s, m_ui->usernameLineEdit, m_ui->usernameReasonLabel);
        marks()->addField(u"config.secret"_s, m_ui->basicSecretLineEdit, m_ui->basicSecretReasonLabel);
    } else if (type == u"token"_s) {
        marks()->addField(u"config.secret"_s, m_ui->tokenSecretLineEdit, m_ui->tokenSecretReasonLabel);
    } else if (type == u"secret"_s) {
        marks()->addField(u"config.secret"_s, m_ui->secretSecretLineEdit, m_ui->secretSecretReasonLabel);
    } else if (type == u"o_auth_client"_s) {
        marks()->addField(u"config.token_url"_s, m_ui->tokenUrlLineEdit, m_ui->tokenUrlReasonLabel);
        marks()->addField(u"config.client_id"_s, m_ui->clientIdLineEdit, m_ui->clientIdReasonLabel);
        marks()->addField(u"config.client_secret"_s, m_ui->clientSecretLineEdit, m_ui->clientSecretReasonLabel);
    } else {
        marks()->addField(u"config.certificate"_s, m_ui->certificatePlainTextEdit, m_ui->certificateReasonLabel);
        marks()->addField(u"config.private_key"_s, m_ui->privateKeyEdit, m_ui->privateKeyReasonLabel);
    }
}

void CredentialEditor::setSecretMasked(bool masked)
{
    const auto mode = masked ? QLineEdit::Password : QLineEdit::Normal;
    for (QLineEdit* e : {m_ui->basicSecretLineEdit, m_ui->tokenSecretLineEdit, m_ui->secretSecretLineEdit,
                         m_ui->clientSecretLineEdit})
        e->setEchoMode(mode);
    m_ui->privateKeyEdit->setMasked(masked);
}

void CredentialEditor::loadForm()
{
    const QJsonObject& o = context().object;
    const QJsonObject config = o.value(u"config"_s).toObject();
    m_editedSecrets.clear();
    m_revealed = false;
    m_ui->fullnameLineEdit->setText(o.value(u"fullname"_s).toString());
    m_ui->nameLineEdit->setText(context().isNew() ? QString() : o.value(u"name"_s).toString());
    setType(config.value(u"type"_s).toString(u"basic"_s));
    m_ui->typeStackedWidget->setCurrentIndex(m_ui->typeComboBox->currentIndex());
    bindTypeFields();
    m_ui->usernameLineEdit->setText(config.value(u"username"_s).toString());
    m_ui->tokenUrlLineEdit->setText(config.value(u"token_url"_s).toString());
    m_ui->clientIdLineEdit->setText(config.value(u"client_id"_s).toString());
    m_ui->certificatePlainTextEdit->setPlainText(config.value(u"certificate"_s).toString());
    const QString keep = context().isNew() ? QString() : tr("stored in the keychain — type to replace");
    for (QLineEdit* e : {m_ui->basicSecretLineEdit, m_ui->tokenSecretLineEdit, m_ui->secretSecretLineEdit,
                         m_ui->clientSecretLineEdit}) {
        e->clear();
        e->setPlaceholderText(keep);
    }
    m_ui->privateKeyEdit->setText(QString());
    m_ui->privateKeyEdit->setPlaceholderText(context().isNew() ? u"-----BEGIN PRIVATE KEY-----"_s : keep);
    setSecretMasked(true);
    const QDateTime expires = parseRfc3339(o.value(u"expires"_s).toString());
    m_ui->expiresCheckBox->setChecked(expires.isValid());
    m_ui->expiresDateTimeEdit->setDateTime(expires.isValid() ? expires.toLocalTime()
                                                              : QDateTime::currentDateTime().addDays(90));
    m_ui->expiresDateTimeEdit->setEnabled(expires.isValid() && !isReadOnly());
    // The type of an existing credential is fixed: another type is another credential.
    m_ui->typeComboBox->setEnabled(context().isNew() && !isReadOnly());
    m_ui->revealButton->setVisible(!context().isNew() && api()->isAdministrator());
    m_ui->rotateButton->setVisible(!context().isNew() && !isReadOnly());
    QString hint = tr("Secrets are kept in the system keychain; the workspace stores only where to find them.");
    const QString setAt = o.value(u"secret_set_at"_s).toString();
    if (!setAt.isEmpty())
        hint += u' ' + tr("Secret set %1; rotated %n time(s).", nullptr, int(o.value(u"rotated_at"_s).toArray().size())).arg(setAt);
    m_ui->secretHintLabel->setText(hint);
}

void CredentialEditor::validate()
{
    checkNames(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    const QString type = currentType();
    const bool needSecret = context().isNew();
    auto require = [this, needSecret](const QString& key, const QString& value, const QString& what) {
        if (needSecret && value.isEmpty())
            marks()->mark(key, tr("Enter the %1.").arg(what));
        else
            marks()->clear(key);
    };
    if (type == u"basic"_s) {
        if (m_ui->usernameLineEdit->text().trimmed().isEmpty())
            marks()->mark(u"config.username"_s, tr("Enter the username."));
        else
            marks()->clear(u"config.username"_s);
        require(u"config.secret"_s, m_ui->basicSecretLineEdit->text(), tr("password or API token"));
    } else if (type == u"token"_s) {
        require(u"config.secret"_s, m_ui->tokenSecretLineEdit->text(), tr("token"));
    } else if (type == u"secret"_s) {
        require(u"config.secret"_s, m_ui->secretSecretLineEdit->text(), tr("secret"));
    } else if (type == u"o_auth_client"_s) {
        const QUrl url(m_ui->tokenUrlLineEdit->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
            marks()->mark(u"config.token_url"_s, tr("Enter the token endpoint as a URL, e.g. https://login.example.com/oauth/token."));
        else
            marks()->clear(u"config.token_url"_s);
        if (m_ui->clientIdLineEdit->text().trimmed().isEmpty())
            marks()->mark(u"config.client_id"_s, tr("Enter the client id."));
        else
            marks()->clear(u"config.client_id"_s);
        require(u"config.client_secret"_s, m_ui->clientSecretLineEdit->text(), tr("client secret"));
    } else {
        if (!m_ui->certificatePlainTextEdit->toPlainText().contains(u"-----BEGIN CERTIFICATE-----"_s))
            marks()->mark(u"config.certificate"_s, tr("Paste the certificate in PEM form (-----BEGIN CERTIFICATE-----…)."));
        else
            marks()->clear(u"config.certificate"_s);
        const QString key = m_ui->privateKeyEdit->text();
        if ((needSecret || !key.isEmpty()) && !(key.contains(u"-----BEGIN"_s) && key.contains(u"PRIVATE KEY-----"_s)))
            marks()->mark(u"config.private_key"_s, tr("Paste the private key in PEM form (-----BEGIN PRIVATE KEY-----…)."));
        else
            marks()->clear(u"config.private_key"_s);
    }
    if (m_ui->expiresCheckBox->isChecked() && m_ui->expiresDateTimeEdit->dateTime() <= QDateTime::currentDateTime())
        marks()->mark(u"expires"_s, tr("The expiry date is in the past."));
    else
        marks()->clear(u"expires"_s);
}

QJsonObject CredentialEditor::configBody() const
{
    const QString type = currentType();
    QJsonObject config{{u"type"_s, type}};
    // Secret fields go out only when the user typed a new value: absent means "keep".
    auto secret = [this, &config](const QString& field, const QString& value) {
        if (context().isNew() || m_editedSecrets.contains(field))
            config.insert(field, value);
    };
    if (type == u"basic"_s) {
        config.insert(u"username"_s, m_ui->usernameLineEdit->text().trimmed());
        secret(u"secret"_s, m_ui->basicSecretLineEdit->text());
    } else if (type == u"token"_s) {
        secret(u"secret"_s, m_ui->tokenSecretLineEdit->text());
    } else if (type == u"secret"_s) {
        secret(u"secret"_s, m_ui->secretSecretLineEdit->text());
    } else if (type == u"o_auth_client"_s) {
        config.insert(u"token_url"_s, m_ui->tokenUrlLineEdit->text().trimmed());
        config.insert(u"client_id"_s, m_ui->clientIdLineEdit->text().trimmed());
        secret(u"client_secret"_s, m_ui->clientSecretLineEdit->text());
    } else {
        config.insert(u"certificate"_s, m_ui->certificatePlainTextEdit->toPlainText());
        secret(u"private_key"_s, m_ui->privateKeyEdit->text());
    }
    return config;
}

void CredentialEditor::sendCommit()
{
    QJsonObject body = namesBody(m_ui->fullnameLineEdit->text(), m_ui->nameLineEdit->text());
    body.insert(u"config"_s, configBody());
    body.insert(u"expires"_s, m_ui->expiresCheckBox->isChecked()
                                  ? QJsonValue(toRfc3339(m_ui->expiresDateTimeEdit->dateTime().toUTC()))
                                  : QJsonValue(QJsonValue::Null));
    if (context().isNew()) {
        api()->call(ApiRequest::post(basePath(), body), this,
                    [this](const ApiResponse& response) { finishCommit(response, u"credential"_s); });
        return;
    }
    if (!body.contains(u"name"_s))
        body.insert(u"name"_s, context().object.value(u"name"_s));
    api()->call(ApiRequest::put(deletePath(), body), this, [this](const ApiResponse& response) {
        finishCommit(response, u"credential"_s);
        if (!response.isError())
            load(context()); // forget the typed secrets and mask again
    });
}

void CredentialEditor::reveal()
{
    if (context().isNew() || !api()->isAdministrator())
        return;
    api()->call(ApiRequest::get(deletePath() + u"/reveal"_s), this, [this](const ApiResponse& response) {
        if (response.isError()) {
            marks()->showProblem(response.problem());
            return;
        }
        const QJsonObject config = response.result().toObject().value(u"config"_s).toObject();
        m_loading = true;
        const QString secret = config.value(u"secret"_s).toString();
        m_ui->basicSecretLineEdit->setText(secret);
        m_ui->tokenSecretLineEdit->setText(secret);
        m_ui->secretSecretLineEdit->setText(secret);
        m_ui->clientSecretLineEdit->setText(config.value(u"client_secret"_s).toString());
        m_ui->privateKeyEdit->setText(config.value(u"private_key"_s).toString());
        m_loading = false;
        setSecretMasked(false);
        m_revealed = true;
    });
}

void CredentialEditor::startRotation()
{
    const QString type = currentType();
    QWidget* focus = type == u"basic"_s ? static_cast<QWidget*>(m_ui->basicSecretLineEdit)
                     : type == u"token"_s ? static_cast<QWidget*>(m_ui->tokenSecretLineEdit)
                     : type == u"secret"_s ? static_cast<QWidget*>(m_ui->secretSecretLineEdit)
                     : type == u"o_auth_client"_s ? static_cast<QWidget*>(m_ui->clientSecretLineEdit)
                                                   : static_cast<QWidget*>(m_ui->privateKeyEdit);
    if (auto* edit = qobject_cast<QLineEdit*>(focus)) {
        edit->clear();
        edit->setPlaceholderText(tr("the new secret"));
    }
    focus->setFocus(Qt::OtherFocusReason);
    marks()->showBanner(QString());
}

void CredentialEditor::applyReadOnly(bool readOnly)
{
    for (QLineEdit* e : {m_ui->fullnameLineEdit, m_ui->nameLineEdit, m_ui->usernameLineEdit, m_ui->tokenUrlLineEdit,
                         m_ui->clientIdLineEdit, m_ui->basicSecretLineEdit, m_ui->tokenSecretLineEdit,
                         m_ui->secretSecretLineEdit, m_ui->clientSecretLineEdit})
        e->setReadOnly(readOnly);
    m_ui->certificatePlainTextEdit->setReadOnly(readOnly);
    m_ui->privateKeyEdit->setReadOnly(readOnly);
    m_ui->typeComboBox->setEnabled(!readOnly && context().isNew());
    m_ui->expiresCheckBox->setEnabled(!readOnly);
    m_ui->expiresDateTimeEdit->setEnabled(!readOnly && m_ui->expiresCheckBox->isChecked());
    m_ui->rotateButton->setVisible(!readOnly && !context().isNew());
}

} // namespace pb
