// SPDX-License-Identifier: MIT
// File diff tree over the two merged filesystems.
#include "ui/compare/filediffmodel.h"
#include "core/format/sizeformat.h"
#include "core/layers/mergedtree.h"
#include "ui/compare/comparestyle.h"

#include <QFont>
#include <QGuiApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata::ui {

FileDiffModel::FileDiffModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_nodes.append(FileNode{});
}

void FileDiffModel::clear()
{
    beginResetModel();
    m_nodes = {FileNode{}};
    m_byPath.clear();
    endResetModel();
}

int FileDiffModel::ensureNode(const QString &path)
{
    if (auto it = m_byPath.constFind(path); it != m_byPath.cend())
        return *it;
    const qsizetype slash = path.lastIndexOf(u'/');
    const int parent = slash < 0 ? 0 : ensureNode(path.left(slash));
    FileNode n;
    n.name = slash < 0 ? path : path.mid(slash + 1);
    n.path = path;
    n.parent = parent;
    const int id = int(m_nodes.size());
    m_nodes.append(std::move(n));
    m_nodes[parent].children.append(id);
    m_byPath.insert(path, id);
    return id;
}

void FileDiffModel::setLayers(const QList<LayerTocPtr> &left, const QList<LayerTocPtr> &right)
{
    beginResetModel();
    m_nodes = {FileNode{}};
    m_byPath.clear();
    const QList<LayerTocPtr> *layers[2] = {&left, &right};
    for (int side = 0; side < 2; ++side) {
        const MergedTree tree = MergedTree::build(*layers[side]);
        for (auto it = tree.entries().cbegin(); it != tree.entries().cend(); ++it) {
            if (it.key().isEmpty())
                continue;
            const int id = ensureNode(it.key());
            m_nodes[id].sides[side].entry = tree.entry(it.value());
            m_nodes[id].sides[side].layer = it.value().layer;
            // Layers often omit parent directory entries: a directory with content is not absent.
            for (int p = id; p > 0 && !m_nodes[p].present[side]; p = m_nodes[p].parent)
                m_nodes[p].present[side] = true;
        }
    }
    const auto isDir = [this](int i) {
        const FileNode &n = m_nodes[i];
        for (const Side &s : n.sides) {
            if (s.entry && s.entry->type == EntryType::Directory)
                return true;
        }
        return !n.children.isEmpty();
    };
    // Directories first, then by name, like a file manager.
    for (FileNode &n : m_nodes) {
        std::sort(n.children.begin(), n.children.end(), [this, &isDir](int a, int b) {
            const bool da = isDir(a), db = isDir(b);
            if (da != db)
                return da;
            return m_nodes[a].name < m_nodes[b].name;
        });
        for (int r = 0; r < n.children.size(); ++r)
            m_nodes[n.children[r]].row = r;
    }
    endResetModel();
}

void FileDiffModel::setChanges(const QList<FileChange> &files)
{
    for (FileNode &n : m_nodes) {
        n.changed = false;
        n.change = {};
        n.changesBelow = 0;
    }
    for (const FileChange &f : files) {
        const auto it = m_byPath.constFind(f.path);
        if (it == m_byPath.cend())
            continue;
        m_nodes[*it].changed = true;
        m_nodes[*it].change = f;
        for (int p = m_nodes[*it].parent; p > 0; p = m_nodes[p].parent)
            ++m_nodes[p].changesBelow;
    }
    emitChanged(0);
}

void FileDiffModel::emitChanged(int nodeIndex)
{
    const FileNode &n = m_nodes[nodeIndex];
    if (n.children.isEmpty())
        return;
    const QModelIndex parent = nodeIndex == 0 ? QModelIndex() : createIndex(n.row, 0, quintptr(nodeIndex));
    Q_EMIT dataChanged(index(0, 0, parent), index(int(n.children.size()) - 1, ColumnCount - 1, parent));
    for (int c : n.children)
        emitChanged(c);
}

const FileDiffModel::FileNode *FileDiffModel::node(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return &m_nodes[int(index.internalId())];
}

QModelIndex FileDiffModel::indexForPath(const QString &path, int column) const
{
    const auto it = m_byPath.constFind(path);
    if (it == m_byPath.cend())
        return {};
    return createIndex(m_nodes[*it].row, column, quintptr(*it));
}

QModelIndex FileDiffModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const int p = parent.isValid() ? int(parent.internalId()) : 0;
    return createIndex(row, column, quintptr(m_nodes[p].children[row]));
}

QModelIndex FileDiffModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[int(child.internalId())].parent;
    if (p <= 0)
        return {};
    return createIndex(m_nodes[p].row, 0, quintptr(p));
}

int FileDiffModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(m_nodes[parent.isValid() ? int(parent.internalId()) : 0].children.size());
}

int FileDiffModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString FileDiffModel::describe(const LayerEntry &e)
{
    QString s = entryTypeName(e.type);
    if (e.type == EntryType::File)
        s += u" · "_s + format::sizeText(e.size);
    s += u" · "_s + QString::number(e.mode & 07777, 8).rightJustified(4, u'0');
    if (!e.linkTarget.isEmpty())
        s += u"  → "_s + e.linkTarget;
    return s;
}

QVariant FileDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FileNode &n = m_nodes[int(index.internalId())];
    const DiffKind kind = n.changed ? diffKindOf(n.change.status) : DiffKind::Same;
    const int col = index.column();
    const bool sideColumn = col == LeftColumn || col == RightColumn;
    const int side = col == RightColumn ? 1 : 0;
    const bool absent = sideColumn && !n.present[side];
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case PathColumn: return n.name;
        case LeftColumn:
        case RightColumn:
            if (n.sides[side].entry)
                return describe(*n.sides[side].entry);
            return absent ? tr("absent") : QString();
        case ChangeColumn:
            if (n.changed)
                return CompareStyle::label(kind);
            return n.changesBelow ? tr("%n change(s) below", nullptr, n.changesBelow) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (n.changed)
            return QString(n.path + u"\n"_s + fileStatusName(n.change.status) +
                           (n.change.details.isEmpty() ? QString() : u": "_s + n.change.details.join(u"; "_s)));
        return n.path;
    case Qt::DecorationRole:
        // Every row has a badge (an empty one when unchanged): the tree's uniform row height comes from the first row.
        return col == ChangeColumn ? CompareStyle::icon(kind) : QVariant();
    case Qt::ForegroundRole:
        if (absent)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        if (kind == DiffKind::Same)
            return {};
        return CompareStyle::color(kind, QGuiApplication::palette());
    case Qt::FontRole:
        if (absent) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::AccessibleTextRole:
        return QString(CompareStyle::accessible(kind) + data(index, Qt::DisplayRole).toString());
    case PathRole: return n.path;
    case DiffKindRole: return int(kind);
    case ChangesBelowRole: return n.changesBelow;
    default: return {};
    }
}

QVariant FileDiffModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn: return tr("Path");
    case LeftColumn: return tr("Left (type · size · mode)");
    case ChangeColumn: return tr("Change");
    case RightColumn: return tr("Right (type · size · mode)");
    }
    return {};
}

} // namespace strata::ui
