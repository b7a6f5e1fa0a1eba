// SPDX-License-Identifier: MIT
// Where a registry's storage folder is, and what registry-dir:PATH[/REPO[:TAG|@DIGEST]] names.
#pragma once

#include "core/sources/sourcespec.h"

namespace strata::registrydir {

// The `docker/registry/v2` folder of a distribution filesystem-driver storage root, when `path` is that
// root (holds docker/registry/v2) or that v2 folder itself (holds repositories/ or blobs/ and ends in
// registry/v2). Empty otherwise.
QString v2Root(const QString &path);
inline bool isRegistryStorage(const QString &path)
{
    return !v2Root(path).isEmpty();
}

// registry-dir:PATH[/REPO[:TAG|@DIGEST]]: the longest leading part of the text that is registry storage
// becomes the path, the rest the reference. Errors: Malformed (no path, a reference that is not one).
Result<SourceSpec> parseSpec(const QString &text);

struct Reference
{
    QString repository; // empty: every repository
    QString tag;        // empty: every tag (or the digest below)
    QString digest;     // "sha256:…", already checked with the OCI grammar
};

// "REPO", "REPO:TAG", "REPO@DIGEST" or "". Repository components and tags follow the distribution
// reference grammar, so no part can hold "..", "/" where it should not, or anything but [a-z0-9._-].
// Errors: Malformed.
Result<Reference> parseReference(const QString &text);

bool isValidRepositoryComponent(const QString &name);
bool isValidTag(const QString &tag);

} // namespace strata::registrydir
