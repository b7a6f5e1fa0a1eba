// SPDX-License-Identifier: MIT
// Screenshot mode.
#include "ui/screenshotrunner.h"
#include "ui/compare/comparewindow.h"
#include "ui/compare/filediffpane.h"
#include "ui/dialogs/trustdialog.h"
#include "ui/mainwindow.h"
#include "ui/sourcecontroller.h"
#include "ui/trust/trustsettings.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/filespage.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTabWidget>
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
    // STRATA_SHOW_FILES: the Files dock is in the picture; wait for its listing too.
    if (auto *files = m_window->findChild<FilesPage *>(); files && files->isVisible() && files->isListing()) {
        connect(files, &FilesPage::listed, this, &ScreenshotRunner::capture, Qt::QueuedConnection);
        return;
    }
    m_captured = true;
    m_timeout.stop();
    ExplorerPage *ex = m_window->explorer();
    if (m_window->isShowingExplorer()) {
        ex->expandAll();
        // STRATA_SELECT_ROW=TEXT: the first row whose title holds TEXT ("signature 1").
        const QString wanted = qEnvironmentVariable("STRATA_SELECT_ROW");
        const auto &graph = ex->model()->graph();
        if (!wanted.isEmpty() && graph) {
            // Or a digest ("sha256:…"): an attached artifact's row first (its digest may be listed twice).
            QList<const Node *> order;
            for (const Node &n : graph->nodes)
                if (n.attachment)
                    order << &n;
            for (const Node &n : graph->nodes)
                order << &n;
            for (const Node *p : std::as_const(order)) {
                const Node &n = *p;
                if (n.title.contains(wanted) || (wanted.startsWith(u"sha256:"_s) && n.digest().toString() == wanted)) {
                    ex->selectNode(n.id);
                    saveWhenDetailsShown();
                    return;
                }
            }
        }
        if (!ex->selectFirstProblem()) {
            const auto &g = ex->model()->graph();
            if (g && !g->images.isEmpty() && !g->images.first().layerNodes.isEmpty())
                ex->selectNode(g->images.first().layerNodes.first());
        }
    }
    save(m_window);
}

void ScreenshotRunner::saveWhenDetailsShown()
{
    // An attached artifact's content is read on the pool: grab once it is shown (or after 10 s).
    // STRATA_DETAILS_TAB=TEXT: the details tab whose title holds TEXT ("Packages") is shown.
    DetailsPane *details = m_window->explorer()->details();
    const auto grabNow = [this, details] {
        const QString tab = qEnvironmentVariable("STRATA_DETAILS_TAB");
        for (int i = 0; !tab.isEmpty() && i < details->tabs()->count(); ++i)
            if (details->tabs()->tabText(i).contains(tab))
                details->tabs()->setCurrentIndex(i);
        save(m_window);
    };
    if (!details->isLoading())
        return grabNow();
    auto *wait = new QTimer(this);
    wait->setSingleShot(true);
    connect(details, &DetailsPane::contentLoaded, this, [wait, grabNow] {
        if (wait->isActive()) {
            wait->stop();
            grabNow();
        }
    });
    connect(wait, &QTimer::timeout, this, grabNow);
    wait->start(10000);
}

ScreenshotRunner::ScreenshotRunner(CompareWindow *window, QString file, QObject *parent)
    : QObject(parent), m_compare(window), m_file(std::move(file))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        QTextStream(stderr) << "strata: --screenshot: the comparison did not finish in time\n";
        Q_EMIT done(2);
    });
    connect(m_compare, &CompareWindow::settled, this, &ScreenshotRunner::captureCompare, Qt::QueuedConnection);
}

void ScreenshotRunner::startCompare(const QString &left, const QString &right, int timeoutMs)
{
    m_timeout.start(timeoutMs);
    m_compare->compare(left, right);
}

void ScreenshotRunner::captureCompare()
{
    if (m_captured)
        return;
    m_captured = true;
    m_timeout.stop();
    // The line diff of the selected file is read on the pool: grab once it is shown (or after 10 s).
    auto *wait = new QTimer(this);
    wait->setSingleShot(true);
    const auto grabNow = [this, wait] {
        wait->stop();
        save(m_compare);
    };
    connect(m_compare->filePane(), &FileDiffPane::contentShown, this, grabNow, Qt::SingleShotConnection);
    connect(wait, &QTimer::timeout, this, grabNow);
    wait->start(10000);
    m_compare->showFirstDifference();
}

void ScreenshotRunner::save(QWidget *window)
{
    QCoreApplication::processEvents();
    // STRATA_TRUST_DIALOG=FILE: the Trust… dialog for the source's scope, as Verify ▸ Trust… opens it, to FILE too.
    if (const QString dialogFile = qEnvironmentVariable("STRATA_TRUST_DIALOG"); m_window && !dialogFile.isEmpty()) {
        const QString scope = TrustSettings::scopeOf(m_window->controller()->source());
        TrustDialog dialog(scope, m_window);
        dialog.setOptions(TrustSettings::load(scope));
        dialog.show();
        QCoreApplication::processEvents();
        if (!dialog.grab().save(dialogFile, "PNG", 0))
            QTextStream(stderr) << "strata: --screenshot: cannot write " << dialogFile << '\n';
    }
    // Quality 0 is PNG's strongest compression: the picture is the same, the file smaller.
    const QPixmap shot = window->grab();
    if (shot.isNull() || !shot.save(m_file, "PNG", 0)) {
        QTextStream(stderr) << "strata: --screenshot: cannot write " << m_file << '\n';
        Q_EMIT done(1);
        return;
    }
    Q_EMIT done(0);
}

} // namespace strata::ui
