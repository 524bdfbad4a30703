#include "gui/models/OrganizationFilterProxy.h"

#include "gui/models/OrganizationTreeModel.h"

namespace pb {

OrganizationFilterProxy::OrganizationFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(OrganizationTreeModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void OrganizationFilterProxy::setFilterText(const QString& text)
{
    m_filter.setText(text);
    invalidateFilter();
}

bool OrganizationFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    // The Organization row always stays: it is the ancestor of everything.
    if (OrganizationTreeModel::kindOf(idx) == NodeKind::Organization)
        return true;
    return m_filter.matches(idx.data(OrganizationTreeModel::FilterTextRole).toString());
}

} // namespace pb
