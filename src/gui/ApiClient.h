#pragma once

#include "core/Api.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

namespace pb {

class Platform;

// The console's one door to the platform: every widget calls the Management API through here,
// with the signed-in member's access token. A call whose session has expired is parked, and
// replayed once the member has signed in again, so nothing typed into an editor is lost.
class ApiClient final : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const ApiResponse&)>;

    explicit ApiClient(Platform* platform, QObject* parent = nullptr);

    Platform* platform() const;

    // Runs handler with the response unless context has been destroyed meanwhile.
    void call(ApiRequest request, QObject* context, Handler handler);

    void setAccessToken(const QString& secret);
    // The signed-in member's access token, for views that obtain tokens of their own through the
    // Management API (the connector console). Never stored or logged.
    QString accessToken() const { return m_token; }
    bool hasToken() const { return !m_token.isEmpty(); }

    // The signed-in member (GET /v1/members/{id}) and what their role allows.
    void setMember(const QJsonObject& member);
    QJsonObject member() const { return m_member; }
    QString memberId() const { return m_member.value(QLatin1String("id")).toString(); }
    QString role() const;
    bool isAdministrator() const;
    bool canWrite() const;

    QString workspacePath() const;

signals:
    void sessionExpired();
    void accessTokenChanged();
    void memberChanged();

private:
    struct Parked {
        ApiRequest request;
        QPointer<QObject> context;
        Handler handler;
    };
    void send(ApiRequest request, QPointer<QObject> context, Handler handler, bool mayPark);

    QPointer<Platform> m_platform;
    QString m_token;
    QJsonObject m_member;
    QList<Parked> m_parked;
};

// Reads {"result": {...}} answers that wrap the object one level deeper ({"account": {...}}).
QJsonObject unwrapResult(const ApiResponse& response, const QString& key);

} // namespace pb
