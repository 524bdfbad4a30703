#pragma once

#include "core/Result.h"
#include "platform/session/TokenPair.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace pb {

class CredentialVault;
class Platform;
struct VaultKey;

// The signed-in member's session for one workspace. The token pair lives only in the keychain
// (key {workspaceId, "", "session", memberId}) and in memory; it is refreshed through the
// Management API (PUT /v1/tokens/{id}/refresh) a while before the access half expires, so the
// console never has to ask for a token again while the refresh token is valid.
class SessionStore final : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Status)>;

    SessionStore(Platform* platform, CredentialVault* vault, QObject* parent = nullptr);
    ~SessionStore() override;

    static VaultKey keyFor(const QString& workspaceId, const QString& memberId);

    // Takes a fresh pair (first run, sign-in) and keeps it in the keychain.
    void adopt(const TokenPair& pair, Done done);
    // Signs in from the keychain entry of a member who signed in before; refreshes at once if
    // the stored access token has expired.
    void restore(const QString& memberId, Done done);
    // Signs in with a pasted secret: an Organization Access Token (pbo_…, valid until it
    // expires) or a refresh token (pbr_…, from which access tokens are drawn).
    void signInWithSecret(const QString& secret, Done done);
    // Signs out: removes the keychain entry.
    void forget(Done done);
    void refreshNow(Done done);

    bool isSignedIn() const { return m_pair.isValid(); }
    QString accessToken() const { return m_pair.accessSecret; }
    QDateTime accessExpires() const { return m_pair.accessExpires; }
    QString memberId() const { return m_pair.memberId; }
    bool canRefresh() const { return m_pair.canRefresh(); }

    // How long before expiry the background refresh runs (tests shorten it).
    void setRefreshMargin(qint64 seconds) { m_marginSeconds = seconds; }

signals:
    void accessTokenChanged(const QString& secret);
    // The session can no longer be refreshed: the console asks the member to sign in again.
    void expired(const pb::Problem& why);

private:
    void scheduleRefresh();
    void store(Done done);
    void onTimer();

    QPointer<Platform> m_platform;
    QPointer<CredentialVault> m_vault;
    TokenPair m_pair;
    QTimer m_timer;
    qint64 m_marginSeconds = 60;
    bool m_refreshing = false;
};

} // namespace pb
