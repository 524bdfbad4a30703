// The session store keeps the member's token pair in the real keychain and refreshes it through
// the API; a pasted token signs in; a bad one is refused with a reason.
#include "GuiFixture.h"

#include "platform/session/SessionStore.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace pb::test {

class TestSessionStore final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_fixture = std::make_unique<GuiFixture>(); QVERIFY(m_fixture->ok()); }
    void cleanupTestCase() { m_fixture.reset(); }
    void keptInKeychainAndRestored();
    void refreshDrawsNewAccessToken();
    void pastedTokens();
    void expiredSessionParksCallsUntilSignedInAgain();

private:
    static Status run(const std::function<void(SessionStore::Done)>& step);
    TokenPair issuePair();
    std::unique_ptr<GuiFixture> m_fixture;
    KeychainVault m_vault;
};

Status TestSessionStore::run(const std::function<void(SessionStore::Done)>& step)
{
    std::optional<Status> result;
    step([&](Status s) { result = std::move(s); });
    waitUntil([&] { return result.has_value(); }, 15000);
    return result ? *result : Status(Problem::gatewayTimeout(u"no answer"_s));
}

TokenPair TestSessionStore::issuePair()
{
    const ApiResponse r = m_fixture->ws().post(u"/v1/tokens"_s, QJsonObject{{u"name"_s, u"session-test"_s}});
    return TokenPair::fromJson(r.result().toObject());
}

void TestSessionStore::keptInKeychainAndRestored()
{
    const TokenPair pair = issuePair();
    QVERIFY(pair.canRefresh());
    QCOMPARE(pair.memberId, m_fixture->ws().adminMemberId());
    SessionStore first(&m_fixture->platform(), &m_vault);
    QSignalSpy changed(&first, &SessionStore::accessTokenChanged);
    QVERIFY(run([&](auto done) { first.adopt(pair, done); }));
    QCOMPARE(changed.size(), 1);

    // A new store (the next start of the console) signs in from the keychain alone.
    SessionStore second(&m_fixture->platform(), &m_vault);
    QVERIFY(run([&](auto done) { second.restore(pair.memberId, done); }));
    QCOMPARE(second.accessToken(), pair.accessSecret);
    QCOMPARE(second.memberId(), pair.memberId);
    QVERIFY(second.canRefresh());
    // Signing out removes the entry: nothing to restore any more.
    QVERIFY(run([&](auto done) { second.forget(done); }));
    SessionStore third(&m_fixture->platform(), &m_vault);
    const Status gone = run([&](auto done) { third.restore(pair.memberId, done); });
    QVERIFY(!gone);
    QCOMPARE(gone.problem().type, u"vault_entry_not_found"_s);
}

void TestSessionStore::refreshDrawsNewAccessToken()
{
    const TokenPair pair = issuePair();
    SessionStore store(&m_fixture->platform(), &m_vault);
    QVERIFY(run([&](auto done) { store.adopt(pair, done); }));
    QVERIFY(run([&](auto done) { store.refreshNow(done); }));
    QVERIFY(store.accessToken() != pair.accessSecret);
    QVERIFY(store.accessToken().startsWith(u"pbo_"_s));
    QCOMPARE(m_fixture->ws().get(u"/v1/organization"_s, store.accessToken()).status, 200);
    // The refreshed pair is what the keychain holds now.
    SessionStore again(&m_fixture->platform(), &m_vault);
    QVERIFY(run([&](auto done) { again.restore(pair.memberId, done); }));
    QCOMPARE(again.accessToken(), store.accessToken());
    QVERIFY(run([&](auto done) { again.forget(done); }));
}

void TestSessionStore::pastedTokens()
{
    const TokenPair pair = issuePair();
    SessionStore store(&m_fixture->platform(), &m_vault);
    // An access token: signed in until it expires, without refresh.
    QVERIFY(run([&](auto done) { store.signInWithSecret(pair.accessSecret, done); }));
    QCOMPARE(store.memberId(), m_fixture->ws().adminMemberId());
    QVERIFY(!store.canRefresh());
    // A refresh token: an access token is drawn from it.
    QVERIFY(run([&](auto done) { store.signInWithSecret(pair.refreshSecret, done); }));
    QVERIFY(store.accessToken().startsWith(u"pbo_"_s));
    QVERIFY(store.canRefresh());
    // Garbage and unknown tokens are refused with a reason.
    const Status garbage = run([&](auto done) { store.signInWithSecret(u"hello"_s, done); });
    QVERIFY(!garbage);
    QVERIFY(garbage.problem().detail.contains(u"pbo_"_s));
    const Status unknown = run([&](auto done) { store.signInWithSecret(u"pbo_00000000-0000-0000-0000-000000000000_x"_s, done); });
    QVERIFY(!unknown);
    QCOMPARE(unknown.problem().status, 401);
    QVERIFY(run([&](auto done) { store.forget(done); }));
}

void TestSessionStore::expiredSessionParksCallsUntilSignedInAgain()
{
    // An editor saving while the session has expired: the call waits, nothing is lost, and it
    // goes through once a valid token is back.
    ApiClient api(&m_fixture->platform());
    api.setAccessToken(u"pbo_00000000-0000-0000-0000-000000000000_expired"_s);
    QSignalSpy expired(&api, &ApiClient::sessionExpired);
    std::optional<int> status;
    QObject context;
    api.call(ApiRequest::post(u"/v1/accounts"_s, QJsonObject{{u"fullname"_s, u"Parked Inc"_s}}), &context,
             [&](const ApiResponse& r) { status = r.status; });
    QVERIFY(waitUntil([&] { return expired.size() == 1; }));
    QVERIFY(!status.has_value());
    api.setAccessToken(m_fixture->ws().adminToken());
    QVERIFY(waitUntil([&] { return status.has_value(); }));
    QCOMPARE(*status, 201);
    QCOMPARE(m_fixture->ws().get(u"/v1/accounts/parked-inc"_s).status, 200);
}

} // namespace pb::test

QTEST_MAIN(pb::test::TestSessionStore)
#include "TestSessionStore.moc"
