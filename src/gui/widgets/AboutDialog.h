#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class AboutDialog;
}

namespace pb {

// Help ▸ About: Patchbay's version and the libraries it ships with, with their licenses.
class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;

    // The libraries table as shown (name, version, license); one row per library.
    [[nodiscard]] int libraryCount() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace pb
