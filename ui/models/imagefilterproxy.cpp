// SPDX-License-Identifier: MIT
// Image tree filtering.
#include "ui/models/imagefilterproxy.h"
#include "ui/models/imagetreemodel.h"

namespace strata::ui {

ImageFilterProxy::ImageFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
    setSortRole(ImageTreeModel::SortRole);
}

void ImageFilterProxy::setText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateRowsFilter();
}

void ImageFilterProxy::setProblemsOnly(bool on)
{
    if (on == m_problemsOnly)
        return;
    m_problemsOnly = on;
    invalidateRowsFilter();
}

int ImageFilterProxy::nodeIdAt(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid())
        return -1;
    return mapToSource(proxyIndex).data(ImageTreeModel::NodeIdRole).toInt();
}

bool ImageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex name = m->index(sourceRow, ImageTreeModel::NameColumn, sourceParent);
    if (m_problemsOnly && !name.data(ImageTreeModel::HasProblemRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    const auto has = [&](const QString &s) { return s.contains(m_text, Qt::CaseInsensitive); };
    // The full digest, so a pasted digest (or any part of it) finds its row.
    return has(name.data().toString()) || has(name.data(ImageTreeModel::DigestRole).toString()) ||
           has(m->index(sourceRow, ImageTreeModel::MediaTypeColumn, sourceParent).data().toString()) ||
           has(m->index(sourceRow, ImageTreeModel::CreatedByColumn, sourceParent).data().toString());
}

} // namespace strata::ui
