// SPDX-License-Identifier: MIT
// The machine-readable form of a graph and a verification report (the CLI's --json).
#pragma once

#include "verify/verifier.h"

#include <QJsonObject>

namespace strata::report {

// {"source","format","ok","images":[…],"tree":{…},"problems":[…],"checks":{…}}. `verify` may be null
// (inspect). Images failing `filter` are left out.
QJsonObject toJson(const ImageGraph &g, const VerifyReport *verify,
                   const std::function<bool(const ImageInfo &)> &filter = {});

QJsonObject problemToJson(const Problem &p);

// The digest naming an image's config: the descriptor's, the member name's, or sha256 of the bytes
// (which is the image ID by definition, config.md §ImageID).
Digest configDigestOf(const ImageGraph &g, const ImageInfo &img);

} // namespace strata::report
