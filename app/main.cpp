// SPDX-License-Identifier: MIT
// Entry point: a CLI verb runs headless on QCoreApplication; anything else opens the window.
#include "app/cli/cli.h"
#include "ui/guimain.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    if (argc > 1 && strata::cli::isVerb(QString::fromLocal8Bit(argv[1]))) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("strata"));
        QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
        return strata::cli::run(QCoreApplication::arguments());
    }
    return strata::ui::guiMain(argc, argv);
}
