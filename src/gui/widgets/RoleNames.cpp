#include "gui/widgets/RoleNames.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace pb {

QString roleDisplayName(const QString& roleId)
{
    if (roleId == u"administrator"_s)
        return QCoreApplication::translate("RoleNames", "Administrator");
    if (roleId == u"member"_s)
        return QCoreApplication::translate("RoleNames", "Member");
    if (roleId == u"viewer"_s)
        return QCoreApplication::translate("RoleNames", "Viewer");
    return roleId;
}

} // namespace pb
