#pragma once

#include "sim/ProviderSim.h"

#include <QMap>

namespace pb::sim {

// GitHub REST under /github: any repository (created with seed issues on first use; the owner
// "ghost" does not exist), issues, labels and comments; pages announced in the Link header.
class GitHubSim final : public ProviderSim {
public:
    GitHubSim();
    QString prefix() const override { return QStringLiteral("github"); }
    SimResponse handle(const SimRequest& r) override;
    SimResponse errorFor(int status, const QString& message) const override;

private:
    SimResponse paged(const SimRequest& r, const QJsonArray& items) const;
    struct Repo {
        QString fullName;
        QMap<int, QJsonObject> issues;
        int nextNumber = 1;
    };
    Repo& repo(const QString& fullName);
    SimResponse issues(const SimRequest& r, const Repo& repo) const;
    SimResponse repoRequest(const SimRequest& r, Repo& repo, const QString& tail);
    QJsonObject addIssue(Repo& repo, const QJsonObject& fields, bool pullRequest = false);
    static SimResponse message(int status, const QString& text, const QJsonArray& errors = {});
    static QJsonArray labelObjects(const QJsonArray& names);

    QMap<QString, Repo> m_repos;
    QMap<qint64, QJsonObject> m_comments; // id → comment (with "issue_number" and "repository")
    qint64 m_nextCommentId = 2000000;
};

} // namespace pb::sim
