// SPDX-License-Identifier: MIT
// X.509 certificates and chain checks through OpenSSL's X509_STORE, for keyless cosign (Fulcio), Sigstore bundles,
// Notation and private PKIs: the leaf, through the intermediates given with it, to one of the roots the user
// trusts, each certificate valid at the signing time (not now: a Fulcio leaf lives ten minutes).
#pragma once

#include "core/result.h"
#include "core/signatures/certificatesummary.h"
#include "core/trust/publickey.h"

#include <QDateTime>

#include <memory>

typedef struct x509_st X509; // <openssl/types.h>

namespace strata::trust {

class Certificate
{
public:
    Certificate() = default;
    // Every certificate of a PEM text, at most `max`. Errors: Malformed, TooLarge.
    static Result<QList<Certificate>> fromPem(const QByteArray &pem, const QString &context, int max);
    static Result<Certificate> fromDer(const QByteArray &der, const QString &context);
    static Certificate fromX509(X509 *x); // takes a reference (up_ref)

    bool isNull() const { return !m_x509; }
    X509 *x509() const { return m_x509.get(); }
    QByteArray der() const;
    Result<PublicKey> publicKey() const;
    CertificateSummary summary() const; // subject, SANs, validity, Fulcio OIDC issuer
    QString subjectLine() const;        // RFC 2253 subject, or the SAN for Fulcio's empty subjects

private:
    std::shared_ptr<X509> m_x509;
};

// Reads PEM (or one DER) certificate per file, up to 1,000 per file (a CA bundle). Errors: NotFound, Malformed,
// TooLarge (a file over 4 MiB).
Result<QList<Certificate>> loadCertificates(const QStringList &paths);

// Checks that `leaf` chains through `intermediates` to one of `roots` (a root may be an intermediate CA the user
// pins: partial chains are accepted), every certificate valid at `at`. Returns the chain from leaf to the trusted
// certificate. Errors (Io) say what failed in words: "untrusted root: … chains to CN=…, which is none of the N
// trusted certificates", "the certificate CN=… had expired at 2023-04-18T… (valid 2022-… to 2022-…)".
Result<QList<Certificate>> verifyCertificateChain(const Certificate &leaf, const QList<Certificate> &intermediates,
                                                  const QList<Certificate> &roots, const QDateTime &at);

} // namespace strata::trust
