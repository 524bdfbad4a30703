#include "gui/start/RecentWorkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace pb::RecentWorkspaces {

namespace {
constexpr int MaxRecent = 10;
}

QStringList list()
{
    QStringList out;
    const QStringList stored = QSettings().value(u"recentWorkspaces"_s).toStringList();
    for (const QString& path : stored)
        if (QFileInfo::exists(path))
            out.append(path);
    return out;
}

void add(const QString& path)
{
    QStringList paths = QSettings().value(u"recentWorkspaces"_s).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > MaxRecent)
        paths.removeLast();
    QSettings().setValue(u"recentWorkspaces"_s, paths);
}

void remove(const QString& path)
{
    QStringList paths = QSettings().value(u"recentWorkspaces"_s).toStringList();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(u"recentWorkspaces"_s, paths);
}

QString lastMember(const QString& workspaceId)
{
    return QSettings().value(u"lastMember/"_s + workspaceId).toString();
}

void setLastMember(const QString& workspaceId, const QString& memberId)
{
    QSettings().setValue(u"lastMember/"_s + workspaceId, memberId);
}

QString defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(u"default.patchbay"_s);
}

} // namespace pb::RecentWorkspaces
