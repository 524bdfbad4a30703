// OrganizationTreeModel's search: the matches of GET /v1/search, each under its ancestors, as a
// tree of their own shown instead of the lazily loaded one (which keeps loading behind it).
#include "gui/models/OrganizationTreeModel.h"

#include "gui/ApiClient.h"
#include "gui/models/NodePresentation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pb {

namespace {

NodeKind kindOfType(const QString& type)
{
    if (type == u"account"_s)
        return NodeKind::Account;
    if (type == u"integration"_s)
        return NodeKind::Integration;
    if (type == u"credential"_s)
        return NodeKind::Credential;
    if (type == u"end_user"_s)
        return NodeKind::EndUser;
    if (type == u"integration_point"_s)
        return NodeKind::IntegrationPoint;
    if (type == u"member"_s)
        return NodeKind::Member;
    return NodeKind::Error;
}

// The group of this kind under holder, made on first use: the search's tree holds only groups
// with matches in them, and none of them loads lazily.
TreeNode* groupOf(TreeNode* holder, NodeKind groupKind, const QString& accountId)
{
    for (const auto& child : holder->children)
        if (child->kind == groupKind)
            return child.get();
    auto group = TreeNode::make(groupKind, QString(), accountId);
    group->fetch = TreeNode::Fetch::Fetched;
    return holder->addChild(std::move(group));
}

std::unique_ptr<TreeNode> itemNode(NodeKind kind, const QString& accountId, const QJsonObject& object)
{
    const QString id = object.value(u"id"_s).toString();
    auto node = TreeNode::make(kind, id, kind == NodeKind::Account ? id : accountId);
    node->object = object;
    NodePresentation::prepare(*node);
    return node;
}

} // namespace

void OrganizationTreeModel::search(const QString& text)
{
    const QString words = text.simplified();
    ++m_searchSerial; // an answer still on its way is for an older text
    if (words.isEmpty()) {
        m_searchText.clear();
        m_searchMore = false;
        if (m_search) {
            beginResetModel();
            m_search.reset();
            endResetModel();
        }
        return;
    }
    m_searchText = words;
    const quint64 serial = m_searchSerial;
    ApiRequest request = ApiRequest::get(u"/v1/search"_s);
    request.withQuery(u"q"_s, words);
    request.withQuery(u"limit"_s, QString::number(m_searchLimit));
    beginPending();
    m_api->call(request, this, [this, serial](const ApiResponse& response) {
        if (serial == m_searchSerial)
            onSearchAnswer(response);
        endPending();
    });
}

void OrganizationTreeModel::onSearchAnswer(const ApiResponse& response)
{
    int matches = 0;
    auto tree = searchTree(response, &matches);
    const bool more = !response.isError() && response.result().toObject().value(u"more"_s).toBool();
    beginResetModel();
    m_search = std::move(tree);
    m_searchMore = more;
    endResetModel();
    if (response.isError())
        emit loadFailed(response.problem());
    emit searchFinished(matches, more);
}

std::unique_ptr<TreeNode> OrganizationTreeModel::searchTree(const ApiResponse& response, int* matches) const
{
    auto root = TreeNode::make(NodeKind::Organization);
    // The Organization row as the lazily loaded tree has it.
    auto org = TreeNode::make(NodeKind::Organization);
    if (!m_root->children.empty() && m_root->children.front()->kind == NodeKind::Organization) {
        const TreeNode& loaded = *m_root->children.front();
        org->id = loaded.id;
        org->object = loaded.object;
        org->filterText = loaded.filterText;
        org->sortKey = loaded.sortKey;
    }
    TreeNode* orgNode = root->addChild(std::move(org));
    *matches = 0;
    if (response.isError()) {
        auto error = TreeNode::make(NodeKind::Error);
        error->message = tr("Search failed: %1").arg(response.problem().message);
        orgNode->addChild(std::move(error));
        return root;
    }
    const QJsonObject result = response.result().toObject();
    QHash<QString, TreeNode*> accounts;
    QHash<QString, QJsonObject> ancestors;
    for (const QJsonValue& v : result.value(u"ancestors"_s).toArray()) {
        const QJsonObject a = v.toObject();
        ancestors.insert(a.value(u"id"_s).toString(), a.value(u"object"_s).toObject());
    }
    auto accountNode = [&](const QString& id, const QJsonObject& object) -> TreeNode* {
        if (TreeNode* known = accounts.value(id))
            return known;
        TreeNode* group = groupOf(orgNode, NodeKind::AccountsGroup, QString());
        TreeNode* node = group->addChild(itemNode(NodeKind::Account, id, object));
        accounts.insert(id, node);
        return node;
    };
    const QJsonArray items = result.value(u"items"_s).toArray();
    // Matched Accounts first: their Integrations may come before them in the answer.
    for (const QJsonValue& v : items) {
        const QJsonObject item = v.toObject();
        if (kindOfType(item.value(u"type"_s).toString()) == NodeKind::Account) {
            accountNode(item.value(u"id"_s).toString(), item.value(u"object"_s).toObject());
            ++*matches;
        }
    }
    for (const QJsonValue& v : items) {
        const QJsonObject item = v.toObject();
        const NodeKind kind = kindOfType(item.value(u"type"_s).toString());
        const QJsonObject object = item.value(u"object"_s).toObject();
        const QString accountId = item.value(u"account_id"_s).toString();
        switch (kind) {
        case NodeKind::Account:
            continue; // placed above
        case NodeKind::Credential:
            // The tree lists an Account's own credentials; those of an Integration or an
            // Integration Point have no row of their own in it.
            if (object.value(u"owner_type"_s).toString() != u"account"_s)
                continue;
            [[fallthrough]];
        case NodeKind::Integration:
        case NodeKind::EndUser: {
            if (accountId.isEmpty() || (!accounts.contains(accountId) && !ancestors.contains(accountId)))
                continue;
            TreeNode* account = accountNode(accountId, ancestors.value(accountId));
            groupOf(account, groupKindOf(kind), accountId)->addChild(itemNode(kind, accountId, object));
            break;
        }
        case NodeKind::IntegrationPoint:
        case NodeKind::Member:
            groupOf(orgNode, groupKindOf(kind), QString())->addChild(itemNode(kind, QString(), object));
            break;
        default:
            continue;
        }
        ++*matches;
    }
    return root;
}

} // namespace pb
