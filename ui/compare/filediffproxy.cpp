// SPDX-License-Identifier: MIT
// Differences-only filter.
#include "ui/compare/filediffproxy.h"
#include "ui/compare/comparestyle.h"
#include "ui/compare/filediffmodel.h"

namespace strata::ui {

FileDiffProxy::FileDiffProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    // A directory stays when something below it changed, without an own status.
    setRecursiveFilteringEnabled(true);
}

void FileDiffProxy::setDifferencesOnly(bool on)
{
    if (on == m_differencesOnly)
        return;
    m_differencesOnly = on;
    invalidateFilter();
}

bool FileDiffProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_differencesOnly)
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    return idx.data(FileDiffModel::DiffKindRole).toInt() != int(DiffKind::Same);
}

} // namespace strata::ui
