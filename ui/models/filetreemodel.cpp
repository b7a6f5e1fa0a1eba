// SPDX-License-Identifier: MIT
// FileTreeModel: an immutable node tree per mode; rows appear per directory as the view asks.
#include "ui/models/filetreemodel.h"
#include "core/format/sizeformat.h"
#include "ui/models/nodeformat.h"
#include "ui/theme/statusstyle.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace strata::ui {

FileTreeModel::FileTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_shared<FileNode>())
{
    m_root->isDir = true;
}

FileTreeModel::~FileTreeModel() = default;

void FileTreeModel::setLayers(const QList<LayerTocPtr> &layers, const QStringList &createdBy)
{
    m_layers = layers;
    m_createdBy = createdBy;
    m_layer = -1;
    m_single = false;
    rebuild();
}

void FileTreeModel::setMode(int layer, bool single)
{
    m_layer = layer;
    m_single = single && layer >= 0;
    rebuild();
}

void FileTreeModel::clear()
{
    m_layers.clear();
    m_createdBy.clear();
    m_layer = -1;
    m_single = false;
    rebuild();
}

void FileTreeModel::rebuild()
{
    adoptTree(m_layers, m_createdBy, m_layer, m_single, buildFileTree(m_layers, m_layer, m_single));
}

std::shared_ptr<FileNode> FileTreeModel::adoptTree(const QList<LayerTocPtr> &layers, const QStringList &createdBy,
                                                   int layer, bool single, std::shared_ptr<FileNode> root)
{
    beginResetModel();
    ++m_generation;
    m_layers = layers;
    m_createdBy = createdBy;
    m_layer = layer;
    m_single = single && layer >= 0;
    std::shared_ptr<FileNode> old = std::exchange(m_root, std::move(root));
    endResetModel();
    return old;
}

FileNode *FileTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<FileNode *>(index.internalPointer()) : m_root.get();
}

const FileNode *FileTreeModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this ? nodeFor(index) : nullptr;
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeFor(parent)->children[size_t(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    FileNode *p = nodeFor(child)->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const FileNode *n = nodeFor(parent);
    return n->fetched ? int(n->children.size()) : 0;
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FileTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    return !nodeFor(parent)->children.empty();
}

bool FileTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const FileNode *n = nodeFor(parent);
    return !n->fetched && !n->children.empty();
}

void FileTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    FileNode *n = nodeFor(parent);
    if (n->fetchPending)
        return;
    n->fetchPending = true;
    // Rows are inserted from the event loop, not inside fetchMore(): views and QAbstractItemModelTester
    // call fetchMore() while they handle a reset or an insertion, and a nested insertion breaks their
    // bookkeeping. A reset meanwhile (another layer shown) makes the request stale.
    const quint64 generation = m_generation;
    const bool isRoot = !parent.isValid();
    const QPersistentModelIndex p(parent);
    QMetaObject::invokeMethod(
        this,
        [this, generation, isRoot, p] {
            if (generation != m_generation || (!isRoot && !p.isValid()))
                return;
            insertChildren(isRoot ? QModelIndex() : QModelIndex(p));
        },
        Qt::QueuedConnection);
}

void FileTreeModel::insertChildren(const QModelIndex &parent)
{
    FileNode *n = nodeFor(parent);
    n->fetchPending = false;
    if (n->fetched || n->children.empty())
        return;
    beginInsertRows(parent, 0, int(n->children.size()) - 1);
    n->fetched = true;
    endInsertRows();
}

void FileTreeModel::fetchAll(const QModelIndex &parent)
{
    insertChildren(parent);
    for (int r = 0; r < rowCount(parent); ++r) {
        const QModelIndex idx = index(r, 0, parent);
        if (nodeFor(idx)->isDir)
            fetchAll(idx);
    }
}

QModelIndex FileTreeModel::indexForPath(const QString &path)
{
    QModelIndex parent;
    FileNode *n = m_root.get();
    for (const QString &part : path.split(u'/', Qt::SkipEmptyParts)) {
        insertChildren(parent);
        auto it = std::find_if(n->children.begin(), n->children.end(), [&](const auto &c) { return c->name == part; });
        if (it == n->children.end())
            return {};
        n = it->get();
        parent = createIndex(n->row, 0, n);
    }
    return parent;
}

QString FileTreeModel::layerLabel(int layer) const
{
    return layer < 0 ? QString() : tr("layer %1").arg(layer + 1);
}

static QString deletionText(const FileNode *n)
{
    const QString text = n->opaque ? FileTreeModel::tr("deletes earlier contents of %1/").arg(n->deletes)
                                   : FileTreeModel::tr("deletes %1").arg(n->deletes.section(u'/', -1));
    return n->deletedWhat.isEmpty() ? text : FileTreeModel::tr("%1 (%2)").arg(text, n->deletedWhat);
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FileNode *n = nodeFor(index);
    const LayerEntry *e = n->entry;
    const bool deletion = !n->deletes.isEmpty();
    switch (role) {
    case PathRole: return n->path;
    case SizeBytesRole: return n->totalSize;
    case LayerRole: return n->layer;
    case IsDirRole: return n->isDir;
    case DeletesRole: return n->deletes;
    case DeletedWhatRole: return n->deletedWhat;
    default: break;
    }
    const int col = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (col) {
        case NameColumn: return deletion ? deletionText(n) : n->name;
        case TypeColumn:
            if (deletion)
                return n->opaque ? tr("opaque dir") : tr("deletion");
            return e ? entryTypeName(e->type) : u"dir"_s;
        case SizeColumn:
            if (sort)
                return n->totalSize;
            if (deletion || (n->isDir && !n->totalSize))
                return QString();
            return NodeFormat::size(n->totalSize);
        case ModeColumn: return e && !deletion ? e->modeString() : QString();
        case OwnerColumn: return e && !deletion ? u"%1:%2"_s.arg(e->uid).arg(e->gid) : QString();
        case MTimeColumn:
            if (!e || deletion)
                return sort ? QVariant(qint64(0)) : QVariant(QString());
            if (sort)
                return e->mtime;
            return QDateTime::fromSecsSinceEpoch(e->mtime, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
        case LinkColumn: return e ? e->linkTarget : QString();
        case LayerColumn: return sort ? QVariant(n->layer) : QVariant(layerLabel(n->layer));
        default: return {};
        }
    }
    if (role == Qt::DecorationRole && col == NameColumn) {
        if (deletion)
            return StatusStyle::namedIcon(u"status-missing"_s);
        return StatusStyle::namedIcon(n->isDir ? u"open-folder"_s : u"kind-blob"_s);
    }
    if (role == Qt::ToolTipRole) {
        if (deletion)
            return n->deletedWhat.isEmpty()
                       ? tr("Whiteout: this layer deletes %1").arg(n->deletes)
                       : tr("Whiteout: %1 deletes %2: %3").arg(layerLabel(n->layer), n->deletes, n->deletedWhat);
        if (col == LayerColumn && n->layer >= 0 && n->layer < m_createdBy.size())
            return m_createdBy[n->layer];
        if (col == SizeColumn && n->isDir)
            return tr("%1 beneath this directory").arg(format::exactBytes(n->totalSize));
        return n->path;
    }
    if (role == Qt::AccessibleTextRole && col == NameColumn && deletion)
        return deletionText(n);
    if (role == Qt::TextAlignmentRole && col == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case SizeColumn: return tr("Size");
    case ModeColumn: return tr("Mode");
    case OwnerColumn: return tr("UID:GID");
    case MTimeColumn: return tr("Modified");
    case LinkColumn: return tr("Link target");
    case LayerColumn: return tr("Layer");
    default: return {};
    }
}

} // namespace strata::ui
