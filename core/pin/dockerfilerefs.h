// SPDX-License-Identifier: MIT
// Image references in a Dockerfile or Containerfile (Dockerfile reference: parser directives, escape, line
// continuation, comments, FROM [--platform=…] image [AS name], COPY --from=image).
#pragma once

#include "core/pin/pinreference.h"

#include <QList>

namespace strata::pin {

// Every FROM (and COPY --from naming an image), in file order. FROMs naming an earlier stage, scratch, and names
// built from ARG variables are listed with leftAlone set. Pure and thread-safe. Errors: Malformed (a FROM without an
// image, an unknown escape directive), naming the line.
Result<QList<FoundReference>> findDockerfileReferences(const QByteArray &text);

} // namespace strata::pin
