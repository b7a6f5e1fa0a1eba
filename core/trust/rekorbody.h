// SPDX-License-Identifier: MIT
// Whether a Rekor entry's body is about THIS signature: a log entry proves only what its body says, so a valid SET
// over someone else's entry must not vouch for this one (sigstore/cosign pkg/cosign/verify.go VerifyBundle and
// compareSigs; sigstore/rekor pkg/types/hashedrekord/v0.0.1 and rekord/v0.0.1 entry schemas).
#pragma once

#include "core/result.h"
#include "core/trust/publickey.h"
#include "core/trust/x509chain.h"

namespace strata::trust {

// What the entry must name: the signed bytes' SHA-256, the signature, and the key (or certificate) that verified.
struct RekorBodyExpectation
{
    QByteArray artifactSha256; // raw 32 bytes
    QByteArray signature;      // raw signature bytes
    PublicKey key;             // the key that verified the signature
    Certificate certificate;   // keyless: the leaf that carried the key (the entry must hold this certificate)
};

// The entry's kind and version, as "hashedrekord 0.0.1", when the body decodes.
QString rekorBodyKind(const QByteArray &body);

// Checks a decoded entry body (hashedrekord 0.0.1 or rekord 0.0.1) against `expected`. Errors: Unsupported (another
// kind, such as intoto, which records an attestation, not a signature over a blob), Malformed (not an entry), Io
// (the entry names another hash, signature, key or certificate: says which, expected vs found).
Status matchRekorBody(const QByteArray &body, const RekorBodyExpectation &expected);

} // namespace strata::trust
