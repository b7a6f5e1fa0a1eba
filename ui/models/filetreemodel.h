// SPDX-License-Identifier: MIT
// The files of an image: the merged filesystem after layer N, or one layer's own entries.
#pragma once

#include "layers/layertoc.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace strata::ui {

struct FileNode
{
    QString name;
    QString path;             // full path in the image
    FileNode *parent = nullptr;
    int row = 0;              // cached index in the parent's children
    const LayerEntry *entry = nullptr; // null for directories only implied by deeper paths
    int layer = -1;           // the layer that last touched it (merged) or the shown layer
    bool isDir = false;
    bool fetched = false;     // children inserted into the model
    bool fetchPending = false; // fetchMore() asked; the rows come from the event loop
    QString deletes;          // whiteout / opaque marker: the path it deletes
    bool opaque = false;
    qint64 totalSize = 0;     // own size, plus everything beneath for directories
    std::vector<std::unique_ptr<FileNode>> children; // sorted by name
};

// Directories are parents; their rows are inserted per directory on demand (canFetchMore/fetchMore).
// The whole node tree is built in setLayers()/setMode() from TOCs that a worker listed; only the
// insertion of rows is lazy, so a huge directory costs nothing until the user opens it.
class FileTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTreeModel)

public:
    enum Column { NameColumn, TypeColumn, SizeColumn, ModeColumn, OwnerColumn, MTimeColumn, LinkColumn,
                  LayerColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, PathRole, SizeBytesRole, LayerRole, IsDirRole, DeletesRole };

    explicit FileTreeModel(QObject *parent = nullptr);
    ~FileTreeModel() override;

    // Layers in layer order (null where a layer could not be listed); createdBy per layer for tooltips.
    void setLayers(const QList<LayerTocPtr> &layers, const QStringList &createdBy = {});
    // single false: merged after layer `layer` (-1: all layers); true: that layer's own entries.
    void setMode(int layer, bool single);
    void clear();

    const QList<LayerTocPtr> &layers() const { return m_layers; }
    int modeLayer() const { return m_layer; }
    bool isSingleLayer() const { return m_single; }
    const FileNode *nodeAt(const QModelIndex &index) const;
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

    static QString modeString(const LayerEntry &e);

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
    std::unique_ptr<FileNode> m_root;
};

} // namespace strata::ui
