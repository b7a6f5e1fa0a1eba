// SPDX-License-Identifier: MIT
// "Connect to registry…": lists a registry's repositories (/v2/_catalog), then a repository's tags,
// then hands back docker://HOST/REPO:TAG for the source controller to open. Network calls run on the
// application's thread pool; typed credentials stay in memory unless saved through a credential helper.
#pragma once

#include <QDialog>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QThreadPool;

namespace strata {
class RegistryClient;
}

namespace strata::ui {

class BackgroundJob;

class RegistryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegistryDialog)

public:
    RegistryDialog(QThreadPool *pool, QWidget *parent = nullptr);
    ~RegistryDialog() override;
    // docker://HOST/REPO:TAG once accepted.
    QString source() const { return m_source; }
    // Takes the selected tag; does nothing without one.
    void accept() override;

private:
    void connectToRegistry();
    void listTags(const QString &repository);
    void setBusy(const QString &what);
    void showError(const QString &text);
    void updateSaveOption();

    BackgroundJob *m_job; // one listing at a time: a newer one drops the older
    QLineEdit *m_host;
    QCheckBox *m_insecure;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_save;
    QLabel *m_saveNote;
    QListWidget *m_repos;
    QLineEdit *m_repoName;
    QListWidget *m_tags;
    QLabel *m_status;
    QPushButton *m_open;
    std::shared_ptr<RegistryClient> m_client;
    QString m_source;
};

} // namespace strata::ui
