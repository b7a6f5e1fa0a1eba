// SPDX-License-Identifier: MIT
// Compare window: CompareSession loads and compares; the models and views here only display.
#include "comparewindow.h"
#include "comparesession.h"
#include "comparestyle.h"
#include "configchangemodel.h"
#include "copyactions.h"
#include "filediffmodel.h"
#include "filediffpane.h"
#include "filediffproxy.h"
#include "layerpairmodel.h"
#include "report/comparereport.h"
#include "theme/statusstyle.h"
#include "views/messagebar.h"
#include "views/progresspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectItems);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    v->setWordWrap(false);
    v->setAlternatingRowColors(true);
    return v;
}

} // namespace

CompareWindow::CompareWindow(QThreadPool *pool, QWidget *parent)
    : QMainWindow(parent), m_pool(pool), m_session(new CompareSession(pool, this)),
      m_layerModel(new LayerPairModel(this)), m_configModel(new ConfigChangeModel(this)),
      m_fileModel(new FileDiffModel(this)), m_fileProxy(new FileDiffProxy(this)), m_messageBar(new MessageBar(this)),
      m_progress(new ProgressPanel(this)), m_platform(new QComboBox(this)), m_unpaired(new QLabel(this)),
      m_summary(new QLabel(this)), m_tabs(new QTabWidget(this))
{
    setObjectName(u"compareWindow"_s);
    setWindowTitle(tr("Compare — Strata"));
    m_fileProxy->setSourceModel(m_fileModel);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->addWidget(m_messageBar);

    auto *sources = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        m_sourceEdits[side] = new QLineEdit(this);
        m_sourceEdits[side]->setPlaceholderText(side == 0 ? tr("Left: file, folder or reference")
                                                          : tr("Right: file, folder or reference"));
        auto *browseButton = new QToolButton(this);
        browseButton->setIcon(StatusStyle::namedIcon(u"open-file"_s));
        browseButton->setToolTip(side == 0 ? tr("Choose the left source") : tr("Choose the right source"));
        connect(browseButton, &QToolButton::clicked, this, [this, side] { browse(side); });
        connect(m_sourceEdits[side], &QLineEdit::returnPressed, this,
                [this] { compare(m_sourceEdits[0]->text(), m_sourceEdits[1]->text()); });
        sources->addWidget(m_sourceEdits[side], 1);
        sources->addWidget(browseButton);
        if (side == 0)
            sources->addWidget(new QLabel(u"⇄"_s, this));
    }
    auto *go = new QPushButton(tr("Compare"), this);
    connect(go, &QPushButton::clicked, this, [this] { compare(m_sourceEdits[0]->text(), m_sourceEdits[1]->text()); });
    sources->addWidget(go);
    layout->addLayout(sources);

    auto *platformRow = new QHBoxLayout;
    platformRow->addWidget(new QLabel(tr("Platform:"), this));
    platformRow->addWidget(m_platform);
    platformRow->addWidget(m_unpaired, 1);
    m_platform->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout->addLayout(platformRow);
    connect(m_platform, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updatingPlatforms && i >= 0 && i != m_session->currentPair())
            m_session->selectPair(i);
    });

    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(u"compareSummary"_s);
    layout->addWidget(m_summary);

    m_layerView = makeTable(m_layerModel, this);
    m_configView = makeTable(m_configModel, this);
    // Left and right share the width; the middle column fits its text.
    for (QTableView *t : {m_layerView, m_configView}) {
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        t->horizontalHeader()->setSectionResizeMode(0, t == m_layerView ? QHeaderView::Stretch
                                                                        : QHeaderView::ResizeToContents);
    }
    m_layerView->horizontalHeader()->setSectionResizeMode(LayerPairModel::StatusColumn, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_layerView, tr("&Layers"));
    m_tabs->addTab(m_configView, tr("C&onfig"));
    m_tabs->addTab(createFilesTab(), tr("&Files"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_progress, 1);

    createMenus();
    connect(m_progress, &ProgressPanel::cancelRequested, m_session, &CompareSession::cancel);
    connect(m_session, &CompareSession::started, this, [this](const QString &what) {
        m_messageBar->hide();
        m_progress->start(what);
        m_exportMd->setEnabled(false);
        m_exportHtml->setEnabled(false);
    });
    connect(m_session, &CompareSession::progress, m_progress, &ProgressPanel::setProgress);
    connect(m_session, &CompareSession::opened, this, [this] {
        const ImagePairing &p = m_session->pairing();
        m_updatingPlatforms = true;
        m_platform->clear();
        for (const auto &pair : p.pairs)
            m_platform->addItem(m_session->graph(0)->images[pair.first].platform.toString());
        m_updatingPlatforms = false;
        m_platform->setEnabled(p.pairs.size() > 1);
        QStringList only;
        for (int i : p.unpairedLeft)
            only << tr("%1 only on the left").arg(m_session->graph(0)->images[i].platform.toString());
        for (int i : p.unpairedRight)
            only << tr("%1 only on the right").arg(m_session->graph(1)->images[i].platform.toString());
        m_unpaired->setText(only.join(u"; "_s));
    });
    connect(m_session, &CompareSession::compared, this, &CompareWindow::onCompared);
    connect(m_session, &CompareSession::failed, this, [this](const Error &e) {
        m_progress->finish();
        if (e.code == ErrorCode::Canceled)
            statusBar()->showMessage(tr("Comparison cancelled."), 8000);
        else
            m_messageBar->showError(e.toString());
    });
    connect(m_session, &CompareSession::settled, this, &CompareWindow::settled);
    m_summary->setText(tr("Choose two sources to compare: files, folders or references, in any combination."));
    resize(1280, 800);
}

CompareWindow::~CompareWindow() = default;

QWidget *CompareWindow::createFilesTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *options = new QHBoxLayout;
    m_diffOnly = new QCheckBox(tr("&Differences only"), page);
    m_ignoreTimestamps = new QCheckBox(tr("Ignore &timestamps"), page);
    m_ignoreMetadata = new QCheckBox(tr("Ignore &metadata-only changes"), page);
    options->addWidget(m_diffOnly);
    options->addWidget(m_ignoreTimestamps);
    options->addWidget(m_ignoreMetadata);
    options->addStretch(1);
    layout->addLayout(options);
    connect(m_diffOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_fileProxy->setDifferencesOnly(on);
        if (on)
            m_leftTree->expandAll();
    });
    connect(m_ignoreTimestamps, &QCheckBox::toggled, this, &CompareWindow::updateOptions);
    connect(m_ignoreMetadata, &QCheckBox::toggled, this, &CompareWindow::updateOptions);

    m_leftTree = new QTreeView(page);
    m_rightTree = new QTreeView(page);
    m_leftTree->setObjectName(u"leftFiles"_s);
    m_rightTree->setObjectName(u"rightFiles"_s);
    for (QTreeView *t : {m_leftTree, m_rightTree}) {
        t->setModel(m_fileProxy);
        t->setUniformRowHeights(true);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->header()->setStretchLastSection(true);
    }
    // One selection model for both: selecting (and the current row) in one is selecting in the other.
    m_rightTree->setSelectionModel(m_leftTree->selectionModel());
    for (int c : {FileDiffModel::StatusColumn, FileDiffModel::RightNameColumn, FileDiffModel::RightInfoColumn})
        m_leftTree->setColumnHidden(c, true);
    for (int c : {FileDiffModel::LeftNameColumn, FileDiffModel::LeftInfoColumn})
        m_rightTree->setColumnHidden(c, true);
    m_rightTree->setTreePosition(FileDiffModel::RightNameColumn);
    m_rightTree->header()->moveSection(m_rightTree->header()->visualIndex(FileDiffModel::RightNameColumn), 0);
    const auto follow = [](QTreeView *from, QTreeView *to) {
        connect(from, &QTreeView::expanded, to, [to](const QModelIndex &i) { to->expand(i); });
        connect(from, &QTreeView::collapsed, to, [to](const QModelIndex &i) { to->collapse(i); });
        connect(from->verticalScrollBar(), &QScrollBar::valueChanged, to->verticalScrollBar(), &QScrollBar::setValue);
    };
    follow(m_leftTree, m_rightTree);
    follow(m_rightTree, m_leftTree);

    m_filePane = new FileDiffPane(m_pool, page);
    connect(m_leftTree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const ImageGraphPtr graphs[2] = {m_session->graph(0), m_session->graph(1)};
        const QPair<int, int> pair = m_session->currentPair() >= 0
                                         ? m_session->pairing().pairs[m_session->currentPair()]
                                         : QPair<int, int>(-1, -1);
        const int images[2] = {pair.first, pair.second};
        m_filePane->showFile(m_fileModel->node(m_fileProxy->mapToSource(cur)), graphs, images);
    });

    auto *trees = new QSplitter(Qt::Horizontal, page);
    trees->addWidget(m_leftTree);
    trees->addWidget(m_rightTree);
    auto *vertical = new QSplitter(Qt::Vertical, page);
    vertical->addWidget(trees);
    vertical->addWidget(m_filePane);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical, 1);
    return page;
}

void CompareWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(StatusStyle::namedIcon(u"open-file"_s), tr("Choose &Left…"), this, [this] { browse(0); });
    file->addAction(StatusStyle::namedIcon(u"open-file"_s), tr("Choose &Right…"), this, [this] { browse(1); });
    QMenu *exportMenu = file->addMenu(tr("&Export"));
    m_exportMd = exportMenu->addAction(tr("&Markdown Report…"), this, [this] { exportDialog(false); });
    m_exportHtml = exportMenu->addAction(tr("&HTML Report…"), this, [this] { exportDialog(true); });
    m_exportMd->setEnabled(false);
    m_exportHtml->setEnabled(false);
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *copy = edit->addAction(StatusStyle::namedIcon(u"copy"_s), tr("&Copy"), this, &CompareWindow::copyCurrent);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_C));
    // Only from the tables and trees: Ctrl+C in a text field or the diff copies their own selection.
    copy->setShortcutContext(Qt::WidgetShortcut);
    for (QWidget *w : std::initializer_list<QWidget *>{m_layerView, m_configView, m_leftTree, m_rightTree})
        w->addAction(copy);

    QMenu *job = menuBar()->addMenu(tr("&Compare"));
    QAction *cancel = job->addAction(tr("&Cancel"), m_session, &CompareSession::cancel);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
}

void CompareWindow::setSources(const QString &left, const QString &right)
{
    m_sourceEdits[0]->setText(left);
    m_sourceEdits[1]->setText(right);
}

void CompareWindow::compare(const QString &left, const QString &right)
{
    setSources(left, right);
    if (left.trimmed().isEmpty() || right.trimmed().isEmpty()) {
        m_messageBar->showError(tr("Choose both sources to compare."));
        return;
    }
    m_layerModel->clear();
    m_configModel->setChanges({});
    m_fileModel->clear();
    m_filePane->clear();
    m_summary->setText(tr("Comparing…"));
    setWindowTitle(tr("%1 ⇄ %2 — Strata").arg(QFileInfo(left).fileName(), QFileInfo(right).fileName()));
    m_session->open(left.trimmed(), right.trimmed());
}

void CompareWindow::browse(int side)
{
    const QString file = QFileDialog::getOpenFileName(this, side == 0 ? tr("Left Image") : tr("Right Image"),
                                                      QFileInfo(m_sourceEdits[side]->text()).path(),
                                                      tr("Image archives (*.tar *.tar.gz *.tgz *.oci);;All files (*)"));
    if (file.isEmpty())
        return;
    m_sourceEdits[side]->setText(file);
    if (!m_sourceEdits[1 - side]->text().isEmpty())
        compare(m_sourceEdits[0]->text(), m_sourceEdits[1]->text());
}

void CompareWindow::onCompared(bool listingChanged)
{
    m_progress->finish();
    const ImageComparison &c = m_session->comparison();
    const QPair<int, int> pair = m_session->pairing().pairs[m_session->currentPair()];
    m_layerModel->setComparison(m_session->graph(0), pair.first, m_session->graph(1), pair.second, c.layers);
    m_configModel->setChanges(c.config);
    if (listingChanged) {
        m_fileModel->setLayers(m_session->listing(0)->layers, m_session->listing(1)->layers);
    }
    m_fileModel->setChanges(c.files);
    if (listingChanged) {
        // Fixed widths, not resizeColumnToContents: that measures only the expanded rows.
        const QFontMetrics fm(font());
        const int name = fm.horizontalAdvance(u"libcrypto.so.3-0123456789"_s) + 80;
        m_leftTree->header()->resizeSection(FileDiffModel::LeftNameColumn, name);
        m_rightTree->header()->resizeSection(FileDiffModel::RightNameColumn, name);
        m_rightTree->header()->resizeSection(FileDiffModel::StatusColumn,
                                             fm.horizontalAdvance(u"99 changes below"_s) + 40);
    }
    if (m_diffOnly->isChecked())
        m_leftTree->expandAll();
    updateSummary();
    m_exportMd->setEnabled(true);
    m_exportHtml->setEnabled(true);
}

void CompareWindow::updateSummary()
{
    if (!m_session->hasComparison())
        return;
    const ImageComparison &c = m_session->comparison();
    const QPalette pal = palette();
    const auto coloured = [&pal](DiffKind k, const QString &text) {
        return u"<span style='color:%1'>%2</span>"_s.arg(CompareStyle::color(k, pal).name(), text.toHtmlEscaped());
    };
    const QString v = report::verdict(c);
    const DiffKind vk = c.identical ? DiffKind::Same : c.sameContent ? DiffKind::Metadata : DiffKind::Changed;
    const qint64 delta = c.rightSize - c.leftSize;
    const QLocale loc;
    const QString sizeText = tr("%1 → %2 (%3%4)")
                                 .arg(loc.formattedDataSize(c.leftSize), loc.formattedDataSize(c.rightSize),
                                      delta >= 0 ? u"+"_s : u"−"_s, loc.formattedDataSize(qAbs(delta)));
    int fileCounts[4] = {0, 0, 0, 0};
    for (const FileChange &f : c.files)
        ++fileCounts[int(f.status)];
    const QString html =
        u"<p style='font-size:large'><b>"_s + coloured(vk, v.left(1).toUpper() + v.mid(1)) + u"</b></p><p>"_s +
        tr("Layers: %1 shared, %2, %3, %4. Stored size %5.")
            .arg(c.count(LayerPair::Status::Shared))
            .arg(coloured(DiffKind::Changed, tr("%1 changed").arg(c.count(LayerPair::Status::Changed))),
                 coloured(DiffKind::Added, tr("%1 added").arg(c.count(LayerPair::Status::Added))),
                 coloured(DiffKind::Removed, tr("%1 removed").arg(c.count(LayerPair::Status::Removed))),
                 sizeText.toHtmlEscaped()) +
        u"<br>"_s + tr("Config: %n field(s) differ. ", nullptr, int(c.config.size())) +
        tr("Files: %1, %2, %3, %4.")
            .arg(coloured(DiffKind::Added, tr("%1 added").arg(fileCounts[int(FileChange::Status::Added)])),
                 coloured(DiffKind::Removed, tr("%1 removed").arg(fileCounts[int(FileChange::Status::Removed)])),
                 coloured(DiffKind::Changed, tr("%1 modified").arg(fileCounts[int(FileChange::Status::Modified)])),
                 coloured(DiffKind::Metadata,
                          tr("%1 metadata only").arg(fileCounts[int(FileChange::Status::Metadata)]))) +
        u"</p>"_s;
    m_summary->setText(html);
    m_tabs->setTabText(LayersTab, tr("&Layers (%1)").arg(c.layers.size()));
    m_tabs->setTabText(ConfigTab, tr("C&onfig (%1)").arg(c.config.size()));
    m_tabs->setTabText(FilesTab, tr("&Files (%1)").arg(c.files.size()));
}

QString CompareWindow::summaryText() const
{
    return m_summary->text();
}

void CompareWindow::updateOptions()
{
    CompareOptions o;
    o.ignoreTimestamps = m_ignoreTimestamps->isChecked();
    o.ignoreMetadata = m_ignoreMetadata->isChecked();
    m_session->setOptions(o);
}

void CompareWindow::copyCurrent()
{
    QString text;
    QWidget *focus = QApplication::focusWidget();
    if (focus == m_layerView) {
        const QModelIndex cur = m_layerView->currentIndex();
        const int id = cur.data(LayerPairModel::NodeIdRole).toInt();
        if (const ImageGraphPtr g = m_layerModel->graphFor(cur.column()); g && cur.isValid() && id >= 0) {
            if (auto item = CopyActions::primary(CopyActions::forNode(*g, id)))
                text = item->text;
        }
    } else if (focus == m_configView) {
        text = m_configView->currentIndex().data().toString();
    } else if (focus == m_leftTree || focus == m_rightTree) {
        text = m_leftTree->currentIndex().data(FileDiffModel::PathRole).toString();
    }
    if (text.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to copy here."), 5000);
        return;
    }
    QApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Copied %1").arg(text), 5000);
}

bool CompareWindow::exportReport(const QString &file, bool html)
{
    if (!m_session->hasComparison())
        return false;
    const report::CompareSides s{m_session->graph(0).get(), m_session->listing(0).get(), m_session->graph(1).get(),
                                 m_session->listing(1).get()};
    const QString text = html ? report::comparisonToHtml(s, m_session->comparison())
                              : report::comparisonToMarkdown(s, m_session->comparison());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit()) {
        m_messageBar->showError(tr("Cannot write %1: %2").arg(file, out.errorString()));
        return false;
    }
    return true;
}

void CompareWindow::exportDialog(bool html)
{
    const QString file = QFileDialog::getSaveFileName(
        this, html ? tr("Export HTML Report") : tr("Export Markdown Report"),
        html ? u"comparison.html"_s : u"comparison.md"_s, html ? tr("HTML (*.html)") : tr("Markdown (*.md)"));
    if (!file.isEmpty() && exportReport(file, html))
        statusBar()->showMessage(tr("Report written to %1").arg(file), 8000);
}

bool CompareWindow::selectFile(const QString &path)
{
    const QModelIndex idx = m_fileProxy->mapFromSource(m_fileModel->indexForPath(path));
    if (!idx.isValid())
        return false;
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_leftTree->expand(p);
    m_leftTree->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_leftTree->scrollTo(idx);
    return true;
}

void CompareWindow::showFirstDifference()
{
    m_tabs->setCurrentIndex(FilesTab);
    m_diffOnly->setChecked(true);
    m_leftTree->expandAll();
    if (!m_session->hasComparison())
        return;
    // A modified file shows a line diff; else the first change of any kind.
    const QList<FileChange> &files = m_session->comparison().files;
    for (const FileChange &f : files) {
        if (f.status == FileChange::Status::Modified && selectFile(f.path))
            return;
    }
    if (!files.isEmpty())
        selectFile(files.first().path);
}

} // namespace strata::ui
