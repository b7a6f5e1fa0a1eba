// SPDX-License-Identifier: MIT
// Run-time library versions.
#include "core/libraryversions.h"

#include <archive.h>
#include <openssl/crypto.h>
#include <zstd.h>

namespace strata {

QString libraryVersions()
{
    return QString::fromLatin1(archive_version_string()) + QLatin1String(", ") +
           QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)) + QLatin1String(", zstd ") +
           QString::fromLatin1(ZSTD_versionString()) + QLatin1String(", ISA-L igzip");
}

} // namespace strata
