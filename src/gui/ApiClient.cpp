#include "gui/ApiClient.h"

#include "platform/Platform.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pb {

ApiClient::ApiClient(Platform* platform, QObject* parent)
    : QObject(parent)
    , m_platform(platform)
{
}

Platform* ApiClient::platform() const
{
    return m_platform.data();
}

void ApiClient::call(ApiRequest request, QObject* context, Handler handler)
{
    send(std::move(request), QPointer<QObject>(context), std::move(handler), true);
}

void ApiClient::send(ApiRequest request, QPointer<QObject> context, Handler handler, bool mayPark)
{
    if (!m_platform) {
        if (context)
            handler(ApiResponse::ofProblem(Problem::unavailable(tr("No workspace is open."))));
        return;
    }
    request.token = m_token;
    QPointer<ApiClient> self(this);
    const bool hadContext = !context.isNull();
    m_platform->dispatch(request, [self, request, context, hadContext, handler, mayPark](ApiResponse response) {
        if (hadContext && !context)
            return;
        // An expired or revoked session: keep the call until the member signs in again.
        if (self && mayPark && response.status == 401) {
            self->m_parked.append({request, context, handler});
            if (self->m_parked.size() == 1)
                emit self->sessionExpired();
            return;
        }
        handler(response);
    });
}

void ApiClient::setAccessToken(const QString& secret)
{
    m_token = secret;
    emit accessTokenChanged();
    if (m_token.isEmpty())
        return;
    const QList<Parked> parked = std::exchange(m_parked, {});
    for (const Parked& p : parked)
        if (p.context)
            send(p.request, p.context, p.handler, true);
}

void ApiClient::setMember(const QJsonObject& member)
{
    m_member = member;
    emit memberChanged();
}

QString ApiClient::role() const
{
    const QJsonArray roles = m_member.value(u"role_binding"_s).toArray();
    QStringList names;
    for (const QJsonValue& r : roles)
        names.append(r.toString());
    // The strongest binding wins for what the console offers; the API still decides.
    for (const QString& wanted : {u"administrator"_s, u"member"_s, u"viewer"_s})
        if (names.contains(wanted))
            return wanted;
    return names.value(0, u"viewer"_s);
}

bool ApiClient::isAdministrator() const
{
    return role() == u"administrator"_s;
}

bool ApiClient::canWrite() const
{
    const QString r = role();
    return r == u"administrator"_s || r == u"member"_s;
}

QString ApiClient::workspacePath() const
{
    return m_platform ? m_platform->workspacePath() : QString();
}

QJsonObject unwrapResult(const ApiResponse& response, const QString& key)
{
    const QJsonObject result = response.result().toObject();
    if (result.value(key).isObject())
        return result.value(key).toObject();
    return result;
}

} // namespace pb
