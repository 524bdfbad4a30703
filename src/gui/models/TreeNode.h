#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace pb {

// What a row of the organization tree stands for.
enum class NodeKind {
    Organization,
    AccountsGroup,
    Account,
    IntegrationsGroup,
    Integration,
    CredentialsGroup,
    Credential,
    EndUsersGroup,
    EndUser,
    IntegrationPointsGroup,
    IntegrationPoint,
    MembersGroup,
    Member,
    Loading, // stands in while a group's children are fetched
    Error,   // stands in when fetching them failed
};

bool isGroup(NodeKind kind);
NodeKind itemKindOf(NodeKind group);
NodeKind groupKindOf(NodeKind item);

// One row. Group nodes load their children lazily (Nextcloud's folderstatusmodel pattern), a
// page at a time: nextPage holds where the next page starts while pages remain.
struct TreeNode {
    enum class Fetch { NotFetched, Fetching, Fetched, Failed };

    NodeKind kind = NodeKind::Organization;
    QString id;
    QString accountId; // the Account this node belongs to, if any
    QJsonObject object;
    QString message; // Loading / Error rows
    // Lower-cased text the filter matches, computed once when the node is loaded or changed, so
    // a filter pass over 100,000s of nodes neither rebuilds it from JSON nor allocates.
    QString filterText;
    QString sortKey; // items: computed with filterText (groups and message rows compute theirs)
    TreeNode* parent = nullptr;
    std::vector<std::unique_ptr<TreeNode>> children;
    Fetch fetch = Fetch::Fetched;
    quint64 fetchSerial = 0;
    QString nextPage;          // groups: start_after of the next page; empty once every page is in
    bool pageInFlight = false; // groups: a further page has been asked for
    mutable int rowHint = 0;   // where row() looked last: Accounts groups hold 10,000s of rows

    int row() const;
    TreeNode* addChild(std::unique_ptr<TreeNode> child);
    static std::unique_ptr<TreeNode> make(NodeKind kind, const QString& id = {}, const QString& accountId = {});
};

} // namespace pb
