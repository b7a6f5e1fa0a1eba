// SPDX-License-Identifier: MIT
// Who vouches for an image: every signature attached to it (cosign .sig layers and stored signatures, Sigstore
// bundles, Notation envelopes, GPG simple signing) checked against what the user trusts, one verdict each, and a
// summary per signed manifest or index. The one entry point for the CLI, the reports and the window.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/trust/gpgverify.h"
#include "core/trust/notationverify.h"
#include "core/trust/policyevaluation.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/trustoptions.h"
#include "core/trust/verdict.h"

#include <QMap>

#include <optional>

namespace strata::trust {

// What the options name, loaded once per run.
struct TrustMaterial
{
    TrustOptions options;
    SigstoreTrust sigstore;
    std::optional<GpgKeyring> gpg;
    std::optional<NotationTrustStore> notation;
    std::optional<Policy> policy; // --policy, a containers-policy.json(5)
};

// Errors name the file that did not load (a key, a root, a trust store, a keyring).
Result<TrustMaterial> loadTrustMaterial(const TrustOptions &options);

struct SignatureCheck
{
    int node = -1; // the artifact or stored-signature node
    int item = 0;  // which signature of the node (a .sig manifest may hold several layers)
    QString kind;  // "cosign signature", "Sigstore bundle", "Notation signature", "GPG signature"
    Verdict verdict;
};

struct SubjectTrust
{
    int node = -1; // the manifest or index the signatures refer to
    int verified = 0;
    int failed = 0;
    int notChecked = 0;
    QStringList signers; // of the verified ones, distinct, in order
    // "signed by …" / "signature failed" / "signature not checked"
    QString badge() const;
};

struct TrustReport
{
    QList<SignatureCheck> checks;     // in node order
    QMap<int, SubjectTrust> subjects; // by subject node
    bool canceled = false;
    // With a policy: what podman and skopeo would answer for pulling this image, and the requirement that decided;
    // policyNote says why there is none (a source opened as a plain path has no transport to scope by).
    std::optional<PolicyVerdict> policy;
    QString policyNote;
    QString policyImage;              // "oci:/abs/path", the image the policy was evaluated for
    bool policyImageInferred = false; // the source was a plain path: its transport came from what was found there

    // The verdict of one node: verified when any of its signatures verified, else failed when any failed,
    // else not checked (with the first reason). Null when the node carries no signature.
    std::optional<Verdict> verdictOf(int node) const;
    bool anyVerified() const;
    // "signed by key ECDSA P-256 … (cosign.pub)" / "no valid signature (2 failed, 1 not checked)" /
    // "no signature": the summary bar's and the CLI's line.
    QString summaryLine() const;
    // "policy: accepted (…)" / "policy: rejected by …", empty without a policy.
    QString policyLine() const;
    // False when a policy was evaluated and rejects the image.
    bool policyAccepts() const { return !policy || policy->accepted; }
};

// Checks every signature of the graph. Thread-safe (reads the immutable graph); reads each artifact's layers
// through the graph's container (bounded); checks `job` between signatures.
TrustReport checkImageTrust(const ImageGraph &g, const TrustMaterial &m, JobContext *job = nullptr);

} // namespace strata::trust
