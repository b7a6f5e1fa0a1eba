// SPDX-License-Identifier: MIT
// What the user named: a path (auto-detected) or a skopeo-style transport prefix.
#pragma once

#include "core/result.h"
#include "core/sources/selection.h"

namespace strata {

struct SourceSpec
{
    enum class Kind { Auto, DockerArchive, OciArchive, OciLayout, DirTransport, Registry, RegistryDir, DockerDaemon };
    Kind kind = Kind::Auto;
    QString path;
    Selection selection;
    QString text;          // as given
    bool tlsVerify = true; // Registry: verify certificates; plain HTTP only for loopback hosts
    // Registry: look up what is attached (referrers API or tag, cosign tags); off saves those requests.
    bool discoverAttached = true;
    QString referrersArtifactType; // Registry: sent as the referrers API's artifactType filter

    // docker-archive:PATH[:NAME:TAG|:@N], oci-archive:PATH[:REF], oci:DIR[:REF], dir:DIR, a plain path,
    // docker://HOST[:PORT]/REPO[:TAG|@DIGEST] (path then holds what follows docker://),
    // registry-dir:PATH[/REPO[:TAG|@DIGEST]] (path = the storage folder, selection.reference = the rest),
    // docker-daemon:NAME[:TAG] or docker-daemon:IMAGE-ID (path empty, selection.reference = the name).
    // A path containing ':' is taken whole when it exists. Errors: Malformed.
    static Result<SourceSpec> parse(const QString &text);
};

} // namespace strata
