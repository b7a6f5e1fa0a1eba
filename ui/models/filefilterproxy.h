// SPDX-License-Identifier: MIT
// Sorts the file tree by its SortRole and filters it by name (substring, or glob with * or ?) and size.
#pragma once

#include "ui/models/filefilter.h"

#include <QSortFilterProxyModel>

namespace strata::ui {

class FileFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileFilterProxy)

public:
    explicit FileFilterProxy(QObject *parent = nullptr);

    // Matched against the path; a glob when it contains * or ?, else a case-insensitive substring.
    void setText(const QString &text);
    // Hides files smaller than `bytes` (directories stay while something beneath them matches).
    void setMinimumSize(qint64 bytes);
    QString text() const { return m_filter.text(); }
    qint64 minimumSize() const { return m_filter.minimumSize(); }
    bool isFiltering() const { return m_filter.isActive(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    FileFilter m_filter;
};

} // namespace strata::ui
