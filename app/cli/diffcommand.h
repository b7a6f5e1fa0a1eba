// SPDX-License-Identifier: MIT
// `strata diff A B`: what changed between two images.
#pragma once

#include <QStringList>

namespace strata::cli {

int runDiff(const QStringList &args);

} // namespace strata::cli
