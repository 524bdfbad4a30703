// Schema v5: the search index behind GET /v1/search (the console's filter box).
//
// One row per searchable object in search_index (its kind, its Account and the text the filter
// matches: names, display names, provider, environment, labels, e-mail), kept current by
// triggers on the object tables, so every writer (routes, import, plain SQL) keeps it right
// without knowing about it. search_fts is an FTS5 index over that text with the trigram
// tokenizer: any substring of three or more characters is found through the index, case-
// insensitively, which is what the filter box promises.
//
// search_fts is not written by the triggers: FTS5 flushes its pending terms to disk at every
// statement savepoint, and every INSERT with a trigger or a constraint opens one, so indexing
// row by row made bulk writes an order of magnitude slower. The triggers only queue the change
// (search_fts_pending: the document, and the text it had in the index if it had one); the
// search route applies the queue in one statement before it queries (SearchRoutes.cpp). FTS5 and its trigram tokenizer are
// SQLite features (3.34+; Debian 12's libsqlite3 3.40, which Qt's QSQLITE driver links) and the
// one non-portable part of the schema; another engine would replace this step with its own
// full-text index behind the same route.
#include "storage/Migrations.h"

namespace pb::migrations {

namespace {

// The filter text of a row, the same fields the tree's filter matches (NodePresentation::
// filterText): words never contain spaces, so joining with one never lets a word span fields.
QString labelsText(const QString& column)
{
    return QStringLiteral("CASE WHEN json_valid(%1) THEN (SELECT group_concat(value, ' ') FROM json_each(%1)) ELSE %1 END")
        .arg(column);
}

struct Source {
    QString table;
    QString kind;
    QString accountExpr;  // the Account the object belongs to, for scoping (NULL: Organization level)
    QString providerExpr; // provider id (Integrations), for provider display names matched at query time
    QString textExpr;     // over "r." (replaced by new./old. in triggers)
    QString watched;      // columns whose change re-indexes the row
};

QList<Source> sources()
{
    const QString nameParts = QStringLiteral("coalesce(r.name, '') || ' ' || coalesce(r.fullname, '')");
    return {
        {QStringLiteral("accounts"), QStringLiteral("account"), QStringLiteral("r.id"), QStringLiteral("''"),
         nameParts + QStringLiteral(" || ' ' || coalesce(r.environment, '') || ' ' || coalesce(")
             + labelsText(QStringLiteral("r.labels")) + QStringLiteral(", '')"),
         QStringLiteral("name, fullname, environment, labels")},
        {QStringLiteral("integrations"), QStringLiteral("integration"), QStringLiteral("r.account_id"),
         QStringLiteral("r.provider_type"), nameParts + QStringLiteral(" || ' ' || coalesce(r.provider_type, '')"),
         QStringLiteral("name, fullname, provider_type, account_id")},
        {QStringLiteral("credentials"), QStringLiteral("credential"), QStringLiteral("r.account_id"), QStringLiteral("''"),
         nameParts, QStringLiteral("name, fullname, account_id")},
        {QStringLiteral("end_users"), QStringLiteral("end_user"), QStringLiteral("r.account_id"), QStringLiteral("''"),
         nameParts + QStringLiteral(" || ' ' || coalesce(r.email, '')"), QStringLiteral("name, fullname, email, account_id")},
        {QStringLiteral("integration_points"), QStringLiteral("integration_point"), QStringLiteral("NULL"),
         QStringLiteral("''"), nameParts, QStringLiteral("name, fullname")},
        {QStringLiteral("members"), QStringLiteral("member"), QStringLiteral("NULL"), QStringLiteral("''"),
         nameParts + QStringLiteral(" || ' ' || coalesce(r.email, '')"), QStringLiteral("name, fullname, email")},
    };
}

QString over(QString expr, const QString& alias)
{
    return expr.replace(QStringLiteral("r."), alias + QLatin1Char('.'));
}

} // namespace

QStringList searchIndexStep()
{
    QStringList out{
        QStringLiteral(R"(CREATE TABLE search_index (
            id INTEGER PRIMARY KEY, object_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
            account_id TEXT, provider_type TEXT NOT NULL DEFAULT '', text TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX idx_search_index_account ON search_index(account_id)"),
        // External content: the text lives once, in search_index; rowid = search_index.id.
        QStringLiteral("CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_index', content_rowid='id', "
                       "tokenize='trigram')"),
        // old_text: what the index holds for doc, if this is not a new document.
        QStringLiteral("CREATE TABLE search_fts_pending (seq INTEGER PRIMARY KEY, doc INTEGER NOT NULL, old_text TEXT)"),
        QStringLiteral("CREATE INDEX idx_search_fts_pending_doc ON search_fts_pending(doc, seq)"),
        QStringLiteral("CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN "
                       "INSERT INTO search_fts_pending (doc, old_text) VALUES (new.id, NULL); END"),
        QStringLiteral("CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN "
                       "INSERT INTO search_fts_pending (doc, old_text) VALUES (old.id, old.text); END"),
        QStringLiteral("CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN "
                       "INSERT INTO search_fts_pending (doc, old_text) VALUES (old.id, old.text); END"),
    };
    for (const Source& s : sources()) {
        const QString values = QStringLiteral("'%1', %2, %3, %4").arg(s.kind, over(s.accountExpr, QStringLiteral("new")),
                                                                     over(s.providerExpr, QStringLiteral("new")),
                                                                     over(s.textExpr, QStringLiteral("new")));
        out.append(QStringLiteral("CREATE TRIGGER search_%1_ai AFTER INSERT ON %1 BEGIN "
                                  "INSERT INTO search_index (object_id, kind, account_id, provider_type, text) "
                                  "VALUES (new.id, %2); END")
                       .arg(s.table, values));
        out.append(QStringLiteral("CREATE TRIGGER search_%1_au AFTER UPDATE OF %2 ON %1 BEGIN "
                                  "UPDATE search_index SET account_id = %3, provider_type = %4, text = %5 "
                                  "WHERE object_id = new.id; END")
                       .arg(s.table, s.watched, over(s.accountExpr, QStringLiteral("new")),
                            over(s.providerExpr, QStringLiteral("new")), over(s.textExpr, QStringLiteral("new"))));
        // Cascaded deletes (an Account's Integrations) fire this too.
        out.append(QStringLiteral("CREATE TRIGGER search_%1_ad AFTER DELETE ON %1 BEGIN "
                                  "DELETE FROM search_index WHERE object_id = old.id; END")
                       .arg(s.table));
        // Existing workspaces: index what is already there.
        out.append(QStringLiteral("INSERT INTO search_index (object_id, kind, account_id, provider_type, text) "
                                  "SELECT r.id, '%1', %2, %3, %4 FROM %5 r")
                       .arg(s.kind, s.accountExpr, s.providerExpr, s.textExpr, s.table));
    }
    // The rows just indexed, in one pass rather than through the queue.
    out.append(QStringLiteral("INSERT INTO search_fts(search_fts) VALUES ('rebuild')"));
    out.append(QStringLiteral("DELETE FROM search_fts_pending"));
    return out;
}

} // namespace pb::migrations
