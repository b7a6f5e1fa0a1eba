// SPDX-License-Identifier: MIT
// How an image's name reads inside a sentence.
#pragma once

#include <QString>

namespace strata {

// The name as it reads after "of": a bare tag (an OCI layout's ref.name, "1.0") is written "tag 1.0", so that
// "layer 2 of tag 1.0" does not read as a count ("layer 2 of 1.0"); "rw/app:1.0" and "image 2" stay as they are.
// Thread-safe.
QString imageNameInText(const QString &name);

} // namespace strata
