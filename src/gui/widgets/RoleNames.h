#pragma once

#include <QString>

namespace pb {

// The label a person reads for a role id from the data ("administrator" → "Administrator",
// "Administratorin/Administrator" in German…). Custom roles have no translation and show their id.
QString roleDisplayName(const QString& roleId);

} // namespace pb
