#include "gui/models/OrganizationTreeModel.h"

#include "gui/ApiClient.h"
#include "gui/models/NodePresentation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
constexpr int PageSize = 500;

void addGroups(TreeNode* node, std::initializer_list<NodeKind> kinds, const QString& accountId)
{
    for (NodeKind kind : kinds)
        node->addChild(TreeNode::make(kind, QString(), accountId));
}
} // namespace

OrganizationTreeModel::OrganizationTreeModel(ApiClient* api, QObject* parent)
    : QAbstractItemModel(parent)
    , m_api(api)
    , m_root(TreeNode::make(NodeKind::Organization))
{
}

OrganizationTreeModel::~OrganizationTreeModel() = default;

TreeNode* OrganizationTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<TreeNode*>(index.internalPointer()) : m_root.get();
}

QModelIndex OrganizationTreeModel::indexOf(const TreeNode* node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<TreeNode*>(node));
}

NodeKind OrganizationTreeModel::kindOf(const QModelIndex& index)
{
    return NodeKind(index.data(KindRole).toInt());
}

QModelIndex OrganizationTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent)->children.at(size_t(row)).get());
}

QModelIndex OrganizationTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int OrganizationTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int OrganizationTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant OrganizationTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TreeNode& node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return NodePresentation::title(node);
    case Qt::DecorationRole:
        return NodePresentation::icon(node);
    case Qt::ToolTipRole:
        return NodePresentation::toolTip(node);
    case Qt::AccessibleTextRole:
        return NodePresentation::title(node);
    case KindRole:
        return int(node.kind);
    case IdRole:
        return node.id;
    case AccountIdRole:
        return node.accountId;
    case ObjectRole:
        return node.object;
    case SortRole:
        return NodePresentation::sortKey(node);
    case FilterTextRole:
        return NodePresentation::filterText(node);
    default:
        return {};
    }
}

QVariant OrganizationTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Name");
    return {};
}

Qt::ItemFlags OrganizationTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const NodeKind kind = nodeOf(index)->kind;
    if (kind == NodeKind::Loading)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!isGroup(kind) && kind != NodeKind::Organization && kind != NodeKind::Account)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

bool OrganizationTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return false;
    const TreeNode* node = nodeOf(parent);
    if (isGroup(node->kind) && (node->fetch == TreeNode::Fetch::NotFetched || node->fetch == TreeNode::Fetch::Fetching))
        return true;
    return !node->children.empty();
}

bool OrganizationTreeModel::canFetchMore(const QModelIndex& parent) const
{
    const TreeNode* node = nodeOf(parent);
    return isGroup(node->kind) && node->fetch == TreeNode::Fetch::NotFetched;
}

void OrganizationTreeModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        startFetch(nodeOf(parent));
}

void OrganizationTreeModel::beginPending()
{
    ++m_pending;
}

void OrganizationTreeModel::endPending()
{
    if (--m_pending == 0)
        emit idle();
}

void OrganizationTreeModel::reload()
{
    beginPending();
    m_api->call(ApiRequest::get(u"/v1/organization"_s), this, [this](const ApiResponse& response) {
        beginResetModel();
        m_root = TreeNode::make(NodeKind::Organization);
        if (response.isError()) {
            auto error = TreeNode::make(NodeKind::Error);
            error->message = response.problem().message;
            m_root->addChild(std::move(error));
        } else {
            const QJsonObject org = response.result().toObject();
            auto node = TreeNode::make(NodeKind::Organization, org.value(u"id"_s).toString());
            node->object = org;
            addGroups(node.get(), {NodeKind::AccountsGroup, NodeKind::IntegrationPointsGroup, NodeKind::MembersGroup},
                      QString());
            m_root->addChild(std::move(node));
        }
        endResetModel();
        if (response.isError())
            emit loadFailed(response.problem());
        else if (m_eager)
            setEagerLoading(true);
        endPending();
    });
}

void OrganizationTreeModel::replaceChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children)
{
    const QModelIndex parentIndex = indexOf(node);
    if (!node->children.empty()) {
        beginRemoveRows(parentIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    if (children.empty())
        return;
    beginInsertRows(parentIndex, 0, int(children.size()) - 1);
    for (auto& child : children)
        node->addChild(std::move(child));
    endInsertRows();
}

void OrganizationTreeModel::startFetch(TreeNode* group)
{
    // Claimed at once (canFetchMore turns false), started from the event loop: views and the
    // model tester call fetchMore() while they handle other changes, when no rows may move.
    group->fetch = TreeNode::Fetch::Fetching;
    const quint64 serial = group->fetchSerial = ++m_serial;
    const NodeKind kind = group->kind;
    const QString accountId = group->accountId;
    beginPending();
    QMetaObject::invokeMethod(
        this,
        [this, kind, accountId, serial] {
            TreeNode* g = nodeOf(groupIndex(kind, accountId));
            if (g == m_root.get() || g->fetchSerial != serial || g->fetch != TreeNode::Fetch::Fetching) {
                endPending();
                return;
            }
            std::vector<std::unique_ptr<TreeNode>> loading;
            loading.push_back(TreeNode::make(NodeKind::Loading));
            loading.back()->message = tr("Loading…");
            replaceChildren(g, std::move(loading));
            fetchPage(kind, accountId, serial, {}, QString());
        },
        Qt::QueuedConnection);
}

void OrganizationTreeModel::fetchPage(NodeKind groupKind, const QString& accountId, quint64 serial,
                                      QList<QJsonObject> sofar, const QString& startAfter)
{
    ApiRequest request = ApiRequest::get(NodePresentation::listPath(groupKind, accountId));
    request.withQuery(u"limit"_s, QString::number(PageSize));
    if (!startAfter.isEmpty())
        request.withQuery(u"start_after"_s, startAfter);
    m_api->call(request, this, [this, groupKind, accountId, serial, sofar](const ApiResponse& response) mutable {
        if (response.isError()) {
            const Problem problem = response.problem();
            finishFetch(groupKind, accountId, serial, {}, &problem);
            return;
        }
        const QJsonArray list = response.result().toArray();
        for (const QJsonValue& v : list)
            sofar.append(v.toObject());
        if (list.size() == PageSize) {
            fetchPage(groupKind, accountId, serial, std::move(sofar), list.last().toObject().value(u"name"_s).toString());
            return;
        }
        finishFetch(groupKind, accountId, serial, sofar, nullptr);
    });
}

std::unique_ptr<TreeNode> OrganizationTreeModel::makeItem(NodeKind kind, const QString& accountId,
                                                          const QJsonObject& object) const
{
    const QString id = object.value(u"id"_s).toString();
    auto node = TreeNode::make(kind, id, kind == NodeKind::Account ? id : accountId);
    node->object = object;
    if (kind == NodeKind::Account)
        addGroups(node.get(), {NodeKind::IntegrationsGroup, NodeKind::CredentialsGroup, NodeKind::EndUsersGroup}, id);
    return node;
}

void OrganizationTreeModel::finishFetch(NodeKind groupKind, const QString& accountId, quint64 serial,
                                        const QList<QJsonObject>& items, const Problem* problem)
{
    TreeNode* group = nodeOf(groupIndex(groupKind, accountId));
    // The tree was reloaded or the group refetched meanwhile: this answer is stale.
    if (group == m_root.get() || group->fetchSerial != serial || group->fetch != TreeNode::Fetch::Fetching) {
        endPending();
        return;
    }
    std::vector<std::unique_ptr<TreeNode>> children;
    if (problem) {
        group->fetch = TreeNode::Fetch::Failed;
        auto error = TreeNode::make(NodeKind::Error);
        error->message = tr("Could not load: %1").arg(problem->message);
        children.push_back(std::move(error));
    } else {
        group->fetch = TreeNode::Fetch::Fetched;
        for (const QJsonObject& item : items)
            children.push_back(makeItem(itemKindOf(groupKind), accountId, item));
    }
    replaceChildren(group, std::move(children));
    if (problem)
        emit loadFailed(*problem);
    if (m_eager)
        setEagerLoading(true);
    endPending();
}

void OrganizationTreeModel::setEagerLoading(bool eager)
{
    m_eager = eager;
    if (!eager)
        return;
    // Collect first: starting a fetch changes the tree under our feet.
    std::vector<TreeNode*> pending;
    std::vector<TreeNode*> stack{m_root.get()};
    while (!stack.empty()) {
        TreeNode* node = stack.back();
        stack.pop_back();
        if (isGroup(node->kind) && node->fetch == TreeNode::Fetch::NotFetched)
            pending.push_back(node);
        for (const auto& child : node->children)
            stack.push_back(child.get());
    }
    for (TreeNode* node : pending)
        if (node->fetch == TreeNode::Fetch::NotFetched)
            startFetch(node);
}

void OrganizationTreeModel::refresh(const QModelIndex& index)
{
    TreeNode* node = nodeOf(index);
    if (node == m_root.get() || node->kind == NodeKind::Organization) {
        reload();
        return;
    }
    while (node && !isGroup(node->kind) && node->kind != NodeKind::Account)
        node = node->parent;
    if (!node)
        return;
    if (node->kind == NodeKind::Account) {
        for (const auto& child : node->children)
            if (child->fetch != TreeNode::Fetch::NotFetched && child->fetch != TreeNode::Fetch::Fetching)
                startFetch(child.get());
        return;
    }
    startFetch(node);
}

TreeNode* OrganizationTreeModel::find(TreeNode* from, NodeKind kind, const QString& id) const
{
    if (from->kind == kind && from->id == id)
        return from;
    for (const auto& child : from->children)
        if (TreeNode* hit = find(child.get(), kind, id))
            return hit;
    return nullptr;
}

QModelIndex OrganizationTreeModel::findNode(NodeKind kind, const QString& id) const
{
    return indexOf(find(m_root.get(), kind, id));
}

QModelIndex OrganizationTreeModel::groupIndex(NodeKind groupKind, const QString& accountId) const
{
    if (m_root->children.empty())
        return {};
    TreeNode* org = m_root->children.front().get();
    TreeNode* holder = org;
    if (!accountId.isEmpty() && groupKind != NodeKind::AccountsGroup) {
        holder = find(org, NodeKind::Account, accountId);
        if (!holder)
            return {};
    }
    for (const auto& child : holder->children)
        if (child->kind == groupKind && child->accountId == (holder == org ? QString() : accountId))
            return indexOf(child.get());
    return {};
}

QModelIndex OrganizationTreeModel::upsert(NodeKind kind, const QString& accountId, const QJsonObject& object)
{
    const QString id = object.value(u"id"_s).toString();
    if (TreeNode* existing = find(m_root.get(), kind, id)) {
        existing->object = object;
        const QModelIndex idx = indexOf(existing);
        emit dataChanged(idx, idx);
        return idx;
    }
    if (kind == NodeKind::Organization)
        return {};
    const QModelIndex groupIdx = groupIndex(groupKindOf(kind), kind == NodeKind::Account ? QString() : accountId);
    TreeNode* group = nodeOf(groupIdx);
    if (!groupIdx.isValid() || group->fetch != TreeNode::Fetch::Fetched)
        return {}; // not loaded yet: the row appears when the group is fetched
    const int row = int(group->children.size());
    beginInsertRows(groupIdx, row, row);
    group->addChild(makeItem(kind, accountId, object));
    endInsertRows();
    if (m_eager)
        setEagerLoading(true);
    return index(row, 0, groupIdx);
}

void OrganizationTreeModel::removeNode(NodeKind kind, const QString& id)
{
    TreeNode* node = find(m_root.get(), kind, id);
    if (!node || !node->parent)
        return;
    const int row = node->row();
    beginRemoveRows(indexOf(node->parent), row, row);
    node->parent->children.erase(node->parent->children.begin() + row);
    endRemoveRows();
}

} // namespace pb
