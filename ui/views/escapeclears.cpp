// SPDX-License-Identifier: MIT
// Esc clears a line edit.
#include "ui/views/escapeclears.h"

#include <QKeyEvent>
#include <QLineEdit>

namespace strata::ui {

EscapeClears::EscapeClears(QLineEdit *edit) : QObject(edit) {}

void EscapeClears::install(QLineEdit *edit)
{
    edit->installEventFilter(new EscapeClears(edit));
}

bool EscapeClears::eventFilter(QObject *watched, QEvent *event)
{
    auto *edit = qobject_cast<QLineEdit *>(watched);
    if (!edit || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() != Qt::Key_Escape || key->modifiers() != Qt::NoModifier || edit->text().isEmpty())
        return false;
    // A window shortcut on Esc (Verify ▸ Cancel) would take the key first: claim it while there is text to clear.
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();
        return true;
    }
    edit->clear();
    return true;
}

} // namespace strata::ui
