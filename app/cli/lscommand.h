// SPDX-License-Identifier: MIT
// `strata ls` (a layer's files or the merged filesystem) and `inspect --efficiency`.
#pragma once

#include "app/cli/common.h"

#include <QTextStream>

namespace strata::cli {

int runLs(const QStringList &args);
int printEfficiency(QTextStream &out, const ImageGraph &g, const ImageFilter &filter, bool json);

} // namespace strata::cli
