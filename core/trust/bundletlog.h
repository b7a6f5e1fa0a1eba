// SPDX-License-Identifier: MIT
// One transparency log entry of a Sigstore bundle (sigstore/protobuf-specs protos/sigstore_rekor.proto
// TransparencyLogEntry) checked as sigstore-go pkg/verify/tlog.go does: the inclusion promise (SET) by the log's
// key, the inclusion proof to the root of the log's signed checkpoint, and the entry's body (Rekor's hashedrekord,
// dsse or intoto types) naming this bundle's signature, key or certificate, and signed digest.
#pragma once

#include "core/trust/sigstoretrust.h"

#include <QJsonObject>

namespace strata::trust {

// What the bundle's content says was signed, for comparison with the log entry's body.
struct SignedContent
{
    QByteArray signature;    // the signature bytes
    QByteArray keyOrCertDer; // the leaf certificate's DER, or the key's SubjectPublicKeyInfo
    bool isCertificate = false;
    QByteArray dssePayload;         // the DSSE payload (dsse, intoto entries hash it), or empty
    QByteArray messageDigest;       // the messageSignature's digest (hashedrekord entries carry it), or empty
    QString messageDigestAlgorithm; // "sha256", "sha384", "sha512"
};

struct TlogEntryCheck
{
    QDateTime integratedTime; // valid only when the SET verified (nothing else signs it)
    QStringList checks;
};

// `entry` is one tlogEntries[] member; `needProof` is true for bundles v0.2 and later (an inclusion proof is
// required; v0.1 requires the promise). Errors name what did not check; Unsupported for an entry kind Strata
// cannot compare.
Result<TlogEntryCheck> verifyTlogEntry(const QJsonObject &entry, bool needProof, const SignedContent &content,
                                       const QList<TransparencyLogKey> &logs, const QString &context);

} // namespace strata::trust
