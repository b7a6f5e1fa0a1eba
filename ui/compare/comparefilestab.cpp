// SPDX-License-Identifier: MIT
// Files tab: one tree, both sides' columns in it, so rows cannot drift apart.
#include "ui/compare/comparefilestab.h"
#include "ui/compare/comparesession.h"
#include "ui/compare/filediffmodel.h"
#include "ui/compare/filediffpane.h"
#include "ui/compare/filediffproxy.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

CompareFilesTab::CompareFilesTab(QThreadPool *pool, CompareSession *session, FileDiffModel *model, FileDiffProxy *proxy,
                                 QWidget *parent)
    : QWidget(parent), m_session(session), m_model(model), m_proxy(proxy), m_tree(new QTreeView(this)),
      m_filePane(new FileDiffPane(pool, this)), m_diffOnly(new QCheckBox(tr("&Differences only"), this)),
      m_ignoreTimestamps(new QCheckBox(tr("Ignore &timestamps"), this)),
      m_ignoreMetadata(new QCheckBox(tr("Ignore &metadata-only changes"), this)),
      m_details(new QSplitter(Qt::Vertical, this))
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
            m_tree->expandAll();
    });
    connect(m_ignoreTimestamps, &QCheckBox::toggled, this, &CompareFilesTab::optionsChanged);
    connect(m_ignoreMetadata, &QCheckBox::toggled, this, &CompareFilesTab::optionsChanged);

    m_tree->setObjectName(u"compareFiles"_s);
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &cur) {
        const ImageGraphPtr graphs[2] = {m_session->graph(0), m_session->graph(1)};
        const QPair<int, int> pair = m_session->currentPair() >= 0
                                         ? m_session->pairing().pairs[m_session->currentPair()]
                                         : QPair<int, int>(-1, -1);
        const int images[2] = {pair.first, pair.second};
        m_filePane->showFile(m_model->node(m_proxy->mapToSource(cur)), graphs, images);
    });

    m_details->setObjectName(u"compareDetailsSplitter"_s);
    m_details->addWidget(m_tree);
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
        const int info = fm.horizontalAdvance(u"file · 999.9 KB · 0755"_s) + 24;
        QHeaderView *h = m_tree->header();
        h->resizeSection(FileDiffModel::PathColumn, fm.horizontalAdvance(u"libcrypto.so.3-0123456789"_s) + 80);
        h->resizeSection(FileDiffModel::LeftColumn, info);
        h->resizeSection(FileDiffModel::ChangeColumn, fm.horizontalAdvance(u"99 changes below"_s) + 40);
        h->resizeSection(FileDiffModel::RightColumn, info);
    }
    if (m_diffOnly->isChecked())
        m_tree->expandAll();
}

bool CompareFilesTab::selectFile(const QString &path)
{
    const QModelIndex idx = m_proxy->mapFromSource(m_model->indexForPath(path));
    if (!idx.isValid())
        return false;
    for (QModelIndex p = idx.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(idx);
    return true;
}

void CompareFilesTab::showFirstDifference()
{
    m_diffOnly->setChecked(true);
    m_tree->expandAll();
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
