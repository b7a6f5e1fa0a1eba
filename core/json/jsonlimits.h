// SPDX-License-Identifier: MIT
// Size limits for every JSON document Strata reads (FORMATS.md §6.4, containers/image iolimits).
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 ManifestBytes = 4 * 1024 * 1024;  // manifests and indexes
inline constexpr qint64 ConfigBytes = 8 * 1024 * 1024;    // configs with very long histories
inline constexpr qint64 TopLevelJsonBytes = 1024 * 1024;  // manifest.json, index.json, repositories, oci-layout
inline constexpr int JsonDepth = 64;                      // nesting; real documents use < 10
inline constexpr int IndexDepth = 16;                     // nested indexes
inline constexpr int MaxManifests = 10000;                // descriptors in one index
inline constexpr int MaxLayers = 1000;                    // layers in one manifest
inline constexpr qint64 MaxArchiveEntries = 1000000;      // members of an outer archive
inline constexpr int MaxPathLength = 4096;                // member names
inline constexpr qint64 MaxDecompressionRatio = 1000;     // decompressed / compressed, per layer
inline constexpr qint64 MinRatioAllowance = 64 * 1024 * 1024; // small layers may expand past the ratio up to this

} // namespace strata::limits
