// SPDX-License-Identifier: MIT
// An inline bar above the content for errors that stopped something, and warnings worth acting on (a tag that
// moved), with buttons for the actions they offer: no modal box.
#pragma once

#include <QFrame>
#include <QList>

class QAction;
class QHBoxLayout;
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
    // Shows `text` as a warning, with a button for each action (owned by the caller; removed at the next show).
    void showWarning(const QString &text, const QList<QAction *> &actions = {});
    QString text() const;
    bool isWarning() const { return m_warning; }
    QList<QToolButton *> actionButtons() const { return m_buttons; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColors();
    void setButtons(const QList<QAction *> &actions);

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QHBoxLayout *m_layout;
    QList<QToolButton *> m_buttons;
    bool m_warning = false;
    bool m_updatingColors = false;
};

} // namespace strata::ui
