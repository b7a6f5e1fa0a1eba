// SPDX-License-Identifier: MIT
// Turning digests into member names and member names back into the digests they claim.
#pragma once

#include "core/digest.h"

#include <optional>

namespace strata {

// "blobs/<alg>/<hex>"; only for digests Strata can compute (image-spec descriptor.md §Digests; like containers/image
// oci/layout/oci_transport.go blobPath, a digest becomes a path only after validation),
// otherwise an empty string.
QString ociBlobPath(const Digest &d);

// The digest a member's name encodes, if any: blobs/<alg>/<hex>, <hex>.json, sha256:<hex>,
// <hex>.tar, <hex>.tar.gz. "<v1-id>/layer.tar" names no digest.
std::optional<Digest> digestFromMemberName(const QString &member);

} // namespace strata
