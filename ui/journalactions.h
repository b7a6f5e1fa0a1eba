// SPDX-License-Identifier: MIT
// The tag history journal in the window: the warning bar when a tag moved ("Compare the two", "Copy the earlier
// pinned reference", and "Show All" when several moved), Verify ▸ Record Tag History and Verify ▸ Forget Tag History….
#pragma once

#include "core/journal/referencejournal.h"

#include <QObject>

class QAction;
class QMenu;
class QThreadPool;

namespace strata::ui {

class BackgroundJob;
class MainWindow;
class MessageBar;

class JournalActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalActions)

public:
    // `bar` shows the moves; `window` opens the comparisons. Both outlive this object (it is the window's child).
    JournalActions(MainWindow *window, MessageBar *bar, QThreadPool *pool);

    void addToMenu(QMenu *menu);
    // Shows the first move in the bar (and how many more there are); the buttons act on it.
    void showMoves(const QList<journal::TagMove> &moves);
    // Clears the journal on a worker, after asking (`confirm` false: without asking, for tests).
    void forgetHistory(bool confirm = true);

    QAction *compareAction() const { return m_compare; }
    QAction *copyEarlierAction() const { return m_copyEarlier; }
    // "Show All": on the bar when more than one reference moved; opens View ▸ Tag History with the journal's rows.
    QAction *showAllAction() const { return m_showAll; }

Q_SIGNALS:
    void forgotten(const QString &outcome);

private:
    MainWindow *m_window;
    MessageBar *m_bar;
    BackgroundJob *m_job;
    QAction *m_compare;
    QAction *m_copyEarlier;
    QAction *m_showAll;
    journal::TagMove m_move;
};

} // namespace strata::ui
