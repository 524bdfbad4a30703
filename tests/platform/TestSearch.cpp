// GET /v1/search: what it finds (every word, any field the tree's filter matches, ancestors),
// who may ask, that an Account scope keeps other Accounts' objects out, that the index follows
// every writer (routes, cascades, plain SQL), and that schema v5 indexes an existing workspace.
#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace pb;
using namespace pb::test;

namespace {

QJsonObject jira(const QString& fullname)
{
    return {{QStringLiteral("fullname"), fullname},
            {QStringLiteral("provider_config"), QJsonObject{{QStringLiteral("type"), QStringLiteral("ticketing_jira")},
                                                            {QStringLiteral("url"), QStringLiteral("https://acme.atlassian.net")},
                                                            {QStringLiteral("project"), QStringLiteral("OPS")}}}};
}

// "type:name" of every item (and of every ancestor, prefixed "^").
QStringList found(const ApiResponse& r)
{
    QStringList out;
    const QJsonObject result = r.result().toObject();
    for (const QJsonValue& v : result.value(QStringLiteral("items")).toArray())
        out.append(v[QStringLiteral("type")].toString() + QLatin1Char(':') + v[QStringLiteral("object")][QStringLiteral("name")].toString());
    for (const QJsonValue& v : result.value(QStringLiteral("ancestors")).toArray())
        out.append(QLatin1Char('^') + v[QStringLiteral("type")].toString() + QLatin1Char(':')
                   + v[QStringLiteral("object")][QStringLiteral("name")].toString());
    out.sort();
    return out;
}

} // namespace

class TestSearch final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void findsEveryKindWithAncestors();
    void everyWordMustMatch();
    void limitAndMoreFlag();
    void rolesAndBadInput();
    void accountScopeKeepsOtherAccountsOut();
    void indexFollowsWrites();
    void queuedChangesApplyAtTheNextSearch();
    void plainSqlAndExistingWorkspaces();

private:
    ApiResponse search(const QString& q, const QString& extra = {}, const QString& token = {});
    std::unique_ptr<TestWorkspace> m_ws;
    QString m_acme;
    QString m_globex;
};

void TestSearch::init()
{
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("acme")},
                                    {QStringLiteral("fullname"), QStringLiteral("Acme Corporation")},
                                    {QStringLiteral("environment"), QStringLiteral("test")},
                                    {QStringLiteral("labels"), QJsonArray{QStringLiteral("gold")}}})
                 .status,
             201);
    m_acme = m_ws->get(QStringLiteral("/v1/accounts/acme")).result()[QStringLiteral("id")].toString();
    m_globex = m_ws->createAccount(QStringLiteral("Globex"), QStringLiteral("test"));
    QVERIFY(!m_ws->createIntegration(QStringLiteral("acme"), jira(QStringLiteral("Acme Tickets"))).isEmpty());
    QVERIFY(!m_ws->createIntegration(QStringLiteral("globex"), jira(QStringLiteral("Globex Tickets"))).isEmpty());
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts/globex/end-users"),
                        QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Eve User")},
                                    {QStringLiteral("email"), QStringLiteral("eve@globex.example")}})
                 .status,
             201);
    QVERIFY(!m_ws->createMemberToken(QStringLiteral("victor-viewer"), QStringLiteral("viewer")).isEmpty());
}

void TestSearch::cleanup()
{
    m_ws.reset();
}

ApiResponse TestSearch::search(const QString& q, const QString& extra, const QString& token)
{
    ApiRequest request = ApiRequest::get(QStringLiteral("/v1/search"), token.isEmpty() ? m_ws->adminToken() : token);
    if (!q.isNull())
        request.withQuery(QStringLiteral("q"), q);
    if (!extra.isEmpty())
        request.withQuery(extra.section(QLatin1Char('='), 0, 0), extra.section(QLatin1Char('='), 1));
    return m_ws->call(request);
}

void TestSearch::findsEveryKindWithAncestors()
{
    // Integration names, with their Accounts as ancestors (not matches themselves).
    ApiResponse r = search(QStringLiteral("tickets"));
    QCOMPARE(r.status, 200);
    QCOMPARE(found(r), (QStringList{QStringLiteral("^account:acme"), QStringLiteral("^account:globex"),
                                    QStringLiteral("integration:acme-tickets"), QStringLiteral("integration:globex-tickets")}));
    const QJsonObject first = r.result()[QStringLiteral("items")][0].toObject();
    QVERIFY(!first.value(QStringLiteral("account_id")).toString().isEmpty());
    // The objects are the list routes' JSON.
    QCOMPARE(first[QStringLiteral("object")][QStringLiteral("provider_fullname")].toString(), QStringLiteral("Atlassian Jira"));
    QCOMPARE(r.result()[QStringLiteral("more")].toBool(), false);

    // A label, case-insensitively.
    QCOMPARE(found(search(QStringLiteral("GOLD"))), QStringList{QStringLiteral("account:acme")});
    // The provider's display name lives in the catalog, not in SQL; it matches too.
    QCOMPARE(found(search(QStringLiteral("atlassian"))).filter(QStringLiteral("integration:")).size(), 2);
    // An End User's e-mail, under its Account.
    QCOMPARE(found(search(QStringLiteral("eve@globex"))),
             (QStringList{QStringLiteral("^account:globex"), QStringLiteral("end_user:eve-user")}));
    // Members (Organization level: no ancestor).
    QCOMPARE(found(search(QStringLiteral("victor"))), QStringList{QStringLiteral("member:victor-viewer")});
    // Shorter than a trigram: still found (by a scan of the index).
    QVERIFY(found(search(QStringLiteral("gl"))).contains(QStringLiteral("account:globex")));
    QCOMPARE(found(search(QStringLiteral("no-such-thing"))), QStringList());
}

void TestSearch::everyWordMustMatch()
{
    QCOMPARE(found(search(QStringLiteral("  globex   tickets "))),
             (QStringList{QStringLiteral("^account:globex"), QStringLiteral("integration:globex-tickets")}));
    // Words never match across two objects: no single object holds both.
    QCOMPARE(found(search(QStringLiteral("gold tickets"))), QStringList());
    // A query with FTS syntax is text, not syntax.
    QCOMPARE(search(QStringLiteral("\"acme OR NEAR(")).status, 200);
    QCOMPARE(found(search(QStringLiteral("acme*"))), QStringList());
}

void TestSearch::limitAndMoreFlag()
{
    for (int i = 0; i < 5; ++i)
        m_ws->createAccount(QStringLiteral("Bulk %1").arg(i), QStringLiteral("test"));
    ApiResponse r = search(QStringLiteral("bulk"), QStringLiteral("limit=3"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result()[QStringLiteral("items")].toArray().size(), 3);
    QCOMPARE(r.result()[QStringLiteral("more")].toBool(), true);
    QCOMPARE(r.result()[QStringLiteral("limit")].toInt(), 3);
    r = search(QStringLiteral("bulk"), QStringLiteral("limit=5"));
    QCOMPARE(r.result()[QStringLiteral("items")].toArray().size(), 5);
    QCOMPARE(r.result()[QStringLiteral("more")].toBool(), false);
}

void TestSearch::rolesAndBadInput()
{
    // Any role may search, like every list.
    const QString viewer = m_ws->createMemberToken(QStringLiteral("vera"), QStringLiteral("viewer"));
    QCOMPARE(search(QStringLiteral("tickets"), {}, viewer).status, 200);
    // A wrong token, an Integration Access Token: refused, nothing found.
    for (const QString& wrong : {QStringLiteral("pbo_nobody_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), QStringLiteral("nonsense")})
        QCOMPARE(search(QStringLiteral("tickets"), {}, wrong).status, 401);
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens/acme/acme-tickets"), QJsonObject{});
    QCOMPARE(issued.status, 201);
    const QString integrationToken = issued.result()[QStringLiteral("secret")].toString();
    QVERIFY(integrationToken.startsWith(QStringLiteral("pbi_")));
    const ApiResponse refused = search(QStringLiteral("tickets"), {}, integrationToken);
    QVERIFY2(refused.status == 401 || refused.status == 403, describe(refused).constData());
    QVERIFY(!refused.body.toObject().contains(QStringLiteral("result")));

    QCOMPARE(search(QString()).status, 400);
    QCOMPARE(search(QStringLiteral("   ")).status, 400);
    QCOMPARE(search(QStringLiteral("a"), QStringLiteral("limit=0")).status, 400);
    QCOMPARE(search(QStringLiteral("a"), QStringLiteral("limit=x")).status, 400);
    QCOMPARE(search(QStringLiteral("a"), QStringLiteral("account=nobody")).status, 404);
}

void TestSearch::accountScopeKeepsOtherAccountsOut()
{
    // Scoped to acme, a word that matches both Accounts' objects finds only acme's.
    for (const QString& q : {QStringLiteral("tickets"), QStringLiteral("ti"), QStringLiteral("atlassian"), QStringLiteral("e")}) {
        const ApiResponse r = search(q, QStringLiteral("account=acme"));
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.result().toObject();
        QVERIFY2(!result.value(QStringLiteral("items")).toArray().isEmpty(), qPrintable(q));
        for (const QJsonValue& v : result.value(QStringLiteral("items")).toArray()) {
            QCOMPARE(v[QStringLiteral("account_id")].toString(), m_acme);
            QVERIFY(v[QStringLiteral("type")].toString() != QStringLiteral("member"));
        }
        for (const QJsonValue& v : result.value(QStringLiteral("ancestors")).toArray())
            QCOMPARE(v[QStringLiteral("id")].toString(), m_acme);
        QVERIFY(!QJsonDocument(result).toJson().contains(m_globex.toUtf8()));
    }
    QCOMPARE(found(search(QStringLiteral("globex"), QStringLiteral("account=") + m_acme)), QStringList());
}

void TestSearch::indexFollowsWrites()
{
    // Rename: the old name is gone, the new one is found.
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/accounts/globex"),
                         QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                {QStringLiteral("path"), QStringLiteral("/fullname")},
                                                {QStringLiteral("value"), QStringLiteral("Initech")}}})
                 .status,
             200);
    QVERIFY(found(search(QStringLiteral("initech"))).contains(QStringLiteral("account:globex")));
    QCOMPARE(found(search(QStringLiteral("globex"), QStringLiteral("limit=50"))).filter(QStringLiteral("account:")).size(), 1);
    // Delete one Integration, then an Account (its Integrations and End Users go by cascade).
    QCOMPARE(m_ws->del(QStringLiteral("/v1/integrations/acme/acme-tickets")).status, 204);
    QCOMPARE(found(search(QStringLiteral("acme"))), QStringList{QStringLiteral("account:acme")});
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/globex")).status, 204);
    QCOMPARE(found(search(QStringLiteral("globex"))), QStringList());
    QCOMPARE(found(search(QStringLiteral("eve"))), QStringList());
    QCOMPARE(found(search(QStringLiteral("tickets"))), QStringList());
}

void TestSearch::queuedChangesApplyAtTheNextSearch()
{
    // Several changes to the same objects between two searches: created then renamed, created
    // then deleted, renamed twice; the index ends up holding exactly the current texts.
    QVERIFY(!search(QStringLiteral("acme")).isError());
    m_ws->createAccount(QStringLiteral("Zeta"), QStringLiteral("test"));
    QCOMPARE(m_ws->patch(QStringLiteral("/v1/accounts/zeta"),
                         QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                {QStringLiteral("path"), QStringLiteral("/fullname")},
                                                {QStringLiteral("value"), QStringLiteral("Omega")}}})
                 .status,
             200);
    m_ws->createAccount(QStringLiteral("Kappa"), QStringLiteral("test"));
    QCOMPARE(m_ws->del(QStringLiteral("/v1/accounts/kappa")).status, 204);
    for (const QString& name : {QStringLiteral("First"), QStringLiteral("Second")})
        QCOMPARE(m_ws->patch(QStringLiteral("/v1/accounts/acme"),
                             QJsonArray{QJsonObject{{QStringLiteral("op"), QStringLiteral("replace")},
                                                    {QStringLiteral("path"), QStringLiteral("/fullname")},
                                                    {QStringLiteral("value"), name}}})
                     .status,
                 200);
    QCOMPARE(found(search(QStringLiteral("omega"))), QStringList{QStringLiteral("account:zeta")});
    QCOMPARE(found(search(QStringLiteral("kappa"))), QStringList());
    QCOMPARE(found(search(QStringLiteral("first"))), QStringList());
    QCOMPARE(found(search(QStringLiteral("second"))), QStringList{QStringLiteral("account:acme")});
    QCOMPARE(found(search(QStringLiteral("corporation"))), QStringList());
    // FTS5's own check of the index against search_index.
    const QString path = m_ws->path();
    m_ws->close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("search-check"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM search_fts_pending")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("search-check"));
    QVERIFY(m_ws->reopen());
}

void TestSearch::plainSqlAndExistingWorkspaces()
{
    const QString path = m_ws->path();
    m_ws->close();
    {
        // A writer that knows nothing of the index (plain SQL): the triggers index its row.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("search-test"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts (id, name, fullname, environment, labels, created_at, updated_at) "
                                      "VALUES ('plain-1', 'plainco', 'Plain Company', 'prod', '[\"platinum\"]', 'x', 'x')")));
        // An existing workspace from before v5: no index at all.
        QStringList drop;
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")));
        while (q.next())
            drop.append(QStringLiteral("DROP TRIGGER ") + q.value(0).toString());
        QVERIFY(drop.size() >= 3 * 6);
        drop << QStringLiteral("DROP TABLE search_fts") << QStringLiteral("DROP TABLE search_fts_pending")
             << QStringLiteral("DROP TABLE search_index")
             << QStringLiteral("DELETE FROM schema_version WHERE version = 5");
        for (const QString& stmt : drop)
            QVERIFY2(q.exec(stmt), qPrintable(stmt));
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("search-test"));
    // Opening applies v5 and indexes what is already there.
    QVERIFY(m_ws->reopen());
    QCOMPARE(found(search(QStringLiteral("platinum"))), QStringList{QStringLiteral("account:plainco")});
    QCOMPARE(found(search(QStringLiteral("tickets"))).size(), 4);
    QCOMPARE(found(search(QStringLiteral("eve@globex"))).size(), 2);
    QCOMPARE(found(search(QStringLiteral("victor"))), QStringList{QStringLiteral("member:victor-viewer")});
    // And keeps indexing afterwards.
    m_ws->createAccount(QStringLiteral("Umbrella"), QStringLiteral("prod"));
    QCOMPARE(found(search(QStringLiteral("umbrella"))), QStringList{QStringLiteral("account:umbrella")});
}

QTEST_MAIN(TestSearch)
#include "TestSearch.moc"
