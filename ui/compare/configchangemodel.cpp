// SPDX-License-Identifier: MIT
// Config changes table.
#include "ui/compare/configchangemodel.h"
#include "ui/compare/comparestyle.h"

#include <QFont>
#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace strata::ui {

ConfigChangeModel::ConfigChangeModel(QObject *parent) : QAbstractTableModel(parent) {}

void ConfigChangeModel::setChanges(const QList<ConfigChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

int ConfigChangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int ConfigChangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ConfigChange &c = m_changes[index.row()];
    // The row's kind: a field only on the right was added, only on the left removed.
    const DiffKind rowKind = c.leftMissing ? DiffKind::Added : c.rightMissing ? DiffKind::Removed : DiffKind::Changed;
    const bool missing = index.column() == LeftColumn ? c.leftMissing : c.rightMissing;
    const DiffKind cellKind = index.column() == FieldColumn ? DiffKind::Same
                              : missing                     ? DiffKind::Same
                              : index.column() == LeftColumn
                                  ? (rowKind == DiffKind::Removed ? DiffKind::Removed : DiffKind::Changed)
                                  : (rowKind == DiffKind::Added ? DiffKind::Added : DiffKind::Changed);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FieldColumn: return c.field;
        case LeftColumn: return c.leftMissing ? tr("(absent)") : c.left;
        case RightColumn: return c.rightMissing ? tr("(absent)") : c.right;
        }
        return {};
    case Qt::DecorationRole: return index.column() == FieldColumn ? CompareStyle::icon(rowKind) : QVariant();
    case Qt::BackgroundRole:
        return cellKind == DiffKind::Same ? QVariant()
                                          : QVariant(CompareStyle::background(cellKind, QGuiApplication::palette()));
    case Qt::ForegroundRole:
        if (missing && index.column() != FieldColumn)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (missing && index.column() != FieldColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::AccessibleTextRole:
        return QString((index.column() == FieldColumn ? CompareStyle::accessible(rowKind) : QString()) +
                       data(index, Qt::DisplayRole).toString());
    case DiffKindRole: return int(rowKind);
    default: return {};
    }
}

QVariant ConfigChangeModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn: return tr("Field");
    case LeftColumn: return tr("Left");
    case RightColumn: return tr("Right");
    }
    return {};
}

} // namespace strata::ui
