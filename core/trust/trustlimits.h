// SPDX-License-Identifier: MIT
// Bounds on the Sigstore trust material and bundles core/trust reads (see core/signatures/signaturelimits.h and
// core/attestations/attestationlimits.h for the others). Each one, when hit, is an error naming the object and the
// limit.
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 TrustedRootBytes = 4 * 1024 * 1024; // a trusted_root.json (public-good's is ~10 KB)
inline constexpr int MaxTrustedRootEntries = 100;           // CAs, tlogs, ctlogs or TSAs in one trusted root
inline constexpr qint64 BundleBytes = 16 * 1024 * 1024;     // a Sigstore bundle (as limits::StatementBytes)
inline constexpr int MaxTlogEntries = 100;                  // transparency log entries in one bundle
inline constexpr int MaxProofHashes = 64;                   // an RFC 9162 audit path: 64 covers any 2^64 tree
inline constexpr qint64 CheckpointBytes = 64 * 1024;        // a signed note (real ones are ~300 bytes)
inline constexpr int MaxCheckpointSignatures = 100;         // signature lines of one note
inline constexpr int MaxRfc3161Timestamps = 10;             // RFC 3161 timestamps in one bundle
inline constexpr int MaxEmbeddedScts = 32;                  // SCTs embedded in one certificate (Fulcio's: 1)

} // namespace strata::limits
