// SPDX-License-Identifier: MIT
// What the Files tree does besides showing rows: Ctrl+C copies the current row's full path, a context
// menu (Copy Path, Copy Content Digest, Save As…, Show History), and Right on a leaf does nothing
// (QTreeView would scroll sideways and hide the names).
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QModelIndex;
class QTreeView;

namespace strata::ui {

class FileTreeModel;
class FileFilterProxy;
struct FileNode;

class FileTreeActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTreeActions)

public:
    FileTreeActions(QTreeView *tree, FileTreeModel *model, FileFilterProxy *proxy);

    // The full path of a row: the image path, or for a whiteout the path it deletes.
    static QString pathOf(const FileNode &n);
    // "sha256:<hex>" of a regular file's content when the listing hashed it, else empty.
    static QString contentDigestOf(const FileNode &n);
    // The context menu for a row of the tree (a proxy index); the caller owns it.
    QMenu *menuFor(const QModelIndex &proxyIndex, QWidget *parent);
    QAction *copyPathAction() const { return m_copyPath; }

Q_SIGNALS:
    // The user asked to save this row's file (the row is current).
    void saveRequested();
    // The user asked for the history of the current row's path.
    void historyRequested();
    void statusMessage(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const FileNode *nodeAt(const QModelIndex &proxyIndex) const;
    void copyText(const QString &text, const QString &what);

    QTreeView *m_tree;
    FileTreeModel *m_model;
    FileFilterProxy *m_proxy;
    QAction *m_copyPath;
};

} // namespace strata::ui
