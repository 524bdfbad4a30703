#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb {

class Catalog;

// One provider as the Integration editor offers it: allowed or not, and the rule that says so.
struct ProviderOption {
    QString id;
    QString fullname;
    QString connectorId;
    bool allowed = true;
    QString reason; // why it is not allowed (empty when allowed)
};

// The providers an Integration of an Account with `environment` may use under an Integration
// Point (empty object: no Integration Point, every provider). Same rule as the platform's
// policy engine: `environments.<env>` lists provider ids, "*" allows all, a missing or empty
// list allows none. Only the Integration Point's connector is offered.
QList<ProviderOption> providerOptions(const Catalog& catalog, const QJsonObject& integrationPoint,
                                      const QString& environment);

// Glob match of a host against an Integration Point host pattern ("*.atlassian.net").
bool hostMatchesPattern(const QString& host, const QString& pattern);

} // namespace pb
