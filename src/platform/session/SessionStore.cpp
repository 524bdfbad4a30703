#include "platform/session/SessionStore.h"

#include "core/Clock.h"
#include "platform/Platform.h"
#include "vault/CredentialVault.h"

#include <QJsonDocument>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace pb {

SessionStore::SessionStore(Platform* platform, CredentialVault* vault, QObject* parent)
    : QObject(parent)
    , m_platform(platform)
    , m_vault(vault)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SessionStore::onTimer);
}

SessionStore::~SessionStore() = default;

VaultKey SessionStore::keyFor(const QString& workspaceId, const QString& memberId)
{
    return VaultKey{workspaceId, QString(), u"session"_s, memberId};
}

void SessionStore::adopt(const TokenPair& pair, Done done)
{
    if (!pair.isValid() || pair.memberId.isEmpty()) {
        done(Problem::badRequest(tr("This is not a sign-in token."),
                                 tr("The token names no member of this Organization."))
                 .withRemediation(tr("Paste an Organization Access Token issued to a member.")));
        return;
    }
    m_pair = pair;
    emit accessTokenChanged(m_pair.accessSecret);
    scheduleRefresh();
    store(std::move(done));
}

void SessionStore::store(Done done)
{
    if (!m_vault || !m_platform) {
        done(Problem::internal(tr("No keychain is available to keep the session.")));
        return;
    }
    const QByteArray blob = QJsonDocument(m_pair.toJson()).toJson(QJsonDocument::Compact);
    m_vault->write(keyFor(m_platform->workspaceId(), m_pair.memberId), blob, std::move(done));
}

void SessionStore::restore(const QString& memberId, Done done)
{
    if (!m_vault || !m_platform || memberId.isEmpty()) {
        done(Problem::notFound(tr("No stored session.")));
        return;
    }
    QPointer<SessionStore> self(this);
    m_vault->read(keyFor(m_platform->workspaceId(), memberId), [self, done](Result<QByteArray> read) {
        if (!self)
            return;
        if (!read) {
            done(read.problem());
            return;
        }
        const TokenPair pair = TokenPair::fromJson(QJsonDocument::fromJson(read.value()).object());
        if (!pair.isValid()) {
            done(Problem::notFound(tr("The stored session is unreadable.")));
            return;
        }
        self->m_pair = pair;
        if (pair.accessExpires.isValid() && pair.accessExpires <= nowUtc().addSecs(self->m_marginSeconds)) {
            self->refreshNow(done);
            return;
        }
        emit self->accessTokenChanged(pair.accessSecret);
        self->scheduleRefresh();
        done(Status());
    });
}

void SessionStore::signInWithSecret(const QString& secret, Done done)
{
    // Secrets read <prefix>_<id>_<random>; the id names the token for the info and refresh routes.
    const QStringList parts = secret.trimmed().split(u'_');
    if (parts.size() < 3 || (parts.at(0) != u"pbo"_s && parts.at(0) != u"pbr"_s) || !m_platform) {
        done(Problem::badRequest(tr("This is not an Organization Access Token or refresh token."),
                                 tr("Patchbay tokens begin with pbo_ (access) or pbr_ (refresh)."))
                 .withParameter(u"token"_s)
                 .withRemediation(tr("Ask an administrator for a token, or issue one on the Tokens page.")));
        return;
    }
    const QString id = parts.at(1);
    if (parts.at(0) == u"pbr"_s) {
        m_pair = TokenPair();
        m_pair.refreshSecret = secret.trimmed();
        m_pair.refreshTokenId = id;
        refreshNow(std::move(done));
        return;
    }
    QPointer<SessionStore> self(this);
    const QString access = secret.trimmed();
    m_platform->dispatch(ApiRequest::get(u"/v1/tokens/"_s + id + u"/info"_s, access),
                         [self, done, access](ApiResponse response) {
                             if (!self)
                                 return;
                             if (response.isError()) {
                                 done(response.problem());
                                 return;
                             }
                             const QJsonObject info = response.result().toObject();
                             TokenPair pair;
                             pair.accessSecret = access;
                             pair.accessExpires = parseRfc3339(info.value(u"expires"_s).toString());
                             pair.memberId = info.value(u"permissions"_s).toObject().value(u"member_id"_s).toString();
                             pair.organizationId = info.value(u"permissions"_s).toObject().value(u"organization_id"_s).toString();
                             self->adopt(pair, done);
                         });
}

void SessionStore::forget(Done done)
{
    m_timer.stop();
    const QString member = m_pair.memberId;
    m_pair = TokenPair();
    emit accessTokenChanged(QString());
    if (!m_vault || !m_platform || member.isEmpty()) {
        done(Status());
        return;
    }
    m_vault->remove(keyFor(m_platform->workspaceId(), member), std::move(done));
}

void SessionStore::scheduleRefresh()
{
    m_timer.stop();
    if (!m_pair.canRefresh() || !m_pair.accessExpires.isValid())
        return;
    const qint64 msecs = nowUtc().msecsTo(m_pair.accessExpires) - m_marginSeconds * 1000;
    m_timer.start(int(qBound<qint64>(1000, msecs, 24LL * 3600 * 1000)));
}

void SessionStore::onTimer()
{
    refreshNow([this](Status status) {
        if (!status)
            emit expired(status.problem());
    });
}

void SessionStore::refreshNow(Done done)
{
    if (!m_pair.canRefresh() || !m_platform) {
        done(Problem::unauthorized(tr("Your session has expired."), tr("This token cannot be refreshed."))
                 .withRemediation(tr("Sign in again with a token.")));
        return;
    }
    if (m_refreshing) {
        done(Status());
        return;
    }
    m_refreshing = true;
    QPointer<SessionStore> self(this);
    const QString memberId = m_pair.memberId;
    const ApiRequest request = ApiRequest::put(u"/v1/tokens/"_s + m_pair.refreshTokenId + u"/refresh"_s,
                                               QJsonObject(), m_pair.refreshSecret);
    m_platform->dispatch(request, [self, done, memberId](ApiResponse response) {
        if (!self)
            return;
        self->m_refreshing = false;
        if (response.isError()) {
            done(response.problem());
            return;
        }
        QJsonObject body = response.result().toObject();
        if (body.contains(u"token"_s))
            body = body.value(u"token"_s).toObject();
        TokenPair pair = TokenPair::fromJson(body);
        if (pair.memberId.isEmpty())
            pair.memberId = memberId;
        if (pair.refreshTokenId.isEmpty())
            pair.refreshTokenId = self->m_pair.refreshTokenId;
        if (pair.refreshSecret.isEmpty()) {
            pair.refreshSecret = self->m_pair.refreshSecret;
            pair.refreshExpires = self->m_pair.refreshExpires;
        }
        if (!pair.isValid()) {
            done(Problem::badGateway(tr("The platform answered the refresh without a token.")));
            return;
        }
        self->m_pair = pair;
        emit self->accessTokenChanged(pair.accessSecret);
        self->scheduleRefresh();
        self->store(done);
    });
}

} // namespace pb
