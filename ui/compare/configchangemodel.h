// SPDX-License-Identifier: MIT
// The config fields that differ: field | left | right, the changed cells marked.
#pragma once

#include "core/compare/comparison.h"

#include <QAbstractTableModel>

namespace strata::ui {

class ConfigChangeModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigChangeModel)

public:
    enum Column { FieldColumn, LeftColumn, RightColumn, ColumnCount };
    enum Role { DiffKindRole = Qt::UserRole + 1 };

    explicit ConfigChangeModel(QObject *parent = nullptr);
    void setChanges(const QList<ConfigChange> &changes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QList<ConfigChange> m_changes;
};

} // namespace strata::ui
