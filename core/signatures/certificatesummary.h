// SPDX-License-Identifier: MIT
// What a user needs to see of an X.509 certificate attached to a signature: who it names (subject, SAN e-mail or
// workflow URI), who issued it, when it is valid, and Fulcio's OIDC issuer extension (sigstore/fulcio
// docs/oid-info.md: 1.3.6.1.4.1.57264.1.1 raw, .1.8 DER UTF8String). Decoding only; trust is checked elsewhere.
#pragma once

#include "core/result.h"

#include <QDateTime>

namespace strata {

struct CertificateSummary
{
    QString subject; // RFC 2253, "" for Fulcio's empty subjects
    QString issuer;
    QStringList emails; // SAN rfc822Name
    QStringList uris;   // SAN URI (a CI workflow identity)
    QDateTime notBefore;
    QDateTime notAfter;
    QString oidcIssuer; // Fulcio extension, when present
    QString sha256;     // fingerprint of the DER, lower-case hex
    bool isCa = false;  // basicConstraints CA:TRUE

    // "mitr@redhat.com", a workflow URI, or the subject: the one line that says who.
    QString identity() const;
};

// Decodes every certificate of a PEM text (a leaf, or a chain). Errors: Malformed (no certificate, or a PEM
// block OpenSSL cannot decode), TooLarge (more than limits::MaxCertificateChain certificates).
Result<QList<CertificateSummary>> summarisePemCertificates(const QByteArray &pem, const QString &context);
// One DER certificate. Errors: Malformed.
Result<CertificateSummary> summariseDerCertificate(const QByteArray &der, const QString &context);

} // namespace strata
