// SPDX-License-Identifier: MIT
// The Files view of the open image: a layer selector, the file tree with search and size filter, and
// beside it where the selected path came from, the image's efficiency and the file's content.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/layers/efficiency.h"
#include "core/layers/layertoc.h"
#include "core/model/imagegraph.h"
#include "core/verify/verifier.h"
#include "ui/models/filefilter.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QThreadPool;
class QTreeView;

namespace strata::ui {

class BackgroundJob;
class EfficiencyPanel;
class FileFilterProxy;
class FilePreview;
class FileTreeActions;
class FileTreeModel;
class ImageChooser;
struct FileNode;
class PathHistoryView;
class ProgressPanel;

struct ListingOutcome
{
    QList<LayerTocPtr> layers;
    Error error;
    bool ok = false;
};

class FilesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilesPage)

public:
    // Listing jobs run on `pool`, which must outlive them.
    explicit FilesPage(QThreadPool *pool, QWidget *parent = nullptr);
    ~FilesPage() override;

    // A new source: forgets the listing (ensureListed() or setReport() brings a new one) and shows
    // its first runnable image.
    void setGraph(const ImageGraphPtr &graph);
    // Shows another image of the source (an index into ImageGraph::images): takes the last
    // verification's TOCs when they cover it, else waits for ensureListed(). A listing of the image
    // shown before is dropped.
    void showImage(int imageIndex);
    // Takes the TOCs if the verification listed the layers (VerifyOptions::listLayers).
    void setReport(const std::shared_ptr<const VerifyReport> &report);
    // Starts the listing if there is a graph and no listing yet.
    void ensureListed();
    void cancel();
    // Uses these TOCs directly (tests, or a listing obtained elsewhere).
    void setLayers(const QList<LayerTocPtr> &layers);
    void selectPath(const QString &path);
    // Selects "merged after layer" (single false; -1: all layers) or "layer only" in the selector.
    void setMode(int layer, bool single);

    int imageIndex() const { return m_imageIndex; }
    const ImageGraphPtr &graph() const { return m_graph; }
    bool isListing() const;
    bool hasListing() const { return m_listed; }
    FileTreeModel *model() const { return m_model; }
    FileFilterProxy *proxy() const { return m_proxy; }
    QTreeView *treeView() const { return m_tree; }
    QComboBox *layerSelector() const { return m_layerBox; }
    ImageChooser *imageChooser() const { return m_chooser; }
    QCheckBox *deletionsBox() const { return m_deletions; }
    FileTreeActions *treeActions() const { return m_actions; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *thresholdBox() const { return m_threshold; }
    PathHistoryView *historyView() const { return m_history; }
    EfficiencyPanel *efficiencyPanel() const { return m_efficiency; }
    FilePreview *preview() const { return m_preview; }
    QTabWidget *sideTabs() const { return m_tabs; }

Q_SIGNALS:
    // The listing job ended, with a listing or with the reason shown in the page.
    void listed();
    // A tree is shown: the first one (before listed()), or another mode's once a worker built it.
    void treeShown();
    void statusMessage(const QString &message);

private:
    void resetListing();
    bool takeReportListing();
    void startListing(const QList<LayerTocPtr> &given);
    void applyLayers(const QList<LayerTocPtr> &layers, const EfficiencyReport &efficiency,
                     std::shared_ptr<FileNode> tree);
    void requestTree();
    FileFilter currentFilter() const;
    void showTree();
    void dispose(std::shared_ptr<FileNode> tree);
    QStringList createdBy() const;
    void fillLayerSelector();
    void applyMode();
    void applyFilter();
    void showCurrent();
    QList<int> layerNodes() const;

    QThreadPool *m_pool;
    ImageGraphPtr m_graph;
    std::shared_ptr<const VerifyReport> m_report;
    int m_imageIndex = -1;
    bool m_listed = false;
    FileFilter m_shownFilter; // what the shown tree was filtered by
    bool m_shownDeletions = false;
    // The directories open before a search began, reopened when it is cleared.
    QStringList m_expandedBeforeSearch;
    bool m_searchExpansionSaved = false;
    QTimer m_filterDelay;
    static constexpr int MaxExpandedMatches = 5000;
    BackgroundJob *m_listing; // the listing (and efficiency) job
    BackgroundJob *m_treeJob; // every tree asked for restarts it: stale builds are dropped

    FileTreeModel *m_model;
    FileFilterProxy *m_proxy;
    ImageChooser *m_chooser;
    QComboBox *m_layerBox;
    QCheckBox *m_deletions;
    QLineEdit *m_search;
    QComboBox *m_threshold;
    QLabel *m_message;
    ProgressPanel *m_progress;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QTabWidget *m_tabs;
    PathHistoryView *m_history;
    EfficiencyPanel *m_efficiency;
    FilePreview *m_preview;
    FileTreeActions *m_actions;
};

} // namespace strata::ui
