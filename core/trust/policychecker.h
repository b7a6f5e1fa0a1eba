// SPDX-License-Identifier: MIT
// The signature checks a containers-policy.json requirement asks for, made by Strata's own verifiers: signedBy with
// GPGME (gpgverify), sigstoreSigned with the cosign verifier over the requirement's keys, Fulcio CA and Rekor keys.
// And the policy image of a source text, in the transport syntax podman and skopeo use.
#pragma once

#include "core/trust/policyevaluation.h"

#include <optional>

namespace strata::trust {

class VerifierChecker final : public SignatureChecker
{
public:
    explicit VerifierChecker(const Digest &manifestDigest) : m_digest(manifestDigest) {}
    Verdict gpg(const StoredSignature &signature, const QStringList &keyPaths, const QByteArray &keyData) override;
    Verdict sigstore(const StoredSignature &signature, const SigstoreRequirement &requirement) override;

private:
    Digest m_digest;
};

// "docker://HOST/REPO:TAG" → {docker, //HOST/REPO:TAG}; docker-archive:, oci:, oci-archive:, dir:,
// docker-daemon: likewise. Nothing for a plain path or registry-dir: (no containers/image transport reads those).
std::optional<PolicyImage> policyImageOf(const QString &sourceText);

} // namespace strata::trust
