// SPDX-License-Identifier: MIT
// An inline bar above the content for errors that stopped something: no modal box.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace strata::ui {

class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    explicit MessageBar(QWidget *parent = nullptr);

    // Shows `text` (plain text, may hold several lines) as an error.
    void showError(const QString &text);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColors();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    bool m_updatingColors = false;
};

} // namespace strata::ui
