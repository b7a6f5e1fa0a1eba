// SPDX-License-Identifier: MIT
// Progress of the running job in bytes, the object being read, and a Cancel button.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace strata::ui {

class ProgressPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressPanel)

public:
    explicit ProgressPanel(QWidget *parent = nullptr);

    void start(const QString &what);
    // total 0: unknown, shown as a busy bar.
    void setProgress(qint64 done, qint64 total, const QString &currentObject);
    void finish();
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QString m_what;
};

} // namespace strata::ui
