// SPDX-License-Identifier: MIT
#include "ui/models/findingsmodel.h"
#include "core/format/sizeformat.h"
#include "ui/models/nodeformat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata::ui {

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(const QList<WasteFinding> &findings, const QStringList &createdBy)
{
    beginResetModel();
    m_rows.assign(findings.cbegin(), findings.cend());
    m_createdBy = createdBy;
    endResetModel();
}

void FindingsModel::clear()
{
    setFindings({}, {});
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingsModel::reasonText(const WasteFinding &f) const
{
    QString reason = wasteReasonName(f.reason);
    if (f.causedBy >= 0)
        reason += tr(" by layer %1").arg(f.causedBy + 1);
    return reason;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const WasteFinding &f = m_rows[size_t(index.row())];
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case PathColumn: return f.path;
        case ReasonColumn: return reasonText(f);
        case BytesColumn: return NodeFormat::size(f.wastedBytes);
        case LayerColumn: return f.layer >= 0 ? tr("layer %1").arg(f.layer + 1) : QString();
        case CreatedByColumn: return m_createdBy.value(f.layer).simplified();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (col == PathColumn)
            return f.alsoAt.isEmpty() ? f.path : tr("Also at: %1").arg(f.alsoAt.join(u", "_s));
        if (col == CreatedByColumn)
            return m_createdBy.value(f.layer);
        if (col == BytesColumn)
            return format::exactBytes(f.wastedBytes);
        return {};
    case NumberRole:
        if (col == BytesColumn)
            return f.wastedBytes;
        if (col == LayerColumn)
            return f.layer;
        return {};
    case Qt::TextAlignmentRole:
        if (col == BytesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn: return tr("Path");
    case ReasonColumn: return tr("Reason");
    case BytesColumn: return tr("Wasted");
    case LayerColumn: return tr("Layer");
    case CreatedByColumn: return tr("Created by");
    default: return {};
    }
}

void FindingsModel::sort(int column, Qt::SortOrder order)
{
    const auto key = [&](const WasteFinding &a, const WasteFinding &b) {
        switch (column) {
        case BytesColumn: return a.wastedBytes < b.wastedBytes;
        case LayerColumn: return a.layer < b.layer;
        case ReasonColumn: return reasonText(a) < reasonText(b);
        case CreatedByColumn: return m_createdBy.value(a.layer) < m_createdBy.value(b.layer);
        default: return a.path < b.path;
        }
    };
    std::vector<int> order_(m_rows.size());
    for (size_t i = 0; i < order_.size(); ++i)
        order_[i] = int(i);
    std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) {
        return order == Qt::AscendingOrder ? key(m_rows[size_t(a)], m_rows[size_t(b)])
                                           : key(m_rows[size_t(b)], m_rows[size_t(a)]);
    });
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::vector<int> newRow(m_rows.size());
    std::vector<WasteFinding> sorted;
    sorted.reserve(m_rows.size());
    for (size_t i = 0; i < order_.size(); ++i) {
        newRow[size_t(order_[i])] = int(i);
        sorted.push_back(std::move(m_rows[size_t(order_[i])]));
    }
    m_rows = std::move(sorted);
    const QModelIndexList old = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(old.size());
    for (const QModelIndex &i : old)
        moved << index(newRow[size_t(i.row())], i.column());
    changePersistentIndexList(old, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace strata::ui
