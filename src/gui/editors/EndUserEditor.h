#pragma once

#include "gui/editors/EditorPage.h"

#include <memory>

namespace Ui {
class EndUserEditor;
}

namespace pb {

// An End User of an Account: the tenant's people who register Integrations.
class EndUserEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit EndUserEditor(ApiClient* api, QWidget* parent = nullptr);
    ~EndUserEditor() override;
    QString title() const override;
    QString deletePath() const override;

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    QString basePath() const;
    std::unique_ptr<Ui::EndUserEditor> m_ui;
};

} // namespace pb
