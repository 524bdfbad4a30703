#pragma once

#include "core/Api.h"
#include "core/Result.h"
#include "platform/Roles.h"
#include "platform/TokenService.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace pb {

struct Core;

// One authenticated request on its way through a handler. Handlers fill in the audit fields
// (resource, account) as they learn them.
struct Call {
    ApiRequest request;
    QHash<QString, QString> params; // path parameters by name
    Caller caller;
    Core* core = nullptr;

    QString action;        // audit action, e.g. "accounts.create"
    QString resourceType;
    QString resourceId;
    QString accountId;
    QString integrationId;
    QString auditDetail;   // never a secret
    bool auditRead = false; // audit this GET too (e.g. a credential reveal)

    QString param(const QString& name) const { return params.value(name); }
};
using CallPtr = std::shared_ptr<Call>;
using SyncHandler = std::function<Result<ApiResponse>(Call&)>;
using AsyncHandler = std::function<void(const CallPtr&, ApiCallback)>;

struct Route {
    QByteArray method;
    QString pattern;
    QStringList segments;
    Access access = Access::Read;
    QString action;
    AsyncHandler handler;
};

// Method + path-segment router. Literal segments win over {parameters}, so
// /v1/tokens/{id}/info and /v1/tokens/{accountId}/{integrationId} coexist.
class Router final {
public:
    void add(const QByteArray& method, const QString& pattern, Access access, const QString& action,
             SyncHandler handler);
    void addAsync(const QByteArray& method, const QString& pattern, Access access, const QString& action,
                  AsyncHandler handler);

    struct Match {
        const Route* route = nullptr;
        QHash<QString, QString> params;
        bool otherMethod = false; // the path exists with another method (405)
    };
    Match match(const QByteArray& method, const QString& path) const;
    // The same for a path already split with split() (dispatch splits once per call).
    Match match(const QByteArray& method, const QStringList& segments) const;
    const QList<Route>& routes() const { return m_routes; }

    static QStringList split(const QString& path);

private:
    QList<Route> m_routes;
};

} // namespace pb
