#pragma once

#include "gui/editors/EditorPage.h"

#include <QSet>

#include <memory>

class QLineEdit;

namespace Ui {
class CredentialEditor;
}

namespace pb {

// A credential of an Account: a form per type (basic, token, secret, OAuth client, TLS
// certificate), secrets masked and never loaded unless an administrator presses Reveal, an
// expiry date, and rotation (a new secret replaces the old one on save).
class CredentialEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit CredentialEditor(ApiClient* api, QWidget* parent = nullptr);
    ~CredentialEditor() override;
    QString title() const override;
    QString deletePath() const override;

    QString currentType() const;
    void setType(const QString& type);
    // GET …/reveal (administrators): fills the secret fields for this form only.
    void reveal();
    void startRotation();
    bool secretsRevealed() const { return m_revealed; }

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    QString basePath() const;
    void bindTypeFields();
    QJsonObject configBody() const;
    void setSecretMasked(bool masked);

    std::unique_ptr<Ui::CredentialEditor> m_ui;
    QSet<QString> m_editedSecrets; // secret fields the user typed into since loading
    bool m_revealed = false;
};

} // namespace pb
