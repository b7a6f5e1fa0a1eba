// SPDX-License-Identifier: MIT
#include "ui/views/taghistoryview.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

TagHistoryView::TagHistoryView(QWidget *parent)
    : QWidget(parent), m_model(new TagHistoryModel(this)), m_note(new QLabel(this)), m_status(new QLabel(this)),
      m_tree(new QTreeView(this)), m_open(new QPushButton(tr("&Open"), this)),
      m_compare(new QPushButton(tr("Compare with &Current"), this)),
      m_copy(new QPushButton(tr("Copy &Pinned Reference"), this))
{
    setObjectName(u"tagHistoryView"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_note->setObjectName(u"tagHistoryOrderNote"_s);
    m_note->setWordWrap(true);
    m_note->setText(tr("Newest first, %1.").arg(QString::fromLatin1(TagHistoryOrderNote)));
    m_note->setVisible(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setVisible(false);
    layout->addWidget(m_note);
    layout->addWidget(m_status);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setAccessibleName(tr("Tag history"));
    layout->addWidget(m_tree, 1);
    auto *buttons = new QHBoxLayout;
    m_open->setToolTip(tr("Open this digest in the window"));
    m_compare->setToolTip(tr("Compare this digest with the one the tag points to now"));
    m_copy->setToolTip(tr("Copy REPOSITORY@sha256:…, the reference that always names this digest"));
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_copy);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_open, &QPushButton::clicked, this, &TagHistoryView::openCurrent);
    connect(m_compare, &QPushButton::clicked, this, &TagHistoryView::compareCurrent);
    connect(m_copy, &QPushButton::clicked, this, &TagHistoryView::copyCurrent);
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &i) {
        if (!i.data(TagHistoryModel::OpenSourceRole).toString().isEmpty())
            openCurrent();
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &TagHistoryView::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &TagHistoryView::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TagHistoryView::updateButtons);
    updateButtons();
}

void TagHistoryView::setLoading(const QString &subject)
{
    m_model->clearHistory();
    m_status->setText(tr("Reading the tag history of %1…").arg(subject));
    m_status->setVisible(true);
    updateButtons();
}

void TagHistoryView::setMessage(const QString &text)
{
    m_model->clearHistory();
    m_note->setVisible(false);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    updateButtons();
}

void TagHistoryView::setHistory(const TagHistoryData &data)
{
    m_model->setHistory(data);
    m_note->setVisible(data.storage);
    QStringList lines = data.problems;
    if (m_model->rowCount() == 0 && data.problems.isEmpty())
        lines << (data.storage ? tr("This storage holds no tags.")
                               : tr("Strata has not recorded any reference of this source yet (Verify ▸ Record Tag "
                                    "History is off, or it names its images only by digest)."));
    m_status->setText(lines.join(u'\n'));
    m_status->setVisible(!lines.isEmpty());
    m_tree->expandAll();
    m_tree->header()->resizeSections(QHeaderView::ResizeToContents);
    updateButtons();
}

bool TagHistoryView::select(const QString &reference, const QString &digest)
{
    const QModelIndex i = digest.isEmpty() ? m_model->findReference(reference) : m_model->findDigest(digest, reference);
    if (!i.isValid())
        return false;
    m_tree->setCurrentIndex(i);
    m_tree->scrollTo(i);
    return true;
}

QModelIndex TagHistoryView::currentEntry() const
{
    const QModelIndex i = m_tree->currentIndex();
    if (!i.isValid() ||
        TagHistoryModel::RowKind(i.data(TagHistoryModel::RowKindRole).toInt()) == TagHistoryModel::RowKind::Group)
        return {};
    return i.siblingAtColumn(0);
}

void TagHistoryView::updateButtons()
{
    const QModelIndex e = currentEntry();
    const QString why = e.data(TagHistoryModel::WhyNotOpenRole).toString();
    const bool canOpen = !e.data(TagHistoryModel::OpenSourceRole).toString().isEmpty();
    const bool canCompare = canOpen && !e.data(TagHistoryModel::CurrentSourceRole).toString().isEmpty();
    m_open->setEnabled(canOpen);
    m_compare->setEnabled(canCompare);
    m_copy->setEnabled(e.isValid());
    m_compare->setToolTip(canCompare || why.isEmpty() ? tr("Compare this digest with the one the tag points to now")
                                                      : why);
    m_open->setToolTip(canOpen || why.isEmpty() ? tr("Open this digest in the window") : why);
}

void TagHistoryView::openCurrent()
{
    const QString source = currentEntry().data(TagHistoryModel::OpenSourceRole).toString();
    if (!source.isEmpty())
        Q_EMIT openRequested(source);
}

void TagHistoryView::compareCurrent()
{
    const QModelIndex e = currentEntry();
    const QString left = e.data(TagHistoryModel::OpenSourceRole).toString();
    const QString right = e.data(TagHistoryModel::CurrentSourceRole).toString();
    if (!left.isEmpty() && !right.isEmpty())
        Q_EMIT compareRequested(left, right);
}

void TagHistoryView::copyCurrent()
{
    const QString pinned = currentEntry().data(TagHistoryModel::PinnedRole).toString();
    if (pinned.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(pinned);
    Q_EMIT statusMessage(tr("Copied pinned reference: %1").arg(pinned));
}

void TagHistoryView::showContextMenu(const QPoint &pos)
{
    if (!m_tree->indexAt(pos).isValid())
        return;
    m_tree->setCurrentIndex(m_tree->indexAt(pos));
    if (!currentEntry().isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_open->text(), this, &TagHistoryView::openCurrent)->setEnabled(m_open->isEnabled());
    menu.addAction(m_compare->text(), this, &TagHistoryView::compareCurrent)->setEnabled(m_compare->isEnabled());
    menu.addAction(m_copy->text(), this, &TagHistoryView::copyCurrent);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace strata::ui
