#include "platform/Roles.h"

namespace pb {

RoleLevel roleLevel(const QString& permissionSet)
{
    if (permissionSet == QStringLiteral("administrator"))
        return RoleLevel::Administrator;
    if (permissionSet == QStringLiteral("member"))
        return RoleLevel::Member;
    if (permissionSet == QStringLiteral("viewer"))
        return RoleLevel::Viewer;
    return RoleLevel::None;
}

QString roleName(RoleLevel level)
{
    switch (level) {
    case RoleLevel::Administrator:
        return QStringLiteral("administrator");
    case RoleLevel::Member:
        return QStringLiteral("member");
    case RoleLevel::Viewer:
        return QStringLiteral("viewer");
    case RoleLevel::None:
        break;
    }
    return {};
}

QStringList builtinRoleNames()
{
    return {QStringLiteral("administrator"), QStringLiteral("member"), QStringLiteral("viewer")};
}

bool allows(RoleLevel level, Access access)
{
    switch (access) {
    case Access::Read:
        return level >= RoleLevel::Viewer;
    case Access::Manage:
        return level >= RoleLevel::Member;
    case Access::Administer:
    case Access::Refresh:
        return level >= RoleLevel::Administrator;
    }
    return false;
}

} // namespace pb
