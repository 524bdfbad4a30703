#include "gui/models/TreeNode.h"

#include <algorithm>

namespace pb {

bool isGroup(NodeKind kind)
{
    switch (kind) {
    case NodeKind::AccountsGroup:
    case NodeKind::IntegrationsGroup:
    case NodeKind::CredentialsGroup:
    case NodeKind::EndUsersGroup:
    case NodeKind::IntegrationPointsGroup:
    case NodeKind::MembersGroup:
        return true;
    default:
        return false;
    }
}

NodeKind itemKindOf(NodeKind group)
{
    switch (group) {
    case NodeKind::AccountsGroup: return NodeKind::Account;
    case NodeKind::IntegrationsGroup: return NodeKind::Integration;
    case NodeKind::CredentialsGroup: return NodeKind::Credential;
    case NodeKind::EndUsersGroup: return NodeKind::EndUser;
    case NodeKind::IntegrationPointsGroup: return NodeKind::IntegrationPoint;
    case NodeKind::MembersGroup: return NodeKind::Member;
    default: return group;
    }
}

NodeKind groupKindOf(NodeKind item)
{
    switch (item) {
    case NodeKind::Account: return NodeKind::AccountsGroup;
    case NodeKind::Integration: return NodeKind::IntegrationsGroup;
    case NodeKind::Credential: return NodeKind::CredentialsGroup;
    case NodeKind::EndUser: return NodeKind::EndUsersGroup;
    case NodeKind::IntegrationPoint: return NodeKind::IntegrationPointsGroup;
    case NodeKind::Member: return NodeKind::MembersGroup;
    default: return item;
    }
}

int TreeNode::row() const
{
    if (!parent)
        return 0;
    if (rowHint >= 0 && size_t(rowHint) < parent->children.size() && parent->children[size_t(rowHint)].get() == this)
        return rowHint;
    const auto it = std::find_if(parent->children.begin(), parent->children.end(),
                                 [this](const std::unique_ptr<TreeNode>& c) { return c.get() == this; });
    rowHint = int(it - parent->children.begin());
    return rowHint;
}

TreeNode* TreeNode::addChild(std::unique_ptr<TreeNode> child)
{
    child->parent = this;
    child->rowHint = int(children.size());
    children.push_back(std::move(child));
    return children.back().get();
}

std::unique_ptr<TreeNode> TreeNode::make(NodeKind kind, const QString& id, const QString& accountId)
{
    auto node = std::make_unique<TreeNode>();
    node->kind = kind;
    node->id = id;
    node->accountId = accountId;
    node->fetch = isGroup(kind) ? Fetch::NotFetched : Fetch::Fetched;
    return node;
}

} // namespace pb
