// SPDX-License-Identifier: MIT
// The window's logging categories (ui/logging.h).
#include "ui/logging.h"

namespace strata::ui {

Q_LOGGING_CATEGORY(lcJobs, "strata.ui.jobs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFont, "strata.ui.font", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWindow, "strata.ui.window", QtInfoMsg)
Q_LOGGING_CATEGORY(lcIcons, "strata.ui.icons", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTesting, "strata.ui.testing", QtInfoMsg)

} // namespace strata::ui
