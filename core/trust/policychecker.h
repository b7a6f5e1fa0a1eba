// SPDX-License-Identifier: MIT
// The signature checks a containers-policy.json requirement asks for, made by Strata's own verifiers: signedBy with
// GPGME (gpgverify), sigstoreSigned with the cosign verifier over the requirement's keys, Fulcio CA and Rekor keys.
// And the policy image of a source text, in the transport syntax podman and skopeo use.
#pragma once

#include "core/model/imagegraph.h"
#include "core/trust/gpgverify.h"
#include "core/trust/policyevaluation.h"

#include <QHash>

#include <optional>

namespace strata::trust {

// One checker per evaluation: each GPG keyring a requirement names is imported once however many signatures and
// requirements use it, and the keyring already loaded for the report (--gpg-keyring) is reused when a requirement
// names the same file.
class VerifierChecker final : public SignatureChecker
{
public:
    explicit VerifierChecker(const Digest &manifestDigest, const GpgKeyring *loaded = nullptr);
    Verdict gpg(const StoredSignature &signature, const QStringList &keyPaths, const QByteArray &keyData) override;
    Verdict sigstore(const StoredSignature &signature, const SigstoreRequirement &requirement) override;
    // How many keyrings this checker imported itself (not counting the one it was given).
    int keyringsImported() const { return m_imported; }

private:
    Result<GpgKeyring> keyring(const QString &path);

    Digest m_digest;
    QHash<QString, GpgKeyring> m_keyrings; // by absolute path, the given one included
    int m_imported = 0;
};

// "docker://HOST/REPO:TAG" → {docker, //HOST/REPO:TAG}; docker-archive:, oci:, oci-archive:, dir:,
// docker-daemon: likewise. Nothing for a plain path or registry-dir: (no containers/image transport reads those).
std::optional<PolicyImage> policyImageOf(const QString &sourceText);
// The source text's transport when it names one, else the transport the opener found for a plain path
// (ImageGraph::transport) with the absolute path: what podman and skopeo would be given for the same image.
std::optional<PolicyImage> policyImageOf(const ImageGraph &g);

} // namespace strata::trust
