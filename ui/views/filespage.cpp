// SPDX-License-Identifier: MIT
// Files page: the listing job (or the TOCs from the last verification), the layer selector and filters.
#include "ui/views/filespage.h"
#include "core/format/sizeformat.h"
#include "core/layers/efficiency.h"
#include "core/verify/imagelisting.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/models/filefilterproxy.h"
#include "ui/models/filetreebuilder.h"
#include "ui/models/filetreemodel.h"
#include "ui/views/efficiencypanel.h"
#include "ui/views/escapeclears.h"
#include "ui/views/filepreview.h"
#include "ui/views/filetreeactions.h"
#include "ui/views/imagechooser.h"
#include "ui/views/pathhistoryview.h"
#include "ui/views/progresspanel.h"
#include "ui/views/treeexpansion.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QThreadPool>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {
struct ListingResult
{
    ListingOutcome listing;
    EfficiencyReport efficiency;
    std::shared_ptr<FileNode> tree; // merged, all layers: the first thing shown
};
} // namespace

FilesPage::FilesPage(QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_pool(pool), m_listing(new BackgroundJob(pool, this)), m_treeJob(new BackgroundJob(pool, this)),
      m_model(new FileTreeModel(this)), m_proxy(new FileFilterProxy(this)), m_chooser(new ImageChooser(this)),
      m_layerBox(new QComboBox(this)), m_deletions(new QCheckBox(tr("Show deletions"), this)),
      m_search(new QLineEdit(this)), m_threshold(new QComboBox(this)), m_message(new QLabel(this)),
      m_progress(new ProgressPanel(this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_tree(new QTreeView(m_splitter)), m_tabs(new QTabWidget(m_splitter)), m_history(new PathHistoryView(m_tabs)),
      m_efficiency(new EfficiencyPanel(m_tabs)), m_preview(new FilePreview(pool, m_tabs)),
      m_actions(new FileTreeActions(m_tree, m_model, m_proxy))
{
    setObjectName(u"filesPage"_s);
    m_tree->setObjectName(u"fileTree"_s);
    m_layerBox->setObjectName(u"layerSelector"_s);
    m_search->setObjectName(u"fileSearch"_s);
    m_threshold->setObjectName(u"sizeThreshold"_s);
    m_deletions->setObjectName(u"showDeletions"_s);
    m_deletions->setToolTip(tr("In the merged view, also list the paths whiteouts deleted: the layer that deleted "
                               "each one and what it deleted"));

    m_proxy->setSourceModel(m_model);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(FileTreeModel::NameColumn, Qt::AscendingOrder);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Files"));
    m_tree->header()->resizeSection(FileTreeModel::NameColumn, 260);
    m_tree->header()->resizeSection(FileTreeModel::TypeColumn, 70);
    m_tree->header()->resizeSection(FileTreeModel::SizeColumn, 80);
    m_tree->header()->resizeSection(FileTreeModel::ModeColumn, 90);
    m_tree->header()->resizeSection(FileTreeModel::OwnerColumn, 70);

    m_layerBox->setAccessibleName(tr("Layers shown"));
    m_layerBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_layerBox->setToolTip(tr("The merged filesystem after a layer, or the entries of one layer only"));
    m_search->setPlaceholderText(tr("Search paths (substring, or a glob with * or ?)"));
    m_search->setClearButtonEnabled(true);
    EscapeClears::install(m_search);
    m_search->setAccessibleName(tr("Search files"));
    m_threshold->addItem(tr("Any size"), qint64(0));
    for (const qint64 bytes :
         {qint64(1000), qint64(100'000), qint64(1'000'000), qint64(10'000'000), qint64(100'000'000)})
        m_threshold->addItem(tr("≥ %1").arg(format::sizeText(bytes, 0)), bytes); // "≥ 1 kB", as the Size column
    m_threshold->setAccessibleName(tr("Minimum file size"));
    m_message->setWordWrap(true);
    m_message->hide();

    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_efficiency, tr("Efficiency"));
    m_tabs->addTab(m_preview, tr("Content"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *row = new QHBoxLayout;
    row->addWidget(m_layerBox);
    row->addWidget(m_search, 1);
    row->addWidget(m_threshold);
    row->addWidget(m_deletions);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_chooser);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_splitter, 1);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(&m_filterDelay, &QTimer::timeout, this, &FilesPage::requestTree);
    connect(m_listing, &BackgroundJob::progress, m_progress, &ProgressPanel::setProgress);
    connect(m_progress, &ProgressPanel::cancelRequested, this, &FilesPage::cancel);
    connect(m_layerBox, &QComboBox::currentIndexChanged, this, &FilesPage::applyMode);
    connect(m_search, &QLineEdit::textChanged, this, &FilesPage::applyFilter);
    connect(m_threshold, &QComboBox::currentIndexChanged, this, &FilesPage::applyFilter);
    connect(m_deletions, &QCheckBox::toggled, this, &FilesPage::requestTree);
    connect(m_chooser, &ImageChooser::imageChosen, this, [this](int image) {
        showImage(image);
        ensureListed(); // the user picked it in the page: it is shown
    });
    connect(m_actions, &FileTreeActions::statusMessage, this, &FilesPage::statusMessage);
    connect(m_actions, &FileTreeActions::historyRequested, this, [this] { m_tabs->setCurrentWidget(m_history); });
    connect(m_actions, &FileTreeActions::saveRequested, this, [this] {
        m_tabs->setCurrentWidget(m_preview);
        m_preview->saveAs();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &FilesPage::showCurrent);
    connect(m_preview, &FilePreview::statusMessage, this, &FilesPage::statusMessage);
}

FilesPage::~FilesPage() = default; // the jobs discard what still runs

bool FilesPage::isListing() const
{
    return m_listing->isRunning();
}

void FilesPage::setGraph(const ImageGraphPtr &graph)
{
    m_graph = graph;
    m_report.reset();
    m_imageIndex = graph ? firstRunnableImage(*graph) : -1;
    m_chooser->setGraph(graph);
    m_chooser->setImage(m_imageIndex);
    m_preview->setGraph(graph);
    resetListing();
}

void FilesPage::resetListing()
{
    m_listing->discard(); // a listing of the image shown before never arrives
    m_progress->finish();
    m_listed = false;
    m_treeJob->discard();
    m_expandedBeforeSearch.clear();
    m_searchExpansionSaved = false;
    dispose(m_model->adoptTree({}, {}, -1, false, std::make_shared<FileNode>()));
    m_layerBox->clear();
    m_history->setLayers({}, {});
    m_efficiency->clear();
    m_preview->clear();
    m_message->hide();
}

void FilesPage::showImage(int imageIndex)
{
    if (!m_graph || imageIndex == m_imageIndex || imageIndex < 0 || imageIndex >= m_graph->images.size())
        return;
    m_imageIndex = imageIndex;
    m_chooser->setImage(imageIndex);
    resetListing();
    takeReportListing();
}

QList<int> FilesPage::layerNodes() const
{
    if (!m_graph || m_imageIndex < 0)
        return {};
    return m_graph->images[m_imageIndex].layerNodes;
}

void FilesPage::setReport(const std::shared_ptr<const VerifyReport> &report)
{
    m_report = report;
    takeReportListing();
}

bool FilesPage::takeReportListing()
{
    if (!m_report || !m_graph || m_listed || m_report->tocs.isEmpty())
        return false;
    QList<LayerTocPtr> layers;
    for (int node : layerNodes()) {
        if (!m_report->tocs.contains(node))
            return false; // not a listing of this image: list it ourselves when shown
        layers << m_report->tocs.value(node);
    }
    setLayers(layers);
    return true;
}

void FilesPage::setLayers(const QList<LayerTocPtr> &layers)
{
    // The efficiency report is computed on the worker like a listing, so a large image never
    // blocks the GUI thread.
    startListing(layers);
}

void FilesPage::ensureListed()
{
    if (m_graph && !m_listed && !m_listing->isRunning())
        startListing({});
}

void FilesPage::cancel()
{
    m_listing->cancel();
}

void FilesPage::startListing(const QList<LayerTocPtr> &given)
{
    m_message->hide();
    m_progress->start(given.isEmpty() ? tr("Listing the layers") : tr("Computing efficiency"));
    const ImageGraphPtr graph = m_graph;
    const int image = m_imageIndex;
    // A listing still running (another image, or another listing) is dropped; its tree is freed off
    // the GUI thread.
    m_listing->start(
        this,
        [graph, image, given](JobContext *job) -> ListingResult {
            ListingResult r;
            if (!given.isEmpty()) {
                r.listing.layers = given;
            } else {
                if (!graph || image < 0) {
                    r.listing.error = Error{ErrorCode::NotFound, u"the source holds no runnable image"_s, {}};
                    return r;
                }
                Result<ImageListing> l = listImage(*graph, image, job);
                if (!l) {
                    r.listing.error = l.error();
                    return r;
                }
                r.listing.layers = l.value().layers;
            }
            if (job->isCanceled()) {
                r.listing.error = Error{ErrorCode::Canceled, u"canceled"_s, {}};
                return r;
            }
            r.efficiency = computeEfficiency(r.listing.layers);
            r.tree = buildFileTree(r.listing.layers, -1, false);
            r.listing.ok = true;
            return r;
        },
        [this](ListingResult r) {
            m_progress->finish();
            if (!r.listing.ok) {
                m_message->setText(r.listing.error.code == ErrorCode::Canceled
                                       ? tr("Listing canceled.")
                                       : tr("Cannot list the layers: %1").arg(r.listing.error.toString()));
                m_message->show();
                Q_EMIT listed();
                return;
            }
            applyLayers(r.listing.layers, r.efficiency, std::move(r.tree));
        });
}

QStringList FilesPage::createdBy() const
{
    QStringList out;
    for (int node : layerNodes())
        out << m_graph->node(node).createdBy;
    return out;
}

void FilesPage::applyLayers(const QList<LayerTocPtr> &layers, const EfficiencyReport &efficiency,
                            std::shared_ptr<FileNode> tree)
{
    m_listed = true;
    const QStringList commands = createdBy();
    m_treeJob->discard();
    m_shownFilter = {};
    m_shownDeletions = false;
    dispose(m_model->adoptTree(layers, commands, -1, false, std::move(tree)));
    m_history->setLayers(layers, commands);
    m_efficiency->setReport(efficiency, commands);
    fillLayerSelector();
    QStringList problems;
    for (int i = 0; i < layers.size(); ++i) {
        if (!layers[i])
            problems << tr("layer %1 could not be listed").arg(i + 1);
        else if (layers[i]->capped)
            problems << tr("layer %1 has too many entries; the listing is cut").arg(i + 1);
        // Hostile or broken entries (names leaving the layer, duplicates, bad whiteouts) are listed
        // by the parser, never followed: say so rather than show a silently shorter tree.
        else if (!layers[i]->problems.isEmpty())
            problems << tr("layer %1: %2")
                            .arg(i + 1)
                            .arg(layers[i]->problems.size() == 1
                                     ? layers[i]->problems.first()
                                     : layers[i]->problems.first() +
                                           tr(" (and %1 more)").arg(layers[i]->problems.size() - 1));
    }
    if (!problems.isEmpty()) {
        m_message->setText(problems.join(u"; "_s));
        m_message->show();
    }
    Q_EMIT listed();
}

void FilesPage::fillLayerSelector()
{
    const QSignalBlocker block(m_layerBox);
    m_layerBox->clear();
    const int n = int(m_model->layers().size());
    m_layerBox->addItem(tr("Merged (all %n layer(s))", nullptr, n), QPoint(-1, 0));
    for (int i = 0; i + 1 < n; ++i)
        m_layerBox->addItem(tr("Merged (after layer %1)").arg(i + 1), QPoint(i, 0));
    for (int i = 0; i < n; ++i)
        m_layerBox->addItem(tr("Layer %1 only").arg(i + 1), QPoint(i, 1));
    const QStringList commands = createdBy();
    for (int i = 0; i < n; ++i) {
        const QString cmd = commands.value(i);
        if (!cmd.isEmpty()) {
            m_layerBox->setItemData(n + i, cmd, Qt::ToolTipRole);
            m_layerBox->setItemData(i == n - 1 ? 0 : i + 1, cmd, Qt::ToolTipRole);
        }
    }
    m_layerBox->setCurrentIndex(0);
    applyMode();
}

void FilesPage::setMode(int layer, bool single)
{
    for (int i = 0; i < m_layerBox->count(); ++i) {
        if (m_layerBox->itemData(i).toPoint() == QPoint(layer, single ? 1 : 0)) {
            m_layerBox->setCurrentIndex(i);
            return;
        }
    }
}

void FilesPage::applyMode()
{
    if (m_layerBox->currentIndex() < 0)
        return;
    m_history->clear();
    m_preview->clear();
    requestTree();
}

void FilesPage::applyFilter()
{
    m_filterDelay.start(); // typing "usr/bin" builds one tree, not seven
}

FileFilter FilesPage::currentFilter() const
{
    return FileFilter(m_search->text().trimmed(), m_threshold->currentData().toLongLong());
}

void FilesPage::requestTree()
{
    if (m_layerBox->currentIndex() < 0)
        return;
    const QPoint mode = m_layerBox->currentData().toPoint();
    const int layer = mode.x();
    const bool single = mode.y() != 0 && layer >= 0;
    const FileFilter filter = currentFilter();
    const bool deletions = m_deletions->isChecked() && !single;
    if (filter.isActive() && !m_shownFilter.isActive() && !m_searchExpansionSaved) {
        m_expandedBeforeSearch = expandedPaths(m_tree);
        m_searchExpansionSaved = true;
    }
    if (layer == m_model->modeLayer() && single == m_model->isSingleLayer() && filter == m_shownFilter &&
        deletions == m_shownDeletions) {
        m_treeJob->discard(); // a build still running is no longer wanted
        showTree();
        return;
    }
    // Trees are built on a worker (the merged tree of 100,000 files, or filtering it, takes a while
    // of CPU); the current one stays until the new one is ready. A build still running is dropped.
    const QList<LayerTocPtr> layers = m_model->layers();
    m_treeJob->start(
        this,
        [layers, layer, single, filter, deletions] { return buildFileTree(layers, layer, single, filter, deletions); },
        [this, layers, layer, single, filter, deletions](std::shared_ptr<FileNode> tree) {
            if (layers != m_model->layers()) {
                dispose(std::move(tree));
                return;
            }
            m_shownFilter = filter;
            m_shownDeletions = deletions;
            dispose(m_model->adoptTree(layers, createdBy(), layer, single, std::move(tree)));
            showTree();
        });
}

void FilesPage::showTree()
{
    m_model->fetchMore({});
    if (m_shownFilter.isActive()) {
        // Matches are shown opened up to a size a view handles at once; past it, directory by directory.
        const int matches = m_model->rootNode()->descendants;
        if (matches <= MaxExpandedMatches) {
            m_model->fetchAll();
            m_tree->expandAll();
        }
        Q_EMIT statusMessage(
            tr("Filter: %n entries shown (matches and the directories holding them)", nullptr, matches) +
            (matches > MaxExpandedMatches ? tr("; open the directories to see them") : QString()));
    } else if (m_searchExpansionSaved) {
        // The search is cleared: the directories the user had open before it are open again.
        expandPaths(m_tree, m_model, m_proxy, m_expandedBeforeSearch);
        m_expandedBeforeSearch.clear();
        m_searchExpansionSaved = false;
    }
    Q_EMIT treeShown();
}

void FilesPage::dispose(std::shared_ptr<FileNode> tree)
{
    // Freeing 100,000 nodes is work too: done off the GUI thread.
    if (tree && !tree->children.empty())
        m_pool->start([tree = std::move(tree)]() mutable { tree.reset(); });
}

void FilesPage::selectPath(const QString &path)
{
    const QModelIndex p = m_proxy->mapFromSource(m_model->indexForPath(path));
    if (!p.isValid())
        return;
    m_tree->scrollTo(p);
    m_tree->setCurrentIndex(p);
}

void FilesPage::showCurrent()
{
    const FileNode *n = m_model->nodeAt(m_proxy->mapToSource(m_tree->currentIndex()));
    if (!n) {
        m_history->clear();
        m_preview->clear();
        return;
    }
    const QString path = n->deletes.isEmpty() ? n->path : n->deletes;
    m_history->showPath(path);
    const QList<int> nodes = layerNodes();
    if (n->entry && n->deletes.isEmpty() && n->layer >= 0 && n->layer < nodes.size())
        m_preview->showFile(nodes[n->layer], *n->entry);
    else
        m_preview->clear();
}

} // namespace strata::ui
