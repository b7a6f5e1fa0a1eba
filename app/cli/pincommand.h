// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace strata::cli {

// strata pin [--write [--partial]] [--json] [--tls-verify=BOOL] FILE…
int runPin(const QStringList &args);

} // namespace strata::cli
