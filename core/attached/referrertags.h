// SPDX-License-Identifier: MIT
// The tag names that point at attached artifacts: the referrers tag schema (distribution-spec
// spec.md §"Referrers Tag Schema": `<alg>-<ref>`, an index of the referrers) and cosign's
// `sha256-<hex>.sig` / `.att` / `.sbom` (cosign pkg/oci/remote).
#pragma once

#include "core/digest.h"

#include <optional>

namespace strata::attached {

struct TagTarget
{
    enum class Scheme { ReferrersTag, CosignSignatures, CosignAttestations, CosignSbom };
    Scheme scheme;
    Digest subject;
};

// The tag part of a reference name ("repo:sha256-….sig", "sha256-….att", "host:5000/repo:tag"): the text
// after the last ':' that comes after the last '/', or the whole name. Names with '@' have no tag.
QString tagOf(const QString &refName);
// What a tag points at, when it follows one of the schemes; the digest is validated (OCI grammar).
std::optional<TagTarget> parseTag(const QString &tag);
// "sha256-<hex>" and the cosign tags for a subject.
QString referrersTagFor(const Digest &subject);
QString cosignTagFor(const Digest &subject, TagTarget::Scheme scheme);

} // namespace strata::attached
