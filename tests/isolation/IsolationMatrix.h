#pragma once

#include "IsolationWorld.h"
#include "platform/Platform.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace pb::test {

// One attempt to reach something the token must not reach.
struct Attempt {
    QString category;   // see IsolationMatrix::categories()
    QString route;      // "METHOD /pattern" (management) or the operation id (connector)
    QString label;      // what is tried, for failure messages
    ApiRequest request;
    QList<int> refusals; // the statuses that count as a proper refusal
    bool checkProviderTraffic = false; // connector call: must never reach the victim's provider
    QString victim = QStringLiteral("a"); // the Tenant (key) whose host and secret must stay untouched
};

// Builds the attempts of the isolation matrix from the router's registered routes and the
// catalog's connector operations, so a new route or operation is tried automatically; a new
// route must also be classified in kClassified (IsolationMatrix.cpp) or the test fails.
class IsolationMatrix final {
public:
    explicit IsolationMatrix(IsolationWorld& world);

    // Routes the router has that the matrix has not classified (must be empty).
    QStringList unclassifiedRoutes(const QList<Platform::RouteInfo>& routes) const;
    // Path parameters the matrix cannot fill (must be empty).
    QStringList unknownParameters(const QList<Platform::RouteInfo>& routes) const;

    QList<Attempt> managementAttempts(const QList<Platform::RouteInfo>& routes) const;
    QList<Attempt> crossAccountAttempts() const;
    // Every route that names an object of A, with the tokens of roles narrowed to B (404/403).
    QList<Attempt> narrowedRoleAttempts(const QList<Platform::RouteInfo>& routes) const;
    QList<Attempt> connectorAttempts() const;
    QList<Attempt> connectorAttempts(const Tenant& victim, const Tenant& other, bool withOrganizationTokens) const;

    static QStringList categories();

private:
    ApiRequest request(const QByteArray& method, const QString& pattern, const QString& token) const;
    QString fill(const QString& pattern) const;
    QJsonValue bodyFor(const QByteArray& method, const QString& pattern) const;
    IsolationWorld& m_w;
};

} // namespace pb::test
