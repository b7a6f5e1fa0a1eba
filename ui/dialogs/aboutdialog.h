// SPDX-License-Identifier: MIT
// Help ▸ About: version, purpose, and the versions of the libraries Strata runs on.
#pragma once

#include <QDialog>

namespace strata::ui {

class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);
    // The text shown, for tests: "Strata 0.1.0 … Qt 6.4.2 …".
    static QString versionsText();
};

} // namespace strata::ui
