// SPDX-License-Identifier: MIT
// The Tag History view: per tag every digest it has pointed to (registry storage) or was seen to resolve to (the
// journal), each to open, compare with the current one, or copy as a pinned reference.
#pragma once

#include "ui/models/taghistorymodel.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace strata::ui {

class TagHistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagHistoryView)

public:
    explicit TagHistoryView(QWidget *parent = nullptr);

    // "Reading the tag history of …": the rows go, the buttons are disabled until setHistory().
    void setLoading(const QString &subject);
    void setHistory(const TagHistoryData &data);
    // No history to show, and why (no source open, nothing recorded, an error).
    void setMessage(const QString &text);
    // Selects the group of `reference` or, with `digest`, that digest's entry (in that group when there is one).
    bool select(const QString &reference, const QString &digest = {});

    TagHistoryModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QLabel *noteLabel() const { return m_note; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *copyButton() const { return m_copy; }

    // The actions on the current row (what the buttons and the context menu do).
    void openCurrent();
    void compareCurrent();
    void copyCurrent();

Q_SIGNALS:
    void openRequested(const QString &source);
    // `left` the selected (earlier) digest, `right` the current one.
    void compareRequested(const QString &left, const QString &right);
    void statusMessage(const QString &text);

private:
    void updateButtons();
    void showContextMenu(const QPoint &pos);
    QModelIndex currentEntry() const;

    TagHistoryModel *m_model;
    QLabel *m_note;
    QLabel *m_status;
    QTreeView *m_tree;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_copy;
};

} // namespace strata::ui
