#include "gui/widgets/AboutDialog.h"

#include "ui_AboutDialog.h"

#include <QApplication>
#include <QHeaderView>
#include <QTableWidgetItem>
#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
struct Library {
    QString name;
    QString version;
    QString license;
};
} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->versionLabel->setText(tr("Version %1").arg(QApplication::applicationVersion()));

    // Qt reports the version actually loaded; the others are linked through Qt and QtKeychain.
    const QList<Library> libraries{
        {u"Qt 6"_s, QString::fromLatin1(qVersion()), tr("GNU LGPL v3")},
        {u"QtKeychain"_s, QString(), tr("BSD 3-Clause")},
        {u"SQLite"_s, QString(), tr("Public domain")},
    };
    m_ui->librariesTable->setRowCount(int(libraries.size()));
    for (int row = 0; row < libraries.size(); ++row) {
        const Library& library = libraries.at(row);
        m_ui->librariesTable->setItem(row, 0, new QTableWidgetItem(library.name));
        m_ui->librariesTable->setItem(row, 1, new QTableWidgetItem(library.version));
        m_ui->librariesTable->setItem(row, 2, new QTableWidgetItem(library.license));
    }
    m_ui->librariesTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->librariesTable->horizontalHeader()->setStretchLastSection(true);
}

AboutDialog::~AboutDialog() = default;

int AboutDialog::libraryCount() const
{
    return m_ui->librariesTable->rowCount();
}

} // namespace pb
