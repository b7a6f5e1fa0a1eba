// SPDX-License-Identifier: MIT
// A Docker reference as containers/image's policy code sees it: distribution/reference ParseNormalizedNamed
// (normalize.go: "busybox" is docker.io/library/busybox, index.docker.io is docker.io) and ParseNamed (the
// canonical form only). Unlike core/registry/registryreference.h it keeps docker.io (not the registry-1
// endpoint), may carry both a tag and a digest, and adds no default tag: the policy matches compare these strings.
#pragma once

#include "core/result.h"

namespace strata::trust {

struct DockerReference
{
    QString domain; // "docker.io", "registry.example.com:5000"
    QString path;   // "library/busybox"
    QString tag;    // empty when none
    QString digest; // "sha256:…", empty when none

    static constexpr qsizetype MaxNameLength = 255; // distribution/reference NameTotalLengthMax

    QString name() const { return domain + QLatin1Char('/') + path; }
    // name[:tag][@digest], as reference.String() spells it.
    QString toString() const;
    bool isNameOnly() const { return tag.isEmpty() && digest.isEmpty(); }
    // reference.TagNameOnly: a name alone gets ":latest".
    DockerReference withDefaultTag() const;

    // ParseNormalizedNamed. Errors: Malformed (grammar, upper case in the repository, a 64-hex identifier, a name
    // over MaxNameLength), naming the text.
    static Result<DockerReference> parseNormalized(const QString &text);
    // ParseNamed: as parseNormalized, and the text must already be in canonical form ("docker.io/library/x").
    static Result<DockerReference> parseCanonical(const QString &text);
    // reference.DomainRegexp, anchored: "example.com", "host:5000", "[::1]:5000".
    static bool isValidDomain(const QString &text);
    // reference.NameRegexp, anchored (an optional domain, then path components).
    static bool isValidName(const QString &text);
};

} // namespace strata::trust
