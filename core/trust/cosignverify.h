// SPDX-License-Identifier: MIT
// Verifying a cosign "simple signing" signature offline (sigstore/cosign pkg/cosign/verify.go VerifyImageSignature,
// verifyOCISignature, VerifyBundle, VerifySET, CheckCertificatePolicy; specs/SIGNATURE_SPEC.md): the payload's
// digest, the signature with a given key or a certificate chained to a given CA, the Rekor promise and that it is
// about this signature, the signer's identity, and that the payload signs this manifest.
#pragma once

#include "core/digest.h"
#include "core/model/imagegraph.h"
#include "core/signatures/storedsignature.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/verdict.h"

#include <QDateTime>
#include <QList>
#include <QPair>

#include <optional>

namespace strata::trust {

// What a signature is attached to, so that a digest mismatch can be said plainly for multi-platform images.
struct CosignSubject
{
    Digest digest; // the manifest or index the signature was found for (its .sig tag, its dir: folder)
    bool isIndex = false;
    QList<QPair<Digest, QString>> platformManifests; // an index's children with their platform ("linux/arm64")
    Digest index;                                    // a platform manifest's index, when known
};

// The subject of the signatures attached to node `nodeId` of `g` (a manifest or an index): its digest, an index's
// platform manifests with their platforms, a platform manifest's index. Thread-safe (reads the immutable graph).
CosignSubject cosignSubjectOf(const ImageGraph &g, int nodeId);

// Checks `sig`, a cosign signature found for `subject`:
//  - the attachment is a simple signing payload (application/vnd.dev.cosign.simplesigning.v1+json);
//  - `payloadDigest` (the .sig layer's descriptor digest; nullopt for a dir: stored signature) is sha256(payload);
//  - the signature verifies over the payload with one of trust.keys, or, when no key is given, with the leaf
//    certificate's key; the leaf (through the chain annotation) chains to one of trust.certificateAuthorities valid
//    at the signing time, and has the identity trust.identity requires (SAN and OIDC issuer, both required, as
//    cosign requires them for keyless verification);
//  - with a Rekor bundle annotation and trust.tlogs: the SET verifies with the log's key and the entry records
//    this payload's hash, this signature and this key or certificate; its integrated time is then the signing
//    time. Keyless without a verified entry, the certificate must be valid at `now`;
//  - critical.type is "cosign container image signature" and the signed digest is subject's.
// Verified only when all of these hold; Failed with the first that did not (expected vs found); NotChecked when
// the trust given cannot decide (no key nor CA, keyless without a required identity, a GPG signature).
// Thread-safe; no I/O.
Verdict verifyCosignSignature(const StoredSignature &sig, const CosignSubject &subject,
                              const std::optional<Digest> &payloadDigest, const SigstoreTrust &trust,
                              const QDateTime &now = QDateTime::currentDateTimeUtc());
Verdict verifyCosignSignature(const StoredSignature &sig, const Digest &subject,
                              const std::optional<Digest> &payloadDigest, const SigstoreTrust &trust);

} // namespace strata::trust
