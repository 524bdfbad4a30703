#pragma once

#include "gui/editors/EditorPage.h"
#include "gui/editors/ProviderChoice.h"

#include <QJsonArray>

#include <memory>

namespace Ui {
class IntegrationEditor;
}

namespace pb {

class ConfigForm;

// An Integration of an Account: Integration Point, provider (only those the Account's
// environment may use under that Integration Point; the others greyed with the rule that forbids
// them), the provider's configuration form generated from the catalog, and the credential —
// one of the Account's, or a new one typed in here.
class IntegrationEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit IntegrationEditor(ApiClient* api, QWidget* parent = nullptr);
    ~IntegrationEditor() override;
    QString title() const override;
    QString deletePath() const override;

    bool setIntegrationPoint(const QString& idOrName);
    // Selects a provider if it is allowed; otherwise marks the provider field with the reason.
    bool selectProvider(const QString& providerId);
    QString selectedProvider() const;
    QList<ProviderOption> options() const { return m_options; }
    ConfigForm* configForm() const { return m_config; }
    // Chooses an existing credential by id, or "" for a new one typed into the form.
    bool selectCredential(const QString& credentialId);
    void setNewCredential(const QString& type, const QString& username, const QString& secret);

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    QJsonObject currentIntegrationPoint() const;
    QString environment() const;
    void fillIntegrationPoints();
    void fillProviders();
    void fillCredentials();
    void onProviderChanged();
    void updateNewCredentialFields();

    std::unique_ptr<Ui::IntegrationEditor> m_ui;
    ConfigForm* m_config;
    QJsonArray m_integrationPoints;
    QJsonArray m_credentials;
    QList<ProviderOption> m_options;
    QString m_builtFor;
};

} // namespace pb
