// SPDX-License-Identifier: MIT
// File ▸ Local Images…: the local Docker or Podman engine's images (repository, tag, image ID, repo
// digest, size), listed on a worker; the chosen one is opened as docker-daemon:REFERENCE.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QThreadPool;
class QTreeWidget;

namespace strata::ui {

class BackgroundJob;

class LocalImagesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalImagesDialog)

public:
    enum Column {
        RepositoryColumn,
        TagColumn,
        ImageIdColumn,
        RepoDigestColumn,
        SizeColumn,
        CreatedColumn,
        ColumnCount
    };

    // Starts listing at once, on `pool`.
    explicit LocalImagesDialog(QThreadPool *pool, QWidget *parent = nullptr);
    ~LocalImagesDialog() override;

    // "docker-daemon:REFERENCE" for the selected row, empty without one.
    QString selectedSource() const;
    QTreeWidget *list() const { return m_list; }
    QString statusText() const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // The list was (re)filled, or listing failed (rows 0 and the status says why).
    void listed(int rows);

private:
    BackgroundJob *m_job; // a refresh drops the listing still running
    QTreeWidget *m_list;
    QLabel *m_status;
    QPushButton *m_open;
    QPushButton *m_refresh;
};

} // namespace strata::ui
