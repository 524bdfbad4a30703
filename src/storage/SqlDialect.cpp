#include "storage/SqlDialect.h"

namespace pb::sql {

QString driverName()
{
    return QStringLiteral("QSQLITE");
}

QStringList connectionSetup()
{
    return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
            QStringLiteral("PRAGMA busy_timeout=5000"), QStringLiteral("PRAGMA synchronous=NORMAL")};
}

QString integrityCheck()
{
    return QStringLiteral("PRAGMA integrity_check");
}

bool isUniqueViolation(const QString& driverText)
{
    return driverText.contains(QStringLiteral("UNIQUE constraint failed"), Qt::CaseInsensitive);
}

bool isForeignKeyViolation(const QString& driverText)
{
    return driverText.contains(QStringLiteral("FOREIGN KEY constraint failed"), Qt::CaseInsensitive);
}

} // namespace pb::sql
