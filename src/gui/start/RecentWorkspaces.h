#pragma once

#include <QString>
#include <QStringList>

namespace pb {

// Recently opened workspace files and, per workspace, which member signed in last (an id: the
// member's token itself lives only in the keychain, never in settings).
namespace RecentWorkspaces {

QStringList list();
void add(const QString& path);
void remove(const QString& path);
QString lastMember(const QString& workspaceId);
void setLastMember(const QString& workspaceId, const QString& memberId);
// The embedded default workspace: AppDataLocation/default.patchbay.
QString defaultPath();

} // namespace RecentWorkspaces
} // namespace pb
