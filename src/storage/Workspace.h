#pragma once

#include "core/Result.h"

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
    Result<QList<Row>> select(const QString& sql, const QVariantList& binds = {});
    Result<std::optional<Row>> selectOne(const QString& sql, const QVariantList& binds = {});
    Result<QVariant> scalar(const QString& sql, const QVariantList& binds = {});

    // Small portable repository helpers over one table.
    Status insert(const QString& table, const Row& values);
    // Updates the row(s) where keyColumn = key; fails with not_found when none matched.
    Status update(const QString& table, const Row& values, const QString& keyColumn, const QVariant& key);
    Result<int> remove(const QString& table, const QString& keyColumn, const QVariant& key);
    // Bulk path: one prepared statement, many rows, one transaction.
    Status insertMany(const QString& table, const QStringList& columns, const QList<QVariantList>& rows);

    // Problem for a failed statement; unique-constraint failures become 409 conflicts.
    static Problem sqlProblem(const QSqlQuery& query, const QString& what);

private:
    Workspace() = default;
    Status configure();
    Status checkIntegrity();
    Status migrate(int targetVersion);

    QString m_path;
    QString m_connection;
    int m_depth = 0;
    bool m_failed = false;
};

} // namespace pb
