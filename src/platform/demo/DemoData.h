#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pb::demo {

// The demo workspace as API request bodies, kept apart from the code that sends them.
struct DemoIntegration {
    QString account;
    QString name;
    QString fullname;
    QString provider;
    QString integrationPoint;
    QString credentialType; // basic | token | secret
    QString username;       // basic only
    QString secret;         // demo secret the simulator accepts
    QJsonObject config;     // provider fields besides url
    QString simPrefix;      // simulator path prefix, e.g. "jira"; empty: no url field
};

QList<QJsonObject> integrationPoints(const QString& simHost);
QList<QJsonObject> accounts();
QList<DemoIntegration> integrations(const QString& simulatorBaseUrl);
QList<QJsonObject> members();
QList<QPair<QString, QJsonObject>> endUsers(); // account name -> body

// The change that leaves one Integration non-compliant: Teams is phased out of production
// chat notifications after initech's Teams integration was configured.
QString tightenedPoint();
QJsonObject tightenedPointBody(const QString& simHost);

} // namespace pb::demo
