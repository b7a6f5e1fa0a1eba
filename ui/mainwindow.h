// SPDX-License-Identifier: MIT
// The explorer window: menus, the welcome page or the loaded source, the message bar and progress.
#pragma once

#include <QMainWindow>

class QStackedWidget;
class QThreadPool;

namespace strata::ui {

class ExplorerPage;
class JournalActions;
class MessageBar;
class ProgressPanel;
class SourceController;
class TagHistoryDock;
class WelcomePage;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Jobs run on `pool`, which must outlive the window's jobs (the application owns it).
    explicit MainWindow(QThreadPool *pool, QWidget *parent = nullptr);
    ~MainWindow() override;

    void openSource(const QString &source);
    void openSample();
    void verifyNow();
    void closeSource();
    // A compare window with this window's source on the left and `other` (may be empty) on the right.
    void openCompareWindow(const QString &other);
    // A compare window with `left` and `right`, compared at once.
    void openCompareWindow(const QString &left, const QString &right);
    // Verify ▸ Trust…: edits the trust settings of the current source's scope; OK saves them and checks again.
    void openTrustDialog();
    // On: window state and recent sources are saved to QSettings. Off by default, so screenshots and
    // tests leave the user's settings alone; the application turns it on for its windows.
    void setPersistent(bool on) { m_persistent = on; }
    // Geometry, splitter and column layout from the last session (does nothing unless persistent).
    void restoreWindowState();
    // Overrides the "verify after loading" setting for this window (screenshots).
    void setAutoVerify(bool on) { m_autoVerifyOverride = on ? 1 : 0; }

    // The window title's name for a loaded source: a file's or folder's name, any other reference in full.
    static QString titleFor(const QString &sourcePath);

    SourceController *controller() const { return m_controller; }
    ExplorerPage *explorer() const { return m_explorer; }
    WelcomePage *welcomePage() const { return m_welcome; }
    MessageBar *messageBar() const { return m_messageBar; }
    // The warning bar of the tag history journal ("… pointed to … on …; it now points to …").
    MessageBar *tagMovedBar() const { return m_tagBar; }
    JournalActions *journalActions() const { return m_journal; }
    // View ▸ Tag History.
    TagHistoryDock *tagHistoryDock() const { return m_tagHistory; }
    // Shows the Tag History dock with `reference` (and `digest`) selected when they are listed.
    void showTagHistory(const QString &reference = {}, const QString &digest = {});
    ProgressPanel *progressPanel() const { return m_progress; }
    bool isShowingExplorer() const;
    QAction *verifyAction() const { return m_verifyAction; }
    // Verify ▸ Retry Unreadable: enabled when the last verification could not read some objects.
    QAction *retryUnreadableAction() const { return m_retryAction; }

Q_SIGNALS:
    // A load or verification has ended and no job runs: the window shows its final state.
    void settled();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void connectController();
    void updateActions();
    void rebuildRecentMenu();
    void openFileDialog();
    void openFolderDialog();
    void focusFind();
    void saveState();
    bool autoVerify() const;
    void settleIfIdle();

    QThreadPool *m_pool;
    SourceController *m_controller;
    QStackedWidget *m_stack;
    WelcomePage *m_welcome;
    ExplorerPage *m_explorer;
    MessageBar *m_messageBar;
    MessageBar *m_tagBar;
    JournalActions *m_journal = nullptr;
    TagHistoryDock *m_tagHistory = nullptr;
    ProgressPanel *m_progress;
    QMenu *m_recentMenu = nullptr;
    QAction *m_verifyAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_autoVerifyAction = nullptr;
    QString m_sampleSource; // the temporary copy, recorded in Recent as SampleImage::recentEntry()
    bool m_persistent = false;
    int m_autoVerifyOverride = -1;
};

} // namespace strata::ui
