#pragma once

#include "gui/editors/EditorPage.h"

#include <memory>

namespace Ui {
class MemberEditor;
}

namespace pb {

// A Member of the Organization: a person or a service identity, its role and state.
class MemberEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit MemberEditor(ApiClient* api, QWidget* parent = nullptr);
    ~MemberEditor() override;
    QString title() const override;
    QString deletePath() const override;

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    std::unique_ptr<Ui::MemberEditor> m_ui;
};

} // namespace pb
