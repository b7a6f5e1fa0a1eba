// SPDX-License-Identifier: MIT
#include "ui/models/filefilterproxy.h"
#include "ui/models/filetreemodel.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

FileFilterProxy::FileFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(FileTreeModel::SortRole);
    setRecursiveFilteringEnabled(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FileFilterProxy::setText(const QString &text)
{
    if (text == m_filter.text())
        return;
    m_filter = FileFilter(text, m_filter.minimumSize());
    invalidateFilter();
}

void FileFilterProxy::setMinimumSize(qint64 bytes)
{
    if (bytes == m_filter.minimumSize())
        return;
    m_filter = FileFilter(m_filter.text(), bytes);
    invalidateFilter();
}

bool FileFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_filter.isActive())
        return true;
    // Directories match only through their children (recursive filtering), unless the name matches
    // and no size threshold applies.
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    return m_filter.accepts(idx.data(FileTreeModel::PathRole).toString(), idx.data(FileTreeModel::IsDirRole).toBool(),
                            idx.data(FileTreeModel::SizeBytesRole).toLongLong());
}

} // namespace strata::ui
