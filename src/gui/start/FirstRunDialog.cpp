#include "gui/start/FirstRunDialog.h"

#include "ui_FirstRunDialog.h"

#include "gui/Icons.h"
#include "gui/start/RecentWorkspaces.h"
#include "gui/widgets/FileDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace pb {

FirstRunDialog::FirstRunDialog(const QString& suggestedPath, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::FirstRunDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::app());
    m_ui->bannerLabel->hide();
    m_ui->locationLineEdit->setText(QDir::toNativeSeparators(suggestedPath));
    const QStringList recent = RecentWorkspaces::list();
    for (const QString& path : recent)
        m_ui->recentListWidget->addItem(path);
    // Nothing recent yet: only the file chooser, not an empty list.
    m_ui->recentListWidget->setVisible(!recent.isEmpty());
    m_ui->openRecentButton->setVisible(!recent.isEmpty());
    m_ui->openRecentButton->setEnabled(false);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Create workspace"));
    for (QLineEdit* e : {m_ui->organizationLineEdit, m_ui->adminNameLineEdit, m_ui->locationLineEdit})
        connect(e, &QLineEdit::textChanged, this, &FirstRunDialog::validate);
    connect(m_ui->recentListWidget, &QListWidget::currentRowChanged, this,
            [this](int row) { m_ui->openRecentButton->setEnabled(row >= 0); });
    connect(m_ui->recentListWidget, &QListWidget::itemDoubleClicked, m_ui->openRecentButton, &QPushButton::click);
    connect(m_ui->openRecentButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_ui->recentListWidget->currentItem()) {
            m_choice = Choice::Open;
            m_openPath = item->text();
            accept();
        }
    });
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString path = FileDialog::getOpenFileName(this, tr("Open workspace"), QDir::homePath(),
                                                         tr("Patchbay workspaces (*.patchbay);;All files (*)"));
        if (!path.isEmpty()) {
            m_choice = Choice::Open;
            m_openPath = path;
            accept();
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        m_choice = Choice::Create;
        accept();
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    resize(560, sizeHint().height());
}

FirstRunDialog::~FirstRunDialog() = default;

QString FirstRunDialog::organizationName() const
{
    return m_ui->organizationLineEdit->text().trimmed();
}

QString FirstRunDialog::adminName() const
{
    return m_ui->adminNameLineEdit->text().trimmed();
}

QString FirstRunDialog::adminEmail() const
{
    return m_ui->adminEmailLineEdit->text().trimmed();
}

QString FirstRunDialog::workspacePath() const
{
    return m_choice == Choice::Open ? m_openPath : QDir::fromNativeSeparators(m_ui->locationLineEdit->text().trimmed());
}

void FirstRunDialog::showProblem(const QString& text)
{
    m_ui->bannerLabel->setText(text);
    m_ui->bannerLabel->setVisible(!text.isEmpty());
}

void FirstRunDialog::validate()
{
    auto mark = [](QLabel* label, const QString& text) {
        label->setText(text);
        label->setStyleSheet(u"color: #d13b2f;"_s);
        label->setVisible(!text.isEmpty());
    };
    const bool touched = !organizationName().isEmpty() || !adminName().isEmpty();
    mark(m_ui->organizationReasonLabel, touched && organizationName().isEmpty() ? tr("Name your Organization.") : QString());
    mark(m_ui->adminNameReasonLabel, touched && adminName().isEmpty() ? tr("Enter your name.") : QString());
    const QString path = QDir::fromNativeSeparators(m_ui->locationLineEdit->text().trimmed());
    mark(m_ui->locationReasonLabel, QFileInfo::exists(path) ? tr("This file exists: open it below, or choose another name.")
                                                            : QString());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(!organizationName().isEmpty() && !adminName().isEmpty() && !path.isEmpty() && !QFileInfo::exists(path));
}

} // namespace pb
