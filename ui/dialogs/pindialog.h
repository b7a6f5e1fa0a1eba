// SPDX-License-Identifier: MIT
// File ▸ Pin References in File…: the image references of a Dockerfile, Compose, Kubernetes or CI file, each with the
// digest its registry serves now, the platforms it covers and a Copy button; "Write pinned file" writes the digests in
// (core/pin). Scanning, resolving and writing run on a BackgroundJob, never on the GUI thread.
#pragma once

#include "core/pin/pinplan.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QThreadPool;
class QTreeWidget;

namespace strata::ui {

class BackgroundJob;

class PinDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PinDialog)

public:
    enum Column { ReferenceColumn, LineColumn, PinnedColumn, PlatformsColumn, StatusColumn, CopyColumn, ColumnCount };

    explicit PinDialog(QThreadPool *pool, QWidget *parent = nullptr);
    ~PinDialog() override;

    QTreeWidget *table() const { return m_table; }
    QPushButton *writeButton() const { return m_write; }
    QString statusText() const;
    // The Copy button of a row (nullptr when the row has nothing to copy).
    QPushButton *copyButton(int row) const;

public Q_SLOTS:
    // Scans and resolves `path` on the pool, then fills the table.
    void openFile(const QString &path);

Q_SIGNALS:
    void scanned(int rows);     // the table was filled (0 rows and the status says why on failure)
    void written(bool success); // "Write pinned file" ended

private:
    void browse();
    void showResult(const Result<pin::PinFile> &result);
    void write();

    BackgroundJob *m_job;
    QLineEdit *m_path;
    QTreeWidget *m_table;
    QLabel *m_status;
    QCheckBox *m_partial;
    QPushButton *m_write;
    std::optional<pin::PinFile> m_file;
};

} // namespace strata::ui
