// SPDX-License-Identifier: MIT
// Which directories of the Files tree are open, by path: kept across a rebuilt tree (a search and
// its clearing rebuild the whole tree, and a reset forgets what was expanded).
#pragma once

#include <QStringList>

class QSortFilterProxyModel;
class QTreeView;

namespace strata::ui {

class FileTreeModel;

// The paths of the expanded rows, parents before children.
QStringList expandedPaths(const QTreeView *tree);
// Expands the rows of `paths` that the model holds (fetching the directories on the way).
void expandPaths(QTreeView *tree, FileTreeModel *model, const QSortFilterProxyModel *proxy, const QStringList &paths);

} // namespace strata::ui
