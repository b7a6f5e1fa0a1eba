// SPDX-License-Identifier: MIT
#include "ui/models/filefilter.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

FileFilter::FileFilter(const QString &text, qint64 minimumSize) : m_text(text), m_minSize(minimumSize)
{
    if (text.contains(u'*') || text.contains(u'?')) {
        m_glob = QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(text, QRegularExpression::UnanchoredWildcardConversion),
            QRegularExpression::CaseInsensitiveOption);
        m_glob.setPattern(u"^(?:"_s + m_glob.pattern() + u")$"_s);
    }
}

bool FileFilter::accepts(const QString &path, bool isDir, qint64 size) const
{
    if (!isActive())
        return true;
    if (m_minSize > 0 && (isDir || size < m_minSize))
        return false;
    if (m_text.isEmpty())
        return true;
    if (m_glob.isValid() && !m_glob.pattern().isEmpty()) {
        const QString subject = m_text.contains(u'/') ? path : path.section(u'/', -1);
        return m_glob.match(subject).hasMatch();
    }
    return path.section(u'/', -1).contains(m_text, Qt::CaseInsensitive) ||
           (m_text.contains(u'/') && path.contains(m_text, Qt::CaseInsensitive));
}

} // namespace strata::ui
