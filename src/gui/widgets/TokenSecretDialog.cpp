#include "gui/widgets/TokenSecretDialog.h"

#include "ui_TokenSecretDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QPushButton>
#include <QTimer>

namespace pb {

TokenSecretDialog::TokenSecretDialog(const QString& title, const QString& secret, const QString& details,
                                     QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TokenSecretDialog>())
    , m_secret(secret)
{
    m_ui->setupUi(this);
    setWindowTitle(title);
    m_ui->secretLineEdit->setText(secret);
    m_ui->detailsLabel->setText(details);
    connect(m_ui->copyButton, &QPushButton::clicked, this, [this] {
        copyWithTimeout(m_secret);
        m_ui->copyButton->setText(tr("Copied — clears in 30 s"));
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::accept);
}

TokenSecretDialog::~TokenSecretDialog()
{
    m_ui->secretLineEdit->clear();
}

void TokenSecretDialog::copyWithTimeout(const QString& text, int delayMs)
{
    QClipboard* clipboard = QApplication::clipboard();
    clipboard->setText(text);
    // The timer's context is the application, so it fires after the dialog is gone.
    QTimer::singleShot(delayMs, qApp, [text] {
        QClipboard* cb = QApplication::clipboard();
        if (cb->text() == text)
            cb->clear();
    });
}

} // namespace pb
