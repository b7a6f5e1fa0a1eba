// SPDX-License-Identifier: MIT
// docker://HOST[:PORT]/REPO[:TAG|@DIGEST]: which registry, repository and image (distribution/reference
// reference.go and normalize.go).
#pragma once

#include "core/digest.h"
#include "core/result.h"

namespace strata {

struct RegistryReference
{
    QString host;       // "127.0.0.1:5000", "registry-1.docker.io" (Docker Hub is normalised to this endpoint)
    QString repository; // "library/alpine", "a/b/c"
    QString tag;        // empty when a digest is given
    Digest digest;      // null unless @DIGEST

    // Longest reference accepted, both as typed and as toString() spells it out.
    static constexpr qsizetype MaxLength = 512;

    // The tag or digest string used in /v2/<repo>/manifests/<ref>.
    QString reference() const { return digest.isNull() ? tag : digest.toString(); }
    // "host/repo:tag" or "host/repo@sha256:…".
    QString toString() const;
    // True when the host is localhost, 127.0.0.0/8 or ::1: plain HTTP is then allowed (moby
    // daemon/pkg/registry/config.go).
    bool isLoopback() const;

    // Parses what follows "docker://". A missing host means Docker Hub (single names get "library/"),
    // a missing tag means "latest". Errors: Malformed (repository, tag or digest grammar; too long).
    static Result<RegistryReference> parse(const QString &text);
    // Repository name grammar (distribution-spec §Pulling manifests).
    static bool isValidRepository(const QString &name);
    static bool isValidTag(const QString &tag);
};

// True for "localhost", "127.x.y.z" and "::1" host names (with or without a port).
bool isLoopbackHost(const QString &hostWithPort);

} // namespace strata
