// SPDX-License-Identifier: MIT
// `strata history`: every digest a tag has pointed to.
#pragma once

#include <QStringList>

namespace strata::cli {

int runHistory(const QStringList &args);

} // namespace strata::cli
