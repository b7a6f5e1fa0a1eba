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
    return s;
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
