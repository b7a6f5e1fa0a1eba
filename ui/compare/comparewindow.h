// SPDX-License-Identifier: MIT
// Two sources side by side: summary, layers, config and files, with reports to export.
#pragma once

#include <QMainWindow>

class QCheckBox;
class QLabel;
class QTabWidget;
class QTableView;
class QThreadPool;
class QTreeView;

namespace strata::ui {

class CompareFilesTab;
class CompareSourceBar;
class CompareSession;
class ConfigChangeModel;
class FileDiffModel;
class FileDiffPane;
class FileDiffProxy;
class LayerPairModel;
class MessageBar;
class ProgressPanel;

class CompareWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareWindow)

public:
    enum Tab { LayersTab, ConfigTab, FilesTab };

    // Jobs run on `pool`, which must outlive the window's jobs (the application owns it).
    explicit CompareWindow(QThreadPool *pool, QWidget *parent = nullptr);
    ~CompareWindow() override;

    // Save the geometry and splitters on close and restore them from QSettings (off in tests and
    // screenshots, like MainWindow).
    void setPersistent(bool on) { m_persistent = on; }
    void restoreWindowState();
    void saveWindowState() const;

    void setSources(const QString &left, const QString &right);
    // Opens both sources and compares them (after setSources, or with the fields as typed).
    void compare(const QString &left, const QString &right);
    bool exportReport(const QString &file, bool html);

    CompareSession *session() const { return m_session; }
    LayerPairModel *layerModel() const { return m_layerModel; }
    ConfigChangeModel *configModel() const { return m_configModel; }
    FileDiffModel *fileModel() const { return m_fileModel; }
    FileDiffProxy *fileProxy() const { return m_fileProxy; }
    CompareFilesTab *filesTab() const { return m_filesTab; }
    CompareSourceBar *sourceBar() const { return m_sourceBar; }
    QTreeView *filesTree() const;
    FileDiffPane *filePane() const;
    QTabWidget *tabs() const { return m_tabs; }
    QCheckBox *differencesOnlyBox() const;
    QCheckBox *ignoreTimestampsBox() const;
    QCheckBox *ignoreMetadataBox() const;
    QString summaryText() const;
    // Selects `path` in the file trees (expanding its parents); false when it is not shown.
    bool selectFile(const QString &path);
    // For screenshots: the Files tab, differences expanded, the first changed file selected.
    void showFirstDifference();

Q_SIGNALS:
    // A comparison finished or failed and no job runs.
    void settled();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void connectSession();
    void onCompared(bool listingChanged);
    void updateSummary();
    void copyCurrent();
    void exportDialog(bool html);

    QThreadPool *m_pool;
    CompareSession *m_session;
    LayerPairModel *m_layerModel;
    ConfigChangeModel *m_configModel;
    FileDiffModel *m_fileModel;
    FileDiffProxy *m_fileProxy;
    MessageBar *m_messageBar;
    ProgressPanel *m_progress;
    CompareSourceBar *m_sourceBar;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableView *m_layerView;
    QTableView *m_configView;
    CompareFilesTab *m_filesTab;
    QAction *m_exportMd = nullptr;
    QAction *m_exportHtml = nullptr;
    bool m_persistent = false;
};

} // namespace strata::ui
