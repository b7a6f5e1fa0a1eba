// SPDX-License-Identifier: MIT
// The "simple signing" payload that both GPG (containers/image "atomic") and cosign signatures sign: which
// manifest, under which name (containers/image docs/containers-signature.5.md; sigstore/cosign
// specs/SIGNATURE_SPEC.md "Simple Signing").
#pragma once

#include "core/digest.h"
#include "core/result.h"

#include <QJsonObject>

namespace strata {

struct SimpleSigningClaims
{
    QString type;            // critical.type: "atomic container signature" or "cosign container image signature"
    Digest manifestDigest;   // critical.image.docker-manifest-digest (null when absent or invalid)
    QString dockerReference; // critical.identity.docker-reference
    QJsonObject optional;    // the optional object: creator, timestamp, and whatever the signer added
    QStringList problems;    // what does not follow the format, in words (a claim is kept even so)
};

// Parses the payload. Errors: Malformed (not JSON, no "critical" object), TooLarge (over limits::SignatureBytes).
Result<SimpleSigningClaims> parseSimpleSigning(const QByteArray &payload, const QString &context);

} // namespace strata
