// SPDX-License-Identifier: MIT
// The SCT list is decoded by OpenSSL (X509_get_ext_d2i with NID_ct_precert_scts); the signed data is rebuilt here
// (OpenSSL's own SCT_validate names logs by the sha256 of their key only, while a trusted root names each log by the
// keyId it gives, as sigstore-go looks them up) and checked with the log's key through PublicKey::verify.
#include "core/trust/sctverify.h"

#include "core/trust/trustlimits.h"

#include <QCryptographicHash>

#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

struct SctListFree
{
    void operator()(STACK_OF(SCT) * s) const { SCT_LIST_free(s); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

bool within(const QDateTime &t, const QDateTime &from, const QDateTime &until)
{
    return (!from.isValid() || t >= from) && (!until.isValid() || t < until);
}

void putUint(QByteArray *out, quint64 v, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out->append(static_cast<char>((v >> (8 * i)) & 0xff));
}

QString shortId(const QString &hex)
{
    return hex.left(16) + u'…';
}

} // namespace

Result<QList<EmbeddedSct>> embeddedScts(const Certificate &leaf)
{
    if (leaf.isNull())
        return makeError(ErrorCode::Malformed, u"no certificate"_s);
    int critical = -1;
    std::unique_ptr<STACK_OF(SCT), SctListFree> list(
        static_cast<STACK_OF(SCT) *>(X509_get_ext_d2i(leaf.x509(), NID_ct_precert_scts, &critical, nullptr)));
    ERR_clear_error();
    if (!list) {
        if (critical == -1)
            return QList<EmbeddedSct>();
        return makeError(ErrorCode::Malformed,
                         critical == -2 ? u"the certificate has more than one SCT list extension"_s
                                        : u"the certificate's SCT list extension (1.3.6.1.4.1.11129.2.4.2) does not "
                                          "decode"_s);
    }
    const int n = sk_SCT_num(list.get());
    if (n > limits::MaxEmbeddedScts)
        return makeError(ErrorCode::TooLarge,
                         u"the certificate embeds %1 SCTs; at most %2 are read"_s.arg(n).arg(limits::MaxEmbeddedScts));
    QList<EmbeddedSct> out;
    for (int i = 0; i < n; ++i) {
        const SCT *s = sk_SCT_value(list.get(), i);
        if (SCT_get_version(s) != SCT_VERSION_V1)
            return makeError(ErrorCode::Unsupported, u"SCT %1 is not an RFC 6962 v1 SCT"_s.arg(i));
        EmbeddedSct e;
        unsigned char *p = nullptr;
        size_t len = SCT_get0_log_id(s, &p);
        e.logIdHex = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(p), qsizetype(len)).toHex());
        e.timestamp = QDateTime::fromMSecsSinceEpoch(qint64(SCT_get_timestamp(s)), Qt::UTC);
        e.signatureNid = SCT_get_signature_nid(s);
        len = SCT_get0_signature(s, &p);
        e.signature = QByteArray(reinterpret_cast<const char *>(p), qsizetype(len));
        len = SCT_get0_extensions(s, &p);
        e.extensions = QByteArray(reinterpret_cast<const char *>(p), qsizetype(len));
        out << e;
    }
    return out;
}

Result<QByteArray> precertSignedData(const Certificate &leaf, const Certificate &issuer, const EmbeddedSct &sct)
{
    if (leaf.isNull() || issuer.isNull())
        return makeError(ErrorCode::Malformed, u"an SCT check needs the certificate and its issuer"_s);
    Result<PublicKey> issuerKey = issuer.publicKey();
    if (!issuerKey)
        return issuerKey.error();
    // RFC 6962 §3.2: the TBSCertificate without the SCT list (and the poison, were it a precertificate).
    std::unique_ptr<X509, X509Free> copy(X509_dup(leaf.x509()));
    if (!copy)
        return makeError(ErrorCode::Io, u"OpenSSL could not copy the certificate"_s);
    for (const int nid : {NID_ct_precert_scts, NID_ct_precert_poison})
        for (int idx = X509_get_ext_by_NID(copy.get(), nid, -1); idx >= 0;
             idx = X509_get_ext_by_NID(copy.get(), nid, -1))
            X509_EXTENSION_free(X509_delete_ext(copy.get(), idx));
    unsigned char *tbs = nullptr;
    const int tbsLen = i2d_re_X509_tbs(copy.get(), &tbs);
    ERR_clear_error();
    if (tbsLen <= 0)
        return makeError(ErrorCode::Io, u"OpenSSL could not re-encode the certificate's TBSCertificate"_s);
    const QByteArray tbsBytes(reinterpret_cast<const char *>(tbs), tbsLen);
    OPENSSL_free(tbs);
    if (tbsBytes.size() >= (1 << 24) || sct.extensions.size() >= (1 << 16))
        return makeError(ErrorCode::TooLarge, u"a TBSCertificate or SCT extensions too large for RFC 6962"_s);
    QByteArray m;
    putUint(&m, 0, 1); // Version v1
    putUint(&m, 0, 1); // SignatureType certificate_timestamp
    putUint(&m, quint64(sct.timestamp.toMSecsSinceEpoch()), 8);
    putUint(&m, 1, 2); // LogEntryType precert_entry
    m += QCryptographicHash::hash(issuerKey->spki(), QCryptographicHash::Sha256);
    putUint(&m, quint64(tbsBytes.size()), 3);
    m += tbsBytes;
    putUint(&m, quint64(sct.extensions.size()), 2);
    m += sct.extensions;
    return m;
}

Result<QStringList> verifyEmbeddedScts(const Certificate &leaf, const Certificate &issuer,
                                       const QList<TransparencyLogKey> &ctlogs)
{
    Result<QList<EmbeddedSct>> scts = embeddedScts(leaf);
    if (!scts)
        return makeError(scts.error().code, u"certificate transparency: %1"_s.arg(scts.error().message));
    if (scts->isEmpty())
        return makeError(ErrorCode::Io,
                         u"certificate transparency: the certificate %1 embeds no Signed Certificate Timestamp, and "
                         "the trusted root has %2 CT log(s): it was not logged (--insecure-ignore-sct accepts it, as "
                         "cosign's flag does)"_s.arg(leaf.subjectLine())
                             .arg(ctlogs.size()));
    QStringList verified;
    QStringList problems;
    for (const EmbeddedSct &sct : scts.value()) {
        const TransparencyLogKey *log = nullptr;
        for (const TransparencyLogKey &l : ctlogs)
            if (l.logIdHex.compare(sct.logIdHex, Qt::CaseInsensitive) == 0)
                log = &l;
        if (!log) {
            problems << u"the SCT of log %1 is from no CT log of the trusted root"_s.arg(shortId(sct.logIdHex));
            continue;
        }
        const QString name =
            log->baseUrl.isEmpty() ? shortId(sct.logIdHex) : u"%1 (%2)"_s.arg(shortId(sct.logIdHex), log->baseUrl);
        if (!within(sct.timestamp, log->validFrom, log->validUntil)) {
            problems << u"the SCT of log %1 is dated %2, outside the log key's validity (%3 to %4)"_s.arg(
                name, iso(sct.timestamp), log->validFrom.isValid() ? iso(log->validFrom) : u"-"_s,
                log->validUntil.isValid() ? iso(log->validUntil) : u"-"_s);
            continue;
        }
        SignatureParams params;
        params.hash = HashAlgorithm::Sha256;
        if (sct.signatureNid == NID_sha256WithRSAEncryption)
            params.rsaPadding = SignatureParams::RsaPadding::Pkcs1;
        else if (sct.signatureNid != NID_ecdsa_with_SHA256) {
            problems << u"the SCT of log %1 uses a signature algorithm RFC 6962 does not allow"_s.arg(name);
            continue;
        }
        Result<QByteArray> data = precertSignedData(leaf, issuer, sct);
        if (!data)
            return data.error();
        if (Status s = log->key.verify(data.value(), sct.signature, params); !s) {
            problems << u"the SCT of log %1 does not verify over this certificate with the log's key: %2"_s.arg(
                name, s.error().message);
            continue;
        }
        verified << u"SCT verified by log %1, timestamped %2"_s.arg(name, iso(sct.timestamp));
    }
    if (verified.isEmpty())
        return makeError(ErrorCode::Io, u"certificate transparency: none of the certificate's %1 SCT(s) verifies: "
                                        "%2"_s.arg(scts->size())
                                            .arg(problems.join(u"; "_s)));
    return verified;
}

Status checkCertificateTransparency(const QList<Certificate> &path, const SigstoreTrust &trust, QStringList *checks)
{
    if (trust.ctlogs.isEmpty()) {
        checks->append(u"SCT not checked: no CT log keys in the trust material (a trusted root's ctlogs)"_s);
        return Ok{};
    }
    if (trust.ignoreSct) {
        checks->append(u"SCT not checked: --insecure-ignore-sct was given"_s);
        return Ok{};
    }
    if (path.size() < 2)
        return makeError(ErrorCode::Io, u"certificate transparency: the certificate's issuer is not known (the chain "
                                        "is the certificate alone), so its SCTs cannot be checked"_s);
    Result<QStringList> lines = verifyEmbeddedScts(path[0], path[1], trust.ctlogs);
    if (!lines)
        return lines.error();
    checks->append(lines.value());
    return Ok{};
}

} // namespace strata::trust
