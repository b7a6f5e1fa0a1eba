// SPDX-License-Identifier: MIT
// core's logging categories (core/logging.h).
#include "core/logging.h"

namespace strata {

Q_LOGGING_CATEGORY(lcIo, "strata.core.io", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSources, "strata.core.sources", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRegistry, "strata.core.registry", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "strata.core.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLayers, "strata.core.layers", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVerify, "strata.core.verify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCompare, "strata.core.compare", QtInfoMsg)

} // namespace strata
