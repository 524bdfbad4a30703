// The in-memory token cache (issue "Benchmarks at scale") never changes an answer: revocation,
// rotation, deletion, member and role changes and writes by another connection take effect on
// the very next call, expiry is checked on every call, and last-use times still reach the file.
#include "core/Clock.h"
#include "storage/Workspace.h"
#include "support/TestWorkspace.h"

#include <QJsonArray>
#include <QTest>

using namespace pb;
using namespace pb::test;

class TestTokenCache final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void revocationTakesEffectOnTheNextCall();
    void rotationRetiresTheOldPair();
    void roleChangeAndDisablingTakeEffect();
    void deletedMemberIsRefused();
    void expiryIsCheckedOnEveryCall();
    void writeByAnotherConnectionIsNoticed();
    void lastUseIsCoalescedButNeverLost();

private:
    QString storedLastUsed(const QString& tokenId);
    QString idOf(const QString& secret) const { return secret.mid(4, 36); }
    std::unique_ptr<TestWorkspace> m_ws;
};

void TestTokenCache::init()
{
    setClockOffsetForTesting(0);
    m_ws = std::make_unique<TestWorkspace>();
    QVERIFY2(m_ws->ok(), qPrintable(m_ws->error()));
}

void TestTokenCache::cleanup()
{
    setClockOffsetForTesting(0);
    m_ws.reset();
}

QString TestTokenCache::storedLastUsed(const QString& tokenId)
{
    // A second connection reads the file itself, as another process would.
    auto ws = Workspace::open(m_ws->path());
    if (!ws)
        return QStringLiteral("<cannot open: %1>").arg(ws.problem().message);
    auto v = (*ws)->scalar(QStringLiteral("SELECT last_used_at FROM tokens WHERE id = ?"), {tokenId});
    return v ? v->toString() : QStringLiteral("<error>");
}

void TestTokenCache::revocationTakesEffectOnTheNextCall()
{
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("name"), QStringLiteral("short")}});
    QCOMPARE(issued.status, 201);
    const QJsonObject pair = issued.result().toObject();
    const QString secret = pair.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    const QString refreshId = pair.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
    // Used twice: the second answer comes from the cache.
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), secret).status, 200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), secret).status, 200);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/tokens/") + refreshId).status, 204);
    const ApiResponse after = m_ws->get(QStringLiteral("/v1/organization"), secret);
    QCOMPARE(after.status, 401);
    QCOMPARE(after.problem().type, QStringLiteral("token_revoked"));
    // Other tokens are unaffected.
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization")).status, 200);
}

void TestTokenCache::rotationRetiresTheOldPair()
{
    const ApiResponse issued = m_ws->post(QStringLiteral("/v1/tokens"), QJsonObject{{QStringLiteral("name"), QStringLiteral("rot")}});
    QCOMPARE(issued.status, 201);
    const QJsonObject pair = issued.result().toObject();
    const QString secret = pair.value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    const QString refreshId = pair.value(QStringLiteral("refresh")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), secret).status, 200);
    const ApiResponse rotated = m_ws->put(QStringLiteral("/v1/tokens/%1/%2/rotate").arg(m_ws->adminMemberId(), refreshId), QJsonObject());
    QVERIFY2(rotated.status == 200 || rotated.status == 201, describe(rotated).constData());
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), secret).status, 401);
    const QString fresh = rotated.result().toObject().value(QStringLiteral("access")).toObject().value(QStringLiteral("secret")).toString();
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), fresh).status, 200);
}

void TestTokenCache::roleChangeAndDisablingTakeEffect()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Mia"), QStringLiteral("member"));
    const QJsonObject account{{QStringLiteral("fullname"), QStringLiteral("One")}, {QStringLiteral("environment"), QStringLiteral("test")}};
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), account, token).status, 201);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), token).status, 200);
    // Down to viewer: the cached "member" role must not survive the change.
    QCOMPARE(m_ws->put(QStringLiteral("/v1/members/mia"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Mia")},
                                                                         {QStringLiteral("role_binding"), QJsonArray{QStringLiteral("viewer")}}})
                 .status,
             200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/accounts"), token).status, 200);
    const QJsonObject second{{QStringLiteral("fullname"), QStringLiteral("Two")}, {QStringLiteral("environment"), QStringLiteral("test")}};
    QCOMPARE(m_ws->post(QStringLiteral("/v1/accounts"), second, token).status, 403);
    // Disabled: refused outright.
    QCOMPARE(m_ws->put(QStringLiteral("/v1/members/mia"), QJsonObject{{QStringLiteral("fullname"), QStringLiteral("Mia")},
                                                                         {QStringLiteral("state"), QStringLiteral("disabled")},
                                                                         {QStringLiteral("role_binding"), QJsonArray{QStringLiteral("viewer")}}})
                 .status,
             200);
    const ApiResponse refused = m_ws->get(QStringLiteral("/v1/accounts"), token);
    QCOMPARE(refused.status, 401);
}

void TestTokenCache::deletedMemberIsRefused()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Del"), QStringLiteral("viewer"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    QCOMPARE(m_ws->del(QStringLiteral("/v1/members/del")).status, 204);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 401);
}

void TestTokenCache::expiryIsCheckedOnEveryCall()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Exp"), QStringLiteral("viewer"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    // Personal access tokens live at most a day; nothing is written, only the clock moves.
    setClockOffsetForTesting(25 * 3600);
    const ApiResponse expired = m_ws->get(QStringLiteral("/v1/organization"), token);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.problem().type, QStringLiteral("token_expired"));
    setClockOffsetForTesting(0);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
}

void TestTokenCache::writeByAnotherConnectionIsNoticed()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Ext"), QStringLiteral("viewer"));
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    {
        // Another process revokes it behind this platform's back.
        auto other = Workspace::open(m_ws->path());
        QVERIFY(other.ok());
        auto r = (*other)->exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ?"), {toRfc3339(nowUtc()), idOf(token)});
        QVERIFY(r.ok());
    }
    const ApiResponse after = m_ws->get(QStringLiteral("/v1/organization"), token);
    QCOMPARE(after.status, 401);
    QCOMPARE(after.problem().type, QStringLiteral("token_revoked"));
}

void TestTokenCache::lastUseIsCoalescedButNeverLost()
{
    const QString token = m_ws->createMemberToken(QStringLiteral("Use"), QStringLiteral("viewer"));
    const QString id = idOf(token);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    const QString first = storedLastUsed(id);
    QVERIFY2(!first.isEmpty(), "the first use is written at once");
    // Ten seconds later: kept in memory, the file still shows the first use...
    setClockOffsetForTesting(10);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    QCOMPARE(storedLastUsed(id), first);
    // ...but reading it through the API shows the latest use.
    const ApiResponse info = m_ws->get(QStringLiteral("/v1/tokens/%1/info").arg(id));
    QCOMPARE(info.status, 200);
    const QString second = info.result().toObject().value(QStringLiteral("last_used_at")).toString();
    QVERIFY2(parseRfc3339(second) > parseRfc3339(first), qPrintable(second + QStringLiteral(" vs ") + first));
    // A use kept in memory is written when the workspace closes.
    setClockOffsetForTesting(20);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    const QString third = toRfc3339(nowUtc());
    m_ws->close();
    const QString stored = storedLastUsed(id);
    QVERIFY2(parseRfc3339(stored) > parseRfc3339(second), qPrintable(stored));
    QVERIFY(parseRfc3339(stored) <= parseRfc3339(third));
    // More than a minute after the last write: written at once again.
    QVERIFY(m_ws->reopen());
    setClockOffsetForTesting(200);
    QCOMPARE(m_ws->get(QStringLiteral("/v1/organization"), token).status, 200);
    QVERIFY(parseRfc3339(storedLastUsed(id)) > parseRfc3339(stored));
}

QTEST_GUILESS_MAIN(TestTokenCache)
#include "TestTokenCache.moc"
