// SPDX-License-Identifier: MIT
// Layer pairs table.
#include "ui/compare/layerpairmodel.h"
#include "core/format/sizeformat.h"
#include "core/model/imageconfig.h"
#include "ui/compare/comparestyle.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace strata::ui {

LayerPairModel::LayerPairModel(QObject *parent) : QAbstractTableModel(parent) {}

void LayerPairModel::setComparison(ImageGraphPtr left, int leftImage, ImageGraphPtr right, int rightImage,
                                   const QList<LayerPair> &pairs)
{
    beginResetModel();
    m_graphs[0] = std::move(left);
    m_graphs[1] = std::move(right);
    m_images[0] = leftImage;
    m_images[1] = rightImage;
    m_pairs = pairs;
    endResetModel();
}

void LayerPairModel::clear()
{
    setComparison(nullptr, -1, nullptr, -1, {});
}

int LayerPairModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}

int LayerPairModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int LayerPairModel::nodeId(int row, int side) const
{
    const int layer = side == 0 ? m_pairs[row].left : m_pairs[row].right;
    if (layer < 0 || !m_graphs[side])
        return -1;
    const QList<int> &nodes = m_graphs[side]->images[m_images[side]].layerNodes;
    return layer < nodes.size() ? nodes[layer] : -1;
}

QVariant LayerPairModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LayerPair &p = m_pairs[index.row()];
    const DiffKind kind = diffKindOf(p.status);
    const int col = index.column();
    const int side = col == RightColumn ? 1 : 0;
    const int id = nodeId(index.row(), side);
    const Node *node = id >= 0 ? &m_graphs[side]->nodes[id] : nullptr;
    const int layer = side == 0 ? p.left : p.right;
    const QString command = node ? dockerfileLine(node->createdBy) : QString();
    switch (role) {
    case Qt::DisplayRole: {
        if (col == StatusColumn)
            return p.recompressed ? tr("%1 (recompressed)").arg(layerStatusName(p.status)) : layerStatusName(p.status);
        if (!node)
            return u"—"_s;
        // The command last: the eye compares number, digest and size in columns; the command may be elided.
        const QString head =
            tr("%1  %2  %3")
                .arg(layer + 1)
                .arg(node->digest().shortString(), format::sizeText(qMax<qint64>(0, node->storedSize)));
        return command.isEmpty() ? head : head + u"  "_s + command.simplified();
    }
    case Qt::ToolTipRole: {
        if (col == StatusColumn)
            return p.recompressed ? tr("Same content (diff_id), stored as different blobs") : QVariant();
        if (!node)
            return {};
        const QString ids = tr("layer %1\n%2\ndiff_id %3")
                                .arg(layer + 1)
                                .arg(node->digest().toString(),
                                     node->expectedDiffId ? node->expectedDiffId->toString() : tr("unknown"));
        return command.isEmpty() ? ids : ids + u'\n' + tr("created by: %1").arg(command);
    }
    case Qt::DecorationRole: return col == StatusColumn ? CompareStyle::icon(kind) : QVariant();
    case Qt::ForegroundRole:
        if (kind == DiffKind::Same)
            return {};
        return CompareStyle::color(kind, QGuiApplication::palette());
    case Qt::AccessibleTextRole:
        return QString(CompareStyle::accessible(kind) + data(index, Qt::DisplayRole).toString());
    case NodeIdRole: return col == StatusColumn ? nodeId(index.row(), 0) : id;
    case DigestRole: return node ? node->digest().toString() : QString();
    case DiffKindRole: return int(kind);
    case SideRole: return side;
    case CommandRole: return command;
    default: return {};
    }
}

QVariant LayerPairModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftColumn: return tr("Left layer");
    case StatusColumn: return tr("Status");
    case RightColumn: return tr("Right layer");
    }
    return {};
}

} // namespace strata::ui
