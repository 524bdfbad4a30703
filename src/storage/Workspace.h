#pragma once

#include "core/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

namespace pb {

using Row = QVariantMap;

// One Organization's workspace: a SQLite file opened through QtSql on a connection of its own.
// Everything above talks to the database through this class, in portable SQL (DESIGN §5); the
// few SQLite-only statements live in SqlDialect.
class Workspace final {
public:
    struct OpenOptions {
        bool create = false;  // create a new file (refused if it exists)
        int targetVersion = -1; // -1: the newest schema this build knows (tests may stop earlier)
    };

    static Result<std::unique_ptr<Workspace>> open(const QString& path, const OpenOptions& options);
    static Result<std::unique_ptr<Workspace>> create(const QString& path) { return open(path, {true, -1}); }
    static Result<std::unique_ptr<Workspace>> open(const QString& path) { return open(path, {false, -1}); }

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    QString path() const { return m_path; }
    QString connectionName() const { return m_connection; }
    QSqlDatabase database() const;
    int schemaVersion() const;
    static int latestSchemaVersion();

    // Runs body inside one transaction: commits when it succeeds, rolls back when it fails.
    // Nested calls join the outer transaction, which then rolls back as a whole.
    Status transaction(const std::function<Status()>& body);
    bool inTransaction() const { return m_depth > 0; }

    Result<QSqlQuery> exec(const QString& sql, const QVariantList& binds = {});
    // Like exec for a statement that returns no rows, on a cached prepared statement (hot
    // paths run the same statement many times); answers the number of rows changed.
    Result<int> execute(const QString& sql, const QVariantList& binds = {});
    Result<QList<Row>> select(const QString& sql, const QVariantList& binds = {});
    Result<std::optional<Row>> selectOne(const QString& sql, const QVariantList& binds = {});
    Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {});
    // Runs a SELECT and calls `row` once per result row, the query positioned on it (read values
    // by column index, in the order of the SELECT list). Builds no per-row maps: for scans over
    // thousands of rows.
    Status forEach(const QString& sql, const QVariantList& binds, const std::function<void(const QSqlQuery&)>& row);

    // Small portable repository helpers over one table.
    Status insert(const QString& table, const Row& values);
    // Updates the row(s) where keyColumn = key; fails with not_found when none matched.
    Status update(const QString& table, const Row& values, const QString& keyColumn, const QVariant& key);
    Result<int> remove(const QString& table, const QString& keyColumn, const QVariant& key);
    // Bulk path: one prepared statement, many rows, one transaction.
    Status insertMany(const QString& table, const QStringList& columns, const QList<QVariantList>& rows);

    // Problem for a failed statement; unique-constraint failures become 409 conflicts.
    static Problem sqlProblem(const QSqlQuery& query, const QString& what);

    // SQLite's data_version: changes whenever ANOTHER connection (another process, or another
    // Workspace on the same file) commits. In-memory caches above use it to notice such writes.
    qint64 dataVersion();

    // Drops every cached prepared statement (also done when the cache grows too large).
    void clearStatementCache();

private:
    Workspace() = default;
    Status configure();
    // thorough: PRAGMA integrity_check (also cross-checks every index); else quick_check.
    Status checkIntegrity(bool thorough = false);
    Status migrate(int targetVersion);
    // The prepared statement for sqlText, from the cache or prepared now; null on a prepare error
    // (then `error` holds the Problem). Statements are reused so hot paths skip SQLite's parser.
    QSqlQuery* prepared(const QString& sqlText, Problem* error);
    Result<QSqlQuery*> run(const QString& sqlText, const QVariantList& binds);

    QString m_path;
    QString m_connection;
    int m_depth = 0;
    bool m_failed = false;
    bool m_holdsSentinel = false;
    QHash<QString, QSqlQuery*> m_statements; // owned; cleared before the connection closes
};

} // namespace pb
