// SPDX-License-Identifier: MIT
// Files tab: one selection model and mirrored expand/collapse/scroll keep the two trees in step.
#include "ui/compare/comparefilestab.h"
#include "ui/compare/comparesession.h"
#include "ui/compare/filediffmodel.h"
#include "ui/compare/filediffpane.h"
#include "ui/compare/filediffproxy.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

CompareFilesTab::CompareFilesTab(QThreadPool *pool, CompareSession *session, FileDiffModel *model, FileDiffProxy *proxy,
                                 QWidget *parent)
    : QWidget(parent), m_session(session), m_model(model), m_proxy(proxy), m_leftTree(new QTreeView(this)),
      m_rightTree(new QTreeView(this)), m_filePane(new FileDiffPane(pool, this)),
      m_diffOnly(new QCheckBox(tr("&Differences only"), this)),
      m_ignoreTimestamps(new QCheckBox(tr("Ignore &timestamps"), this)),
      m_ignoreMetadata(new QCheckBox(tr("Ignore &metadata-only changes"), this)),
      m_trees(new QSplitter(Qt::Horizontal, this)), m_details(new QSplitter(Qt::Vertical, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *options = new QHBoxLayout;
    options->addWidget(m_diffOnly);
    options->addWidget(m_ignoreTimestamps);
    options->addWidget(m_ignoreMetadata);
    options->addStretch(1);
    layout->addLayout(options);
    connect(m_diffOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setDifferencesOnly(on);
        if (on)
            m_leftTree->expandAll();
    });
    connect(m_ignoreTimestamps, &QCheckBox::toggled, this, &CompareFilesTab::optionsChanged);
    connect(m_ignoreMetadata, &QCheckBox::toggled, this, &CompareFilesTab::optionsChanged);

    m_leftTree->setObjectName(u"leftFiles"_s);
    m_rightTree->setObjectName(u"rightFiles"_s);
    for (QTreeView *t : {m_leftTree, m_rightTree}) {
        t->setModel(m_proxy);
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

    connect(m_leftTree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const ImageGraphPtr graphs[2] = {m_session->graph(0), m_session->graph(1)};
        const QPair<int, int> pair = m_session->currentPair() >= 0
                                         ? m_session->pairing().pairs[m_session->currentPair()]
                                         : QPair<int, int>(-1, -1);
        const int images[2] = {pair.first, pair.second};
        m_filePane->showFile(m_model->node(m_proxy->mapToSource(cur)), graphs, images);
    });

    m_trees->setObjectName(u"compareTreesSplitter"_s);
    m_details->setObjectName(u"compareDetailsSplitter"_s);
    m_trees->addWidget(m_leftTree);
    m_trees->addWidget(m_rightTree);
    m_details->addWidget(m_trees);
    m_details->addWidget(m_filePane);
    m_details->setStretchFactor(0, 3);
    m_details->setStretchFactor(1, 2);
    layout->addWidget(m_details, 1);
}

CompareOptions CompareFilesTab::options() const
{
    CompareOptions o;
    o.ignoreTimestamps = m_ignoreTimestamps->isChecked();
    o.ignoreMetadata = m_ignoreMetadata->isChecked();
    return o;
}

void CompareFilesTab::showComparison(bool listingChanged)
{
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
}

bool CompareFilesTab::selectFile(const QString &path)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->indexForPath(path));
    if (!idx.isValid())
        return false;
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_leftTree->expand(p);
    m_leftTree->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_leftTree->scrollTo(idx);
    return true;
}

void CompareFilesTab::showFirstDifference()
{
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
