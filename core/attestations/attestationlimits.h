// SPDX-License-Identifier: MIT
// Bounds on attached artifacts read from an untrusted source: in-toto statements, DSSE envelopes and SBOMs
// (see core/json/jsonlimits.h for the others). Each one, when hit, is an error or a problem that names the
// object and the limit.
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 StatementBytes = 16 * 1024 * 1024; // an in-toto statement, a DSSE envelope or a Sigstore
                                                           // bundle holding one (BuildKit caps its files at 40 MiB,
                                                           // but real statements are kilobytes): refused unparsed
inline constexpr qint64 SbomBytes = 64 * 1024 * 1024;      // an SPDX or CycloneDX document: refused unparsed
inline constexpr int MaxSubjects = 10000;                  // subjects kept from one statement; the rest are counted
inline constexpr int MaxPackages = 200000;                 // packages listed from one SBOM; the table stops, said
inline constexpr int MaxMaterials = 10000;                 // provenance materials / resolved dependencies kept
inline constexpr int MaxEnvelopeSignatures = 100;          // signatures kept from one DSSE envelope

} // namespace strata::limits
