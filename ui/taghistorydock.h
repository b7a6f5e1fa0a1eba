// SPDX-License-Identifier: MIT
// View ▸ Tag History: a dock that follows the window's source. For a registry's storage folder it lists what each
// tag has pointed to (core/sources/taghistory); for other sources what Strata's journal saw each of its references
// resolve to (core/journal). Read on a worker whenever the dock is shown for a newly opened source.
#pragma once

#include <QDockWidget>

class QMainWindow;
class QThreadPool;

namespace strata::ui {

class BackgroundJob;
class SourceController;
class TagHistoryView;

class TagHistoryDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagHistoryDock)

public:
    // Adds itself to `window` at the bottom, hidden.
    TagHistoryDock(QThreadPool *pool, SourceController *controller, QMainWindow *window);

    TagHistoryView *view() const { return m_view; }
    // Shows the dock with `reference` (a tag "REPO:TAG", a journal reference) and, when given, `digest` selected;
    // reads the history again first when it was read before the last change (a load, a recording).
    void showFor(const QString &reference, const QString &digest = {});
    // Reads the history again (after a journal recording it may have changed).
    void reload();

Q_SIGNALS:
    // The history on screen is the current source's (read, or failed to be read).
    void shown();

private:
    void readIfWanted();

    SourceController *m_controller;
    TagHistoryView *m_view;
    BackgroundJob *m_job;
    bool m_stale = true;
    QString m_wantReference;
    QString m_wantDigest;
};

} // namespace strata::ui
