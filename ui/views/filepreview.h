// SPDX-License-Identifier: MIT
// A file's content, read lazily from its layer on a worker: text (first 64 KB) or hex (first 4 KB),
// and Save As… to a new file the user chooses (never overwriting one).
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/layers/layertoc.h"
#include "core/model/imagegraph.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QThreadPool;

namespace strata::ui {

class BackgroundJob;

class FilePreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilePreview)

public:
    static constexpr qint64 TextBytes = 64 * 1024;
    static constexpr qint64 HexBytes = 4 * 1024;

    explicit FilePreview(QThreadPool *pool, QWidget *parent = nullptr);
    ~FilePreview() override;

    void setGraph(const ImageGraphPtr &graph);
    void showFile(int layerNode, const LayerEntry &entry);
    void clear();
    // Saves the shown file to `destination` on a worker; emits saved() with the outcome.
    void saveTo(const QString &destination);
    // Asks for a new file name (Save As…), then saveTo().
    void saveAs();

    bool isLoading() const;
    bool isHex() const { return m_hex; }
    QByteArray data() const { return m_data; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *infoLabel() const { return m_info; }
    QPushButton *saveButton() const { return m_save; }

    static QString hexDump(const QByteArray &bytes);

Q_SIGNALS:
    void loaded();
    void saved(bool ok, const QString &message);
    void statusMessage(const QString &message);

private:
    BackgroundJob *m_read;  // the shown file's read; clear() and showFile() drop the one still running
    BackgroundJob *m_saves; // every save reports
    ImageGraphPtr m_graph;
    int m_layerNode = -1;
    QString m_path;
    QByteArray m_data;
    bool m_hex = false;
    QLabel *m_info;
    QPlainTextEdit *m_text;
    QPushButton *m_save;
};

} // namespace strata::ui
