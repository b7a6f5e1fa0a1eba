// SPDX-License-Identifier: MIT
// Whether a policy admits an image, with the semantics of containers/image signature/policy_eval.go
// IsRunningImageAllowed (what podman pull and skopeo copy enforce): every requirement of the scope that applies
// must accept; signedBy and sigstoreSigned accept when at least one signature verifies, signs this manifest's digest
// and claims an identity the signedIdentity rule accepts (policy_eval_signedby.go, policy_eval_sigstore.go,
// policy_reference_match.go). The cryptography is the SignatureChecker's.
#pragma once

#include "core/digest.h"
#include "core/signatures/storedsignature.h"
#include "core/trust/policy.h"
#include "core/trust/policyscope.h"
#include "core/trust/verdict.h"

namespace strata::trust {

// Verifies one signature's cryptography for the policy. Implementations answer Verified only when the signature
// verifies with one of the given keys, filling signedDigest (the digest the signature covers) and signer; the
// evaluator then matches the digest and the signed docker-reference (read from the signature's verified payload,
// StoredSignature::claims) itself. Called on the evaluating thread, once per signature and requirement.
struct SignatureChecker
{
    virtual ~SignatureChecker() = default;
    // A GPG simple signing signature; keyPaths are absolute (resolved against the working directory, as
    // containers/image opens them), or keyData holds the keyring's bytes when keyPaths is empty.
    virtual Verdict gpg(const StoredSignature &signature, const QStringList &keyPaths, const QByteArray &keyData) = 0;
    // A cosign signature (sigstore attachment of type application/vnd.dev.cosign.simplesigning.v1+json) against the
    // requirement's keys, Fulcio or PKI roots and Rekor keys (paths as written in the policy).
    virtual Verdict sigstore(const StoredSignature &signature, const SigstoreRequirement &requirement) = 0;
};

struct PolicyVerdict
{
    bool accepted = false;
    QString scope;             // `transports.docker."example.com/app"`, `default`
    QString requirement;       // the requirement that decided: the one that rejected, or all that accepted
    QString reason;            // one line for people: "rejected by `reject` in default", "accepted: signedBy …"
    QList<Verdict> signatures; // each signature the signature requirements looked at, in order
};

// `manifestDigest` is the digest of the image's manifest as read (the signed digest must equal it; a digest in
// another algorithm does not match). Never fails: an image the transport cannot name is rejected with the reason.
PolicyVerdict evaluatePolicy(const Policy &policy, const PolicyImage &image, const Digest &manifestDigest,
                             const QList<StoredSignature> &signatures, SignatureChecker &checker);

// signedIdentity's matchesDockerReference: does a signature claiming `signedReference` fit an image whose Docker
// reference is `image` (none for dir:, oci:, …; then only exactReference and exactRepository can match)?
bool signedIdentityMatches(const SignedIdentity &rule, const std::optional<DockerReference> &image,
                           const QString &signedReference);

} // namespace strata::trust
