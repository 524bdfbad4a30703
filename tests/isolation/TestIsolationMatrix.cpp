#include "IsolationMatrix.h"
#include "IsolationWorld.h"

#include "server/HttpTestClient.h"
#include "support/KeychainProbe.h"
#include "server/LocalApiServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

#include <cstdio>
#include <map>

using namespace Qt::Literals::StringLiterals;
using namespace pb;
using namespace pb::test;

namespace {

struct Tally {
    int attempts = 0;
    int refused = 0;
    int succeeded = 0;
    std::map<int, int> statuses;
};

QString describeAttempt(const Attempt& a, int status, const QByteArray& body)
{
    return a.category + u" | "_s + a.route + u" | "_s + a.label + u" | "_s + QString::fromLatin1(a.request.method) + u' ' +
           a.request.path + u" -> "_s + QString::number(status) + u' ' + QString::fromUtf8(body.left(300));
}

} // namespace

// Tries every Management route and every Connector operation with the tokens and ids that must
// not reach them, counts the attempts, and requires that none succeeds (see docs/security/TESTS.md).
class TestIsolationMatrix final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyRouteIsClassified();
    void managementMatrix();
    void connectorMatrix();
    void listsNeverMixAccounts();
    void narrowedRolesReachOnlyTheirAccount();
    void httpSample();
    void workspaceIsUnchanged();
    void cleanupTestCase();

private:
    // Judges one answer; returns a failure description or an empty string.
    QString judge(const Attempt& attempt, int status, const QJsonObject& body, const QString& via);
    void runAll(const QList<Attempt>& attempts);

    std::unique_ptr<IsolationWorld> m_world;
    std::unique_ptr<IsolationMatrix> m_matrix;
    QByteArray m_before;
    std::map<QString, Tally> m_tally;
    QList<Attempt> m_ran;
    QStringList m_failures;
};

void TestIsolationMatrix::initTestCase()
{
    m_world = std::make_unique<IsolationWorld>();
    m_world->build();
    if (QTest::currentTestFailed())
        return;
    m_matrix = std::make_unique<IsolationMatrix>(*m_world);
    m_before = m_world->snapshot();
}

void TestIsolationMatrix::everyRouteIsClassified()
{
    const auto routes = m_world->ws().platform().routes();
    QVERIFY(routes.size() >= 60);
    const QStringList missing = m_matrix->unclassifiedRoutes(routes);
    QVERIFY2(missing.isEmpty(), qPrintable(u"Routes the isolation matrix has not classified (add them to kClassified in "
                                           u"tests/isolation/IsolationMatrix.cpp, with cross-account cases if they take "
                                           u"a parent and a child id): "_s + missing.join(u", "_s)));
    const QStringList unknown = m_matrix->unknownParameters(routes);
    QVERIFY2(unknown.isEmpty(), qPrintable(u"Path parameters the matrix cannot fill: "_s + unknown.join(u", "_s)));
}

QString TestIsolationMatrix::judge(const Attempt& attempt, int status, const QJsonObject& body, const QString& via)
{
    Tally& t = m_tally[attempt.category + via];
    ++t.attempts;
    ++t.statuses[status];
    const QByteArray text = QJsonDocument(body).toJson(QJsonDocument::Compact);
    bool reachedA = false;
    if (attempt.checkProviderTraffic) {
        const Tenant& victim = attempt.victim == m_world->b.key ? m_world->b : m_world->a;
        for (const auto& sent : m_world->sent())
            if (sent.host == victim.host || sent.everything.contains(victim.secret))
                reachedA = true;
        m_world->clearSent();
    }
    const bool success = (status >= 200 && status < 300 && !attempt.checkProviderTraffic) || reachedA;
    if (success) {
        ++t.succeeded;
        return u"SUCCEEDED: "_s + describeAttempt(attempt, status, text);
    }
    ++t.refused;
    if (!attempt.refusals.contains(status))
        return u"unexpected status: "_s + describeAttempt(attempt, status, text);
    if (status >= 400 && (body.value(u"type"_s).toString().isEmpty() || body.value(u"message"_s).toString().isEmpty()))
        return u"refusal without a problem body: "_s + describeAttempt(attempt, status, text);
    return {};
}

void TestIsolationMatrix::runAll(const QList<Attempt>& attempts)
{
    for (const Attempt& attempt : attempts) {
        m_world->clearSent();
        // Straight to the platform: TestWorkspace::call would fill in the administrator's token.
        const ApiResponse r = m_world->ws().platform().dispatchSync(attempt.request);
        const QString failure = judge(attempt, r.status, r.body.toObject(), {});
        if (!failure.isEmpty())
            m_failures.append(failure);
        m_ran.append(attempt);
    }
}

void TestIsolationMatrix::managementMatrix()
{
    const auto routes = m_world->ws().platform().routes();
    m_failures.clear();
    runAll(m_matrix->managementAttempts(routes));
    runAll(m_matrix->crossAccountAttempts());
    QVERIFY2(m_failures.isEmpty(), qPrintable(QString::number(m_failures.size()) + u" failures:\n"_s + m_failures.mid(0, 25).join(u'\n')));
}

void TestIsolationMatrix::connectorMatrix()
{
    m_failures.clear();
    const QList<Attempt> attempts = m_matrix->connectorAttempts();
    QVERIFY(attempts.size() >= 10 * 9); // ten operations in the catalog, nine tokens or more each
    runAll(attempts);
    QVERIFY2(m_failures.isEmpty(), qPrintable(QString::number(m_failures.size()) + u" failures:\n"_s + m_failures.mid(0, 25).join(u'\n')));
    // B's own calls reached B's provider with B's secret: the canned transport is in the path.
    m_world->clearSent();
    ApiRequest own = ApiRequest::get(u"/v1/ticketing/tickets/OPS-1"_s, m_world->b.token.value(u"ticketing"_s));
    (void)m_world->ws().call(own);
    QVERIFY(!m_world->sent().isEmpty());
    QCOMPARE(m_world->sent().first().host, m_world->b.host);
    const QByteArray basic = (u"ops@"_s + m_world->b.host).toUtf8() + ':' + m_world->b.secret;
    QVERIFY(m_world->sent().first().everything.contains(basic.toBase64()));
}

void TestIsolationMatrix::listsNeverMixAccounts()
{
    const Tenant& a = m_world->a;
    const Tenant& b = m_world->b;
    QStringList bIds{b.accountId, b.endUserId, b.credentialId, b.ownedCredentialId};
    for (const QString& id : b.integrationId)
        bIds.append(id);
    const QStringList lists{u"/v1/integrations/"_s + a.accountId, u"/v1/credentials/"_s + a.accountId,
                            u"/v1/credentials/"_s + a.integrationId.value(u"ticketing"_s),
                            u"/v1/accounts/"_s + a.accountId + u"/end-users"_s};
    for (const QString& path : lists) {
        for (const QString& token : {m_world->adminToken, m_world->viewerToken}) {
            const ApiResponse r = m_world->ws().get(path, token);
            QVERIFY2(r.status == 200, qPrintable(path + u" -> "_s + QString::fromUtf8(describe(r))));
            const QByteArray text = QJsonDocument(r.body.toObject()).toJson(QJsonDocument::Compact);
            for (const QString& id : bIds)
                QVERIFY2(!text.contains(id.toUtf8()), qPrintable(path + u" shows B's object "_s + id));
        }
    }
    // Call history: each Integration's rows echo what its own callers sent (which named the other
    // Account's ids on purpose), so the check there is that no secret of the other side is in it.
    for (const auto& [own, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
        for (const QString& connector : own->integrationId.keys()) {
            const QString path = u"/v1/status/"_s + own->accountId + u'/' + own->integrationId.value(connector) + u"/events"_s;
            const ApiResponse r = m_world->ws().get(path, m_world->adminToken);
            QVERIFY2(r.status == 200, qPrintable(path + u" -> "_s + QString::fromUtf8(describe(r))));
            const QByteArray text = QJsonDocument(r.body.toObject()).toJson(QJsonDocument::Compact);
            QVERIFY2(!text.contains(other->secret) && !text.contains(own->secret), qPrintable(path + u" holds a secret"_s));
        }
    }
}

void TestIsolationMatrix::narrowedRolesReachOnlyTheirAccount()
{
    // Members whose custom roles are narrowed to Account B (resources.accounts.ids): every route
    // naming one of A's objects answers as if it did not exist, or refuses.
    m_failures.clear();
    const QList<Attempt> attempts = m_matrix->narrowedRoleAttempts(m_world->ws().platform().routes());
    QVERIFY2(attempts.size() >= 2 * 30, qPrintable(QString::number(attempts.size())));
    runAll(attempts);
    QVERIFY2(m_failures.isEmpty(), qPrintable(QString::number(m_failures.size()) + u" failures:\n"_s + m_failures.mid(0, 25).join(u'\n')));
    // Their lists hold nothing of A, and B is fully theirs to read.
    const Tenant& a = m_world->a;
    const Tenant& b = m_world->b;
    QStringList aIds{a.accountId, a.endUserId, a.credentialId, a.ownedCredentialId};
    for (const QString& id : a.integrationId)
        aIds.append(id);
    for (const QString& token : {m_world->narrowedMemberToken, m_world->narrowedAdminToken}) {
        for (const QString& path : {u"/v1/accounts"_s, u"/v1/integrations"_s, u"/v1/credentials"_s, u"/v1/status"_s,
                                    u"/v1/tokens"_s, u"/v1/audit/organizations"_s}) {
            const ApiResponse r = m_world->ws().get(path, token);
            QVERIFY2(r.status == 200, qPrintable(path + u" -> "_s + QString::fromUtf8(describe(r))));
            const QByteArray text = QJsonDocument(r.body.toObject()).toJson(QJsonDocument::Compact);
            for (const QString& id : aIds)
                QVERIFY2(!text.contains(id.toUtf8()), qPrintable(path + u" shows A's object "_s + id));
        }
        const ApiResponse accounts = m_world->ws().get(u"/v1/accounts"_s, token);
        QCOMPARE(accounts.result().toArray().size(), 1);
        QCOMPARE(m_world->ws().get(u"/v1/accounts/"_s + b.accountId, token).status, 200);
        QCOMPARE(m_world->ws().get(u"/v1/integrations/"_s + b.accountId, token).result().toArray().size(), b.integrationId.size());
    }
}

void TestIsolationMatrix::httpSample()
{
    auto server = std::make_unique<LocalApiServer>([this](const ApiRequest& request, ApiCallback done) {
        m_world->ws().platform().dispatch(request, std::move(done));
    });
    LocalApiServer::Options options;
    options.rateLimitPerSecond = 0;
    server->setOptions(options);
    const Status started = server->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.problem().toText()));
    HttpTestClient client(server->url());
    m_failures.clear();
    // Every fifth attempt of the in-process run: every category, a spread of routes.
    int sampled = 0;
    for (qsizetype i = 0; i < m_ran.size(); i += 5) {
        const Attempt& attempt = m_ran.at(i);
        QUrlQuery query;
        for (const auto& [k, v] : attempt.request.query)
            query.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
        QString pathAndQuery = attempt.request.path;
        if (!query.isEmpty())
            pathAndQuery += u'?' + query.toString(QUrl::FullyEncoded);
        client.setToken(attempt.request.token);
        m_world->clearSent();
        const QByteArray body = attempt.request.body.isUndefined() ? QByteArray() : HttpTestClient::json(attempt.request.body);
        const pb::test::HttpReply reply = client.send(attempt.request.method, pathAndQuery, body,
                                            body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json"));
        QVERIFY2(reply.status != 0, qPrintable(reply.networkError));
        const QString failure = judge(attempt, reply.status, reply.object(), u" (HTTP)"_s);
        if (!failure.isEmpty())
            m_failures.append(failure);
        ++sampled;
    }
    QVERIFY(sampled >= 50);
    server->stop();
    QVERIFY2(m_failures.isEmpty(), qPrintable(QString::number(m_failures.size()) + u" failures:\n"_s + m_failures.mid(0, 25).join(u'\n')));
}

void TestIsolationMatrix::workspaceIsUnchanged()
{
    const QByteArray after = m_world->snapshot();
    if (after != m_before) {
        // Name the first differing part without printing secrets (the snapshot holds none).
        const QJsonObject x = QJsonDocument::fromJson(m_before).object();
        const QJsonObject y = QJsonDocument::fromJson(after).object();
        QStringList differing;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            if (y.value(it.key()) == it.value())
                continue;
            differing.append(it.key());
            const QJsonObject was = it.value().toObject(); // one level deeper, e.g. export/integrations
            const QJsonObject is = y.value(it.key()).toObject();
            for (auto inner = was.constBegin(); inner != was.constEnd(); ++inner)
                if (is.value(inner.key()) != inner.value())
                    differing.append(it.key() + u'/' + inner.key());
        }
        // Debugging aid: PATCHBAY_ISOLATION_DUMP=1 writes both snapshots (no secrets: hashes only).
        if (qEnvironmentVariableIsSet("PATCHBAY_ISOLATION_DUMP")) {
            QFile::remove(u"/tmp/isolation-before.json"_s);
            QFile before(u"/tmp/isolation-before.json"_s);
            if (before.open(QIODevice::WriteOnly))
                before.write(QJsonDocument(x).toJson());
            QFile afterFile(u"/tmp/isolation-after.json"_s);
            if (afterFile.open(QIODevice::WriteOnly))
                afterFile.write(QJsonDocument(y).toJson());
        }
        QFAIL(qPrintable(u"The refused attempts changed the workspace: "_s + differing.join(u", "_s)));
    }
    // The snapshot does see a change when a write is allowed (so "unchanged" above means something).
    const ApiResponse r = m_world->ws().patch(u"/v1/accounts/"_s + m_world->a.accountId + u"/end-users/"_s + m_world->a.endUserId,
                                              QJsonArray{QJsonObject{{u"op"_s, u"replace"_s}, {u"path"_s, u"/fullname"_s}, {u"value"_s, u"Renamed"_s}}},
                                              m_world->adminToken);
    QCOMPARE(r.status, 200);
    QVERIFY(m_world->snapshot() != m_before);
}

void TestIsolationMatrix::cleanupTestCase()
{
    int attempts = 0;
    int refused = 0;
    int succeeded = 0;
    std::printf("ISOLATION MATRIX (category: attempts / refused / succeeded; statuses)\n");
    for (const auto& [category, t] : m_tally) {
        QStringList statuses;
        for (const auto& [status, n] : t.statuses)
            statuses.append(QString::number(status) + u'x' + QString::number(n));
        std::printf("  %-44s %5d / %5d / %d   %s\n", qPrintable(category), t.attempts, t.refused, t.succeeded,
                    qPrintable(statuses.join(u' ')));
        attempts += t.attempts;
        refused += t.refused;
        succeeded += t.succeeded;
    }
    std::printf("ISOLATION TOTAL: %d attempts, %d refused, %d succeeded\n", attempts, refused, succeeded);
    std::fflush(stdout);
    m_matrix.reset();
    const QString prefix = m_world ? u"patchbay/"_s + m_world->ws().platform().workspaceId() + u'/' : QString();
    m_world.reset(); // deletes both Accounts: their keychain entries go with them
    if (!prefix.isEmpty())
        QVERIFY2(keychainKeys(prefix).isEmpty(), "the isolation workspace left keychain entries behind");
}

QTEST_GUILESS_MAIN(TestIsolationMatrix)
#include "TestIsolationMatrix.moc"
