// SPDX-License-Identifier: MIT
// The desktop application's command line: strata [--screenshot FILE.png] [--no-verify] [SOURCE…].
#pragma once

#include <QStringList>

class QCommandLineParser;

namespace strata::ui {

struct GuiOptions
{
    QStringList sources;
    QString screenshot; // empty: normal interactive run
    bool noVerify = false;

    // Adds --help, --version and the options above to `parser`.
    static void setup(QCommandLineParser &parser);
    // Call after parser.process() or parse().
    static GuiOptions from(const QCommandLineParser &parser);
    // --help/--version need no display: main can answer them on a QCoreApplication.
    static bool wantsHelpOrVersion(const QStringList &arguments);
};

} // namespace strata::ui
