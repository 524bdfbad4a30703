#pragma once

#include "sim/ProviderSim.h"

#include <QMap>

namespace pb::sim {

// Jira Cloud REST v3 under /jira: projects, JQL search, issues, transitions, comments.
class JiraSim final : public ProviderSim {
public:
    JiraSim();
    QString prefix() const override { return QStringLiteral("jira"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    SimResponse search(const SimRequest& r);
    SimResponse createIssue(const SimRequest& r);
    SimResponse editIssue(const SimRequest& r, const QString& key);
    SimResponse comments(const SimRequest& r, const QString& key);
    QJsonObject addIssue(const QString& project, const QJsonObject& fields);
    QJsonObject withSelf(const SimRequest& r, QJsonObject issue) const;
    static SimResponse errors(int status, const QStringList& messages, const QJsonObject& fieldErrors = {});

    QJsonArray m_projects;
    QMap<QString, QJsonObject> m_issues;          // key → issue
    QMap<QString, QJsonArray> m_comments;         // key → comments
    int m_nextId = 10000;
    QMap<QString, int> m_nextNumber;              // project key → next issue number
};

} // namespace pb::sim
