#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class TokenSecretDialog;
}

namespace pb {

// Shows a new token's secret exactly once. Copy puts it on the clipboard and clears the
// clipboard 30 s later if it still holds the secret.
class TokenSecretDialog final : public QDialog {
    Q_OBJECT
public:
    TokenSecretDialog(const QString& title, const QString& secret, const QString& details, QWidget* parent = nullptr);
    ~TokenSecretDialog() override;

    static constexpr int ClipboardClearMs = 30000;
    // Puts text on the clipboard and clears it after delayMs unless something else was copied.
    static void copyWithTimeout(const QString& text, int delayMs = ClipboardClearMs);

private:
    std::unique_ptr<Ui::TokenSecretDialog> m_ui;
    QString m_secret;
};

} // namespace pb
