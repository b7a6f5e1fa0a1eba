// SPDX-License-Identifier: MIT
// fuzz_detectkind's first input byte picks the media type the referrer declared. Shared with the
// regression replay in tests/core/tst_hostile.cpp (and mirrored by make-seeds.py's DECLARED list).
#pragma once

#include "core/mediatypes.h"

#include <QString>

namespace strata::fuzz {

inline QString declaredMediaType(quint8 selector)
{
    static const char *const table[] = {"",
                                        mediatype::OciIndex,
                                        mediatype::OciManifest,
                                        mediatype::DockerManifest,
                                        mediatype::DockerList,
                                        mediatype::DockerSchema1Signed,
                                        mediatype::OciConfig,
                                        "application/vnd.example+json"};
    return QString::fromLatin1(table[selector % (sizeof table / sizeof *table)]);
}

} // namespace strata::fuzz
