// SPDX-License-Identifier: MIT
// Compare window: CompareSession loads and compares; the models and views here only display.
#include "ui/compare/comparewindow.h"
#include "core/report/comparereport.h"
#include "ui/compare/comparefilestab.h"
#include "ui/compare/comparesession.h"
#include "ui/compare/comparesourcebar.h"
#include "ui/compare/comparesummary.h"
#include "ui/compare/configchangemodel.h"
#include "ui/compare/filediffmodel.h"
#include "ui/compare/filediffpane.h"
#include "ui/compare/filediffproxy.h"
#include "ui/compare/layerpairmodel.h"
#include "ui/copyactions.h"
#include "ui/logging.h"
#include "ui/settings.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/messagebar.h"
#include "ui/views/progresspanel.h"

#include "ui/dialogs/filedialogs.h"
#include "ui/windowgeometry.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSaveFile>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
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
      m_progress(new ProgressPanel(this)), m_sourceBar(new CompareSourceBar(this)), m_summary(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_filesTab(new CompareFilesTab(pool, m_session, m_fileModel, m_fileProxy, this))
{
    setObjectName(u"compareWindow"_s);
    setWindowTitle(tr("Compare — Strata"));
    m_fileProxy->setSourceModel(m_fileModel);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->addWidget(m_messageBar);

    layout->addWidget(m_sourceBar);
    connect(m_sourceBar, &CompareSourceBar::compareRequested, this, &CompareWindow::compare);
    connect(m_sourceBar, &CompareSourceBar::pairChosen, this, [this](int i) {
        if (i != m_session->currentPair())
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
    m_tabs->addTab(m_filesTab, tr("F&iles"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_progress, 1);

    createMenus();
    connectSession();
    m_summary->setText(tr("Choose two sources to compare: files, folders or references, in any combination."));
    WindowGeometry::applyFirstRun(this, QSize(1280, 800));
}

CompareWindow::~CompareWindow() = default;

QTreeView *CompareWindow::filesTree() const
{
    return m_filesTab->tree();
}
FileDiffPane *CompareWindow::filePane() const
{
    return m_filesTab->filePane();
}
QCheckBox *CompareWindow::differencesOnlyBox() const
{
    return m_filesTab->differencesOnlyBox();
}
QCheckBox *CompareWindow::ignoreTimestampsBox() const
{
    return m_filesTab->ignoreTimestampsBox();
}
QCheckBox *CompareWindow::ignoreMetadataBox() const
{
    return m_filesTab->ignoreMetadataBox();
}

void CompareWindow::connectSession()
{
    connect(m_filesTab, &CompareFilesTab::optionsChanged, this,
            [this] { m_session->setOptions(m_filesTab->options()); });
    connect(m_progress, &ProgressPanel::cancelRequested, m_session, &CompareSession::cancel);
    connect(m_session, &CompareSession::started, this, [this](const QString &what) {
        m_messageBar->hide();
        m_progress->start(what);
        m_exportMd->setEnabled(false);
        m_exportHtml->setEnabled(false);
    });
    connect(m_session, &CompareSession::progress, m_progress, &ProgressPanel::setProgress);
    connect(m_session, &CompareSession::opened, this,
            [this] { m_sourceBar->showPairing(m_session->pairing(), *m_session->graph(0), *m_session->graph(1)); });
    connect(m_session, &CompareSession::compared, this, &CompareWindow::onCompared);
    connect(m_session, &CompareSession::failed, this, [this](const Error &e) {
        m_progress->finish();
        if (e.code == ErrorCode::Canceled)
            statusBar()->showMessage(tr("Comparison cancelled."), 8000);
        else
            m_messageBar->showError(e.toString());
    });
    connect(m_session, &CompareSession::settled, this, &CompareWindow::settled);
}

void CompareWindow::restoreWindowState()
{
    if (!m_persistent)
        return;
    if (const QByteArray g = Settings::compareGeometry(); !g.isEmpty() && restoreGeometry(g))
        WindowGeometry::clampToScreen(this);
    if (const QByteArray s = Settings::compareDetailsSplitter(); !s.isEmpty())
        m_filesTab->detailsSplitter()->restoreState(s);
}

void CompareWindow::saveWindowState() const
{
    if (!m_persistent)
        return;
    Settings::setCompareGeometry(saveGeometry());
    Settings::setCompareDetailsSplitter(m_filesTab->detailsSplitter()->saveState());
}

void CompareWindow::closeEvent(QCloseEvent *event)
{
    // Cancel first: the application waits for its pool before exiting.
    m_session->cancel();
    saveWindowState();
    event->accept();
}

void CompareWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(StatusStyle::namedIcon(u"open-file"_s), tr("Choose &Left…"), this,
                    [this] { m_sourceBar->browse(0); });
    file->addAction(StatusStyle::namedIcon(u"open-file"_s), tr("Choose &Right…"), this,
                    [this] { m_sourceBar->browse(1); });
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
    for (QWidget *w : std::initializer_list<QWidget *>{m_layerView, m_configView, filesTree()})
        w->addAction(copy);

    QMenu *job = menuBar()->addMenu(tr("&Compare"));
    QAction *cancel = job->addAction(tr("&Cancel"), m_session, &CompareSession::cancel);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
}

void CompareWindow::setSources(const QString &left, const QString &right)
{
    m_sourceBar->setSources(left, right);
}

void CompareWindow::compare(const QString &left, const QString &right)
{
    qCDebug(lcWindow) << "compare" << left << right;
    setSources(left, right);
    if (left.trimmed().isEmpty() || right.trimmed().isEmpty()) {
        m_messageBar->showError(tr("Choose both sources to compare."));
        return;
    }
    m_layerModel->clear();
    m_configModel->setChanges({});
    m_fileModel->clear();
    filePane()->clear();
    m_summary->setText(tr("Comparing…"));
    setWindowTitle(tr("%1 ⇄ %2 — Strata").arg(QFileInfo(left).fileName(), QFileInfo(right).fileName()));
    m_session->open(left.trimmed(), right.trimmed());
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
    m_filesTab->showComparison(listingChanged);
    updateSummary();
    m_exportMd->setEnabled(true);
    m_exportHtml->setEnabled(true);
}

void CompareWindow::updateSummary()
{
    if (!m_session->hasComparison())
        return;
    const ImageComparison &c = m_session->comparison();
    m_summary->setText(CompareSummary::html(c, palette()));
    m_tabs->setTabText(LayersTab, tr("&Layers (%1)").arg(c.layers.size()));
    m_tabs->setTabText(ConfigTab, tr("C&onfig (%1)").arg(c.config.size()));
    m_tabs->setTabText(FilesTab, tr("F&iles (%1)").arg(c.files.size()));
}

QString CompareWindow::summaryText() const
{
    return m_summary->text();
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
    } else if (focus == filesTree()) {
        text = filesTree()->currentIndex().data(FileDiffModel::PathRole).toString();
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
    const QString file = FileDialogs::saveFile(
        this, FileDialogs::Export, html ? tr("Export HTML Report") : tr("Export Markdown Report"),
        html ? u"comparison.html"_s : u"comparison.md"_s, html ? tr("HTML (*.html)") : tr("Markdown (*.md)"));
    if (!file.isEmpty() && exportReport(file, html))
        statusBar()->showMessage(tr("Report written to %1").arg(file), 8000);
}

bool CompareWindow::selectFile(const QString &path)
{
    return m_filesTab->selectFile(path);
}

void CompareWindow::showFirstDifference()
{
    m_tabs->setCurrentIndex(FilesTab);
    m_filesTab->showFirstDifference();
}

} // namespace strata::ui
