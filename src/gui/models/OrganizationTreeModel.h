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
// while the first page is fetched, and a failure leaves an error row (refresh() tries again).
// Groups load a page at a time (pages follow the API's name order, so they append in order):
// the first page is shown at once, and canFetchMore() stays true while pages remain; the view
// asks for the next one when it scrolls to the end, and with background paging (the default)
// the rest follow in idle time.
//
// search() swaps in a second tree: only the objects GET /v1/search finds, each under its
// ancestors. The lazily loaded tree is kept aside (its pages keep arriving) and comes back when
// the search is cleared.
class OrganizationTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind as int
        IdRole,
        AccountIdRole,
        ObjectRole,     // the API object (QJsonObject)
        SortRole,       // raw value for sorting: group order, then lower-cased name
        FilterTextRole, // everything the filter box matches against, lower-cased
    };
    static constexpr int DefaultPageSize = 500;
    static constexpr int DefaultSearchLimit = 200;

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
    // Fetches a group (or the group holding an item) again; while searching, searches again.
    void refresh(const QModelIndex& index);
    // Loads every group (every page of it) as soon as it appears.
    void setEagerLoading(bool eager);
    // Fetches the remaining pages of a group in idle time (default on) rather than only when a
    // view scrolls to its end.
    void setBackgroundPaging(bool on) { m_backgroundPaging = on; }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    bool isIdle() const { return m_pending == 0; }

    // Shows the matches of text (GET /v1/search) with their ancestors instead of the lazily
    // loaded tree; an empty text shows that tree again. Answers that a newer search overtook
    // are dropped.
    void search(const QString& text);
    bool isSearchActive() const { return m_search != nullptr; }
    QString searchText() const { return m_searchText; }
    // The last search found more than the limit; only the first `limit` are shown.
    bool searchHasMore() const { return m_searchMore; }
    void setSearchLimit(int limit) { m_searchLimit = qMax(1, limit); }
    int searchLimit() const { return m_searchLimit; }

    static NodeKind kindOf(const QModelIndex& index);
    // The node behind an index of this model (null for other models' indexes).
    static const TreeNode* nodeAt(const QModelIndex& index);
    QModelIndex findNode(NodeKind kind, const QString& id) const;
    QModelIndex groupIndex(NodeKind groupKind, const QString& accountId = {}) const;
    // Puts a saved object into the tree (updating its row or adding one) without refetching.
    QModelIndex upsert(NodeKind kind, const QString& accountId, const QJsonObject& object);
    void removeNode(NodeKind kind, const QString& id);

signals:
    void idle();
    void loadFailed(const pb::Problem& problem);
    void searchFinished(int matches, bool more);

private:
    TreeNode* shown() const { return m_search ? m_search.get() : m_root.get(); }
    bool isShown(const TreeNode* node) const;
    TreeNode* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const TreeNode* node) const;
    TreeNode* find(TreeNode* from, NodeKind kind, const QString& id) const;
    static TreeNode* findGroup(TreeNode* root, NodeKind groupKind, const QString& accountId);
    void startFetch(TreeNode* group);
    void fetchNextPage(TreeNode* group);
    void fetchPage(NodeKind groupKind, const QString& accountId, quint64 serial, const QString& startAfter);
    void onPage(NodeKind groupKind, const QString& accountId, quint64 serial, bool first, const ApiResponse& response);
    std::unique_ptr<TreeNode> makeItem(NodeKind kind, const QString& accountId, const QJsonObject& object) const;
    void replaceChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children);
    void appendChildren(TreeNode* node, std::vector<std::unique_ptr<TreeNode>> children);
    QModelIndex upsertInto(TreeNode* root, NodeKind kind, const QString& accountId, const QJsonObject& object);
    void removeFrom(TreeNode* root, NodeKind kind, const QString& id);
    void onSearchAnswer(const ApiResponse& response);
    std::unique_ptr<TreeNode> searchTree(const ApiResponse& response, int* matches) const;
    void beginPending();
    void endPending();

    ApiClient* m_api;
    std::unique_ptr<TreeNode> m_root;   // the lazily loaded tree
    std::unique_ptr<TreeNode> m_search; // the search's tree while a search is shown
    QString m_searchText;
    quint64 m_searchSerial = 0;
    bool m_searchMore = false;
    int m_searchLimit = DefaultSearchLimit;
    quint64 m_serial = 0;
    int m_pending = 0;
    int m_pageSize = DefaultPageSize;
    bool m_eager = false;
    bool m_backgroundPaging = true;
};

} // namespace pb
