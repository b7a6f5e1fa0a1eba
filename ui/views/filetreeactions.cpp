// SPDX-License-Identifier: MIT
#include "ui/views/filetreeactions.h"
#include "ui/models/filefilterproxy.h"
#include "ui/models/filetreemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QMenu>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace strata::ui {

FileTreeActions::FileTreeActions(QTreeView *tree, FileTreeModel *model, FileFilterProxy *proxy)
    : QObject(tree), m_tree(tree), m_model(model), m_proxy(proxy), m_copyPath(new QAction(tr("Copy &Path"), tree))
{
    m_copyPath->setShortcut(QKeySequence::Copy);
    m_copyPath->setShortcutContext(Qt::WidgetShortcut);
    tree->addAction(m_copyPath);
    connect(m_copyPath, &QAction::triggered, this, [this] {
        if (const FileNode *n = nodeAt(m_tree->currentIndex()))
            copyText(pathOf(*n), tr("path"));
    });
    tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (!index.isValid())
            return;
        m_tree->setCurrentIndex(index);
        QMenu *menu = menuFor(index, m_tree);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    tree->installEventFilter(this);
}

const FileNode *FileTreeActions::nodeAt(const QModelIndex &proxyIndex) const
{
    return m_model->nodeAt(m_proxy->mapToSource(proxyIndex));
}

QString FileTreeActions::pathOf(const FileNode &n)
{
    return n.deletes.isEmpty() ? n.path : n.deletes;
}

QString FileTreeActions::contentDigestOf(const FileNode &n)
{
    if (!n.entry || !n.deletes.isEmpty() || n.entry->type != EntryType::File || n.entry->contentHash.isEmpty())
        return {};
    return u"sha256:"_s + QString::fromLatin1(n.entry->contentHash.toHex());
}

void FileTreeActions::copyText(const QString &text, const QString &what)
{
    QApplication::clipboard()->setText(text);
    Q_EMIT statusMessage(tr("Copied the %1: %2").arg(what, text));
}

QMenu *FileTreeActions::menuFor(const QModelIndex &proxyIndex, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true);
    const FileNode *n = nodeAt(proxyIndex);
    if (!n)
        return menu;
    const QString path = pathOf(*n);
    menu->addAction(tr("Copy &Path"), this, [this, path] { copyText(path, tr("path")); });
    const QString digest = contentDigestOf(*n);
    QAction *copyDigest =
        menu->addAction(tr("Copy Content &Digest"), this, [this, digest] { copyText(digest, tr("content digest")); });
    if (digest.isEmpty()) {
        copyDigest->setEnabled(false);
        copyDigest->setToolTip(n->entry && n->entry->type == EntryType::File && n->deletes.isEmpty()
                                   ? tr("The listing did not hash this file's content")
                                   : tr("Only regular files have a content digest"));
    }
    const bool savable = n->entry && n->deletes.isEmpty() &&
                         (n->entry->type == EntryType::File || n->entry->type == EntryType::Hardlink);
    QAction *save = menu->addAction(tr("&Save As…"), this, &FileTreeActions::saveRequested);
    if (!savable) {
        save->setEnabled(false);
        save->setToolTip(tr("Only regular files (and hard links to them) have content to save"));
    }
    menu->addSeparator();
    menu->addAction(tr("Show &History"), this, &FileTreeActions::historyRequested);
    return menu;
}

bool FileTreeActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // QTreeView::moveCursor(MoveRight) scrolls horizontally on a row without children: on a leaf
        // Right has nothing to open, so it does nothing.
        if (key->key() == Qt::Key_Right && key->modifiers() == Qt::NoModifier) {
            const QModelIndex current = m_tree->currentIndex();
            if (current.isValid() && !m_proxy->hasChildren(current.siblingAtColumn(0)))
                return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace strata::ui
