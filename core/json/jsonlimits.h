// SPDX-License-Identifier: MIT
// The limits on everything Strata reads from an untrusted source (containers/image
// internal/iolimits/iolimits.go after CVE-2020-1702; ggcr commits 5fe7f2e1 and 341d8be9).
// Each one, when hit, becomes an error or a problem that names the object and the limit; nothing is
// silently truncated. Duplicate JSON member names are not a limit but a refusal: the document is
// reported as malformed (I-JSON; parsers disagree on which value wins).
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 ManifestBytes = 4 * 1024 * 1024; // manifests and indexes
inline constexpr qint64 ConfigBytes = 8 * 1024 * 1024;   // configs with very long histories
inline constexpr qint64 TopLevelJsonBytes = 1024 * 1024; // manifest.json, index.json, repositories, oci-layout
inline constexpr int JsonDepth = 64;                     // nesting; real documents use < 10
inline constexpr int IndexDepth = 16;                    // nested indexes; an index met again on its own
                                                         // path is a cycle and is not followed either
inline constexpr int MaxManifests = 10000;               // descriptors in one index
inline constexpr int MaxLayers = 1000;                   // layers in one manifest
inline constexpr qint64 MaxArchiveEntries = 1000000;     // members of an outer archive
inline constexpr qint64 MaxLayerEntries = 1000000;       // entries listed per layer (TarStreamParser): the
                                                         // listing stops there with a layer problem, the
                                                         // diff_id still covers every byte
inline constexpr int MaxPathLength = 4096;               // member names
inline constexpr int MaxLinkHops = 1;                    // symlinks/hard links followed to reach an archive member
                                                         // (docker save's shared layers need one); a chain or
                                                         // loop is refused, and no link ever leaves the archive
// Whole-source budgets, so that one document referenced many times (a fan-out, not a cycle) cannot
// multiply work: graph nodes built, and bytes of JSON read, while loading one source.
inline constexpr int MaxGraphNodes = 20000;                    // ~4 KB each with documents and configs: ~80 MB at most;
                                                               // a docker save of 200 images is ~3,400
inline constexpr qint64 MaxLoadedJsonBytes = 64 * 1024 * 1024; // kept as raw bytes for hashing
inline constexpr qint64 MaxDecompressionRatio = 1000;         // decompressed / compressed, per layer: beyond it a layer
                                                              // is reported as suspicious-ratio (still verified), and a
                                                              // compressed outer archive is refused (TooLarge)
inline constexpr qint64 MinRatioAllowance = 64 * 1024 * 1024; // small layers may expand past the ratio up to this
// Decompressed bytes per layer (and per compressed outer archive): beyond this the stream is not inflated further
// and the layer gets a too-large problem, so a bomb that claims a terabyte costs at most this much work.
inline constexpr qint64 MaxUncompressedBytes = 64LL * 1024 * 1024 * 1024;

} // namespace strata::limits
