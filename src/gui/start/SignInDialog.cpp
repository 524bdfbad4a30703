#include "gui/start/SignInDialog.h"

#include "ui_SignInDialog.h"

#include "gui/Icons.h"

#include <QPushButton>

namespace pb {

SignInDialog::SignInDialog(const QString& reason, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SignInDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::app());
    if (!reason.isEmpty())
        m_ui->introLabel->setText(reason + QStringLiteral("\n\n") + m_ui->introLabel->text());
    m_ui->bannerLabel->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Sign in"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_ui->tokenLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

SignInDialog::~SignInDialog()
{
    m_ui->tokenLineEdit->clear();
}

QString SignInDialog::token() const
{
    return m_ui->tokenLineEdit->text().trimmed();
}

void SignInDialog::showProblem(const QString& text)
{
    m_ui->bannerLabel->setText(text);
    m_ui->bannerLabel->setVisible(!text.isEmpty());
    m_ui->tokenLineEdit->selectAll();
    m_ui->tokenLineEdit->setFocus();
}

} // namespace pb
