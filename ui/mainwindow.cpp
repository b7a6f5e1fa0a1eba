// SPDX-License-Identifier: MIT
// Main window: delegates loading to SourceController and display to ExplorerPage.
#include "ui/mainwindow.h"
#include "ui/compare/comparewindow.h"
#include "ui/dialogs/aboutdialog.h"
#include "ui/dialogs/archivefilter.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/dialogs/localimagesdialog.h"
#include "ui/dialogs/pindialog.h"
#include "ui/dialogs/registrydialog.h"
#include "ui/dialogs/trustdialog.h"
#include "ui/filesdock.h"
#include "ui/journalactions.h"
#include "ui/logging.h"
#include "ui/sampleimage.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/taghistorydock.h"
#include "ui/theme/statusstyle.h"
#include "ui/trust/trustsettings.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/jsonview.h"
#include "ui/views/messagebar.h"
#include "ui/views/progresspanel.h"
#include "ui/views/summarybar.h"
#include "ui/views/taghistoryview.h"
#include "ui/views/welcomepage.h"
#include "ui/windowgeometry.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenuBar>
#include <QMimeData>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

MainWindow::MainWindow(QThreadPool *pool, QWidget *parent)
    : QMainWindow(parent), m_pool(pool), m_controller(new SourceController(pool, this)),
      m_stack(new QStackedWidget(this)), m_welcome(new WelcomePage(this)), m_explorer(new ExplorerPage(this)),
      m_messageBar(new MessageBar(this)), m_tagBar(new MessageBar(this)), m_progress(new ProgressPanel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Strata"));
    setAcceptDrops(true);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_messageBar);
    m_tagBar->setObjectName(u"tagMovedBar"_s);
    layout->addWidget(m_tagBar);
    m_journal = new JournalActions(this, m_tagBar, pool);
    connect(m_journal, &JournalActions::forgotten, this, [this](const QString &m) {
        m_tagBar->hide();
        statusBar()->showMessage(m, 8000);
    });
    layout->addWidget(m_stack, 1);
    m_stack->addWidget(m_welcome);
    m_explorer->setThreadPool(pool);
    m_stack->addWidget(m_explorer);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_progress, 1);

    createActions();
    connectController();
    connect(m_welcome, &WelcomePage::openFileRequested, this, &MainWindow::openFileDialog);
    connect(m_welcome, &WelcomePage::openFolderRequested, this, &MainWindow::openFolderDialog);
    connect(m_welcome, &WelcomePage::sampleRequested, this, &MainWindow::openSample);
    connect(m_welcome, &WelcomePage::recentRequested, this, &MainWindow::openSource);
    connect(m_explorer, &ExplorerPage::statusMessage, this,
            [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_progress, &ProgressPanel::cancelRequested, m_controller, &SourceController::cancel);
    m_welcome->setRecentSources(Settings::recentSources());
    WindowGeometry::applyFirstRun(this, QSize(1200, 760));
    updateActions();
}

MainWindow::~MainWindow() = default;

QString MainWindow::titleFor(const QString &source)
{
    // A file or folder by its name, as desktop windows do; any other reference (docker://, docker-daemon:,
    // registry-dir:, oci:PATH:TAG) in full: "app:2" alone would drop the repository of `rw/app:2`.
    const QFileInfo info(source);
    return info.exists() ? info.fileName() : source;
}

bool MainWindow::autoVerify() const
{
    return m_autoVerifyOverride >= 0 ? m_autoVerifyOverride == 1 : Settings::verifyAfterLoad();
}

bool MainWindow::isShowingExplorer() const
{
    return m_stack->currentWidget() == m_explorer;
}

void MainWindow::createActions()
{
    // Explicit keys, not QKeySequence::StandardKey: platform themes disagree (Quit has no key in the
    // Windows-style scheme many Linux themes report), and these are the keys the documentation promises.
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open =
        file->addAction(StatusStyle::namedIcon(u"open-file"_s), tr("&Open File…"), this, &MainWindow::openFileDialog);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    QAction *openDir = file->addAction(StatusStyle::namedIcon(u"open-folder"_s), tr("Open &Folder…"), this,
                                       &MainWindow::openFolderDialog);
    openDir->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Local &Images…"), this, [this] {
        LocalImagesDialog dialog(m_pool, this);
        if (dialog.exec() == QDialog::Accepted && !dialog.selectedSource().isEmpty())
            openSource(dialog.selectedSource());
    });
    file->addAction(tr("Connect to Re&gistry…"), this, [this] {
        RegistryDialog dialog(m_pool, this);
        if (dialog.exec() == QDialog::Accepted)
            openSource(dialog.source());
    });
    file->addAction(tr("Open &Sample Image"), this, &MainWindow::openSample);
    file->addAction(tr("&Pin References in File…"), this, [this] {
        PinDialog dialog(m_pool, this);
        dialog.exec();
    });
    QAction *compare = file->addAction(tr("Co&mpare…"), this, [this] { openCompareWindow(QString()); });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    file->addAction(tr("Compare &With…"), this, [this] {
        const QString other =
            FileDialogs::openFile(this, FileDialogs::OpenImage, tr("Compare With"), imageArchiveFilter());
        if (!other.isEmpty())
            openCompareWindow(other);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    m_closeAction = file->addAction(tr("&Close"), this, [this] {
        if (isShowingExplorer() || m_controller->isBusy())
            closeSource();
        else
            close();
    });
    m_closeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_explorer->copyDigestAction());
    QAction *find = edit->addAction(tr("&Find…"), this, &MainWindow::focusFind);
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *problems = view->addAction(tr("&Problems Only"));
    problems->setCheckable(true);
    connect(problems, &QAction::toggled, m_explorer->problemsOnlyBox(), &QCheckBox::setChecked);
    connect(m_explorer->problemsOnlyBox(), &QCheckBox::toggled, problems, &QAction::setChecked);
    view->addAction(tr("&Expand All"), m_explorer, &ExplorerPage::expandAll);
    auto *files = new FilesDock(m_pool, m_controller, this);
    view->addAction(files->toggleViewAction());
    connect(m_explorer->treeView()->selectionModel(), &QItemSelectionModel::currentChanged, files,
            [this, files] { files->followNode(m_explorer->currentNodeId()); });
    m_tagHistory = new TagHistoryDock(m_pool, m_controller, this);
    view->addAction(m_tagHistory->toggleViewAction());
    connect(m_tagHistory->view(), &TagHistoryView::openRequested, this, &MainWindow::openSource);
    connect(m_tagHistory->view(), &TagHistoryView::compareRequested, this,
            [this](const QString &left, const QString &right) { openCompareWindow(left, right); });
    connect(m_explorer, &ExplorerPage::tagHistoryRequested, this, &MainWindow::showTagHistory);

    QMenu *verify = menuBar()->addMenu(tr("Ve&rify"));
    m_verifyAction =
        verify->addAction(StatusStyle::namedIcon(u"verify"_s), tr("&Verify Again"), this, &MainWindow::verifyNow);
    m_verifyAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_retryAction = verify->addAction(tr("Retry &Unreadable"), m_controller, &SourceController::retryUnreadable);
    m_retryAction->setToolTip(tr("Read again only the objects the last verification could not read"));
    m_cancelAction = verify->addAction(tr("&Cancel"), m_controller, &SourceController::cancel);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    verify->addSeparator();
    verify->addAction(tr("&Trust…"), this, &MainWindow::openTrustDialog);
    verify->addSeparator();
    m_autoVerifyAction = verify->addAction(tr("Verify &After Loading"));
    m_autoVerifyAction->setCheckable(true);
    m_autoVerifyAction->setChecked(Settings::verifyAfterLoad());
    connect(m_autoVerifyAction, &QAction::toggled, this, [](bool on) { Settings::setVerifyAfterLoad(on); });
    QAction *lookUp = verify->addAction(tr("&Look Up Attached Artifacts in Registries"));
    lookUp->setCheckable(true);
    lookUp->setChecked(Settings::lookUpAttached());
    lookUp->setToolTip(tr("When a registry image opens, ask for its referrers and cosign tags (a few requests)"));
    connect(lookUp, &QAction::toggled, this, [](bool on) { Settings::setLookUpAttached(on); });
    verify->addSeparator();
    m_journal->addToMenu(verify);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Strata"), this, [this] { AboutDialog(this).exec(); });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::connectController()
{
    SourceController *c = m_controller;
    connect(c, &SourceController::loadStarted, this, [this](const QString &source) {
        m_messageBar->hide();
        m_tagBar->hide();
        // The image already open stays on screen until the new one has loaded: a failed open keeps it.
        const QString shown = SampleImage::displayName(source);
        m_progress->start(tr("Opening %1").arg(shown == source ? QFileInfo(source).fileName() : shown));
        statusBar()->clearMessage();
    });
    connect(c, &SourceController::loaded, this, [this](const ImageGraphPtr &graph) {
        m_progress->finish();
        m_explorer->clear();
        m_explorer->setGraph(graph);
        m_stack->setCurrentWidget(m_explorer);
        const bool sample = m_controller->source() == m_sampleSource;
        setWindowTitle(tr("%1 — Strata").arg(sample ? tr("Sample image") : titleFor(graph->sourcePath)));
        if (m_persistent) {
            // The sample's copy is temporary: Recent keeps an entry that opens the sample again.
            Settings::addRecentSource(sample ? SampleImage::recentEntry() : m_controller->source());
            m_welcome->setRecentSources(Settings::recentSources());
        }
        statusBar()->showMessage(
            tr("Opened %1 (%2)").arg(SampleImage::displayName(m_controller->source()), graph->format), 5000);
        if (autoVerify())
            verifyNow();
        else
            settleIfIdle();
    });
    connect(c, &SourceController::loadFailed, this, [this](const QString &source, const Error &error) {
        m_progress->finish();
        // The controller made the image open before current again: it stays, with the error over it.
        if (!m_controller->graph()) {
            m_explorer->clear();
            m_stack->setCurrentWidget(m_welcome);
            setWindowTitle(tr("Strata"));
        }
        updateActions();
        if (error.code == ErrorCode::Canceled)
            statusBar()->showMessage(tr("Opening %1 was canceled.").arg(source), 8000);
        else
            m_messageBar->showError(tr("Could not open %1\n%2").arg(source, error.toString()));
        Q_EMIT settled();
    });
    connect(c, &SourceController::tagsMoved, m_journal, &JournalActions::showMoves);
    connect(c, &SourceController::journalNotice, this,
            [this](const QString &text) { m_messageBar->showWarning(text); });
    connect(c, &SourceController::verifyStarted, this, [this] {
        m_explorer->setVerifying();
        m_progress->start(tr("Verifying"));
    });
    connect(c, &SourceController::verified, this, [this](const VerifyReportPtr &report) {
        m_progress->finish();
        m_explorer->setReport(report);
        // Lead the eye to what failed; a clean report leaves the user's selection alone.
        if (!report->canceled && !report->ok())
            m_explorer->selectFirstProblem();
        const int problems =
            static_cast<int>(std::count_if(report->problems.begin(), report->problems.end(),
                                           [](const Problem &p) { return p.severity == Severity::Error; }));
        if (report->canceled) {
            const int checked = static_cast<int>(
                std::count_if(report->results.cbegin(), report->results.cend(),
                              [](const NodeResult &r) { return r.status != CheckStatus::NotChecked; }));
            statusBar()->showMessage(
                tr("Verification %1.")
                    .arg(SummaryBar::canceledText(checked, report->objectsInScope(), report->checksTotal,
                                                  report->checksTotal - report->checksPassed)));
        } else if (!report->problemsProven() && !report->complete())
            statusBar()->showMessage(
                tr("Verification incomplete: %1 of %2 objects could not be read (Verify ▸ Retry Unreadable reads "
                   "them again); %3 of %4 checks passed.")
                    .arg(report->unreadableNodes().size())
                    .arg(report->objectsInScope())
                    .arg(report->checksPassed)
                    .arg(report->checksTotal));
        else if (report->ok() && report->checksTotal == 0)
            statusBar()->showMessage(tr("Nothing to verify: this source stores none of the blobs it references."));
        else if (report->ok())
            statusBar()->showMessage(tr("Verified: all %1 checks passed.").arg(report->checksTotal));
        else
            statusBar()->showMessage(tr("Verification failed: %1 of %2 checks passed, %3 error(s).")
                                         .arg(report->checksPassed)
                                         .arg(report->checksTotal)
                                         .arg(problems));
        settleIfIdle();
    });
    connect(c, &SourceController::trustChecked, this, [this](const TrustReportPtr &report) {
        m_explorer->setTrustReport(report);
        settleIfIdle();
    });
    connect(c, &SourceController::trustMaterialFailed, this, [this](const Error &error) {
        m_messageBar->showError(tr("Could not check signatures: a trust file did not load\n%1").arg(error.toString()));
        settleIfIdle();
    });
    connect(c, &SourceController::progress, m_progress, &ProgressPanel::setProgress);
    connect(c, &SourceController::phaseChanged, this, &MainWindow::updateActions);
}

void MainWindow::settleIfIdle()
{
    // Only once the load or verification and the signature check have all ended: the window shows its final state.
    if (!m_controller->isBusy() && !m_controller->isCheckingTrust())
        Q_EMIT settled();
}

void MainWindow::openTrustDialog()
{
    const QString scope = TrustSettings::scopeOf(m_controller->source());
    TrustDialog dialog(scope, this);
    dialog.setOptions(TrustSettings::load(scope));
    if (dialog.exec() != QDialog::Accepted)
        return;
    TrustSettings::save(scope, dialog.options());
    m_messageBar->hide();
    m_controller->checkTrust(dialog.options());
}

void MainWindow::updateActions()
{
    const bool busy = m_controller->isBusy();
    m_verifyAction->setEnabled(!busy && m_controller->graph() != nullptr);
    m_cancelAction->setEnabled(busy);
    m_retryAction->setEnabled(!busy && m_controller->canRetryUnreadable());
}

void MainWindow::openSource(const QString &source)
{
    if (source.trimmed().isEmpty())
        return;
    if (source == SampleImage::recentEntry()) {
        openSample();
        return;
    }
    qCDebug(lcWindow) << "open" << source;
    m_controller->open(source);
}

void MainWindow::openSample()
{
    const Result<QString> path = SampleImage::path();
    if (!path) {
        m_messageBar->showError(tr("Could not open the sample image\n%1").arg(path.error().toString()));
        return;
    }
    m_sampleSource = path.value();
    m_controller->open(m_sampleSource);
}

void MainWindow::verifyNow()
{
    m_controller->verify();
}

void MainWindow::closeSource()
{
    m_controller->close();
    m_progress->finish();
    m_explorer->clear();
    m_stack->setCurrentWidget(m_welcome);
    setWindowTitle(tr("Strata"));
    updateActions();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = Settings::recentSources();
    for (const QString &s : recent)
        m_recentMenu->addAction(SampleImage::displayName(s), this, [this, s] { openSource(s); });
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent sources"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear List"), this, [this] {
        Settings::clearRecentSources();
        m_welcome->setRecentSources({});
    });
}

void MainWindow::openFileDialog()
{
    const QString path =
        FileDialogs::openFile(this, FileDialogs::OpenImage, tr("Open Image Archive"), imageArchiveFilter());
    if (!path.isEmpty())
        openSource(path);
}

void MainWindow::openFolderDialog()
{
    const QString path = FileDialogs::existingFolder(this, FileDialogs::OpenFolder, tr("Open OCI Layout Folder"));
    if (!path.isEmpty())
        openSource(path);
}

void MainWindow::focusFind()
{
    // In the JSON view Ctrl+F searches the JSON; anywhere else it filters the tree.
    JsonView *json = m_explorer->details()->jsonView();
    if (json->isVisible() && json->isAncestorOf(QApplication::focusWidget()))
        json->focusFind();
    else if (isShowingExplorer())
        m_explorer->focusFilter();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    openSource(urls.first().toLocalFile());
    // One source per window: further ones open beside this one.
    for (qsizetype i = 1; i < urls.size(); ++i) {
        auto *w = new MainWindow(m_pool);
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->setPersistent(m_persistent);
        w->show();
        w->openSource(urls[i].toLocalFile());
    }
}

void MainWindow::restoreWindowState()
{
    if (!m_persistent)
        return;
    if (const QByteArray g = Settings::windowGeometry(); !g.isEmpty() && restoreGeometry(g))
        WindowGeometry::clampToScreen(this); // saved on another screen, or at another scale
    if (const QByteArray s = Settings::splitterState(); !s.isEmpty())
        m_explorer->splitter()->restoreState(s);
    if (const QByteArray h = Settings::treeHeaderState(); !h.isEmpty())
        m_explorer->treeView()->header()->restoreState(h);
}

void MainWindow::saveState()
{
    if (!m_persistent)
        return;
    Settings::setWindowGeometry(saveGeometry());
    Settings::setSplitterState(m_explorer->splitter()->saveState());
    Settings::setTreeHeaderState(m_explorer->treeView()->header()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Cancel first: the application waits for its pool before exiting.
    m_controller->cancel();
    saveState();
    event->accept();
}

} // namespace strata::ui

namespace strata::ui {

void MainWindow::showTagHistory(const QString &reference, const QString &digest)
{
    m_tagHistory->showFor(reference, digest);
}

void MainWindow::openCompareWindow(const QString &left, const QString &right)
{
    auto *w = new CompareWindow(m_pool);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setPersistent(m_persistent);
    w->restoreWindowState();
    w->setSources(left, right);
    w->show();
    w->compare(left, right);
}

void MainWindow::openCompareWindow(const QString &other)
{
    // Its own window (closing it leaves the explorer as it was); the left side is this window's source.
    auto *w = new CompareWindow(m_pool);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setPersistent(m_persistent);
    w->restoreWindowState();
    w->setSources(m_controller->source(), other);
    w->show();
    if (!m_controller->source().isEmpty() && !other.isEmpty())
        w->compare(m_controller->source(), other);
}

} // namespace strata::ui
