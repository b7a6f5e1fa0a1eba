// SPDX-License-Identifier: MIT
// Certificate transparency for keyless signing certificates, as cosign (pkg/cosign/verify.go ValidateAndUnpackCert,
// VerifyEmbeddedSCT) and sigstore-go (pkg/verify/sct.go VerifySignedCertificateTimestamp) check it: the Signed
// Certificate Timestamps a Fulcio certificate embeds (X.509 extension 1.3.6.1.4.1.11129.2.4.2, RFC 6962 §3.3) are
// signatures by CT logs over the precertificate; at least one must verify with a CT log key of the trusted root.
#pragma once

#include "core/result.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/x509chain.h"

#include <QDateTime>

namespace strata::trust {

struct EmbeddedSct
{
    QString logIdHex;
    QDateTime timestamp;
    int signatureNid = 0; // NID_ecdsa_with_SHA256, NID_sha256WithRSAEncryption
    QByteArray signature;
    QByteArray extensions;
};

// The SCTs embedded in `leaf`: empty when it has no SCT list extension. Errors: Malformed (an extension that does not
// decode), TooLarge (more than limits::MaxEmbeddedScts).
Result<QList<EmbeddedSct>> embeddedScts(const Certificate &leaf);

// The bytes a CT log signs for a precertificate entry (RFC 6962 §3.2 digitally-signed struct): version 0,
// certificate_timestamp, the timestamp, precert_entry, sha256 of the issuer's SubjectPublicKeyInfo, the leaf's
// TBSCertificate without the SCT list and the poison extensions, the SCT's extensions.
Result<QByteArray> precertSignedData(const Certificate &leaf, const Certificate &issuer, const EmbeddedSct &sct);

// Every embedded SCT whose log is one of `ctlogs` (by log ID) is checked: its signature with the log's key, its time
// inside the key's validity. Returns one line per verified SCT ("SCT verified by log <id> (<url>) at <time>").
// Errors (Io): the certificate has no SCT, none is from a trusted log, or none verifies (each reason named).
Result<QStringList> verifyEmbeddedScts(const Certificate &leaf, const Certificate &issuer,
                                       const QList<TransparencyLogKey> &ctlogs);

// The policy around verifyEmbeddedScts, as cosign applies it: with no CT log key in the trust material the SCT is
// not checked (said in `checks`, never claimed); with trust.ignoreSct (--insecure-ignore-sct) it is skipped, said
// too; otherwise an SCT must verify. `path` is the verified chain, leaf first (path[1] issued the leaf).
Status checkCertificateTransparency(const QList<Certificate> &path, const SigstoreTrust &trust, QStringList *checks);

} // namespace strata::trust
