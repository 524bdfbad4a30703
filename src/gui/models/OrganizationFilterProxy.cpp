#include "gui/models/OrganizationFilterProxy.h"

#include "gui/models/OrganizationTreeModel.h"

namespace pb {

OrganizationFilterProxy::OrganizationFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(OrganizationTreeModel::SortRole);
    // The model's sort keys are lower-cased already: an exact compare is enough, and cheaper.
    setSortCaseSensitivity(Qt::CaseSensitive);
    setDynamicSortFilter(true);
}

void OrganizationFilterProxy::setFilterText(const QString& text)
{
    const QString words = text.simplified();
    if (words == m_text)
        return;
    m_text = words;
    m_filter.setText(words);
    invalidateFilter();
}

bool OrganizationFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const TreeNode* node = OrganizationTreeModel::nodeAt(sourceModel()->index(sourceRow, 0, sourceParent));
    if (!node)
        return false;
    // The Organization row always stays: it is the ancestor of everything; an error says why
    // something is missing.
    if (node->kind == NodeKind::Organization || node->kind == NodeKind::Error)
        return true;
    return m_filter.matchesLowered(node->filterText);
}

} // namespace pb
