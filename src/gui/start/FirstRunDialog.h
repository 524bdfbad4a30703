#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class FirstRunDialog;
}

namespace pb {

// The first-run assistant: create a workspace (Organization name, first administrator, file)
// or open an existing one (recent list or a file chooser).
class FirstRunDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Create, Open };

    FirstRunDialog(const QString& suggestedPath, QWidget* parent = nullptr);
    ~FirstRunDialog() override;

    Choice choice() const { return m_choice; }
    QString organizationName() const;
    QString adminName() const;
    QString adminEmail() const;
    QString workspacePath() const;
    void showProblem(const QString& text);

private:
    void validate();

    std::unique_ptr<Ui::FirstRunDialog> m_ui;
    Choice m_choice = Choice::Create;
    QString m_openPath;
};

} // namespace pb
