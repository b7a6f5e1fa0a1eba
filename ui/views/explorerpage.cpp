// SPDX-License-Identifier: MIT
// Explorer page: wires the model, proxy, tree, details and clipboard.
#include "ui/views/explorerpage.h"
#include "ui/models/imagefilterproxy.h"
#include "ui/theme/monospacefont.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/detailspane.h"
#include "ui/views/escapeclears.h"
#include "ui/views/summarybar.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QTreeView>

#include <functional>

using namespace Qt::StringLiterals;

namespace strata::ui {

ExplorerPage::ExplorerPage(QWidget *parent)
    : QWidget(parent), m_model(new ImageTreeModel(this)), m_proxy(new ImageFilterProxy(this)),
      m_summary(new SummaryBar(this)), m_filter(new QLineEdit(this)),
      m_problemsOnly(new QCheckBox(tr("Problems only"), this)), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_tree(new QTreeView(m_splitter)), m_details(new DetailsPane(m_splitter)),
      m_copyDigest(new QAction(StatusStyle::namedIcon(u"copy"_s), tr("&Copy Digest"), this))
{
    setObjectName(u"explorerPage"_s);
    m_tree->setObjectName(u"treeView"_s);
    m_filter->setObjectName(u"filterEdit"_s);
    m_problemsOnly->setObjectName(u"problemsOnly"_s);
    m_splitter->setObjectName(u"mainSplitter"_s);

    m_proxy->setSourceModel(m_model);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAccessibleName(tr("Image contents"));
    m_tree->header()->setStretchLastSection(true);
    setInitialColumnWidths();

    m_filter->setPlaceholderText(tr("Filter by name, digest or media type (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    EscapeClears::install(m_filter);
    m_filter->setAccessibleName(tr("Filter"));
    m_problemsOnly->setToolTip(tr("Show only rows that failed or carry a warning, with their parents"));

    m_copyDigest->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_C));
    // Only while the tree has focus: Ctrl+C in the JSON view or a text field copies their selection.
    m_copyDigest->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(m_copyDigest);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_problemsOnly);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({720, 480});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(m_summary);
    layout->addLayout(filterRow);
    layout->addWidget(m_splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ImageFilterProxy::setText);
    connect(m_problemsOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setProblemsOnly(on);
        m_tree->expandAll();
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_tree->expandAll(); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &ExplorerPage::showCurrent);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &ExplorerPage::showContextMenu);
    connect(m_details, &DetailsPane::copyRequested, this, &ExplorerPage::copy);
    connect(m_details, &DetailsPane::nodeLinkActivated, this, &ExplorerPage::selectNode);
    connect(m_details, &DetailsPane::statusMessage, this, &ExplorerPage::statusMessage);
    connect(m_copyDigest, &QAction::triggered, this, [this] {
        if (auto item = CopyActions::primary(currentCopyItems()))
            copy(*item);
        else
            Q_EMIT statusMessage(tr("Nothing to copy: this row has no digest."));
    });
}

void ExplorerPage::setThreadPool(QThreadPool *pool)
{
    m_details->setThreadPool(pool);
}

void ExplorerPage::setInitialColumnWidths()
{
    const QFontMetrics fm(font());
    const QFontMetrics mono(MonospaceFont::font());
    QHeaderView *h = m_tree->header();
    h->resizeSection(ImageTreeModel::NameColumn, fm.horizontalAdvance(u"linux/arm64/v8 (attestation)"_s) + 40);
    h->resizeSection(ImageTreeModel::MediaTypeColumn,
                     fm.horizontalAdvance(u"application/vnd.oci.image.layer.v1.tar+gzip"_s) + 16);
    h->resizeSection(ImageTreeModel::DigestColumn, mono.horizontalAdvance(u"sha256:0123456789ab"_s) + 16);
    h->resizeSection(ImageTreeModel::SizeColumn, fm.horizontalAdvance(u"1,000.0 MB"_s) + 16);
    // The longest status label: a signature row's "Signature not checked" (ui/models/trustrows.h).
    h->resizeSection(ImageTreeModel::StatusColumn, fm.horizontalAdvance(tr("Signature not checked")) + 44);
    h->resizeSection(ImageTreeModel::CreatedByColumn,
                     fm.horizontalAdvance(u"layer 2: add greet.conf, update README"_s) + 16);
    // What a reader scans first comes first; the model keeps its column order (tests, proxies).
    const int visualOrder[] = {ImageTreeModel::NameColumn,      ImageTreeModel::StatusColumn,
                               ImageTreeModel::DigestColumn,    ImageTreeModel::SizeColumn,
                               ImageTreeModel::CreatedByColumn, ImageTreeModel::MediaTypeColumn};
    for (int visual = 0; visual < int(std::size(visualOrder)); ++visual)
        h->moveSection(h->visualIndex(visualOrder[visual]), visual);
}

void ExplorerPage::setGraph(const ImageGraphPtr &graph)
{
    m_verifying = false;
    m_model->setGraph(graph);
    m_details->setTrustReport(nullptr);
    m_details->clear();
    refreshSummary();
    // Small trees open fully; a large multi-platform index stays readable at two levels.
    if (graph && graph->nodes.size() <= 200)
        m_tree->expandAll();
    else
        m_tree->expandToDepth(1);
    // Deep rows (history steps, platform names with tags) must not be cut; a huge name may be.
    m_tree->resizeColumnToContents(ImageTreeModel::NameColumn);
    m_tree->setColumnWidth(ImageTreeModel::NameColumn,
                           qBound(180, m_tree->columnWidth(ImageTreeModel::NameColumn), 380));
    if (m_proxy->rowCount() > 0)
        m_tree->setCurrentIndex(m_proxy->index(0, 0));
}

void ExplorerPage::setVerifying()
{
    m_verifying = true;
    m_model->setChecking();
    refreshSummary();
    showCurrent();
}

void ExplorerPage::setReport(const VerifyReportPtr &report)
{
    m_verifying = false;
    m_model->setReport(report);
    refreshSummary();
    showCurrent();
}

void ExplorerPage::setTrustReport(const TrustReportPtr &report)
{
    m_model->setTrustReport(report);
    m_details->setTrustReport(report);
    refreshSummary();
    showCurrent();
}

void ExplorerPage::clear()
{
    m_model->clear();
    m_details->clear();
    m_summary->clear();
    m_filter->clear();
}

void ExplorerPage::refreshSummary()
{
    if (!m_model->graph()) {
        m_summary->clear();
        return;
    }
    SourceSummary s = SourceSummary::of(*m_model->graph(), m_model->report().get());
    if (const TrustReportPtr &t = m_model->trustReport()) {
        // Who signed, and what the policy podman and skopeo would apply answers for a pull, when there is one.
        QStringList parts;
        if (!t->checks.isEmpty())
            parts << t->summaryLine();
        if (t->policy)
            parts << t->policyLine();
        s.trust = parts.join(u" · "_s);
    }
    m_summary->setSummary(s, m_verifying);
}

void ExplorerPage::expandAll()
{
    m_tree->expandAll();
}

bool ExplorerPage::selectFirstProblem()
{
    // Depth-first in display order over the source model, so a hidden (filtered) row is skipped.
    QModelIndex found;
    std::function<bool(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_model->rowCount(parent); ++r) {
            const QModelIndex idx = m_model->index(r, 0, parent);
            if (isFailure(RowStatus(idx.data(ImageTreeModel::StatusRole).toInt())) &&
                m_proxy->mapFromSource(idx).isValid()) {
                found = idx;
                return true;
            }
            if (visit(idx))
                return true;
        }
        return false;
    };
    if (!visit(QModelIndex()))
        return false;
    const QModelIndex p = m_proxy->mapFromSource(found);
    m_tree->scrollTo(p);
    m_tree->setCurrentIndex(p);
    return true;
}

bool ExplorerPage::selectNode(int nodeId)
{
    const QModelIndex p = m_proxy->mapFromSource(m_model->indexForNode(nodeId));
    if (!p.isValid())
        return false;
    m_tree->scrollTo(p);
    m_tree->setCurrentIndex(p);
    return true;
}

int ExplorerPage::currentNodeId() const
{
    return m_proxy->nodeIdAt(m_tree->currentIndex());
}

QList<CopyItem> ExplorerPage::copyItemsFor(const QModelIndex &proxyIndex) const
{
    const ImageGraphPtr &g = m_model->graph();
    if (!g || !proxyIndex.isValid())
        return {};
    const TreeItem *item = m_model->itemAt(m_proxy->mapToSource(proxyIndex));
    if (!item)
        return {};
    if (item->nodeId < 0)
        return CopyActions::forHistory(*g, item->imageIndex, item->historyIndex);
    return CopyActions::forNode(*g, item->nodeId);
}

QString ExplorerPage::registryTagOf(const QModelIndex &proxyIndex) const
{
    const ImageGraphPtr &g = m_model->graph();
    const TreeItem *item = g && proxyIndex.isValid() ? m_model->itemAt(m_proxy->mapToSource(proxyIndex)) : nullptr;
    // core/sources/registrydirsource.cpp names the format of every registry storage graph so.
    if (!item || item->nodeId <= 0 || !g->format.startsWith(u"registry storage"_s))
        return {};
    // A tag row of the synthesized index names "REPO:TAG" (an untagged manifest "REPO@sha256:…") last.
    const Node &n = g->nodes[item->nodeId];
    if (n.refNames.isEmpty() || n.parent < 0 || g->nodes[n.parent].member != u"index.json")
        return {};
    return n.refNames.constLast();
}

QList<CopyItem> ExplorerPage::currentCopyItems() const
{
    return copyItemsFor(m_tree->currentIndex());
}

void ExplorerPage::copy(const CopyItem &item)
{
    QGuiApplication::clipboard()->setText(item.text);
    const QString shown = item.text.size() > 90 ? item.text.left(88) + u"…"_s : item.text;
    Q_EMIT statusMessage(tr("Copied %1: %2").arg(item.label, QString(shown).replace(u'\n', u' ')));
}

void ExplorerPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ExplorerPage::showCurrent()
{
    const ImageGraphPtr &g = m_model->graph();
    const TreeItem *item = g ? m_model->itemAt(m_proxy->mapToSource(m_tree->currentIndex())) : nullptr;
    if (!item) {
        m_details->clear();
        return;
    }
    if (item->nodeId < 0)
        m_details->showHistory(*g, item->imageIndex, item->historyIndex);
    else
        m_details->showNode(g, item->nodeId, m_model->report().get(), m_model->problemsFor(item->nodeId));
}

void ExplorerPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex idx = m_tree->indexAt(pos);
    const QList<CopyItem> items = copyItemsFor(idx);
    const QString tag = registryTagOf(idx);
    if (items.isEmpty() && tag.isEmpty())
        return;
    QMenu menu(this);
    menu.setTitle(tr("Copy"));
    for (const CopyItem &item : items) {
        QAction *a = menu.addAction(tr("Copy %1").arg(item.label));
        a->setToolTip(item.text);
        connect(a, &QAction::triggered, this, [this, item] { copy(item); });
    }
    if (!tag.isEmpty()) {
        menu.addSeparator();
        const TreeItem *item = m_model->itemAt(m_proxy->mapToSource(idx));
        const QString digest = m_model->graph()->nodes[item->nodeId].digest().toString();
        QAction *a = menu.addAction(tr("Show &Tag History of %1").arg(tag));
        a->setObjectName(u"showTagHistory"_s);
        connect(a, &QAction::triggered, this, [this, tag, digest] { Q_EMIT tagHistoryRequested(tag, digest); });
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace strata::ui
