// SPDX-License-Identifier: MIT
// `strata verify-bundle --bundle FILE [trust flags] ARTIFACT`: a Sigstore bundle checked offline against a file or
// a digest (what `cosign verify-blob --bundle` and sigstore-go's `sigstore-go verify` do).
#pragma once

#include <QStringList>

namespace strata::cli {

int runVerifyBundle(const QStringList &args);

} // namespace strata::cli
