// SPDX-License-Identifier: MIT
// The desktop application's entry: QApplication, the main window, command-line sources.
#pragma once

namespace strata::ui {

int guiMain(int argc, char **argv);

} // namespace strata::ui
