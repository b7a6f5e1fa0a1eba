// SPDX-License-Identifier: MIT
// The desktop application's entry: QApplication, the main window, command-line sources.
#pragma once

namespace strata::ui {

// `strata [--screenshot FILE.png] [--no-verify] [SOURCE…]`: one window per source (or a welcome
// window). Returns the process exit code.
int guiMain(int argc, char **argv);

} // namespace strata::ui
