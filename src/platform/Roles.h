#pragma once

#include <QString>
#include <QStringList>

namespace pb {

// Built-in roles, from least to most authority. Custom roles narrow one of these.
enum class RoleLevel { None = 0, Viewer = 1, Member = 2, Administrator = 3 };

RoleLevel roleLevel(const QString& permissionSet);
QString roleName(RoleLevel level);
QStringList builtinRoleNames();

// What a route needs from the caller's role.
enum class Access {
    Read,        // any role
    Manage,      // member or administrator: accounts, integrations, credentials, integration tokens
    Administer,  // administrator only: organization, members, roles, integration points, reveal
    Refresh,     // the refresh token itself, or an administrator
};

bool allows(RoleLevel level, Access access);

} // namespace pb
