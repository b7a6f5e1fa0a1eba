// SPDX-License-Identifier: MIT
// What the window shows with no source: how to open one, the sample, and recent sources.
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace strata::ui {

class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentSources(const QStringList &sources);
    QPushButton *sampleButton() const { return m_sample; }

Q_SIGNALS:
    void openFileRequested();
    void openFolderRequested();
    void sampleRequested();
    void recentRequested(const QString &source);

private:
    QPushButton *m_openFile;
    QPushButton *m_openFolder;
    QPushButton *m_sample;
    QListWidget *m_recent;
    QLabel *m_recentLabel = nullptr;
};

} // namespace strata::ui
