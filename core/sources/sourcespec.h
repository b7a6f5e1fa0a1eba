// SPDX-License-Identifier: MIT
// What the user named: a path (auto-detected) or a skopeo-style transport prefix.
#pragma once

#include "sources/selection.h"
#include "result.h"

namespace strata {

struct SourceSpec
{
    enum class Kind { Auto, DockerArchive, OciArchive, OciLayout };
    Kind kind = Kind::Auto;
    QString path;
    Selection selection;
    QString text; // as given

    // docker-archive:PATH[:NAME:TAG|:@N], oci-archive:PATH[:REF], oci:DIR[:REF], or a plain path.
    // A path containing ':' is taken whole when it exists. Errors: Malformed.
    static Result<SourceSpec> parse(const QString &text);
};

} // namespace strata
