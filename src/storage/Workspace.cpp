#include "storage/Workspace.h"

#include "core/Clock.h"
#include "core/Ids.h"
#include "storage/Migrations.h"
#include "storage/OpenSentinel.h"
#include "storage/SqlDialect.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlRecord>
#include <QStringBuilder>

namespace pb {

namespace {

Problem openProblem(const QString& path, const QString& detail)
{
    return Problem(500, QStringLiteral("workspace_unreadable"),
                   QStringLiteral("The workspace file cannot be opened."),
                   QStringLiteral("%1: %2").arg(path, detail),
                   QStringLiteral("Check that the file exists, is readable and is a Patchbay workspace."));
}

// An empty QString is text, not SQL NULL; only an invalid QVariant means NULL.
QVariant bindable(const QVariant& v)
{
    if (v.typeId() == QMetaType::QString && v.toString().isNull())
        return QVariant(QString::fromLatin1(""));
    return v;
}

} // namespace

Result<std::unique_ptr<Workspace>> Workspace::open(const QString& path, const OpenOptions& options)
{
    const bool exists = QFileInfo::exists(path);
    if (options.create && exists)
        return Problem::conflict(QStringLiteral("A workspace file already exists at this path."), path)
            .withRemediation(QStringLiteral("Choose another path, or open the existing workspace."));
    if (!options.create && !exists)
        return Problem::notFound(QStringLiteral("No workspace file at this path."), path)
            .withRemediation(QStringLiteral("Create a workspace first (patchbay-cli init)."));

    if (options.create) {
        // Owner-only from the first byte: the file holds every customer's metadata (no secrets),
        // and SQLite gives the -wal and -shm files the database file's permissions.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return openProblem(path, file.errorString());
    }
    std::unique_ptr<Workspace> ws(new Workspace);
    ws->m_path = path;
    ws->m_connection = QStringLiteral("patchbay-") + newId();
    QSqlDatabase db = QSqlDatabase::addDatabase(sql::driverName(), ws->m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return openProblem(path, db.lastError().text());
    if (Status s = ws->configure(); !s)
        return Problem(500, QStringLiteral("workspace_corrupt"),
                       QStringLiteral("The file is not a readable Patchbay workspace."),
                       path + QStringLiteral(": ") + s.problem().detail,
                       QStringLiteral("Check the path; restore the workspace from a backup or an export if it was damaged."));
    if (exists) {
        // The whole-file check reads every page: run it when the last session did not end
        // cleanly (its marker was left behind), not on every open (OpenSentinel.h).
        const OpenSentinel::LastSession last = OpenSentinel::lastSession(path);
        if (last != OpenSentinel::LastSession::Clean) {
            if (Status s = ws->checkIntegrity(last == OpenSentinel::LastSession::Unclean); !s)
                return s.problem();
            OpenSentinel::clearStale(path);
        }
    }
    const int target = options.targetVersion < 0 ? migrations::latest() : options.targetVersion;
    if (Status s = ws->migrate(target); !s)
        return s.problem();
    OpenSentinel::acquire(path);
    ws->m_holdsSentinel = true;
    return ws;
}

Workspace::~Workspace()
{
    clearStatementCache();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    if (m_holdsSentinel)
        OpenSentinel::release(m_path);
}

QSqlDatabase Workspace::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

int Workspace::latestSchemaVersion()
{
    return migrations::latest();
}

Status Workspace::configure()
{
    for (const QString& stmt : sql::connectionSetup()) {
        if (auto r = exec(stmt); !r)
            return r.problem();
    }
    return {};
}

Status Workspace::checkIntegrity(bool thorough)
{
    auto rows = select(thorough ? QStringLiteral("PRAGMA integrity_check") : sql::integrityCheck());
    if (!rows)
        return Problem(500, QStringLiteral("workspace_corrupt"),
                       QStringLiteral("The workspace file is not a valid Patchbay workspace."),
                       m_path % QStringLiteral(": ") % rows.problem().detail,
                       QStringLiteral("Restore the workspace from a backup or export."));
    QStringList bad;
    for (const Row& row : rows.value()) {
        const QString text = row.isEmpty() ? QString() : row.first().toString();
        if (text != QStringLiteral("ok"))
            bad.append(text);
    }
    if (!bad.isEmpty())
        return Problem(500, QStringLiteral("workspace_corrupt"),
                       QStringLiteral("The workspace file failed its integrity check."),
                       m_path % QStringLiteral(": ") % bad.mid(0, 5).join(QStringLiteral("; ")),
                       QStringLiteral("Restore the workspace from a backup or export; do not keep editing this file."));
    return {};
}

int Workspace::schemaVersion() const
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).isNull() ? 0 : q.value(0).toInt();
}

Status Workspace::migrate(int targetVersion)
{
    if (auto r = exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"));
        !r)
        return r.problem();
    const int from = schemaVersion();
    if (from > migrations::latest())
        return Problem(409, QStringLiteral("workspace_too_new"),
                       QStringLiteral("This workspace was made by a newer Patchbay."),
                       QStringLiteral("%1 has schema version %2; this build knows versions up to %3.")
                           .arg(m_path)
                           .arg(from)
                           .arg(migrations::latest()),
                       QStringLiteral("Update Patchbay to open this workspace; this version will not change it."));
    // Step by step: each version in one transaction with its bookkeeping row.
    for (int v = from + 1; v <= targetVersion; ++v) {
        Status s = transaction([&]() -> Status {
            for (const QString& stmt : migrations::step(v)) {
                if (auto r = exec(stmt); !r)
                    return r.problem();
            }
            if (auto r = exec(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"),
                              {v, toRfc3339(nowUtc())});
                !r)
                return r.problem();
            return {};
        });
        if (!s) {
            Problem p = s.problem();
            p.message = QStringLiteral("Upgrading the workspace to schema version %1 failed.").arg(v);
            p.remediation = QStringLiteral("The workspace was left at version %1; restore a backup if it keeps failing.")
                                .arg(v - 1);
            return p;
        }
    }
    return {};
}

Status Workspace::transaction(const std::function<Status()>& body)
{
    if (m_depth > 0) {
        ++m_depth;
        Status s = body();
        --m_depth;
        if (!s)
            m_failed = true;
        return s;
    }
    QSqlDatabase db = database();
    if (!db.transaction())
        return Problem::internal(QStringLiteral("Could not start a workspace transaction."), db.lastError().text());
    m_depth = 1;
    m_failed = false;
    Status s = body();
    m_depth = 0;
    if (!s || m_failed) {
        db.rollback();
        m_failed = false;
        return s ? Status(Problem::internal(QStringLiteral("A nested step failed; nothing was changed."))) : s;
    }
    if (!db.commit()) {
        const QString err = db.lastError().text();
        db.rollback();
        return Problem::internal(QStringLiteral("Could not commit the workspace transaction; nothing was changed."), err);
    }
    return {};
}

Problem Workspace::sqlProblem(const QSqlQuery& query, const QString& what)
{
    const QString text = query.lastError().text();
    if (sql::isUniqueViolation(text))
        return Problem::conflict(QStringLiteral("An object with this name already exists in this scope."), text)
            .withRemediation(QStringLiteral("Choose another name."));
    if (sql::isForeignKeyViolation(text))
        return Problem::conflict(QStringLiteral("The object is still referenced, or references something missing."), text);
    return Problem::internal(QStringLiteral("A workspace query failed."), what % QStringLiteral(": ") % text);
}

void Workspace::clearStatementCache()
{
    qDeleteAll(m_statements);
    m_statements.clear();
}

QSqlQuery* Workspace::prepared(const QString& sqlText, Problem* error)
{
    if (QSqlQuery* q = m_statements.value(sqlText))
        return q;
    // Dynamic SQL (list filters) would otherwise grow the cache without bound.
    if (m_statements.size() >= 512)
        clearStatementCache();
    auto q = std::make_unique<QSqlQuery>(database());
    q->setForwardOnly(true);
    if (!q->prepare(sqlText)) {
        *error = sqlProblem(*q, sqlText.left(80));
        return nullptr;
    }
    QSqlQuery* raw = q.release();
    m_statements.insert(sqlText, raw);
    return raw;
}

Result<QSqlQuery*> Workspace::run(const QString& sqlText, const QVariantList& binds)
{
    Problem error;
    QSqlQuery* q = prepared(sqlText, &error);
    if (!q)
        return error;
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, bindable(binds.at(i)));
    if (!q->exec()) {
        Problem p = sqlProblem(*q, sqlText.left(80));
        q->finish();
        return p;
    }
    return q;
}

Result<QSqlQuery> Workspace::exec(const QString& sqlText, const QVariantList& binds)
{
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.prepare(sqlText))
        return sqlProblem(q, sqlText.left(80));
    for (const QVariant& v : binds)
        q.addBindValue(bindable(v));
    if (!q.exec())
        return sqlProblem(q, sqlText.left(80));
    return q;
}

Result<int> Workspace::execute(const QString& sqlText, const QVariantList& binds)
{
    auto q = run(sqlText, binds);
    if (!q)
        return q.problem();
    const int affected = (*q)->numRowsAffected();
    (*q)->finish();
    return affected;
}

Result<QList<Row>> Workspace::select(const QString& sqlText, const QVariantList& binds)
{
    auto q = run(sqlText, binds);
    if (!q)
        return q.problem();
    QSqlQuery& query = **q;
    const QSqlRecord rec = query.record();
    QStringList names;
    for (int i = 0; i < rec.count(); ++i)
        names.append(rec.fieldName(i));
    QList<Row> rows;
    while (query.next()) {
        Row row;
        for (int i = 0; i < names.size(); ++i)
            row.insert(names.at(i), query.value(i));
        rows.append(row);
    }
    // Reset now, so a cached SELECT never holds a read snapshot open.
    query.finish();
    return rows;
}

Result<std::optional<Row>> Workspace::selectOne(const QString& sqlText, const QVariantList& binds)
{
    auto rows = select(sqlText, binds);
    if (!rows)
        return rows.problem();
    if (rows->isEmpty())
        return std::optional<Row>();
    return std::optional<Row>(rows->first());
}

Result<QVariant> Workspace::scalar(const QString& sqlText, const QVariantList& binds)
{
    auto q = run(sqlText, binds);
    if (!q)
        return q.problem();
    QSqlQuery& query = **q;
    QVariant out;
    if (query.next())
        out = query.value(0);
    query.finish();
    return out;
}

Status Workspace::forEach(const QString& sqlText, const QVariantList& binds, const std::function<void(const QSqlQuery&)>& row)
{
    auto q = run(sqlText, binds);
    if (!q)
        return q.problem();
    QSqlQuery& query = **q;
    while (query.next())
        row(query);
    query.finish();
    return {};
}

qint64 Workspace::dataVersion()
{
    auto v = scalar(QStringLiteral("PRAGMA data_version"));
    return v ? v->toLongLong() : -1;
}

Status Workspace::insert(const QString& table, const Row& values)
{
    QStringList cols;
    QStringList marks;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        cols.append(it.key());
        marks.append(QStringLiteral("?"));
        binds.append(it.value());
    }
    auto r = execute(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                         .arg(table, cols.join(QLatin1Char(',')), marks.join(QLatin1Char(','))),
                     binds);
    if (!r)
        return r.problem();
    return {};
}

Status Workspace::update(const QString& table, const Row& values, const QString& keyColumn, const QVariant& key)
{
    QStringList sets;
    QVariantList binds;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        sets.append(it.key() + QStringLiteral(" = ?"));
        binds.append(it.value());
    }
    binds.append(key);
    auto r = execute(QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?").arg(table, sets.join(QLatin1Char(',')), keyColumn),
                     binds);
    if (!r)
        return r.problem();
    if (*r == 0)
        return Problem::notFound(QStringLiteral("Nothing to update."), table % QStringLiteral(" ") % key.toString());
    return {};
}

Result<int> Workspace::remove(const QString& table, const QString& keyColumn, const QVariant& key)
{
    auto r = execute(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, keyColumn), {key});
    if (!r)
        return r.problem();
    return *r;
}

Status Workspace::insertMany(const QString& table, const QStringList& columns, const QList<QVariantList>& rows)
{
    return transaction([&]() -> Status {
        QStringList marks;
        for (int i = 0; i < columns.size(); ++i)
            marks.append(QStringLiteral("?"));
        const QString sqlText = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                    .arg(table, columns.join(QLatin1Char(',')), marks.join(QLatin1Char(',')));
        Problem error;
        QSqlQuery* q = prepared(sqlText, &error);
        if (!q)
            return error;
        for (const QVariantList& row : rows) {
            for (int i = 0; i < row.size(); ++i)
                q->bindValue(i, bindable(row.at(i)));
            if (!q->exec()) {
                Problem p = sqlProblem(*q, table);
                q->finish();
                return p;
            }
        }
        q->finish();
        return {};
    });
}

} // namespace pb
