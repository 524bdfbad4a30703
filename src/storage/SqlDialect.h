#pragma once

#include <QString>
#include <QStringList>

namespace pb::sql {

// The one place that knows which SQL server we run on. Everything else in the storage layer is
// portable SQL (TEXT ids, RFC 3339 UTC timestamps as TEXT, no rowids), so a shared PostgreSQL
// workspace (QPSQL) only needs a second branch here.
QString driverName();
// Statements run once per connection (WAL, foreign keys, busy timeout).
QStringList connectionSetup();
// Returns "ok" text rows when the file is sound.
QString integrityCheck();
// Whether a driver error text means a unique constraint failed.
bool isUniqueViolation(const QString& driverText);
bool isForeignKeyViolation(const QString& driverText);
// A hint that a join should read `index` (a covering index) instead of the table: SQLite's
// planner has no statistics to find it by itself. Empty where the server needs no hint.
QString useIndex(const QString& index);

} // namespace pb::sql
