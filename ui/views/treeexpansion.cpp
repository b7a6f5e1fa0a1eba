// SPDX-License-Identifier: MIT
#include "ui/views/treeexpansion.h"
#include "ui/models/filetreemodel.h"

#include <QSortFilterProxyModel>
#include <QTreeView>

namespace strata::ui {

namespace {
void collect(const QTreeView *tree, const QModelIndex &parent, QStringList *out)
{
    const QAbstractItemModel *m = tree->model();
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex idx = m->index(r, 0, parent);
        if (!tree->isExpanded(idx))
            continue;
        *out << idx.data(FileTreeModel::PathRole).toString();
        collect(tree, idx, out);
    }
}
} // namespace

QStringList expandedPaths(const QTreeView *tree)
{
    QStringList out;
    if (tree->model())
        collect(tree, {}, &out);
    return out;
}

void expandPaths(QTreeView *tree, FileTreeModel *model, const QSortFilterProxyModel *proxy, const QStringList &paths)
{
    for (const QString &path : paths) {
        const QModelIndex index = proxy->mapFromSource(model->indexForPath(path));
        if (index.isValid())
            tree->expand(index);
    }
}

} // namespace strata::ui
