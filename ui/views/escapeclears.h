// SPDX-License-Identifier: MIT
// Esc in a filter or search box clears it (and only then does Esc go on to the window, e.g. Verify ▸ Cancel).
#pragma once

#include <QObject>

class QLineEdit;

namespace strata::ui {

class EscapeClears final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EscapeClears)

public:
    // Owned by `edit`.
    static void install(QLineEdit *edit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit EscapeClears(QLineEdit *edit);
};

} // namespace strata::ui
