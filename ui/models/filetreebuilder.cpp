// SPDX-License-Identifier: MIT
#include "ui/models/filetreebuilder.h"
#include "core/layers/mergedtree.h"

#include "core/format/sizeformat.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

class Builder
{
public:
    explicit Builder(FileNode *root) : m_root(root) {}

    FileNode *ensure(const QString &path)
    {
        if (path.isEmpty())
            return m_root;
        if (FileNode *n = m_byPath.value(path))
            return n;
        const qsizetype slash = path.lastIndexOf(u'/');
        FileNode *parent = ensure(slash < 0 ? QString() : path.left(slash));
        parent->isDir = true;
        auto node = std::make_unique<FileNode>();
        node->name = slash < 0 ? path : path.mid(slash + 1);
        node->path = path;
        node->parent = parent;
        node->isDir = true; // until an entry says otherwise
        FileNode *raw = node.get();
        parent->children.push_back(std::move(node));
        m_byPath.insert(path, raw);
        return raw;
    }

    FileNode *place(const LayerEntry &e, int layer)
    {
        FileNode *n = ensure(e.path);
        n->entry = &e;
        n->layer = layer;
        n->isDir = e.type == EntryType::Directory;
        if (e.type == EntryType::Whiteout || e.type == EntryType::Opaque) {
            n->deletes = e.deletedPath();
            n->opaque = e.type == EntryType::Opaque;
        }
        return n;
    }

private:
    FileNode *m_root;
    QHash<QString, FileNode *> m_byPath;
};

// Names sorted, rows cached, directory sizes summed bottom-up. Iterative: a hostile layer can nest
// paths deeper than the stack would like.
void finish(FileNode *root)
{
    std::vector<std::pair<FileNode *, size_t>> stack{{root, 0}};
    std::sort(root->children.begin(), root->children.end(),
              [](const auto &a, const auto &b) { return a->name < b->name; });
    while (!stack.empty()) {
        auto &[node, next] = stack.back();
        if (next < node->children.size()) {
            FileNode *child = node->children[next].get();
            child->row = int(next++);
            std::sort(child->children.begin(), child->children.end(),
                      [](const auto &a, const auto &b) { return a->name < b->name; });
            stack.emplace_back(child, 0);
            continue;
        }
        qint64 total = (node->entry && node->entry->type == EntryType::File) ? node->entry->size : 0;
        int descendants = 0;
        for (const auto &c : node->children) {
            total += c->totalSize;
            descendants += 1 + c->descendants;
        }
        node->totalSize = total;
        node->descendants = descendants;
        stack.pop_back();
    }
}

// Keeps the nodes the filter accepts and the directories leading to them; rows and counts follow.
// Sizes stay those of the whole tree: a directory's size is what it holds, not what matched.
void prune(FileNode *root, const FileFilter &filter)
{
    std::vector<std::pair<FileNode *, size_t>> stack{{root, 0}};
    while (!stack.empty()) {
        auto &[node, next] = stack.back();
        if (next < node->children.size()) {
            FileNode *child = node->children[next++].get();
            stack.emplace_back(child, 0);
            continue;
        }
        auto &kids = node->children;
        kids.erase(std::remove_if(kids.begin(), kids.end(),
                                  [&](const std::unique_ptr<FileNode> &c) {
                                      const bool file = c->entry && c->entry->type == EntryType::File;
                                      return c->children.empty() &&
                                             !filter.accepts(c->path, c->isDir, file ? c->entry->size : 0);
                                  }),
                   kids.end());
        int descendants = 0;
        for (size_t i = 0; i < kids.size(); ++i) {
            kids[i]->row = int(i);
            descendants += 1 + kids[i]->descendants;
        }
        node->descendants = descendants;
        stack.pop_back();
    }
}

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("FileTreeModel", text, nullptr, n);
}

// "file, 12 B, from layer 1"; "directory and 3 paths beneath, from layer 2"; "nothing earlier layers made".
QString deletedWhat(const MergedTree &merged, const MergedDeletion &d, bool opaque)
{
    if (opaque)
        return tr("%n path(s) from earlier layers", d.removed);
    if (d.deleted.layer < 0)
        return tr("nothing earlier layers made");
    const LayerEntry &e = merged.entry(d.deleted);
    QString what = entryTypeName(e.type);
    if (e.type == EntryType::File)
        what += u", "_s + format::sizeText(e.size, 0);
    if (d.removed > 1)
        what += tr(" and %n path(s) beneath", d.removed - 1);
    return what + tr(", from layer %1").arg(d.deleted.layer + 1);
}

} // namespace

std::shared_ptr<FileNode> buildFileTree(const QList<LayerTocPtr> &layers, int layer, bool single,
                                        const FileFilter &filter, bool deletions)
{
    auto root = std::make_shared<FileNode>();
    root->isDir = true;
    Builder b(root.get());
    if (single) {
        if (layer >= 0 && layer < layers.size() && layers[layer]) {
            for (const LayerEntry &e : layers[layer]->entries)
                b.place(e, layer);
        }
    } else if (!layers.isEmpty()) {
        const MergedTree merged = MergedTree::build(layers, layer);
        for (auto it = merged.entries().cbegin(); it != merged.entries().cend(); ++it)
            b.place(layers[it->layer]->entries[it->entryIndex], it->layer);
        if (deletions) {
            for (const MergedDeletion &d : merged.deletions()) {
                FileNode *n = b.place(layers[d.layer]->entries[d.entryIndex], d.layer);
                n->deletedWhat = deletedWhat(merged, d, n->opaque);
            }
        }
    }
    finish(root.get());
    if (filter.isActive())
        prune(root.get(), filter);
    return root;
}

} // namespace strata::ui
