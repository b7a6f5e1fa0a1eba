// SPDX-License-Identifier: MIT
#include "core/trust/x509chain.h"

#include "core/signatures/opensslpem.h"
#include "core/signatures/signaturelimits.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

constexpr qint64 MaxCertificateFileBytes = 4 * 1024 * 1024;
constexpr int MaxCertificatesPerFile = 1000;

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct StoreFree
{
    void operator()(X509_STORE *s) const { X509_STORE_free(s); }
};
struct StoreCtxFree
{
    void operator()(X509_STORE_CTX *c) const { X509_STORE_CTX_free(c); }
};
struct StackFree
{
    void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};

std::shared_ptr<X509> own(X509 *x)
{
    return std::shared_ptr<X509>(x, [](X509 *p) { X509_free(p); });
}

QString isoOf(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

} // namespace

Result<QList<Certificate>> Certificate::fromPem(const QByteArray &pem, const QString &context, int max)
{
    auto certs = openssl::readPemCertificates(pem, context, max);
    if (!certs)
        return certs.error();
    QList<Certificate> out;
    for (auto &x : certs.value()) {
        Certificate c;
        c.m_x509 = own(x.release());
        out << c;
    }
    return out;
}

Certificate Certificate::fromX509(X509 *x)
{
    Certificate c;
    if (x && X509_up_ref(x) == 1)
        c.m_x509 = own(x);
    return c;
}

Result<Certificate> Certificate::fromDer(const QByteArray &der, const QString &context)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509 *x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    ERR_clear_error();
    if (!x)
        return makeError(ErrorCode::Malformed, u"a DER certificate that does not decode"_s, context);
    Certificate c;
    c.m_x509 = own(x);
    return c;
}

QByteArray Certificate::der() const
{
    return openssl::derBytes(m_x509.get(), i2d_X509);
}

Result<PublicKey> Certificate::publicKey() const
{
    return PublicKey::fromEvp(m_x509 ? X509_get0_pubkey(m_x509.get()) : nullptr, subjectLine());
}

CertificateSummary Certificate::summary() const
{
    Result<CertificateSummary> s = summariseDerCertificate(der(), QString());
    return s ? s.value() : CertificateSummary();
}

QString Certificate::subjectLine() const
{
    const CertificateSummary s = summary();
    return s.subject.isEmpty() ? s.identity() : s.subject;
}

Result<QList<Certificate>> loadCertificates(const QStringList &paths)
{
    QList<Certificate> out;
    for (const QString &path : paths) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::NotFound, u"cannot read the certificate file: %1"_s.arg(f.errorString()), path);
        if (f.size() > MaxCertificateFileBytes)
            return makeError(ErrorCode::TooLarge,
                             u"%1 bytes; a certificate file is at most %2"_s.arg(f.size()).arg(MaxCertificateFileBytes),
                             path);
        const QByteArray bytes = f.readAll();
        if (!bytes.contains("-----BEGIN")) {
            Result<Certificate> c = Certificate::fromDer(bytes, path);
            if (!c)
                return c.error();
            out << c.value();
            continue;
        }
        Result<QList<Certificate>> certs = Certificate::fromPem(bytes, path, MaxCertificatesPerFile);
        if (!certs)
            return certs.error();
        out << certs.value();
    }
    return out;
}

Result<QList<Certificate>> verifyCertificateChain(const Certificate &leaf, const QList<Certificate> &intermediates,
                                                  const QList<Certificate> &roots, const QDateTime &at)
{
    if (leaf.isNull())
        return makeError(ErrorCode::Malformed, u"no certificate to check"_s);
    if (roots.isEmpty())
        return makeError(ErrorCode::Io, u"no trusted root certificate was given"_s);
    if (intermediates.size() > limits::MaxCertificateChain)
        return makeError(ErrorCode::TooLarge,
                         u"a chain of %1 certificates; at most %2 are checked"_s.arg(intermediates.size())
                             .arg(limits::MaxCertificateChain));
    std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
    for (const Certificate &r : roots)
        X509_STORE_add_cert(store.get(), r.x509());
    std::unique_ptr<STACK_OF(X509), StackFree> chain(sk_X509_new_null());
    for (const Certificate &c : intermediates)
        sk_X509_push(chain.get(), c.x509());
    std::unique_ptr<X509_STORE_CTX, StoreCtxFree> ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.x509(), chain.get()) != 1)
        return makeError(ErrorCode::Io, u"OpenSSL could not set up a chain check"_s);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_time(param, at.toSecsSinceEpoch());
    const int ok = X509_verify_cert(ctx.get());
    ERR_clear_error();
    if (ok == 1) {
        QList<Certificate> path;
        STACK_OF(X509) *built = X509_STORE_CTX_get0_chain(ctx.get());
        for (int i = 0; i < sk_X509_num(built); ++i)
            path << Certificate::fromX509(sk_X509_value(built, i));
        return path;
    }
    const int err = X509_STORE_CTX_get_error(ctx.get());
    X509 *bad = X509_STORE_CTX_get_current_cert(ctx.get());
    const Certificate badCert = bad ? Certificate::fromX509(bad) : leaf;
    const CertificateSummary s = badCert.summary();
    const QString who = badCert.subjectLine();
    switch (err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return makeError(ErrorCode::Io, u"the certificate %1 had expired at %2 (valid %3 to %4)"_s.arg(
                                            who, isoOf(at), isoOf(s.notBefore), isoOf(s.notAfter)));
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return makeError(ErrorCode::Io, u"the certificate %1 was not yet valid at %2 (valid %3 to %4)"_s.arg(
                                            who, isoOf(at), isoOf(s.notBefore), isoOf(s.notAfter)));
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        return makeError(ErrorCode::Io,
                         u"untrusted root: the chain of %1 ends at %2 (issuer %3), which is none of the %4 trusted "
                         "certificate(s)"_s.arg(leaf.subjectLine(), who, s.issuer)
                             .arg(roots.size()));
    default:
        return makeError(ErrorCode::Io, u"the certificate chain of %1 does not verify at %2: %3 (at %4)"_s.arg(
                                            leaf.subjectLine(), isoOf(at),
                                            QString::fromLatin1(X509_verify_cert_error_string(err)), who));
    }
}

} // namespace strata::trust
