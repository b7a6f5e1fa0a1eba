// SPDX-License-Identifier: MIT
// Screenshot mode.
#include "screenshotrunner.h"
#include "mainwindow.h"
#include "views/explorerpage.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace strata::ui {

ScreenshotRunner::ScreenshotRunner(MainWindow *window, QString file, QObject *parent)
    : QObject(parent), m_window(window), m_file(std::move(file))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        QTextStream(stderr) << "strata: --screenshot: the source did not finish loading and verifying in time\n";
        Q_EMIT done(2);
    });
    // Queued: let the window finish handling the result (status bar, details) before grabbing.
    connect(m_window, &MainWindow::settled, this, &ScreenshotRunner::capture, Qt::QueuedConnection);
}

void ScreenshotRunner::start(const QString &source, int timeoutMs)
{
    m_window->setAutoVerify(true);
    m_timeout.start(timeoutMs);
    if (source.isEmpty())
        m_window->openSample();
    else
        m_window->openSource(source);
}

void ScreenshotRunner::capture()
{
    if (m_captured)
        return;
    m_captured = true;
    m_timeout.stop();
    ExplorerPage *ex = m_window->explorer();
    if (m_window->isShowingExplorer()) {
        ex->expandAll();
        if (!ex->selectFirstProblem()) {
            const auto &g = ex->model()->graph();
            if (g && !g->images.isEmpty() && !g->images.first().layerNodes.isEmpty())
                ex->selectNode(g->images.first().layerNodes.first());
        }
    }
    QCoreApplication::processEvents();
    // Quality 0 is PNG's strongest compression: the picture is the same, the file smaller.
    const QPixmap shot = m_window->grab();
    if (shot.isNull() || !shot.save(m_file, "PNG", 0)) {
        QTextStream(stderr) << "strata: --screenshot: cannot write " << m_file << '\n';
        Q_EMIT done(1);
        return;
    }
    Q_EMIT done(0);
}

} // namespace strata::ui
