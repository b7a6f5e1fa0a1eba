// SPDX-License-Identifier: MIT
// Versions of the libraries strata_core is linked with, for About and --version.
#pragma once

#include <QString>

namespace strata {

// "libarchive 3.6.2, OpenSSL 3.0.x, zstd 1.5.4", as the libraries report themselves at run time.
QString libraryVersions();

} // namespace strata
