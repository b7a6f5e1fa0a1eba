// SPDX-License-Identifier: MIT
// The Files dock of the main window (View > Files): follows the controller's source, and lists the
// layers when shown, reusing the listing of the last verification when it has one.
#pragma once

#include <QDockWidget>

class QThreadPool;

namespace strata::ui {

class FilesPage;
class SourceController;

class FilesDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilesDock)

public:
    // Adds itself to `window` at the bottom, hidden (TestHooks::applyToFilesDock shows it for screenshots).
    FilesDock(QThreadPool *pool, SourceController *controller, QMainWindow *window);

    FilesPage *page() const { return m_page; }
    // The explorer's current row: the Files view shows the image (manifest) that node belongs to.
    void followNode(int nodeId);

private:
    void listIfWanted();

    SourceController *m_controller;
    FilesPage *m_page;
    int m_pendingNode = -1; // selected before the page had the controller's graph
};

} // namespace strata::ui
