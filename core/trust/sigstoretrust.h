// SPDX-License-Identifier: MIT
// What a Sigstore signature (cosign or a bundle) is checked against: the user's public keys, the certificate
// authorities (Fulcio's, a private PKI's), the transparency logs and timestamp authorities with their validity
// windows (sigstore/protobuf-specs trustroot.proto: TrustedRoot), and the identity the signer must have.
#pragma once

#include "core/result.h"
#include "core/trust/publickey.h"
#include "core/trust/trustoptions.h"
#include "core/trust/x509chain.h"

#include <QDateTime>

namespace strata::trust {

// A CA (its chain, leaf-most first, the root last) or a timestamp authority, valid in [validFrom, validUntil)
// (invalid QDateTimes: unbounded).
struct TimedCertificateAuthority
{
    QString uri;
    QList<Certificate> chain;
    QList<Certificate> intermediates; // untrusted intermediates to build paths through (a policy's caIntermediates)
    QDateTime validFrom;
    QDateTime validUntil;
};

// A transparency log (Rekor) or certificate transparency log key.
struct TransparencyLogKey
{
    QString baseUrl;
    PublicKey key;
    QString logIdHex; // the log ID entries name: sha256 of the key's SubjectPublicKeyInfo
    QDateTime validFrom;
    QDateTime validUntil;
};

struct IdentityRequirement
{
    QString identity;       // SAN (e-mail or URI), exact
    QString identityRegexp; // or a regular expression the SAN must match (whole)
    QString oidcIssuer;     // the Fulcio OIDC issuer extension, exact
    // A private PKI's signer (containers-policy.json(5) sigstoreSigned pki; containers/image verifyPKI): an e-mail
    // SAN equal to `email`, and/or a dNSName SAN matching `hostname` as Go's x509 VerifyHostname matches (case-
    // insensitive, a leftmost "*." label matching one label). Either one makes a keyless signature checkable
    // without an OIDC issuer: a private CA's certificates carry none.
    QString email;
    QString hostname;
    bool pki() const { return !email.isEmpty() || !hostname.isEmpty(); }
    bool any() const { return !identity.isEmpty() || !identityRegexp.isEmpty() || !oidcIssuer.isEmpty() || pki(); }
};

struct SigstoreTrust
{
    QList<PublicKey> keys;                                   // --key
    QList<TimedCertificateAuthority> certificateAuthorities; // --certificate-root and the trusted root's
    QList<TransparencyLogKey> tlogs;                         // --rekor-key and the trusted root's
    QList<TransparencyLogKey> ctlogs;                        // the trusted root's
    QList<TimedCertificateAuthority> timestampAuthorities;   // the trusted root's
    IdentityRequirement identity;
    bool ignoreSct = false; // --insecure-ignore-sct: a certificate's SCTs are not required (cosign's flag)
    bool anyMaterial() const { return !keys.isEmpty() || !certificateAuthorities.isEmpty(); }
};

// A trusted_root.json (application/vnd.dev.sigstore.trustedroot+json;version=0.1). Errors: Malformed (not that
// document, a key or certificate that does not decode), TooLarge.
Result<SigstoreTrust> parseTrustedRoot(const QByteArray &json, const QString &context);

// Everything the options name for Sigstore: --key, --certificate-root (each file one CA, unbounded validity),
// --rekor-key, --trusted-root (merged), the identity flags. Errors name the file that did not load.
Result<SigstoreTrust> loadSigstoreTrust(const TrustOptions &options);

// The leaf's identity against the requirement: SAN e-mail or URI equal to (or matching) the one required, the
// Fulcio OIDC issuer extension equal to the issuer required. Errors (Io) say what was required and found.
// Checks required.hostname against no DNS name (a summary has none): give the certificate for that.
Status checkIdentity(const CertificateSummary &leaf, const IdentityRequirement &required);
// The same with the leaf itself: its dNSName SANs for required.hostname too.
Status checkIdentity(const Certificate &leaf, const IdentityRequirement &required);

} // namespace strata::trust
