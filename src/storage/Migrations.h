#pragma once

#include <QStringList>

namespace pb::migrations {

// The newest schema version this build knows.
int latest();
// Statements that bring the schema from version-1 to version (1-based). Each step runs in one
// transaction together with the schema_version update.
QStringList step(int version);

} // namespace pb::migrations
