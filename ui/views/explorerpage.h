// SPDX-License-Identifier: MIT
// The loaded source: summary, filter, the tree and the details of the selected row.
#pragma once

#include "ui/copyactions.h"
#include "ui/models/imagetreemodel.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QLineEdit;
class QSplitter;
class QThreadPool;
class QTreeView;

namespace strata::ui {

class DetailsPane;
class ImageFilterProxy;
class SummaryBar;

class ExplorerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplorerPage)

public:
    explicit ExplorerPage(QWidget *parent = nullptr);
    // Where the details pane reads attached artifacts (the application's pool).
    void setThreadPool(QThreadPool *pool);

    void setGraph(const ImageGraphPtr &graph);
    void setVerifying();
    void setReport(const VerifyReportPtr &report);
    // Signature verdicts: the tree's signature rows and badges, the details' Verification section, the summary.
    void setTrustReport(const TrustReportPtr &report);
    void clear();

    void expandAll();
    // Selects the first row that failed itself (not a parent that only contains a failure).
    bool selectFirstProblem();
    bool selectNode(int nodeId);
    // The node of the current row; -1 for none or a history step.
    int currentNodeId() const;
    // The copy actions for the current row (empty without one).
    QList<CopyItem> currentCopyItems() const;
    void copy(const CopyItem &item);
    void focusFilter();

    ImageTreeModel *model() const { return m_model; }
    ImageFilterProxy *proxy() const { return m_proxy; }
    QTreeView *treeView() const { return m_tree; }
    DetailsPane *details() const { return m_details; }
    SummaryBar *summaryBar() const { return m_summary; }
    QSplitter *splitter() const { return m_splitter; }
    QLineEdit *filterEdit() const { return m_filter; }
    QCheckBox *problemsOnlyBox() const { return m_problemsOnly; }
    // Ctrl+C on the tree: copies the current row's digest.
    QAction *copyDigestAction() const { return m_copyDigest; }

Q_SIGNALS:
    void statusMessage(const QString &message);
    // The context menu's "Show Tag History" on a tag (or untagged manifest) row of a registry's storage folder:
    // `reference` is "REPO:TAG" (or "REPO@sha256:…"), `digest` the row's.
    void tagHistoryRequested(const QString &reference, const QString &digest);

private:
    void showCurrent();
    void showContextMenu(const QPoint &pos);
    void refreshSummary();
    QList<CopyItem> copyItemsFor(const QModelIndex &proxyIndex) const;
    // "REPO:TAG" when the row is a tag of a registry's storage folder (there is a tag history to show).
    QString registryTagOf(const QModelIndex &proxyIndex) const;
    void setInitialColumnWidths();

    ImageTreeModel *m_model;
    ImageFilterProxy *m_proxy;
    SummaryBar *m_summary;
    QLineEdit *m_filter;
    QCheckBox *m_problemsOnly;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    DetailsPane *m_details;
    QAction *m_copyDigest;
    bool m_verifying = false;
};

} // namespace strata::ui
