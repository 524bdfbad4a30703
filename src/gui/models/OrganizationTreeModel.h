#pragma once

#include "core/Problem.h"
#include "gui/models/TreeNode.h"

#include <QAbstractItemModel>

namespace pb {

class ApiClient;
struct ApiResponse;

// Organization → Accounts → (Integrations, Credentials, End Users), plus the Organization's
// Integration Points and Members, read through the Management API. Group rows load their
// children when first expanded: hasChildren() is true until then, a "Loading…" row stands in
// while the call runs, the results arrive in one beginInsertRows, and a failure leaves an error
// row (refresh() tries again).
class OrganizationTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        IdRole,
        AccountIdRole,
        ObjectRole,     // the API object (QJsonObject)
        SortRole,       // raw value for sorting: group order, then lower-cased name
        FilterTextRole, // everything the filter box matches against
    };

    explicit OrganizationTreeModel(ApiClient* api, QObject* parent = nullptr);
    ~OrganizationTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Loads the Organization again and forgets every fetched group.
    void reload();
    // Fetches a group (or the group holding an item) again.
    void refresh(const QModelIndex& index);
    // Loads every group as soon as it appears, so the filter can find nodes never expanded.
    void setEagerLoading(bool eager);
    bool isIdle() const { return m_pending == 0; }

    static NodeKind kindOf(const QModelIndex& index);
    QModelIndex findNode(NodeKind kind, const QString& id) const;
    QModelIndex groupIndex(NodeKind groupKind, const QString& accountId = {}) const;
    // Puts a saved object into the tree (updating its row or adding one) without refetching.
    QModelIndex upsert(NodeKind kind, const QString& accountId, const QJsonObject& object);
    void removeNode(NodeKind kind, const QString& id);

signals:
    void idle();
    void loadFailed(const pb::Problem& problem);

private:
    TreeNode* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const TreeNode* node) const;
    TreeNode* find(TreeNode* from, NodeKind kind, const QString& id) const;
    void startFetch(TreeNode* group);
    void finishFetch(NodeKind groupKind, const QString& accountId, quint64 serial, const QList<QJsonObject>& items,
                     const Problem* problem);
    void fetchPage(NodeKind groupKind, const QString& accountId, quint64 serial, QList<QJsonObject> sofar,
                   const QString& startAfter);
    std::unique_ptr<TreeNode> makeItem(NodeKind kind, const QString& accountId, const QJsonObject& object) const;
    void replaceChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children);
    void beginPending();
    void endPending();

    ApiClient* m_api;
    std::unique_ptr<TreeNode> m_root;
    quint64 m_serial = 0;
    int m_pending = 0;
    bool m_eager = false;
};

} // namespace pb
