// SPDX-License-Identifier: MIT
#include "ui/filesdock.h"
#include "ui/sourcecontroller.h"
#include "ui/testhooks.h"
#include "ui/views/filespage.h"
#include "ui/windowgeometry.h"

#include <QMainWindow>
#include <QStatusBar>

#include <utility>

using namespace Qt::StringLiterals;

namespace strata::ui {

FilesDock::FilesDock(QThreadPool *pool, SourceController *controller, QMainWindow *window)
    : QDockWidget(tr("Files"), window), m_controller(controller), m_page(new FilesPage(pool, this))
{
    setObjectName(u"filesDock"_s);
    setWidget(WindowGeometry::scrollable(m_page));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    window->addDockWidget(Qt::BottomDockWidgetArea, this);
    toggleViewAction()->setText(tr("&Files"));
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    toggleViewAction()->setToolTip(tr("The files of the image: merged or per layer, history, efficiency"));
    setVisible(false);

    // The image already open stays listed while another loads (a failed load keeps it): loaded() replaces it.
    connect(controller, &SourceController::loadStarted, m_page, [this] { m_pendingNode = -1; });
    // Queued: the window starts its verification in its own handler of the same signal, and that
    // verification brings the listing.
    connect(
        controller, &SourceController::loaded, m_page,
        [this](const ImageGraphPtr &g) {
            if (g != m_controller->graph())
                return;
            m_page->setGraph(g);
            if (m_pendingNode >= 0)
                followNode(std::exchange(m_pendingNode, -1));
            listIfWanted();
        },
        Qt::QueuedConnection);
    connect(controller, &SourceController::verified, m_page, [this](const std::shared_ptr<const VerifyReport> &report) {
        m_page->setReport(report);
        listIfWanted();
    });
    connect(this, &QDockWidget::visibilityChanged, m_page, [this](bool visible) {
        if (visible)
            listIfWanted();
    });
    connect(m_page, &FilesPage::statusMessage, window,
            [window](const QString &m) { window->statusBar()->showMessage(m, 8000); });
    TestHooks::applyToFilesDock(this);
}

void FilesDock::followNode(int nodeId)
{
    const ImageGraphPtr &g = m_page->graph();
    if (m_controller->graph() && g != m_controller->graph()) {
        m_pendingNode = nodeId; // the page takes the new graph from the event loop: follow it then
        return;
    }
    if (!g || nodeId < 0 || nodeId >= g->nodes.size())
        return;
    // A manifest, its config and layers carry their image; rows beneath them (attached artifacts) take it
    // from the manifest above. An index or the source names no one image: the shown one stays.
    for (int id = nodeId; id >= 0; id = g->node(id).parent) {
        const int image = g->node(id).imageIndex;
        if (image < 0 || image >= g->images.size())
            continue;
        if (!g->images[image].attestation) {
            m_page->showImage(image);
            listIfWanted();
        }
        return;
    }
}

void FilesDock::listIfWanted()
{
    // While a verification runs its listing is on the way (listLayers): don't read the layers twice.
    if (isVisible() && m_controller->phase() == SourceController::Phase::Idle)
        m_page->ensureListed();
}

} // namespace strata::ui
