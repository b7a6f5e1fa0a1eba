// SPDX-License-Identifier: MIT
// `strata --screenshot FILE.png [SOURCE]`: the window in its final state, rendered to a PNG.
#pragma once

#include <QObject>
#include <QTimer>

namespace strata::ui {

class CompareWindow;
class MainWindow;

// Waits for the window to settle (loaded and verified, or failed), expands the tree, selects the
// first problem (else the first layer), grabs the window and reports the exit code through done().
class ScreenshotRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotRunner)

public:
    ScreenshotRunner(MainWindow *window, QString file, QObject *parent = nullptr);
    // Compare mode: waits for the comparison, shows the first difference in the Files tab and its diff.
    ScreenshotRunner(CompareWindow *window, QString file, QObject *parent = nullptr);
    // Opens `source` (the embedded sample when empty) and starts waiting; gives up after `timeoutMs`.
    void start(const QString &source, int timeoutMs = 120000);
    void startCompare(const QString &left, const QString &right, int timeoutMs = 120000);

Q_SIGNALS:
    void done(int exitCode);

private:
    void capture();
    void saveWhenDetailsShown();
    void captureCompare();
    void save(QWidget *window);

    MainWindow *m_window = nullptr;
    CompareWindow *m_compare = nullptr;
    QString m_file;
    QTimer m_timeout;
    bool m_captured = false;
};

} // namespace strata::ui
