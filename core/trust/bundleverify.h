// SPDX-License-Identifier: MIT
// Offline verification of a Sigstore bundle (sigstore/protobuf-specs protos/sigstore_bundle.proto, media types
// application/vnd.dev.sigstore.bundle+json;version=0.1/0.2/0.3 and application/vnd.dev.sigstore.bundle.v0.3+json)
// against the user's SigstoreTrust, following sigstore-go pkg/verify/signed_entity.go: the signature (message
// signature or DSSE envelope) with the bundle's key or certificate, the artifact it names, the transparency log
// entries (bundletlog.h), the certificate chain at the log's integrated time, and the signer's identity.
#pragma once

#include "core/digest.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/verdict.h"

namespace strata::trust {

struct BundleSubject
{
    Digest artifactDigest; // what the bundle must sign (sha256 or sha512)
    QByteArray artifact;   // optional: the bytes, when known (Ed25519 message signatures need them)
};

// Verified only when the signature verifies with a trusted key (or a certificate that chains to a trusted CA at the
// signing time and has the required identity), the bundle signs `subject`, and every transparency log entry checks
// against a trusted log. Failed with the reason otherwise; NotChecked when the trust given cannot decide (no key for
// a key-signed bundle, no CA or no identity requirement for a keyless one). Pure function, thread-safe; input
// bounded by core/trust/trustlimits.h.
Verdict verifySigstoreBundle(const QByteArray &bundleJson, const BundleSubject &subject, const SigstoreTrust &trust);

} // namespace strata::trust
