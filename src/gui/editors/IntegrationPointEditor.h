#pragma once

#include "gui/editors/EditorPage.h"

#include <QJsonArray>

#include <memory>

class QListWidget;
class QTimer;

namespace Ui {
class IntegrationPointEditor;
}

namespace pb {

// The rules of an Integration Point: connector, allowed providers per environment ("*" = all),
// credential types, host patterns, required config values, operation allow-list, token lifetime
// cap, credential age, HTTPS. While the rules are edited, a debounced impact preview asks the
// platform (POST …/preview, nothing saved) which Integrations would become non-compliant, and why.
class IntegrationPointEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit IntegrationPointEditor(ApiClient* api, QWidget* parent = nullptr);
    ~IntegrationPointEditor() override;
    QString title() const override;
    QString deletePath() const override;

    // The body the form describes (as POST/PUT and the preview take it).
    QJsonObject body() const;
    // Runs the preview now instead of after the debounce delay.
    void previewNow();
    // Ids of the Integrations the last preview says would break.
    QStringList wouldBreak() const { return m_wouldBreak; }
    QString previewText() const;

    // Test and scripting helpers acting like the user on the form.
    void setAllowedProviders(const QString& environment, const QStringList& providerIds);
    void setHttpsRequired(bool required);
    void setHostPatterns(const QStringList& patterns);

signals:
    void previewFinished();

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    void fillConnectorLists();
    void schedulePreview();
    void showPreview(const QJsonObject& result);
    QListWidget* providerList(const QString& environment) const;

    std::unique_ptr<Ui::IntegrationPointEditor> m_ui;
    QTimer* m_previewTimer;
    QStringList m_wouldBreak;
    quint64 m_previewSerial = 0;
};

} // namespace pb
