#include "core/Clock.h"
#include "support/TestWorkspace.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestTokens final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void initializeIssuesAReadablePair();
    void noTokenIsRefused();
    void malformedTokenIsRefused();
    void tamperedTokenIsRefused();
    void expiredTokenIsRefused();
    void revokedTokenIsRefused();
    void refreshTokenIsNotAnAccessToken();
    void refreshIssuesANewAccessToken();
    void rotateReplacesThePair();
    void resetRevokesEveryTokenOfTheOwner();
    void adHocTokenCanNarrowButNotWiden();
    void personalTokensLastAtMostADay();
    void secretsAreStoredOnlyAsHashes();
    void lastUsedIsRecorded();

private:
    std::unique_ptr<TestWorkspace> m_ws;
};

void TestTokens::init()
{
    setClockOffsetForTesting(0);
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
}

void TestTokens::cleanup()
{
    setClockOffsetForTesting(0);
    m_ws.reset();
}

void TestTokens::initializeIssuesAReadablePair()
{
    static const QRegularExpression shape(QStringLiteral("^pbo_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$"));
    QVERIFY(shape.match(m_ws->adminToken()).hasMatch());
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/organization"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.result().toObject().value(QStringLiteral("fullname")).toString(), QStringLiteral("Test Org"));
}

void TestTokens::noTokenIsRefused()
{
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), QStringLiteral(""));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("missing_token"));
    QCOMPARE(r.problem().parameter, QStringLiteral("Authorization"));
}

void TestTokens::malformedTokenIsRefused()
{
    const QStringList bad{QStringLiteral("garbage"), QStringLiteral("pbo_123_abc"), m_ws->adminToken().chopped(1),
                          m_ws->adminToken() + QStringLiteral("x"), QStringLiteral("Bearer ") + m_ws->adminToken()};
    for (const QString& t : bad) {
        const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), t);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.problem().type, QStringLiteral("malformed_token"));
    }
}

void TestTokens::tamperedTokenIsRefused()
{
    QString t = m_ws->adminToken();
    t[t.size() - 5] = t.at(t.size() - 5) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), t);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("invalid_token"));
    // A changed prefix on a valid secret is tampering too.
    QString p = m_ws->adminToken();
    p.replace(0, 3, QStringLiteral("pbi"));
    r = m_ws->get(QStringLiteral("/v1/accounts"), p);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("invalid_token"));
}

void TestTokens::expiredTokenIsRefused()
{
    setClockOffsetForTesting(24 * 3600 + 1);
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("token_expired"));
    QVERIFY(r.problem().remediation.contains(QStringLiteral("refresh")));
}

void TestTokens::revokedTokenIsRefused()
{
    const QString viewer = m_ws->createMemberToken(QStringLiteral("Vic Viewer"), QStringLiteral("viewer"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), viewer).status, 200);
    const QString id = viewer.mid(4, 36);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/tokens/") + id).status, 204);
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), viewer);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("token_revoked"));
}

void TestTokens::refreshTokenIsNotAnAccessToken()
{
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{});
    QCOMPARE(issued.status, 201);
    const QString refresh = issued.result().toObject().value(QStringLiteral("refresh")).toObject().value(QStringLiteral("secret")).toString();
    QVERIFY(refresh.startsWith(QStringLiteral("pbr_")));
    const ApiResponse r = m_ws->get(QStringLiteral("/v1/accounts"), refresh);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.problem().type, QStringLiteral("wrong_token_kind"));
    QVERIFY(r.problem().message.contains(QStringLiteral("Refresh Token")));
}

void TestTokens::refreshIssuesANewAccessToken()
{
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("token_ttl"), 600}});
    QCOMPARE(issued.status, 201);
    const QJsonObject refresh = issued.result().toObject().value(QStringLiteral("refresh")).toObject();
    const QString id = refresh.value(QStringLiteral("id")).toString();
    setClockOffsetForTesting(700); // the access token has expired, the refresh token has not
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"),
                       issued.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString())
                 .status,
             401);
    const ApiResponse r = m_ws->put(QStringLiteral("/v1/tokens/%1/refresh").arg(id), QJsonObject{},
                                    refresh.value(QStringLiteral("secret")).toString());
    QCOMPARE(r.status, 200);
    const QString access = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), access).status, 200);
    QVERIFY(!r.result().toObject().value(QStringLiteral("refresh")).toObject().contains(QStringLiteral("secret")));
    // Another pair's refresh token cannot refresh this one.
    const ApiResponse other = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{}, access);
    const QString otherRefresh = other.result().toObject().value(QStringLiteral("refresh")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->put(QStringLiteral("/v1/tokens/%1/refresh").arg(id), QJsonObject{}, otherRefresh).status, 403);
}

void TestTokens::rotateReplacesThePair()
{
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{});
    const QJsonObject pair = issued.result().toObject();
    const QString refreshId = pair.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
    const QString oldAccess = pair.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    const ApiResponse r = m_ws->put(QStringLiteral("/v1/tokens/%1/%2/rotate").arg(m_ws->adminMemberId(), refreshId), QJsonObject{});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), oldAccess).status, 401);
    const QString newAccess = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), newAccess).status, 200);
    // The owner in the path must be the token's.
    const ApiResponse wrongOwner = m_ws->put(QStringLiteral("/v1/tokens/someone/%1/rotate").arg(refreshId), QJsonObject{}, newAccess);
    QCOMPARE(wrongOwner.status, 404);
}

void TestTokens::resetRevokesEveryTokenOfTheOwner()
{
    const ApiResponse member = m_ws->post(QStringLiteral("/v1/members"),
                                          QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Mo Member")},
                                                      {QStringLiteral("role_binding"), QJsonArray{QStringLiteral("member")}}});
    QCOMPARE(member.status, 201);
    const QJsonObject pair = member.result().toObject().value(QStringLiteral("token")).toObject();
    const QString memberId = member.result().toObject().value(QStringLiteral("member")).toObject().value(QStringLiteral("id")).toString();
    const QString access = pair.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    const QString refreshId = pair.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
    const ApiResponse second = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{}, access);
    const QString secondAccess = second.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    const ApiResponse r = m_ws->put(QStringLiteral("/v1/tokens/%1/%2/reset").arg(memberId, refreshId), QJsonObject{});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), access).status, 401);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), secondAccess).status, 401);
    const QString fresh = r.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), fresh).status, 200);
}

void TestTokens::adHocTokenCanNarrowButNotWiden()
{
    const ApiResponse narrowed = m_ws->post(QStringLiteral("/v1/tokens"),
                                            QJsonObject{{QStringLiteral("permissions"), QJsonObject{{QStringLiteral("role"), QStringLiteral("viewer")}}}});
    QCOMPARE(narrowed.status, 201);
    const QString viewer = narrowed.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), viewer).status, 200);
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("X")}}, viewer).status, 403);

    const QString member = m_ws->createMemberToken(QStringLiteral("Mia"), QStringLiteral("member"));
    const ApiResponse widened = m_ws->post(QStringLiteral("/v1/tokens"),
                                           QJsonObject{{QStringLiteral("permissions"), QJsonObject{{QStringLiteral("role"), QStringLiteral("administrator")}}}},
                                           member);
    QCOMPARE(widened.status, 403);
    QCOMPARE(widened.problem().parameter, QStringLiteral("permissions.role"));
}

void TestTokens::personalTokensLastAtMostADay()
{
    const ApiResponse r = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("token_ttl"), 24 * 3600 + 1}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.problem().parameter, QStringLiteral("token_ttl"));
    const ApiResponse ok = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{});
    QCOMPARE(ok.status, 201);
    const QDateTime expires = parseRfc3339(ok.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("expires")).toString());
    QVERIFY(expires <= nowUtc().addSecs(24 * 3600 + 5));
}

void TestTokens::secretsAreStoredOnlyAsHashes()
{
    const ApiResponse list = m_ws->get(QStringLiteral("/v1/tokens"));
    QCOMPARE(list.status, 200);
    QVERIFY(!describe(list).contains(m_ws->adminToken().toUtf8()));
    QVERIFY(!describe(list).contains("secret"));
    m_ws->close();
    QFile db(m_ws->path());
    QVERIFY(db.open(QIODevice::ReadOnly));
    const QByteArray bytes = db.readAll();
    const QByteArray randomPart = m_ws->adminToken().mid(41).toUtf8();
    QVERIFY(!bytes.contains(randomPart));
    QFile wal(m_ws->path() + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly))
        QVERIFY(!wal.readAll().contains(randomPart));
}

void TestTokens::lastUsedIsRecorded()
{
    const QString id = m_ws->adminToken().mid(4, 36);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts")).status, 200);
    const ApiResponse info = m_ws->get(QStringLiteral("/v1/tokens/%1/info").arg(id));
    QCOMPARE(info.status, 200);
    QVERIFY(!info.result().toObject().value(QStringLiteral("last_used_at")).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestTokens)
#include "TestTokens.moc"
