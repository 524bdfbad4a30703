#pragma once

#include "gui/models/TreeFilter.h"

#include <QSortFilterProxyModel>

namespace pb {

// Thin proxy over the organization tree: sorts by the model's raw SortRole and keeps a row when
// the TreeFilter matches it or any descendant (recursive filtering keeps ancestors visible).
// Over the lazily loaded tree it narrows what is loaded at once, while the window's search
// (OrganizationTreeModel::search) finds what is not.
class OrganizationFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit OrganizationFilterProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    bool isFiltering() const { return !m_filter.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    TreeFilter m_filter;
    QString m_text;
};

} // namespace pb
