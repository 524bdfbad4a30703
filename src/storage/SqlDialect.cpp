#include "storage/SqlDialect.h"

namespace pb::sql {

QString driverName()
{
    return QStringLiteral("QSQLITE");
}

QStringList connectionSetup()
{
    // cache_size: 32 MiB of pages (the default is 2 MiB), so scans over a workspace with
    // 100,000 Integrations (preview, re-evaluation, import) stay in SQLite's own cache instead of
    // re-reading pages from the file; allocated only as pages are used.
    return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
            QStringLiteral("PRAGMA busy_timeout=5000"), QStringLiteral("PRAGMA synchronous=NORMAL"),
            QStringLiteral("PRAGMA cache_size=-32768")};
}

QString integrityCheck()
{
    // quick_check reads every page and verifies its structure (malformed pages and records,
    // key order, free list), which is what a damaged or truncated file shows. It skips only
    // integrity_check's cross-check of every index entry against its table, the part that
    // grows with the indexes: on a workspace of 10,000 Accounts it is what made opening take
    // over a second (issue "Benchmarks at scale").
    return QStringLiteral("PRAGMA quick_check");
}

bool isUniqueViolation(const QString& driverText)
{
    return driverText.contains(QStringLiteral("UNIQUE constraint failed"), Qt::CaseInsensitive);
}

bool isForeignKeyViolation(const QString& driverText)
{
    return driverText.contains(QStringLiteral("FOREIGN KEY constraint failed"), Qt::CaseInsensitive);
}

QString useIndex(const QString& index)
{
    return QStringLiteral(" INDEXED BY ") + index;
}

} // namespace pb::sql
