// SPDX-License-Identifier: MIT
// Two sources side by side: summary, layers, config and files, with reports to export.
#pragma once

#include <QMainWindow>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QThreadPool;
class QTreeView;

namespace strata::ui {

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

    void setSources(const QString &left, const QString &right);
    // Opens both sources and compares them (after setSources, or with the fields as typed).
    void compare(const QString &left, const QString &right);
    bool exportReport(const QString &file, bool html);

    CompareSession *session() const { return m_session; }
    LayerPairModel *layerModel() const { return m_layerModel; }
    ConfigChangeModel *configModel() const { return m_configModel; }
    FileDiffModel *fileModel() const { return m_fileModel; }
    FileDiffProxy *fileProxy() const { return m_fileProxy; }
    QTreeView *leftTree() const { return m_leftTree; }
    QTreeView *rightTree() const { return m_rightTree; }
    FileDiffPane *filePane() const { return m_filePane; }
    QTabWidget *tabs() const { return m_tabs; }
    QCheckBox *differencesOnlyBox() const { return m_diffOnly; }
    QCheckBox *ignoreTimestampsBox() const { return m_ignoreTimestamps; }
    QCheckBox *ignoreMetadataBox() const { return m_ignoreMetadata; }
    QString summaryText() const;
    // Selects `path` in the file trees (expanding its parents); false when it is not shown.
    bool selectFile(const QString &path);
    // For screenshots: the Files tab, differences expanded, the first changed file selected.
    void showFirstDifference();

Q_SIGNALS:
    // A comparison finished or failed and no job runs.
    void settled();

private:
    void createMenus();
    QWidget *createFilesTab();
    void browse(int side);
    void onCompared(bool listingChanged);
    void updateSummary();
    void updateOptions();
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
    QLineEdit *m_sourceEdits[2];
    QComboBox *m_platform;
    QLabel *m_unpaired;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableView *m_layerView;
    QTableView *m_configView;
    QTreeView *m_leftTree = nullptr;
    QTreeView *m_rightTree = nullptr;
    FileDiffPane *m_filePane = nullptr;
    QCheckBox *m_diffOnly = nullptr;
    QCheckBox *m_ignoreTimestamps = nullptr;
    QCheckBox *m_ignoreMetadata = nullptr;
    QAction *m_exportMd = nullptr;
    QAction *m_exportHtml = nullptr;
    bool m_updatingPlatforms = false;
};

} // namespace strata::ui
