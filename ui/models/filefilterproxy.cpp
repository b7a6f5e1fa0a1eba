// SPDX-License-Identifier: MIT
#include "filefilterproxy.h"
#include "models/filetreemodel.h"

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
    if (text == m_text)
        return;
    m_text = text;
    m_glob = QRegularExpression();
    if (text.contains(u'*') || text.contains(u'?')) {
        // A glob names the whole path when it has a slash ("usr/*/hello"), else the file name.
        m_glob = QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(text, QRegularExpression::UnanchoredWildcardConversion),
            QRegularExpression::CaseInsensitiveOption);
        m_glob.setPattern(u"^(?:"_s + m_glob.pattern() + u")$"_s);
    }
    invalidateFilter();
}

void FileFilterProxy::setMinimumSize(qint64 bytes)
{
    if (bytes == m_minSize)
        return;
    m_minSize = bytes;
    invalidateFilter();
}

bool FileFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    // Directories match only through their children (recursive filtering), unless the name matches
    // and no size threshold applies.
    const bool isDir = idx.data(FileTreeModel::IsDirRole).toBool();
    if (m_minSize > 0 && (isDir || idx.data(FileTreeModel::SizeBytesRole).toLongLong() < m_minSize))
        return false;
    if (m_text.isEmpty())
        return true;
    const QString path = idx.data(FileTreeModel::PathRole).toString();
    if (m_glob.isValid() && !m_glob.pattern().isEmpty()) {
        const QString subject = m_text.contains(u'/') ? path : path.section(u'/', -1);
        return m_glob.match(subject).hasMatch();
    }
    return path.section(u'/', -1).contains(m_text, Qt::CaseInsensitive) ||
           (m_text.contains(u'/') && path.contains(m_text, Qt::CaseInsensitive));
}

} // namespace strata::ui
