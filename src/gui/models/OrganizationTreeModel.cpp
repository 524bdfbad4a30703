#include "gui/models/OrganizationTreeModel.h"

#include "gui/ApiClient.h"
#include "gui/models/NodePresentation.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pb {

namespace {
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
    return index.isValid() ? static_cast<TreeNode*>(index.internalPointer()) : shown();
}

const TreeNode* OrganizationTreeModel::nodeAt(const QModelIndex& index)
{
    if (!index.isValid() || !qobject_cast<const OrganizationTreeModel*>(index.model()))
        return nullptr;
    return static_cast<const TreeNode*>(index.internalPointer());
}

bool OrganizationTreeModel::isShown(const TreeNode* node) const
{
    while (node && node->parent)
        node = node->parent;
    return node == shown();
}

QModelIndex OrganizationTreeModel::indexOf(const TreeNode* node) const
{
    if (!node || node == shown())
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
        // A view shows the last row of a group with pages left: fetch the next one (deferred,
        // so no rows move while the view paints). QTreeView asks fetchMore() itself only for
        // the very last row of the whole tree, which an Accounts group never holds.
        if (node.parent && node.parent->pageInFlight == false && !node.parent->nextPage.isEmpty()
            && node.parent->children.back().get() == &node)
            const_cast<OrganizationTreeModel*>(this)->fetchNextPage(node.parent);
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
        return node.sortKey.isEmpty() ? NodePresentation::sortKey(node) : node.sortKey;
    case FilterTextRole:
        return node.filterText;
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
    if (!isGroup(node->kind))
        return false;
    return node->fetch == TreeNode::Fetch::NotFetched
           || (node->fetch == TreeNode::Fetch::Fetched && !node->nextPage.isEmpty() && !node->pageInFlight);
}

void OrganizationTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    TreeNode* node = nodeOf(parent);
    if (node->fetch == TreeNode::Fetch::NotFetched)
        startFetch(node);
    else
        fetchNextPage(node);
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
        auto root = TreeNode::make(NodeKind::Organization);
        if (response.isError()) {
            auto error = TreeNode::make(NodeKind::Error);
            error->message = response.problem().message;
            root->addChild(std::move(error));
        } else {
            const QJsonObject org = response.result().toObject();
            auto node = TreeNode::make(NodeKind::Organization, org.value(u"id"_s).toString());
            node->object = org;
            NodePresentation::prepare(*node);
            addGroups(node.get(), {NodeKind::AccountsGroup, NodeKind::IntegrationPointsGroup, NodeKind::MembersGroup},
                      QString());
            root->addChild(std::move(node));
        }
        if (m_search) {
            // The search's tree stays on screen; the reloaded tree waits behind it.
            m_root = std::move(root);
        } else {
            beginResetModel();
            m_root = std::move(root);
            endResetModel();
        }
        if (response.isError())
            emit loadFailed(response.problem());
        else if (m_eager)
            setEagerLoading(true);
        if (m_search)
            search(m_searchText);
        endPending();
    });
}

void OrganizationTreeModel::replaceChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children)
{
    // The lazily loaded tree changes behind a search without telling views that show the search.
    const bool signal = isShown(node);
    const QModelIndex parentIndex = signal ? indexOf(node) : QModelIndex();
    if (!node->children.empty()) {
        if (signal)
            beginRemoveRows(parentIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        if (signal)
            endRemoveRows();
    }
    appendChildren(node, std::move(children));
}

void OrganizationTreeModel::appendChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children)
{
    if (children.empty())
        return;
    const bool signal = isShown(node);
    const int first = int(node->children.size());
    if (signal)
        beginInsertRows(indexOf(node), first, first + int(children.size()) - 1);
    node->children.reserve(node->children.size() + children.size());
    for (auto& child : children)
        node->addChild(std::move(child));
    if (signal)
        endInsertRows();
}

TreeNode* OrganizationTreeModel::findGroup(TreeNode* root, NodeKind groupKind, const QString& accountId)
{
    if (!root || root->children.empty() || root->children.front()->kind != NodeKind::Organization)
        return nullptr;
    TreeNode* org = root->children.front().get();
    TreeNode* holder = org;
    if (!accountId.isEmpty() && groupKind != NodeKind::AccountsGroup) {
        // Accounts live in one group: look there rather than through the whole tree.
        holder = nullptr;
        for (const auto& group : org->children) {
            if (group->kind != NodeKind::AccountsGroup)
                continue;
            for (const auto& account : group->children)
                if (account->kind == NodeKind::Account && account->id == accountId)
                    holder = account.get();
        }
        if (!holder)
            return nullptr;
    }
    for (const auto& child : holder->children)
        if (child->kind == groupKind && child->accountId == (holder == org ? QString() : accountId))
            return child.get();
    return nullptr;
}

void OrganizationTreeModel::startFetch(TreeNode* group)
{
    // Claimed at once (canFetchMore turns false), started from the event loop: views and the
    // model tester call fetchMore() while they handle other changes, when no rows may move.
    group->fetch = TreeNode::Fetch::Fetching;
    group->nextPage.clear();
    group->pageInFlight = false;
    const quint64 serial = group->fetchSerial = ++m_serial;
    const NodeKind kind = group->kind;
    const QString accountId = group->accountId;
    beginPending();
    QMetaObject::invokeMethod(
        this,
        [this, kind, accountId, serial] {
            TreeNode* g = findGroup(m_root.get(), kind, accountId);
            if (!g || g->fetchSerial != serial || g->fetch != TreeNode::Fetch::Fetching) {
                endPending();
                return;
            }
            std::vector<std::unique_ptr<TreeNode>> loading;
            loading.push_back(TreeNode::make(NodeKind::Loading));
            loading.back()->message = tr("Loading…");
            replaceChildren(g, std::move(loading));
            fetchPage(kind, accountId, serial, QString());
        },
        Qt::QueuedConnection);
}

void OrganizationTreeModel::fetchNextPage(TreeNode* group)
{
    if (group->fetch != TreeNode::Fetch::Fetched || group->nextPage.isEmpty() || group->pageInFlight)
        return;
    group->pageInFlight = true;
    beginPending();
    const quint64 serial = group->fetchSerial;
    const NodeKind kind = group->kind;
    const QString accountId = group->accountId;
    const QString startAfter = group->nextPage;
    // A zero timer rather than a queued call: pending paints and input go first, so pages that
    // follow in idle time never hold up the window.
    QTimer::singleShot(0, this, [this, kind, accountId, serial, startAfter] {
        TreeNode* g = findGroup(m_root.get(), kind, accountId);
        if (!g || g->fetchSerial != serial || !g->pageInFlight || g->nextPage != startAfter) {
            endPending();
            return;
        }
        fetchPage(kind, accountId, serial, startAfter);
    });
}

void OrganizationTreeModel::fetchPage(NodeKind groupKind, const QString& accountId, quint64 serial, const QString& startAfter)
{
    ApiRequest request = ApiRequest::get(NodePresentation::listPath(groupKind, accountId));
    request.withQuery(u"limit"_s, QString::number(m_pageSize));
    // Pages follow the API's default order (name), so each one appends after the last.
    if (!startAfter.isEmpty())
        request.withQuery(u"start_after"_s, startAfter);
    const bool first = startAfter.isEmpty();
    m_api->call(request, this, [this, groupKind, accountId, serial, first](const ApiResponse& response) {
        onPage(groupKind, accountId, serial, first, response);
    });
}

void OrganizationTreeModel::onPage(NodeKind groupKind, const QString& accountId, quint64 serial, bool first,
                                   const ApiResponse& response)
{
    TreeNode* group = findGroup(m_root.get(), groupKind, accountId);
    // The tree was reloaded or the group refetched meanwhile: this answer is stale.
    const bool current = group && group->fetchSerial == serial
                         && (first ? group->fetch == TreeNode::Fetch::Fetching
                                   : group->fetch == TreeNode::Fetch::Fetched && group->pageInFlight);
    if (!current) {
        endPending();
        return;
    }
    if (response.isError()) {
        const Problem problem = response.problem();
        if (first) {
            group->fetch = TreeNode::Fetch::Failed;
            std::vector<std::unique_ptr<TreeNode>> children;
            auto error = TreeNode::make(NodeKind::Error);
            error->message = tr("Could not load: %1").arg(problem.message);
            children.push_back(std::move(error));
            replaceChildren(group, std::move(children));
        } else {
            // The rows so far stay; the view asks for the page again when scrolled to the end.
            group->pageInFlight = false;
        }
        emit loadFailed(problem);
        endPending();
        return;
    }
    const QJsonArray list = response.result().toArray();
    QSet<QString> present;
    if (!first) // rows added by upsert() meanwhile may come again in a later page
        for (const auto& child : group->children)
            present.insert(child->id);
    std::vector<std::unique_ptr<TreeNode>> children;
    children.reserve(size_t(list.size()));
    const NodeKind kind = itemKindOf(groupKind);
    for (const QJsonValue& v : list) {
        const QJsonObject object = v.toObject();
        if (!first && present.contains(object.value(u"id"_s).toString()))
            continue;
        children.push_back(makeItem(kind, accountId, object));
    }
    group->nextPage = list.size() >= m_pageSize ? list.last().toObject().value(u"name"_s).toString() : QString();
    group->pageInFlight = false;
    if (first) {
        group->fetch = TreeNode::Fetch::Fetched;
        replaceChildren(group, std::move(children));
    } else {
        appendChildren(group, std::move(children));
    }
    if (!group->nextPage.isEmpty() && (m_eager || m_backgroundPaging))
        fetchNextPage(group);
    if (m_eager)
        setEagerLoading(true);
    endPending();
}

std::unique_ptr<TreeNode> OrganizationTreeModel::makeItem(NodeKind kind, const QString& accountId,
                                                          const QJsonObject& object) const
{
    const QString id = object.value(u"id"_s).toString();
    auto node = TreeNode::make(kind, id, kind == NodeKind::Account ? id : accountId);
    node->object = object;
    NodePresentation::prepare(*node);
    if (kind == NodeKind::Account)
        addGroups(node.get(), {NodeKind::IntegrationsGroup, NodeKind::CredentialsGroup, NodeKind::EndUsersGroup}, id);
    return node;
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
        if (isGroup(node->kind)
            && (node->fetch == TreeNode::Fetch::NotFetched
                || (node->fetch == TreeNode::Fetch::Fetched && !node->nextPage.isEmpty() && !node->pageInFlight)))
            pending.push_back(node);
        for (const auto& child : node->children)
            stack.push_back(child.get());
    }
    for (TreeNode* node : pending) {
        if (node->fetch == TreeNode::Fetch::NotFetched)
            startFetch(node);
        else
            fetchNextPage(node);
    }
}

void OrganizationTreeModel::refresh(const QModelIndex& index)
{
    if (m_search) {
        search(m_searchText);
        return;
    }
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
    if (!from)
        return nullptr;
    if (from->kind == kind && from->id == id)
        return from;
    for (const auto& child : from->children)
        if (TreeNode* hit = find(child.get(), kind, id))
            return hit;
    return nullptr;
}

QModelIndex OrganizationTreeModel::findNode(NodeKind kind, const QString& id) const
{
    return indexOf(find(shown(), kind, id));
}

QModelIndex OrganizationTreeModel::groupIndex(NodeKind groupKind, const QString& accountId) const
{
    return indexOf(findGroup(shown(), groupKind, accountId));
}

QModelIndex OrganizationTreeModel::upsert(NodeKind kind, const QString& accountId, const QJsonObject& object)
{
    const QModelIndex lazy = upsertInto(m_root.get(), kind, accountId, object);
    if (!m_search)
        return lazy;
    // A new object shows in the search's tree only where its group is already there.
    return upsertInto(m_search.get(), kind, accountId, object);
}

QModelIndex OrganizationTreeModel::upsertInto(TreeNode* root, NodeKind kind, const QString& accountId,
                                              const QJsonObject& object)
{
    const bool signal = root == shown();
    const QString id = object.value(u"id"_s).toString();
    if (TreeNode* existing = find(root, kind, id)) {
        existing->object = object;
        NodePresentation::prepare(*existing);
        if (!signal)
            return {};
        const QModelIndex idx = indexOf(existing);
        emit dataChanged(idx, idx);
        return idx;
    }
    if (kind == NodeKind::Organization)
        return {};
    TreeNode* group = findGroup(root, groupKindOf(kind), kind == NodeKind::Account ? QString() : accountId);
    if (!group || group->fetch != TreeNode::Fetch::Fetched)
        return {}; // not loaded yet: the row appears when the group is fetched
    auto item = makeItem(kind, accountId, object);
    if (root == m_search.get())
        for (const auto& child : item->children)
            child->fetch = TreeNode::Fetch::Fetched; // the search's tree never loads lazily
    const int row = int(group->children.size());
    const QModelIndex groupIdx = signal ? indexOf(group) : QModelIndex();
    if (signal)
        beginInsertRows(groupIdx, row, row);
    group->addChild(std::move(item));
    if (signal)
        endInsertRows();
    if (m_eager && root == m_root.get())
        setEagerLoading(true);
    return signal ? index(row, 0, groupIdx) : QModelIndex();
}

void OrganizationTreeModel::removeNode(NodeKind kind, const QString& id)
{
    removeFrom(m_root.get(), kind, id);
    if (m_search)
        removeFrom(m_search.get(), kind, id);
}

void OrganizationTreeModel::removeFrom(TreeNode* root, NodeKind kind, const QString& id)
{
    TreeNode* node = find(root, kind, id);
    if (!node || !node->parent)
        return;
    const bool signal = root == shown();
    const int row = node->row();
    if (signal)
        beginRemoveRows(indexOf(node->parent), row, row);
    node->parent->children.erase(node->parent->children.begin() + row);
    if (signal)
        endRemoveRows();
}

} // namespace pb
