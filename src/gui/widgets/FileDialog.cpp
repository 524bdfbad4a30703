#include "gui/widgets/FileDialog.h"

#include <QFileDialog>

#include <optional>

namespace pb {

namespace {
std::optional<QString> s_next;
} // namespace

void FileDialog::setNextFileName(const QString& fileName)
{
    s_next = fileName;
}

bool FileDialog::takeNext(QString* fileName)
{
    if (!s_next)
        return false;
    *fileName = *s_next;
    s_next.reset();
    return true;
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& caption, const QString& dir,
                                    const QString& filter)
{
    QString name;
    if (takeNext(&name))
        return name;
    return QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

QString FileDialog::getOpenFileName(QWidget* parent, const QString& caption, const QString& dir,
                                    const QString& filter)
{
    QString name;
    if (takeNext(&name))
        return name;
    return QFileDialog::getOpenFileName(parent, caption, dir, filter);
}

} // namespace pb
