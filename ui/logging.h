// SPDX-License-Identifier: MIT
// The window's logging categories, one per area, all named "strata.ui.<area>" and quiet below info:
// QT_LOGGING_RULES="strata.ui.*.debug=true" (or "strata.ui.jobs.debug=true") shows the details.
// core's categories are in core/logging.h.
#pragma once

#include <QLoggingCategory>

namespace strata::ui {

Q_DECLARE_LOGGING_CATEGORY(lcJobs)    // strata.ui.jobs: load and verify jobs and their generations
Q_DECLARE_LOGGING_CATEGORY(lcFont)    // strata.ui.font: the monospace font choice
Q_DECLARE_LOGGING_CATEGORY(lcWindow)  // strata.ui.window: windows opening sources, compare windows
Q_DECLARE_LOGGING_CATEGORY(lcIcons)   // strata.ui.icons: the SVG icons
Q_DECLARE_LOGGING_CATEGORY(lcTesting) // strata.ui.testing: the test hooks (ui/testhooks.h)

} // namespace strata::ui
