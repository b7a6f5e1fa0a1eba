// SPDX-License-Identifier: MIT
// The hooks screenshots and tests use, kept in one place outside the product's main path:
//   --screenshot FILE.png [SOURCE | LEFT RIGHT]  one window in its final state, grabbed to a PNG (ScreenshotRunner);
//   STRATA_SHOW_FILES=1 or STRATA_SHOW_FILES=PATH  the Files dock starts shown, and PATH is selected once listed;
//   STRATA_SELECT_ROW=TEXT  the screenshot shows the first tree row whose title holds TEXT (or whose digest is
//                           TEXT, an attached artifact first) selected; STRATA_DETAILS_TAB=TEXT shows that tab.
#pragma once

#include <optional>

class QThreadPool;

namespace strata::ui {

class FilesDock;
struct GuiOptions;

class TestHooks final
{
public:
    // When `options` ask for a screenshot: opens the window (a compare window for two sources), waits for it
    // to settle, writes the PNG and returns the exit code (0, 1 cannot write, 2 timed out). Otherwise nullopt,
    // and the caller runs the application normally.
    static std::optional<int> runScreenshot(const GuiOptions &options, QThreadPool *pool);
    // Applies STRATA_SHOW_FILES to a new Files dock; without it the dock stays as it is (hidden).
    static void applyToFilesDock(FilesDock *dock);
};

} // namespace strata::ui
