// SPDX-License-Identifier: MIT
// The compare window's Files tab: one tree over the proxy (path | left | change | right), the option boxes,
// and the selected file's details below.
#pragma once

#include "core/compare/comparison.h"

#include <QWidget>

class QCheckBox;
class QSplitter;
class QThreadPool;
class QTreeView;

namespace strata::ui {

class CompareSession;
class FileDiffModel;
class FileDiffPane;
class FileDiffProxy;

class CompareFilesTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareFilesTab)

public:
    // The session, model and proxy belong to the window and outlive the tab.
    CompareFilesTab(QThreadPool *pool, CompareSession *session, FileDiffModel *model, FileDiffProxy *proxy,
                    QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    FileDiffPane *filePane() const { return m_filePane; }
    QCheckBox *differencesOnlyBox() const { return m_diffOnly; }
    QCheckBox *ignoreTimestampsBox() const { return m_ignoreTimestamps; }
    QCheckBox *ignoreMetadataBox() const { return m_ignoreMetadata; }
    // The tree above the file's details: saved with the window's state.
    QSplitter *detailsSplitter() const { return m_details; }

    CompareOptions options() const;
    // After a new comparison: columns sized once per listing, differences expanded when shown alone.
    void showComparison(bool listingChanged);
    // Selects `path` in the tree (expanding its parents); false when it is not shown.
    bool selectFile(const QString &path);
    // Differences only, expanded, the first modified file (a line diff) or else the first change selected.
    void showFirstDifference();

Q_SIGNALS:
    void optionsChanged();

private:
    CompareSession *m_session;
    FileDiffModel *m_model;
    FileDiffProxy *m_proxy;
    QTreeView *m_tree;
    FileDiffPane *m_filePane;
    QCheckBox *m_diffOnly;
    QCheckBox *m_ignoreTimestamps;
    QCheckBox *m_ignoreMetadata;
    QSplitter *m_details;
};

} // namespace strata::ui
