// GET /v1/search?q=: the objects whose names, display names, provider, environment, labels or
// e-mail contain every word of q, answered from the search index of schema v5 (an FTS5 trigram
// index kept by triggers), so the console's filter box finds nodes it never loaded without
// walking the tree (issue "Benchmarks at scale"). A Patchbay addition; see docs/API-NOTES.md.
#include "catalog/Catalog.h"
#include "platform/CredentialStore.h"
#include "platform/RoleScope.h"
#include "platform/routes/RouteUtil.h"

#include <QSet>

namespace pb {

// Defined by the resource route files; search answers the same JSON as their lists.
QJsonObject accountJson(const Row& r, const QString& organizationId);
QJsonObject integrationJson(Workspace& ws, const Row& r);

namespace {

constexpr int DefaultLimit = 200;
constexpr int MaxLimit = 1000;
constexpr int MaxWords = 16;
constexpr int MaxQueryLength = 200;

struct Hit {
    QString kind;
    QString id;
    QString accountId;
};

QString placeholders(qsizetype n)
{
    QStringList marks;
    marks.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QLatin1Char(','));
}

QString likePattern(const QString& word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString ftsPhrase(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// The tree shows an Integration's provider by its display name ("Jira Cloud"), which lives in
// the catalog, not in SQL: a word found in a display name also matches that provider's id.
QStringList providersNamed(const QString& word)
{
    QStringList ids;
    for (const ProviderSpec& p : Catalog::builtin().providers())
        if (p.fullname.contains(word, Qt::CaseInsensitive) && !p.id.contains(word, Qt::CaseInsensitive))
            ids.append(p.id);
    return ids;
}

struct Plan {
    QString sql;
    QVariantList binds;
};

// Words of three characters or more go through the trigram index; shorter ones (which a
// trigram cannot find) and Account-scoped searches (a few dozen rows via the account index)
// are checked with LIKE on the indexed text.
Plan planFor(const QStringList& words, const QString& accountId, int limit, bool fullText)
{
    Plan plan;
    QStringList match;
    QStringList where;
    QVariantList whereBinds;
    // Without the full-text index (scoped, or it could not be brought up to date): LIKE only.
    const bool scoped = !accountId.isEmpty() || !fullText;
    for (const QString& word : words) {
        const QStringList providers = providersNamed(word);
        if (word.size() >= 3 && !scoped) {
            QStringList alternatives{ftsPhrase(word)};
            for (const QString& p : providers)
                alternatives.append(ftsPhrase(p));
            match.append(alternatives.size() == 1 ? alternatives.first()
                                                  : QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
            continue;
        }
        QString cond = QStringLiteral("s.text LIKE ? ESCAPE '\\'");
        whereBinds.append(likePattern(word));
        if (!providers.isEmpty()) {
            cond = QLatin1Char('(') + cond + QStringLiteral(" OR s.provider_type IN (") + placeholders(providers.size()) + QStringLiteral("))");
            for (const QString& p : providers)
                whereBinds.append(p);
        }
        where.append(cond);
    }
    if (!accountId.isEmpty()) {
        where.prepend(QStringLiteral("s.account_id = ?"));
        whereBinds.prepend(accountId);
    }
    if (!match.isEmpty()) {
        plan.sql = QStringLiteral("SELECT s.kind, s.object_id, s.account_id FROM search_fts "
                                  "JOIN search_index s ON s.id = search_fts.rowid WHERE search_fts MATCH ?");
        plan.binds.append(match.join(QStringLiteral(" AND ")));
        for (const QString& w : where)
            plan.sql += QStringLiteral(" AND ") + w;
    } else {
        plan.sql = QStringLiteral("SELECT s.kind, s.object_id, s.account_id FROM search_index s WHERE ") +
                   where.join(QStringLiteral(" AND "));
    }
    plan.binds.append(whereBinds);
    // One more than asked tells whether there are more.
    plan.sql += QStringLiteral(" LIMIT %1").arg(limit + 1);
    return plan;
}

// Applies the queue of index changes (schema v5, SearchSchema.cpp) to search_fts in one
// transaction: for each changed document, the text the index holds (the old text of its first
// queued change, unless that change created it) is taken out, and its current text, if it
// still exists, is put in. One statement each, so FTS5 writes its segments once.
Status syncFullText(Workspace& ws)
{
    auto queued = ws.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM search_fts_pending)"));
    if (!queued)
        return queued.problem();
    if (!queued->toBool())
        return {};
    return ws.transaction([&]() -> Status {
        for (const QString& stmt :
             {QStringLiteral("INSERT INTO search_fts(search_fts, rowid, text) SELECT 'delete', p.doc, p.old_text "
                             "FROM search_fts_pending p WHERE p.old_text IS NOT NULL "
                             "AND p.seq = (SELECT MIN(q.seq) FROM search_fts_pending q WHERE q.doc = p.doc)"),
              QStringLiteral("INSERT INTO search_fts(rowid, text) SELECT s.id, s.text FROM search_index s "
                             "WHERE s.id IN (SELECT doc FROM search_fts_pending)"),
              QStringLiteral("DELETE FROM search_fts_pending")}) {
            if (auto r = ws.exec(stmt); !r)
                return r.problem();
        }
        return {};
    });
}

// Objects whose JSON is built in another route file's private code are read through that
// route's own GET handler, so the search answers exactly what the tree would have listed.
Result<QJsonObject> readThroughRoute(const Call& parent, const QString& path)
{
    const Router::Match m = parent.core->router.match("GET", path);
    if (!m.route)
        return Problem::internal(QStringLiteral("The search could not read a found object."), path);
    auto sub = std::make_shared<Call>();
    sub->request = ApiRequest::get(path, parent.request.token);
    sub->params = m.params;
    sub->caller = parent.caller;
    sub->core = parent.core;
    sub->action = m.route->action;
    std::optional<ApiResponse> out;
    m.route->handler(sub, [&out](ApiResponse r) { out = std::move(r); });
    if (!out)
        return Problem::internal(QStringLiteral("The search could not read a found object."), path);
    if (out->isError())
        return out->problem();
    return out->result().toObject();
}

Result<QHash<QString, QJsonObject>> loadObjects(Call& call, const QString& kind, const QStringList& ids)
{
    QHash<QString, QJsonObject> out;
    if (ids.isEmpty())
        return out;
    Workspace& ws = *call.core->ws;
    QVariantList binds;
    for (const QString& id : ids)
        binds.append(id);
    const QString in = QStringLiteral(" IN (") + placeholders(ids.size()) + QLatin1Char(')');
    if (kind == QStringLiteral("account") || kind == QStringLiteral("integration") || kind == QStringLiteral("credential")) {
        QString sql = kind == QStringLiteral("account")
                                ? QStringLiteral("SELECT * FROM accounts WHERE id") + in
                            : kind == QStringLiteral("integration")
                                ? QStringLiteral("SELECT i.*, c.type AS credential_type FROM integrations i "
                                                 "LEFT JOIN credentials c ON c.id = i.credential_id WHERE i.id") + in
                                : QStringLiteral("SELECT * FROM credentials WHERE id") + in;
        // A narrowed role finds only what it sees (RoleScope.h).
        if (const RoleScope* scope = call.caller.scope.get()) {
            const SqlCondition narrowed = kind == QStringLiteral("account")
                                              ? scope->accountsCondition(QStringLiteral("accounts"))
                                          : kind == QStringLiteral("integration")
                                              ? scope->integrationsCondition(QStringLiteral("i.account_id"), QStringLiteral("i.category"))
                                              : scope->credentialsCondition();
            sql += QStringLiteral(" AND (") + narrowed.where + QLatin1Char(')');
            binds.append(narrowed.binds);
        }
        auto rows = ws.select(sql, binds);
        if (!rows)
            return rows.problem();
        for (const Row& row : *rows) {
            const QString id = row.value(QStringLiteral("id")).toString();
            out.insert(id, kind == QStringLiteral("account")       ? accountJson(row, call.core->organizationId)
                           : kind == QStringLiteral("integration") ? integrationJson(ws, row)
                                                                   : credentialJson(row));
        }
        return out;
    }
    for (const QString& id : ids) {
        QString path;
        if (kind == QStringLiteral("member")) {
            path = QStringLiteral("/v1/members/") + id;
        } else if (kind == QStringLiteral("integration_point")) {
            path = QStringLiteral("/v1/integration-points/") + id;
        } else if (kind == QStringLiteral("end_user")) {
            auto account = ws.scalar(QStringLiteral("SELECT account_id FROM end_users WHERE id = ?"), {id});
            if (!account)
                return account.problem();
            path = QStringLiteral("/v1/accounts/%1/end-users/%2").arg(account->toString(), id);
        }
        auto object = readThroughRoute(call, path);
        if (object)
            out.insert(id, *object);
        else if (object.problem().status != 404) // deleted meanwhile: not a match any more
            return object.problem();
    }
    return out;
}

Result<ApiResponse> search(Call& call)
{
    const QString q = call.request.queryValue(QStringLiteral("q")).simplified();
    if (q.isEmpty())
        return Problem::badRequest(QStringLiteral("The search needs words to look for."))
            .withParameter(QStringLiteral("q"), QStringLiteral("query"))
            .withRemediation(QStringLiteral("Pass ?q= with one or more words; every word must occur in a match."));
    const QStringList words = q.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (q.size() > MaxQueryLength || words.size() > MaxWords)
        return Problem::badRequest(QStringLiteral("The search text is too long."))
            .withParameter(QStringLiteral("q"), QStringLiteral("query"), q.left(MaxQueryLength))
            .withRemediation(QStringLiteral("Use at most %1 characters and %2 words.").arg(MaxQueryLength).arg(MaxWords));
    int limit = DefaultLimit;
    if (const QString text = call.request.queryValue(QStringLiteral("limit")); !text.isEmpty()) {
        bool ok = false;
        limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > MaxLimit)
            return Problem::badRequest(QStringLiteral("\"limit\" must be a number from 1 to %1.").arg(MaxLimit))
                .withParameter(QStringLiteral("limit"), QStringLiteral("query"), text);
    }
    QString accountId;
    if (const QString key = call.request.queryValue(QStringLiteral("account")); !key.isEmpty()) {
        auto account = findAccount(call, key, QStringLiteral("account"));
        if (!account)
            return account.problem();
        accountId = account->value(QStringLiteral("id")).toString();
        call.accountId = accountId;
    }

    // The index is brought up to date first; if that fails (another connection holds the write
    // lock), LIKE over search_index answers correctly, only slower.
    bool fullText = true;
    if (Status synced = syncFullText(*call.core->ws); !synced) {
        qWarning("patchbay: search index not brought up to date (%s); searching without it",
                 qPrintable(synced.problem().message));
        fullText = false;
    }
    const Plan plan = planFor(words, accountId, limit, fullText);
    auto rows = call.core->ws->select(plan.sql, plan.binds);
    if (!rows)
        return rows.problem();
    const bool more = rows->size() > limit;
    QList<Hit> hits;
    QHash<QString, QStringList> idsByKind;
    for (qsizetype i = 0; i < rows->size() && i < limit; ++i) {
        const Row& row = rows->at(i);
        Hit h{row.value(QStringLiteral("kind")).toString(), row.value(QStringLiteral("object_id")).toString(),
              row.value(QStringLiteral("account_id")).toString()};
        idsByKind[h.kind].append(h.id);
        hits.append(h);
    }
    // Ancestors: the Accounts of the hits that are not hits themselves.
    QSet<QString> accountHits(idsByKind.value(QStringLiteral("account")).cbegin(),
                              idsByKind.value(QStringLiteral("account")).cend());
    QStringList ancestorIds;
    for (const Hit& h : hits)
        if (!h.accountId.isEmpty() && !accountHits.contains(h.accountId) && !ancestorIds.contains(h.accountId))
            ancestorIds.append(h.accountId);

    QHash<QString, QHash<QString, QJsonObject>> objects;
    for (auto it = idsByKind.cbegin(); it != idsByKind.cend(); ++it) {
        auto loaded = loadObjects(call, it.key(), it.value());
        if (!loaded)
            return loaded.problem();
        objects.insert(it.key(), *loaded);
    }
    auto ancestors = loadObjects(call, QStringLiteral("account"), ancestorIds);
    if (!ancestors)
        return ancestors.problem();

    QJsonArray items;
    for (const Hit& h : hits) {
        const QHash<QString, QJsonObject>& ofKind = objects[h.kind];
        const auto found = ofKind.constFind(h.id);
        if (found == ofKind.cend())
            continue; // deleted between the index and the read
        items.append(QJsonObject{{QStringLiteral("type"), h.kind},
                                 {QStringLiteral("id"), h.id},
                                 {QStringLiteral("account_id"), h.accountId.isEmpty() ? QJsonValue() : QJsonValue(h.accountId)},
                                 {QStringLiteral("object"), *found}});
    }
    QJsonArray ancestorItems;
    for (const QString& id : ancestorIds) {
        if (!ancestors->contains(id))
            continue;
        ancestorItems.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("account")},
                                         {QStringLiteral("id"), id},
                                         {QStringLiteral("object"), ancestors->value(id)}});
    }
    return ApiResponse::ofResult(QJsonObject{{QStringLiteral("query"), q},
                                             {QStringLiteral("items"), items},
                                             {QStringLiteral("ancestors"), ancestorItems},
                                             {QStringLiteral("limit"), limit},
                                             {QStringLiteral("more"), more}});
}

} // namespace

void addSearchRoutes(Router& r)
{
    r.add("GET", QStringLiteral("/v1/search"), Access::Read, QStringLiteral("search.query"), search);
}

} // namespace pb
