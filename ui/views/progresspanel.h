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
    // "134.4 MB of 405.1 MB": on one line beside the bar, never clipped (empty while the total is unknown).
    QLabel *bytesLabel() const { return m_bytes; }
    // What runs and the object being read, elided to the room left (the full text is its tooltip).
    QLabel *objectLabel() const { return m_label; }

Q_SIGNALS:
    void cancelRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void elideObject();

    QLabel *m_label;
    QLabel *m_bytes;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QString m_what;
    QString m_text; // the object label's full text
};

} // namespace strata::ui
