#pragma once

#include "gui/editors/EditorPage.h"

#include <memory>

namespace Ui {
class OrganizationEditor;
}

namespace pb {

// The Organization itself: display name, name and token lifetimes (GET/PUT /v1/organization).
class OrganizationEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit OrganizationEditor(ApiClient* api, QWidget* parent = nullptr);
    ~OrganizationEditor() override;
    QString title() const override;
    bool canDelete() const override { return false; }

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    std::unique_ptr<Ui::OrganizationEditor> m_ui;
};

} // namespace pb
