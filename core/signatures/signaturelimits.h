// SPDX-License-Identifier: MIT
// Bounds on signatures read from an untrusted source (see core/json/jsonlimits.h for the others).
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 SignatureBytes = 4 * 1024 * 1024; // one stored signature file, its payload, and an OpenPGP
                                                          // message's literal data once inflated
inline constexpr int MaxStoredSignatures = 1000;          // signature-N files read per manifest
inline constexpr int MaxCertificateChain = 10;            // certificates decoded from one chain annotation
// A cosign signature annotation: base64 of one signature (an RSA-16384 signature is 2 KiB); a Rekor bundle
// annotation: the SET, the entry body (base64 of a hashedrekord, a few KiB) and its log coordinates.
inline constexpr qint64 SignatureAnnotationBytes = 64 * 1024;
inline constexpr qint64 RekorBundleAnnotationBytes = 1024 * 1024;
inline constexpr qint64 KeyringBytes = 16 * 1024 * 1024; // a GPG keyring or armoured key file the user gives

} // namespace strata::limits
