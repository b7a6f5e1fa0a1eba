// SPDX-License-Identifier: MIT
// Notation verification: the signed bytes of each envelope (JWS: ASCII(protected) '.' payload, RFC 7515 §5.2;
// COSE: the CBOR Sig_structure ["Signature1", protected, h'', payload], RFC 9052 §4.4), the algorithm's parameters
// (RFC 7518 §3.3-3.5, RFC 9053 §2: PSS salt = hash length, ECDSA raw r‖s), then the chain and the target.
#include "core/trust/notationverify.h"
#include "core/json/jsondocument.h"
#include "core/signatures/cosesign1.h"
#include "core/signatures/signaturelimits.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cbor.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

// What both envelopes give the checks.
struct Signed
{
    QByteArray message;      // the bytes the signature covers
    QByteArray signature;    // as the envelope holds it
    QString algorithm;       // PS256 … ES512
    QByteArray payload;      // {"targetArtifact": …}
    QList<QByteArray> chain; // DER, leaf first
    QString signingScheme;
    QDateTime signingTime;
    QDateTime authenticSigningTime;
    QDateTime expiry;
    QStringList critical;       // crit, as the envelope lists it
    bool hasCrit = false;       // crit is present
    QStringList headerNames;    // every protected header's name (COSE: integer labels in decimal)
    QString contentType;        // cty
    QStringList headerProblems; // protected headers of the wrong type
};

std::optional<QByteArray> base64url(const QString &s)
{
    auto r =
        QByteArray::fromBase64Encoding(s.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                         QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return r.decoded;
}

Result<Signed> fromJws(const QByteArray &raw)
{
    const QString ctx = u"the JWS envelope"_s;
    Result<QJsonObject> o = json::parseObject(raw, limits::SignatureBytes, ctx);
    if (!o)
        return o.error();
    const QString prot = json::optString(o.value(), "protected"_L1);
    const QString payload = json::optString(o.value(), "payload"_L1);
    const std::optional<QByteArray> protBytes = base64url(prot);
    const std::optional<QByteArray> payloadBytes = base64url(payload);
    const std::optional<QByteArray> sig = base64url(json::optString(o.value(), "signature"_L1));
    if (!protBytes || !payloadBytes || !sig || prot.isEmpty() || sig->isEmpty())
        return makeError(ErrorCode::Malformed, u"protected, payload or signature is missing or not base64url"_s, ctx);
    Result<QJsonObject> h = json::parseObject(*protBytes, limits::SignatureBytes, ctx + u": protected header"_s);
    if (!h)
        return h.error();
    Signed s;
    s.message = prot.toLatin1() + '.' + payload.toLatin1();
    s.signature = *sig;
    s.payload = *payloadBytes;
    s.algorithm = json::optString(h.value(), "alg"_L1).left(40);
    s.signingScheme = json::optString(h.value(), "io.cncf.notary.signingScheme"_L1).left(80);
    s.signingTime = QDateTime::fromString(json::optString(h.value(), "io.cncf.notary.signingTime"_L1), Qt::ISODate);
    s.authenticSigningTime =
        QDateTime::fromString(json::optString(h.value(), "io.cncf.notary.authenticSigningTime"_L1), Qt::ISODate);
    s.expiry = QDateTime::fromString(json::optString(h.value(), "io.cncf.notary.expiry"_L1), Qt::ISODate);
    s.headerNames = h->keys();
    s.contentType = json::optString(h.value(), "cty"_L1).left(200);
    for (const auto &[name, t] : {std::pair{"io.cncf.notary.signingTime"_L1, &s.signingTime},
                                  std::pair{"io.cncf.notary.authenticSigningTime"_L1, &s.authenticSigningTime},
                                  std::pair{"io.cncf.notary.expiry"_L1, &s.expiry}})
        if (h->contains(name) && !t->isValid())
            s.headerProblems << u"protected header %1 is not an RFC 3339 time"_s.arg(name);
    if (h->contains("crit"_L1)) {
        s.hasCrit = true;
        const QJsonValue crit = h->value("crit"_L1);
        if (!crit.isArray() || crit.toArray().isEmpty())
            s.headerProblems << u"protected header crit is not a non-empty array"_s;
        for (const QJsonValue &c : crit.toArray()) {
            if (!c.isString())
                s.headerProblems << u"protected header crit lists a value that is not a header name"_s;
            else if (s.critical.size() < 64)
                s.critical << c.toString().left(200);
        }
    }
    const QJsonArray x5c = o->value("header"_L1).toObject().value("x5c"_L1).toArray();
    for (const QJsonValue &c : x5c) {
        if (s.chain.size() >= limits::MaxCertificateChain)
            return makeError(ErrorCode::TooLarge,
                             u"x5c has more than %1 certificates"_s.arg(limits::MaxCertificateChain), ctx);
        auto der = QByteArray::fromBase64Encoding(c.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!der || der.decoded.isEmpty())
            return makeError(ErrorCode::Malformed, u"an x5c certificate is not base64"_s, ctx);
        s.chain << der.decoded;
    }
    return s;
}

// RFC 9052 §4.4 Sig_structure, serialised by libcbor.
QByteArray sigStructure(const QByteArray &prot, const QByteArray &payload)
{
    cbor_item_t *a = cbor_new_definite_array(4);
    const auto push = [a](cbor_item_t *i) {
        cbor_array_push(a, i);
        cbor_decref(&i);
    };
    push(cbor_build_string("Signature1"));
    push(cbor_build_bytestring(reinterpret_cast<cbor_data>(prot.constData()), size_t(prot.size())));
    push(cbor_build_bytestring(nullptr, 0));
    push(cbor_build_bytestring(reinterpret_cast<cbor_data>(payload.constData()), size_t(payload.size())));
    unsigned char *buf = nullptr;
    size_t capacity = 0;
    const size_t n = cbor_serialize_alloc(a, &buf, &capacity);
    QByteArray out(reinterpret_cast<const char *>(buf), qsizetype(n));
    free(buf);
    cbor_decref(&a);
    return out;
}

Result<Signed> fromCose(const QByteArray &raw)
{
    Result<CoseSign1> c = parseCoseSign1(raw, u"the COSE envelope"_s);
    if (!c)
        return c.error();
    Signed s;
    s.message = sigStructure(c->protectedBytes, c->payload);
    s.signature = c->signature;
    s.payload = c->payload;
    s.algorithm = c->algorithmName();
    s.signingScheme = c->signingScheme;
    s.signingTime = c->signingTime;
    s.authenticSigningTime = c->authenticSigningTime;
    s.expiry = c->expiry;
    s.chain = c->x5chain;
    s.critical = c->critical;
    s.headerNames = c->protectedLabels;
    s.hasCrit = c->protectedLabels.contains(u"2"_s); // crit's label
    s.contentType = c->contentType;
    for (const QString &p : c->problems)
        if (p.startsWith(u"protected header"_s))
            s.headerProblems << p;
    return s;
}

// Notation's protected header rules (notaryproject/specifications signature-envelope-jws.md and -cose.md, as
// notation-core-go validateProtectedHeaders and validateCriticalHeaders apply them): the content type, a signing
// scheme Notation defines with the times it requires and forbids, crit listing io.cncf.notary.signingScheme (and
// expiry and authenticSigningTime when present), and every header in crit present and understood (RFC 7515
// §4.1.11, RFC 9052 §3.1: a recipient that does not understand a critical header must reject the signature;
// Strata has no plugin for Notation's extended attributes).
Status checkProtectedHeaders(const Signed &s, const QString &envelope)
{
    const auto bad = [&](const QString &why) {
        return makeError(ErrorCode::Io, u"the %1 protected header %2"_s.arg(envelope, why));
    };
    if (!s.headerProblems.isEmpty())
        return bad(u"is malformed: "_s + s.headerProblems.join(u"; "_s));
    if (s.contentType != u"application/vnd.cncf.notary.payload.v1+json"_s)
        return bad(u"names content type \"%1\", not application/vnd.cncf.notary.payload.v1+json"_s.arg(
            s.contentType.isEmpty() ? u"(none)"_s : s.contentType));
    const QString schemeKey = u"io.cncf.notary.signingScheme"_s;
    const QString signingTimeKey = u"io.cncf.notary.signingTime"_s;
    const QString authenticKey = u"io.cncf.notary.authenticSigningTime"_s;
    const QString expiryKey = u"io.cncf.notary.expiry"_s;
    if (!s.headerNames.contains(schemeKey))
        return bad(u"has no io.cncf.notary.signingScheme, which Notation requires"_s);
    if (s.signingScheme == u"notary.x509"_s) {
        if (!s.headerNames.contains(signingTimeKey))
            return bad(u"has no io.cncf.notary.signingTime, which the notary.x509 scheme requires"_s);
        if (s.headerNames.contains(authenticKey))
            return bad(u"has io.cncf.notary.authenticSigningTime, which the notary.x509 scheme forbids"_s);
    } else if (s.signingScheme == u"notary.x509.signingAuthority"_s) {
        if (!s.headerNames.contains(authenticKey))
            return bad(u"has no io.cncf.notary.authenticSigningTime, which the notary.x509.signingAuthority "
                       "scheme requires"_s);
        if (s.headerNames.contains(signingTimeKey))
            return bad(u"has io.cncf.notary.signingTime, which the notary.x509.signingAuthority scheme forbids"_s);
    } else {
        return bad(u"names signing scheme \"%1\", not notary.x509 or notary.x509.signingAuthority"_s.arg(
            s.signingScheme.left(80)));
    }
    if (!s.hasCrit || s.critical.isEmpty())
        return bad(u"has no crit header; Notation requires crit to list io.cncf.notary.signingScheme"_s);
    QStringList mustBeCritical{schemeKey};
    if (s.headerNames.contains(expiryKey))
        mustBeCritical << expiryKey;
    if (s.signingScheme == u"notary.x509.signingAuthority"_s)
        mustBeCritical << authenticKey;
    for (const QString &c : s.critical) {
        if (mustBeCritical.removeAll(c) > 0)
            continue;
        if (!s.headerNames.contains(c))
            return bad(u"marks \"%1\" critical, but has no such header"_s.arg(c));
        if (c == schemeKey || c == expiryKey || c == authenticKey || c == signingTimeKey)
            continue; // Notation's own headers, understood
        return bad(u"marks \"%1\" critical, a header Strata does not understand (an extended attribute only a "
                   "Notation verification plugin could process): the signature must be rejected"_s.arg(c));
    }
    if (!mustBeCritical.isEmpty())
        return bad(u"does not mark %1 critical, as Notation requires"_s.arg(mustBeCritical.join(u", "_s)));
    return Ok{};
}

bool isCritical(X509 *x, int nid)
{
    const int i = X509_get_ext_by_NID(x, nid, -1);
    return i >= 0 && X509_EXTENSION_get_critical(X509_get_ext(x, i)) == 1;
}

// Notation's certificate requirements (signature-specification.md §Certificate Requirements; notation-core-go
// x509/codesigning_cert_validations.go): the signing leaf has keyUsage, critical, with digitalSignature and neither
// keyCertSign nor cRLSign, no basicConstraints CA:TRUE, and an extended key usage that, when present, holds
// codeSigning and none of anyExtendedKeyUsage, serverAuth, emailProtection, timeStamping, OCSPSigning; every CA
// above it has basicConstraints, critical, CA:TRUE and keyUsage keyCertSign. `path` is the verified chain, leaf
// first.
Status checkNotaryCertificates(const QList<Certificate> &path)
{
    if (path.isEmpty())
        return makeError(ErrorCode::Io, u"no certificate chain"_s);
    X509 *leaf = path.first().x509();
    const QString who = path.first().subjectLine();
    const uint32_t flags = X509_get_extension_flags(leaf);
    const uint32_t ku = X509_get_key_usage(leaf);
    if (!(flags & EXFLAG_KUSAGE) || !(ku & KU_DIGITAL_SIGNATURE))
        return makeError(ErrorCode::Io, u"the signing certificate %1 lacks the digitalSignature key usage Notation "
                                        "requires"_s.arg(who));
    if (!isCritical(leaf, NID_key_usage))
        return makeError(ErrorCode::Io, u"the signing certificate %1's key usage is not marked critical, as Notation "
                                        "requires"_s.arg(who));
    if (ku & (KU_KEY_CERT_SIGN | KU_CRL_SIGN))
        return makeError(ErrorCode::Io, u"the signing certificate %1 has the keyCertSign or cRLSign key usage, which "
                                        "Notation forbids for a signing certificate"_s.arg(who));
    if ((flags & EXFLAG_BCONS) && (flags & EXFLAG_CA))
        return makeError(ErrorCode::Io, u"the signing certificate %1 is a CA (basicConstraints CA:TRUE), which "
                                        "Notation forbids"_s.arg(who));
    if (flags & EXFLAG_XKUSAGE) {
        const uint32_t xku = X509_get_extended_key_usage(leaf);
        const std::pair<uint32_t, const char16_t *> excluded[] = {{XKU_ANYEKU, u"anyExtendedKeyUsage"},
                                                                  {XKU_SSL_SERVER, u"serverAuth"},
                                                                  {XKU_SMIME, u"emailProtection"},
                                                                  {XKU_TIMESTAMP, u"timeStamping"},
                                                                  {XKU_OCSP_SIGN, u"OCSPSigning"}};
        for (const auto &[bit, name] : excluded)
            if (xku & bit)
                return makeError(ErrorCode::Io, u"the signing certificate %1's extended key usage holds %2, which "
                                                "Notation forbids"_s.arg(who, QString::fromUtf16(name)));
        if (!(xku & XKU_CODE_SIGN))
            return makeError(ErrorCode::Io, u"the signing certificate %1's extended key usage lacks codeSigning, "
                                            "which Notation requires when the extension is present"_s.arg(who));
    }
    for (qsizetype i = 1; i < path.size(); ++i) {
        X509 *ca = path[i].x509();
        const uint32_t f = X509_get_extension_flags(ca);
        const QString name = path[i].subjectLine();
        if (!(f & EXFLAG_BCONS) || !(f & EXFLAG_CA) || !isCritical(ca, NID_basic_constraints))
            return makeError(ErrorCode::Io, u"the CA certificate %1 lacks basicConstraints CA:TRUE marked critical, "
                                            "which Notation requires of every CA"_s.arg(name));
        if (!(f & EXFLAG_KUSAGE) || !(X509_get_key_usage(ca) & KU_KEY_CERT_SIGN))
            return makeError(ErrorCode::Io,
                             u"the CA certificate %1 lacks the keyCertSign key usage Notation requires"_s.arg(name));
    }
    return Ok{};
}

std::optional<SignatureParams> paramsOf(const QString &alg)
{
    SignatureParams p;
    if (alg.size() != 5 || !(alg.startsWith(u"PS"_s) || alg.startsWith(u"ES"_s)))
        return std::nullopt;
    const int bits = alg.mid(2).toInt();
    if (bits == 256)
        p.hash = HashAlgorithm::Sha256;
    else if (bits == 384)
        p.hash = HashAlgorithm::Sha384;
    else if (bits == 512)
        p.hash = HashAlgorithm::Sha512;
    else
        return std::nullopt;
    if (alg.startsWith(u"PS"_s)) {
        p.rsaPadding = SignatureParams::RsaPadding::Pss;
        p.pssSaltLength = bits / 8;
    } else {
        p.rawEcdsa = true;
    }
    return p;
}

} // namespace

Result<NotationTrustStore> loadNotationTrustStore(const QString &dir)
{
    const QFileInfo info(dir);
    if (!info.isDir())
        return makeError(ErrorCode::NotFound, u"no such Notation trust store folder"_s, dir);
    NotationTrustStore store;
    store.path = dir;
    QStringList paths;
    const QDir root(dir);
    const auto filesOf = [&](const QDir &d) -> Status {
        for (const QFileInfo &f : d.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
            if (paths.size() >= MaxTrustStoreFiles)
                return makeError(ErrorCode::TooLarge,
                                 u"the trust store holds more than %1 files"_s.arg(MaxTrustStoreFiles), dir);
            paths << f.filePath();
        }
        return Ok{};
    };
    if (Status s = filesOf(root); !s)
        return s.error();
    for (const QFileInfo &sub : root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (Status s = filesOf(QDir(sub.filePath())); !s)
            return s.error();
    for (const QString &p : std::as_const(paths))
        store.files << root.relativeFilePath(p);
    if (paths.isEmpty())
        return store;
    Result<QList<Certificate>> certs = loadCertificates(paths);
    if (!certs)
        return certs.error();
    store.certificates = std::move(certs).value();
    return store;
}

Verdict verifyNotationSignature(const attached::NotationContent &env, const Descriptor &manifest,
                                const NotationTrustStore &store)
{
    const QString type = env.envelopeType.section(u';', 0, 0).trimmed().toLower();
    Result<Signed> decoded = type == u"application/jose+json"_s ? fromJws(env.raw)
                             : type == u"application/cose"_s
                                 ? fromCose(env.raw)
                                 : Result<Signed>(makeError(ErrorCode::Unsupported, QString()));
    if (!decoded && decoded.error().code == ErrorCode::Unsupported && decoded.error().message.isEmpty())
        return Verdict::notChecked(u"not a Notation JWS or COSE envelope (%1)"_s.arg(env.envelopeType.left(100)));
    if (!decoded)
        return Verdict::failed(u"the envelope does not decode: %1"_s.arg(decoded.error().toString()));
    const Signed &s = decoded.value();
    const QString envelope = type == u"application/cose"_s ? u"COSE"_s : u"JWS"_s;

    if (s.chain.isEmpty())
        return Verdict::failed(u"the %1 envelope carries no certificate"_s.arg(envelope));
    Result<Certificate> leaf = Certificate::fromDer(s.chain.first(), u"the leaf certificate"_s);
    if (!leaf)
        return Verdict::failed(u"the leaf certificate does not decode: %1"_s.arg(leaf.error().message));
    const QString signer = leaf->subjectLine();
    Verdict v;
    v.signer = signer;

    // 1. The signature, with the leaf's key and the algorithm the protected header names.
    const std::optional<SignatureParams> params = paramsOf(s.algorithm);
    if (!params)
        return Verdict::failed(
            u"algorithm \"%1\" is not one Notation signs with (PS256/384/512, ES256/384/512)"_s.arg(s.algorithm),
            signer);
    Result<PublicKey> key = leaf->publicKey();
    if (!key)
        return Verdict::failed(u"the leaf certificate's key: %1"_s.arg(key.error().message), signer);
    if (Status ok = key->verify(s.message, s.signature, *params); !ok)
        return Verdict::failed(u"the %1 signature (%2) does not verify with the key of certificate %3: %4"_s.arg(
                                   envelope, s.algorithm, signer, ok.error().message),
                               signer);
    v.checks << u"%1 signature (%2) verifies with the key of certificate %3"_s.arg(envelope, s.algorithm, signer);
    if (Status h = checkProtectedHeaders(s, envelope); !h)
        return Verdict::failed(h.error().message, signer);
    v.checks << u"the protected header follows Notation's rules: signing scheme %1, critical headers %2 all "
                "understood"_s.arg(s.signingScheme, s.critical.join(u", "_s));

    // 2. The chain, at the signing time (the authentic one a timestamp authority vouched for, in that scheme).
    const bool authority = s.signingScheme == u"notary.x509.signingAuthority"_s;
    const QDateTime at = authority && s.authenticSigningTime.isValid() ? s.authenticSigningTime : s.signingTime;
    if (!at.isValid())
        return Verdict::failed(u"the envelope names no signing time to check the certificates at"_s, signer);
    v.signingTime = at.toUTC();
    QList<Certificate> intermediates;
    for (qsizetype i = 1; i < s.chain.size(); ++i) {
        Result<Certificate> c = Certificate::fromDer(s.chain[i], u"certificate %1 of the chain"_s.arg(i + 1));
        if (!c)
            return Verdict::failed(c.error().toString(), signer);
        intermediates << c.value();
    }
    const QString storeName = QFileInfo(store.path).fileName();
    if (store.certificates.isEmpty())
        return Verdict::failed(
            u"untrusted root: trust store %1 holds no certificate, so certificate %2 chains to nothing trusted"_s.arg(
                storeName, signer),
            signer);
    Result<QList<Certificate>> chain = verifyCertificateChain(leaf.value(), intermediates, store.certificates, at);
    if (!chain)
        return Verdict::failed(u"%1 (trust store %2)"_s.arg(chain.error().message, storeName), signer);
    if (Status c = checkNotaryCertificates(chain.value()); !c)
        return Verdict::failed(u"%1 (trust store %2)"_s.arg(c.error().message, storeName), signer);
    v.checks << u"certificate chain from %1 to %2 of trust store %3, valid at the signing time %4"_s.arg(
        signer, chain->isEmpty() ? signer : chain->last().subjectLine(), storeName,
        v.signingTime.toString(Qt::ISODate));

    // 3. What was signed: this manifest's descriptor.
    Result<QJsonObject> payload = json::parseObject(s.payload, limits::SignatureBytes, u"the signed payload"_s);
    if (!payload)
        return Verdict::failed(u"the signed payload: %1"_s.arg(payload.error().message), signer);
    const QJsonObject target = payload->value("targetArtifact"_L1).toObject();
    Result<Digest> digest = Digest::parse(json::optString(target, "digest"_L1));
    if (!digest)
        return Verdict::failed(u"the signed targetArtifact has no valid digest"_s, signer);
    v.signedDigest = digest.value();
    if (!(digest.value() == manifest.digest)) {
        Verdict f = Verdict::failed(
            u"signed digest %1 is not this manifest's %2"_s.arg(digest->toString(), manifest.digest.toString()),
            signer);
        f.signedDigest = digest.value();
        f.signingTime = v.signingTime;
        return f;
    }
    const QString mediaType = json::optString(target, "mediaType"_L1);
    if (mediaType != manifest.mediaType)
        return Verdict::failed(u"the signed targetArtifact's media type \"%1\" is not this manifest's \"%2\""_s.arg(
                                   mediaType.left(200), manifest.mediaType),
                               signer);
    const qint64 size = target.value("size"_L1).toInteger(-1);
    if (size != manifest.size)
        return Verdict::failed(
            u"the signed targetArtifact's size %1 is not this manifest's %2"_s.arg(size).arg(manifest.size), signer);
    v.checks
        << u"signed targetArtifact %1 (%2, %3 bytes) is this manifest"_s.arg(digest->toString(), mediaType).arg(size);

    // 4. The expiry the signer set, against now.
    if (s.expiry.isValid()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (s.expiry < now)
            return Verdict::failed(u"the signature expired at %1"_s.arg(s.expiry.toUTC().toString(Qt::ISODate)),
                                   signer);
        v.checks << u"not expired (expiry %1)"_s.arg(s.expiry.toUTC().toString(Qt::ISODate));
    }
    v.state = VerdictState::Verified;
    return v;
}

} // namespace strata::trust
