#pragma once

#include <QMessageBox>

namespace pb {

// Every question the console asks goes through here, so tests can answer it in advance
// (setNextAnswer) instead of blocking on a modal dialog — the KeePassXC pattern.
class MessageBox final {
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget* parent, const QString& title, const QString& text,
                           Buttons buttons = Buttons(QMessageBox::Yes | QMessageBox::No),
                           Button defaultButton = QMessageBox::NoButton);
    static Button warning(QWidget* parent, const QString& title, const QString& text,
                          Buttons buttons = QMessageBox::Ok, Button defaultButton = QMessageBox::NoButton);
    static void information(QWidget* parent, const QString& title, const QString& text);

    // The answer of the next dialog, which then is not shown. NoButton means "show it".
    static void setNextAnswer(Button answer);
    // The text of the last dialog answered in advance (for assertions).
    static QString lastText();

private:
    static Button ask(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text,
                      Buttons buttons, Button defaultButton);
};

} // namespace pb
