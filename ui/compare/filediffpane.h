// SPDX-License-Identifier: MIT
// Both versions of one file: type, size, mode, owner, mtime and layer, and for small text files a
// line diff. Contents are read on the pool (readLayerFile), never on the GUI thread.
#pragma once

#include "ui/compare/filediffmodel.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QThreadPool;

namespace strata::ui {

class BackgroundJob;

class FileDiffPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDiffPane)

public:
    static constexpr qint64 MaxTextBytes = 256 * 1024;

    explicit FileDiffPane(QThreadPool *pool, QWidget *parent = nullptr);

    // `node` may be null (nothing selected). Graphs and image indexes locate the layers to read.
    void showFile(const FileDiffModel::FileNode *node, const ImageGraphPtr graphs[2], const int images[2]);
    void clear();
    QPlainTextEdit *diffView() const { return m_diff; }
    // Renders a diff of two texts into the view (also used by tests).
    void showTextDiff(const QString &left, const QString &right);

Q_SIGNALS:
    // The diff view shows its final content for the selected file (text, or why there is none).
    void contentShown();

private:
    QLabel *m_details;
    QPlainTextEdit *m_diff;
    BackgroundJob *m_read; // reads both sides; a newer file (or clear()) drops the one still read
};

} // namespace strata::ui
