// SPDX-License-Identifier: MIT
// The files of an image: the merged filesystem after layer N, or one layer's own entries.
#pragma once

#include "ui/models/filetreebuilder.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace strata::ui {

// Directories are parents; their rows are inserted per directory on demand (canFetchMore/fetchMore),
// so a huge directory costs nothing until the user opens it. The node tree comes whole: built here
// by setLayers()/setMode() (small images, tests), or by a worker with buildFileTree() and handed over
// with adoptTree(), which is what the Files page does so a 100,000-file tree never stalls the GUI.
class FileTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTreeModel)

public:
    enum Column {
        NameColumn,
        TypeColumn,
        SizeColumn,
        ModeColumn,
        OwnerColumn,
        MTimeColumn,
        LinkColumn,
        LayerColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,
        PathRole,
        SizeBytesRole,
        LayerRole,
        IsDirRole,
        DeletesRole,
        DeletedWhatRole
    };

    explicit FileTreeModel(QObject *parent = nullptr);
    ~FileTreeModel() override;

    // Layers in layer order (null where a layer could not be listed); createdBy per layer for tooltips.
    void setLayers(const QList<LayerTocPtr> &layers, const QStringList &createdBy = {});
    // single false: merged after layer `layer` (-1: all layers); true: that layer's own entries.
    void setMode(int layer, bool single);
    // Shows a tree built by buildFileTree(layers, layer, single) elsewhere. Returns the previous
    // tree, so the caller can free a big one off the GUI thread.
    std::shared_ptr<FileNode> adoptTree(const QList<LayerTocPtr> &layers, const QStringList &createdBy, int layer,
                                        bool single, std::shared_ptr<FileNode> root);
    void clear();

    const QList<LayerTocPtr> &layers() const { return m_layers; }
    int modeLayer() const { return m_layer; }
    bool isSingleLayer() const { return m_single; }
    const FileNode *nodeAt(const QModelIndex &index) const;
    const FileNode *rootNode() const { return m_root.get(); }
    // Both insert the rows they need at once (fetchMore() inserts from the event loop).
    QModelIndex indexForPath(const QString &path); // fetches the directories on the way
    void fetchAll(const QModelIndex &parent = {});

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();
    void insertChildren(const QModelIndex &parent);
    FileNode *ensurePath(const QString &path);
    FileNode *nodeFor(const QModelIndex &index) const;
    QString layerLabel(int layer) const;

    QList<LayerTocPtr> m_layers;
    QStringList m_createdBy;
    int m_layer = -1;
    bool m_single = false;
    quint64 m_generation = 0; // bumped by every reset; drops pending insertions
    std::shared_ptr<FileNode> m_root;
};

} // namespace strata::ui
