// SPDX-License-Identifier: MIT
// The union of two merged filesystems as one tree, each path marked added/removed/modified/metadata.
// One tree shows it: path | left type · size | change | right type · size.
#pragma once

#include "core/compare/comparison.h"

#include <QAbstractItemModel>
#include <optional>

namespace strata::ui {

class FileDiffModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDiffModel)

public:
    enum Column { PathColumn, LeftColumn, ChangeColumn, RightColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, DiffKindRole, ChangesBelowRole };

    struct Side
    {
        std::optional<LayerEntry> entry; // absent on this side
        int layer = -1;                  // the layer that last touched the path
    };
    struct FileNode
    {
        QString name;
        QString path;
        int parent = -1;
        int row = 0;
        QList<int> children;
        Side sides[2];
        bool present[2] = {false, false}; // the path or something below it exists on that side
        bool changed = false;             // listed in the comparison
        FileChange change;
        int changesBelow = 0;
    };

    explicit FileDiffModel(QObject *parent = nullptr);

    // Builds the tree from both images' layers (reset). Statuses come from setChanges().
    void setLayers(const QList<LayerTocPtr> &left, const QList<LayerTocPtr> &right);
    // Marks paths from a comparison; the tree keeps its shape (dataChanged, no reset).
    void setChanges(const QList<FileChange> &files);
    void clear();

    const FileNode *node(const QModelIndex &index) const;
    QModelIndex indexForPath(const QString &path, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString describe(const LayerEntry &e);

private:
    int ensureNode(const QString &path);
    void emitChanged(int nodeIndex);

    QList<FileNode> m_nodes; // m_nodes[0] is the invisible root
    QHash<QString, int> m_byPath;
};

} // namespace strata::ui
