// SPDX-License-Identifier: MIT
// Human-readable output of inspect and verify.
#pragma once

#include "core/verify/verifier.h"

#include <QTextStream>

namespace strata::cli {

void printInspect(QTextStream &out, const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter);
void printVerify(QTextStream &out, const ImageGraph &g, const VerifyReport &rep,
                 const std::function<bool(const ImageInfo &)> &filter);

} // namespace strata::cli
