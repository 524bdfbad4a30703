#include "gui/console/IntegrationTokenKeeper.h"

#include "core/Clock.h"
#include "platform/Platform.h"

#include <QJsonObject>

namespace pb {

IntegrationTokenKeeper::IntegrationTokenKeeper(Platform* platform, QObject* parent)
    : QObject(parent)
    , m_platform(platform) {}

IntegrationTokenKeeper::~IntegrationTokenKeeper() {
    revoke(m_token);
}

void IntegrationTokenKeeper::setOrganizationToken(const QString& token) {
    m_organizationToken = token;
}

void IntegrationTokenKeeper::setIntegration(const QString& accountId, const QString& integrationId) {
    ++m_generation;
    revoke(m_token);
    m_token = {};
    m_accountId = accountId;
    m_integrationId = integrationId;
    emit tokenChanged(QString(), QDateTime());
    if (!integrationId.isEmpty())
        obtain({});
}

void IntegrationTokenKeeper::withToken(TokenCallback done) {
    // A minute of slack: a call started just before expiry must not fail half way.
    if (m_token.isValid() && m_token.expires.isValid() && nowUtc().secsTo(m_token.expires) > 60) {
        done(m_token, Problem());
        return;
    }
    obtain(std::move(done));
}

void IntegrationTokenKeeper::obtain(TokenCallback done) {
    if (!m_platform || m_integrationId.isEmpty()) {
        const Problem p = Problem::badRequest(tr("No Integration is selected."), QString());
        if (done)
            done({}, p);
        return;
    }
    const quint64 generation = m_generation;
    const Token previous = m_token;
    QPointer<IntegrationTokenKeeper> self(this);
    const QJsonObject body{{QStringLiteral("name"), QStringLiteral("connector-console")}};
    m_platform->dispatch(
        ApiRequest::post(QStringLiteral("/v1/tokens/%1/%2").arg(m_accountId, m_integrationId), body,
                         m_organizationToken),
        [self, generation, previous, done](ApiResponse response) {
            if (!self || generation != self->m_generation)
                return;
            if (response.isError()) {
                const Problem p = response.problem();
                emit self->failed(p);
                if (done)
                    done({}, p);
                return;
            }
            const QJsonObject t = response.result().toObject();
            Token token;
            token.id = t.value(QStringLiteral("id")).toString();
            token.secret = t.value(QStringLiteral("secret")).toString();
            token.expires = parseRfc3339(t.value(QStringLiteral("expires")).toString());
            token.accountId = self->m_accountId;
            token.integrationId = self->m_integrationId;
            self->m_token = token;
            self->revoke(previous); // the renewed token replaces it
            emit self->tokenChanged(token.id, token.expires);
            if (done)
                done(token, Problem());
        });
}

void IntegrationTokenKeeper::revoke(const Token& token) {
    if (!m_platform || token.id.isEmpty() || m_organizationToken.isEmpty())
        return;
    // Best effort: an expired token is already useless, and revoking needs no answer.
    m_platform->dispatch(ApiRequest::del(QStringLiteral("/v1/tokens/%1").arg(token.id), m_organizationToken),
                         [](ApiResponse) {});
}

} // namespace pb
