#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SignInDialog;
}

namespace pb {

// Asks for an Organization Access Token (or a refresh token) to sign in with; the token is
// checked by the caller, whose problem is shown in the dialog.
class SignInDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(const QString& reason, QWidget* parent = nullptr);
    ~SignInDialog() override;

    QString token() const;
    void showProblem(const QString& text);

private:
    std::unique_ptr<Ui::SignInDialog> m_ui;
};

} // namespace pb
