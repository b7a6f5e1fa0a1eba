// SPDX-License-Identifier: MIT
// GUI entry (placeholder until the explorer window lands).
#include "guimain.h"

#include <QApplication>
#include <QLabel>

namespace strata::ui {

int guiMain(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label(QStringLiteral("Strata"));
    label.show();
    return app.exec();
}

} // namespace strata::ui
