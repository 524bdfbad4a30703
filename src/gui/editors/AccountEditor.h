#pragma once

#include "gui/editors/EditorPage.h"

#include <memory>

namespace Ui {
class AccountEditor;
}

namespace pb {

// An Account (a tenant): display name, name, environment test|prod, labels.
class AccountEditor final : public EditorPage {
    Q_OBJECT
public:
    explicit AccountEditor(ApiClient* api, QWidget* parent = nullptr);
    ~AccountEditor() override;
    QString title() const override;
    QString deletePath() const override;

protected:
    void loadForm() override;
    void validate() override;
    void sendCommit() override;
    void applyReadOnly(bool readOnly) override;

private:
    QString environment() const;
    QStringList labels() const;

    std::unique_ptr<Ui::AccountEditor> m_ui;
};

} // namespace pb
