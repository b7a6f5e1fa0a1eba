// SPDX-License-Identifier: MIT
// The layers of two images side by side: left digest | status | right digest.
#pragma once

#include "core/compare/comparison.h"

#include <QAbstractTableModel>

namespace strata::ui {

class LayerPairModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerPairModel)

public:
    enum Column { LeftColumn, StatusColumn, RightColumn, ColumnCount };
    // CommandRole: the Dockerfile line that made the layer (its history step), empty when the config has none.
    enum Role { NodeIdRole = Qt::UserRole + 1, DigestRole, DiffKindRole, SideRole, CommandRole };

    explicit LayerPairModel(QObject *parent = nullptr);

    void setComparison(ImageGraphPtr left, int leftImage, ImageGraphPtr right, int rightImage,
                       const QList<LayerPair> &pairs);
    void clear();
    // The graph a column's NodeIdRole refers to (the left one for the status column).
    ImageGraphPtr graphFor(int column) const { return column == RightColumn ? m_graphs[1] : m_graphs[0]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    int nodeId(int row, int side) const;

    ImageGraphPtr m_graphs[2];
    int m_images[2] = {-1, -1};
    QList<LayerPair> m_pairs;
};

} // namespace strata::ui
