// SPDX-License-Identifier: MIT
// What the Files search box and size threshold keep: a path substring, or a glob with * or ?, and a
// minimum file size. Pure, so a worker can apply it while building a tree.
#pragma once

#include <QRegularExpression>
#include <QString>

namespace strata::ui {

class FileFilter
{
public:
    FileFilter() = default;
    // A glob names the whole path when it has a slash ("usr/*/hello"), else the file name; plain text
    // is a case-insensitive substring of the name (of the path when it has a slash).
    FileFilter(const QString &text, qint64 minimumSize);

    bool isActive() const { return !m_text.isEmpty() || m_minSize > 0; }
    QString text() const { return m_text; }
    qint64 minimumSize() const { return m_minSize; }
    // Directories never pass a size threshold (they stay when something beneath them passes).
    bool accepts(const QString &path, bool isDir, qint64 size) const;

    bool operator==(const FileFilter &o) const { return m_text == o.m_text && m_minSize == o.m_minSize; }

private:
    QString m_text;
    QRegularExpression m_glob;
    qint64 m_minSize = 0;
};

} // namespace strata::ui
