// SPDX-License-Identifier: MIT
// X.509 decoding through OpenSSL: subject, issuer, SANs, validity, Fulcio's OIDC issuer, SHA-256 fingerprint.
#include "core/signatures/certificatesummary.h"
#include "core/signatures/opensslpem.h"
#include "core/signatures/signaturelimits.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};

QString nameOf(const X509_NAME *name)
{
    std::unique_ptr<BIO, BioFree> out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char *data = nullptr;
    const long n = BIO_get_mem_data(out.get(), &data);
    return QString::fromUtf8(data, n);
}

QDateTime timeOf(const ASN1_TIME *t)
{
    struct tm tm = {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}

QString extensionText(X509 *x, const char *oid, bool derUtf8)
{
    ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
    if (!obj)
        return {};
    const int at = X509_get_ext_by_OBJ(x, obj, -1);
    ASN1_OBJECT_free(obj);
    if (at < 0)
        return {};
    const ASN1_OCTET_STRING *v = X509_EXTENSION_get_data(X509_get_ext(x, at));
    const unsigned char *p = ASN1_STRING_get0_data(v);
    const int n = ASN1_STRING_length(v);
    if (!derUtf8)
        return QString::fromUtf8(reinterpret_cast<const char *>(p), n).left(1024);
    ASN1_UTF8STRING *s = d2i_ASN1_UTF8STRING(nullptr, &p, n);
    if (!s)
        return {};
    const QString out =
        QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s)).left(1024);
    ASN1_UTF8STRING_free(s);
    return out;
}

CertificateSummary summarise(X509 *x)
{
    CertificateSummary c;
    c.subject = nameOf(X509_get_subject_name(x));
    c.issuer = nameOf(X509_get_issuer_name(x));
    c.notBefore = timeOf(X509_get0_notBefore(x));
    c.notAfter = timeOf(X509_get0_notAfter(x));
    if (auto *names = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr))) {
        for (int i = 0; i < sk_GENERAL_NAME_num(names) && i < 64; ++i) {
            const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
            if (g->type != GEN_EMAIL && g->type != GEN_URI)
                continue;
            const ASN1_IA5STRING *s = g->type == GEN_EMAIL ? g->d.rfc822Name : g->d.uniformResourceIdentifier;
            const QString v =
                QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
            (g->type == GEN_EMAIL ? c.emails : c.uris) << v.left(1024);
        }
        GENERAL_NAMES_free(names);
    }
    c.oidcIssuer = extensionText(x, "1.3.6.1.4.1.57264.1.8", true);
    if (c.oidcIssuer.isEmpty())
        c.oidcIssuer = extensionText(x, "1.3.6.1.4.1.57264.1.1", false);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    if (X509_digest(x, EVP_sha256(), md, &mdLen) == 1)
        c.sha256 = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(md), mdLen).toHex());
    c.isCa = X509_check_ca(x) > 0;
    return c;
}

} // namespace

QString CertificateSummary::identity() const
{
    if (!emails.isEmpty())
        return emails.join(u", "_s);
    if (!uris.isEmpty())
        return uris.join(u", "_s);
    return subject;
}

Result<QList<CertificateSummary>> summarisePemCertificates(const QByteArray &pem, const QString &context)
{
    auto certs = openssl::readPemCertificates(pem, context, limits::MaxCertificateChain);
    if (!certs)
        return certs.error();
    QList<CertificateSummary> out;
    for (const auto &x : certs.value())
        out << summarise(x.get());
    return out;
}

Result<CertificateSummary> summariseDerCertificate(const QByteArray &der, const QString &context)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    openssl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    ERR_clear_error();
    if (!x)
        return makeError(ErrorCode::Malformed, u"a DER certificate that does not decode"_s, context);
    return summarise(x.get());
}

} // namespace strata
