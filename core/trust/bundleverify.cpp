// SPDX-License-Identifier: MIT
#include "core/trust/bundleverify.h"
#include "core/base64.h"

#include "core/attestations/dsseenvelope.h"
#include "core/attestations/intotostatement.h"
#include "core/json/jsondocument.h"
#include "core/signatures/signaturelimits.h"
#include "core/trust/bundletlog.h"
#include "core/trust/rfc3161.h"
#include "core/trust/sctverify.h"
#include "core/trust/trustlimits.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

// The bundle's minor version (1, 2, 3), or 0 for a media type that is no bundle.
int bundleVersion(const QString &mediaType)
{
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.1"_s)
        return 1;
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.2"_s)
        return 2;
    if (mediaType == u"application/vnd.dev.sigstore.bundle+json;version=0.3"_s ||
        mediaType == u"application/vnd.dev.sigstore.bundle.v0.3+json"_s)
        return 3;
    return 0;
}

QCryptographicHash::Algorithm qtHash(const QString &name)
{
    return name == u"sha512"_s   ? QCryptographicHash::Sha512
           : name == u"sha384"_s ? QCryptographicHash::Sha384
                                 : QCryptographicHash::Sha256;
}

HashAlgorithm sslHash(const QString &name)
{
    return name == u"sha512"_s   ? HashAlgorithm::Sha512
           : name == u"sha384"_s ? HashAlgorithm::Sha384
                                 : HashAlgorithm::Sha256;
}

// "SHA256:<base64 unpadded>" (npm's key IDs), hex or base64 of the key's sha256, or its file name.
bool hintNames(const QString &hint, const PublicKey &k)
{
    const QByteArray raw = QByteArray::fromHex(k.sha256Hex().toLatin1());
    const QString b64u = QString::fromLatin1(raw.toBase64(QByteArray::OmitTrailingEquals));
    return hint == u"SHA256:"_s + b64u || hint == QString::fromLatin1(raw.toBase64()) || hint == b64u ||
           hint.compare(k.sha256Hex(), Qt::CaseInsensitive) == 0 || (!k.label().isEmpty() && hint == k.label());
}

struct Material
{
    std::optional<Certificate> leaf;
    QList<Certificate> intermediates;
    QString keyHint;
};

Result<Material> readMaterial(const QJsonObject &vm)
{
    Material m;
    QJsonArray certs = vm.value("x509CertificateChain"_L1).toObject().value("certificates"_L1).toArray();
    if (const QJsonObject one = vm.value("certificate"_L1).toObject(); !one.isEmpty())
        certs = QJsonArray{one};
    if (certs.size() > limits::MaxCertificateChain)
        return makeError(
            ErrorCode::TooLarge,
            u"a certificate chain of %1; at most %2 are read"_s.arg(certs.size()).arg(limits::MaxCertificateChain));
    for (qsizetype i = 0; i < certs.size(); ++i) {
        const std::optional<QByteArray> der = decodeBase64(certs[i].toObject().value("rawBytes"_L1));
        Result<Certificate> c = der ? Certificate::fromDer(*der, u"certificate %1"_s.arg(i))
                                    : Result<Certificate>(makeError(ErrorCode::Malformed, u"not base64"_s));
        if (!c)
            return makeError(
                ErrorCode::Malformed,
                u"verification material certificate %1 does not decode: %2"_s.arg(i).arg(c.error().message));
        if (i == 0)
            m.leaf = c.value();
        else
            m.intermediates << c.value();
    }
    m.keyHint = vm.value("publicKey"_L1).toObject().value("hint"_L1).toString();
    if (!m.leaf && !vm.contains("publicKey"_L1))
        return makeError(ErrorCode::Malformed,
                         u"the verification material has no public key, certificate or certificate chain"_s);
    return m;
}

// The signature and the bytes (or digest) it signs; the signed-subject check.
struct Content
{
    QByteArray signature;
    QByteArray message;       // DSSE: the PAE; message signature: the artifact, when known
    QByteArray messageDigest; // message signature without the artifact's bytes
    QString digestAlgorithm;
    QByteArray dssePayload;
};

Result<Content> readContent(const QJsonObject &bundle, const BundleSubject &subject, QStringList *checks)
{
    Content c;
    const QJsonObject ms = bundle.value("messageSignature"_L1).toObject();
    const QJsonObject env = bundle.value("dsseEnvelope"_L1).toObject();
    if (ms.isEmpty() == env.isEmpty())
        return makeError(ErrorCode::Malformed, u"the bundle must hold exactly one of messageSignature and "
                                               "dsseEnvelope"_s);
    if (!ms.isEmpty()) {
        const QJsonObject md = ms.value("messageDigest"_L1).toObject();
        const QString alg = md.value("algorithm"_L1).toString();
        c.digestAlgorithm = alg == u"SHA2_512"_s ? u"sha512"_s : alg == u"SHA2_384"_s ? u"sha384"_s : u"sha256"_s;
        if (alg != u"SHA2_256"_s && alg != u"SHA2_384"_s && alg != u"SHA2_512"_s)
            return makeError(
                ErrorCode::Unsupported,
                u"messageDigest.algorithm \"%1\" is not SHA2_256, SHA2_384 or SHA2_512"_s.arg(alg.left(40)));
        c.messageDigest = decodeBase64(md.value("digest"_L1)).value_or(QByteArray());
        c.signature = decodeBase64(ms.value("signature"_L1)).value_or(QByteArray());
        if (c.signature.isEmpty() || c.messageDigest.isEmpty())
            return makeError(ErrorCode::Malformed, u"messageSignature lacks a base64 signature or digest"_s);
        const QString signedText = c.digestAlgorithm + u':' + QString::fromLatin1(c.messageDigest.toHex());
        if (!subject.artifact.isNull()) {
            const QByteArray actual = QCryptographicHash::hash(subject.artifact, qtHash(c.digestAlgorithm));
            if (actual != c.messageDigest)
                return makeError(ErrorCode::Io,
                                 u"the bundle signs %1, the artifact is %2:%3"_s.arg(
                                     signedText, c.digestAlgorithm, QString::fromLatin1(actual.toHex())));
            c.message = subject.artifact;
        } else if (subject.artifactDigest.algorithmName() != c.digestAlgorithm) {
            return makeError(ErrorCode::Io,
                             u"the bundle signs a %1 digest (%2); the artifact is known only as %3"_s.arg(
                                 c.digestAlgorithm, signedText, subject.artifactDigest.toString()));
        } else if (subject.artifactDigest.encoded() != QString::fromLatin1(c.messageDigest.toHex())) {
            return makeError(ErrorCode::Io, u"the bundle signs %1, not the artifact %2"_s.arg(
                                                signedText, subject.artifactDigest.toString()));
        }
        checks->append(u"the message digest is the artifact's %1"_s.arg(signedText));
        return c;
    }
    Result<DsseEnvelope> e = dsseEnvelopeFromJson(env, u"dsseEnvelope"_s);
    if (!e)
        return e.error();
    if (e->signatures.size() != 1)
        return makeError(
            ErrorCode::Malformed,
            u"the DSSE envelope has %1 signatures; a Sigstore bundle has exactly one"_s.arg(e->signatureCount));
    c.signature = e->signatures.first().signature;
    c.message = dssePae(e->payloadType, e->payload);
    c.dssePayload = e->payload;
    Result<InTotoStatement> st = inTotoFromEnvelope(e.value(), u"dsseEnvelope payload"_s);
    if (!st)
        return makeError(ErrorCode::Io, u"the envelope's payload names no artifact: %1"_s.arg(st.error().message));
    QStringList wanted;
    if (!subject.artifact.isNull()) {
        wanted << u"sha256:"_s + QString::fromLatin1(
                                     QCryptographicHash::hash(subject.artifact, QCryptographicHash::Sha256).toHex())
               << u"sha512:"_s + QString::fromLatin1(
                                     QCryptographicHash::hash(subject.artifact, QCryptographicHash::Sha512).toHex());
    } else {
        wanted << subject.artifactDigest.toString();
    }
    for (const QString &w : wanted)
        if (const int i = st->subjectIndexFor(w); i >= 0) {
            checks->append(u"the in-toto statement's subject %1 is the artifact %2"_s.arg(st->subjects[i].name, w));
            return c;
        }
    QStringList named;
    for (const InTotoSubject &s : st->subjects)
        for (auto it = s.digest.begin(); it != s.digest.end() && named.size() < 5; ++it)
            named << it.key() + u':' + it.value().left(16) + u'…';
    return makeError(ErrorCode::Io, u"the in-toto statement's subjects (%1) do not name the artifact %2"_s.arg(
                                        named.isEmpty() ? u"none"_s : named.join(u", "_s), wanted.first()));
}

Status verifyWith(const PublicKey &key, const Content &c)
{
    if (!c.message.isNull())
        return key.verify(c.message, c.signature, {sslHash(c.digestAlgorithm)});
    if (key.algorithm() == u"Ed25519"_s)
        return makeError(ErrorCode::Unsupported, u"an Ed25519 message signature needs the artifact's bytes, not its "
                                                 "digest"_s);
    return key.verifyDigest(c.messageDigest, c.signature, {sslHash(c.digestAlgorithm)});
}

Verdict notCheckedBy(const QString &why, const QString &signer)
{
    Verdict v = Verdict::notChecked(why);
    v.signer = signer;
    return v;
}

bool within(const QDateTime &t, const QDateTime &from, const QDateTime &until)
{
    return (!from.isValid() || t >= from) && (!until.isValid() || t < until);
}

// The leaf to one of the CAs valid at `at`, through the bundle's intermediates and the CA's own.
Status verifyChainAt(const Material &m, const SigstoreTrust &trust, const QDateTime &at, QStringList *checks)
{
    const QList<TimedCertificateAuthority> &cas = trust.certificateAuthorities;
    QString lastError;
    int tried = 0;
    for (const TimedCertificateAuthority &ca : cas) {
        if (ca.chain.isEmpty() || !within(at, ca.validFrom, ca.validUntil))
            continue;
        ++tried;
        QList<Certificate> inter = m.intermediates;
        inter << ca.chain.mid(0, ca.chain.size() - 1);
        Result<QList<Certificate>> path = verifyCertificateChain(*m.leaf, inter, {ca.chain.last()}, at);
        if (path) {
            checks->append(u"the certificate chains to %1 (%2) at %3"_s.arg(
                ca.chain.last().subjectLine(), ca.uri.isEmpty() ? u"CA"_s : ca.uri, at.toString(Qt::ISODate)));
            // sigstore-go VerifySignedCertificateTimestamp (threshold 1): an SCT by a CT log of the trusted root.
            return checkCertificateTransparency(path.value(), trust, checks);
        }
        lastError = path.error().message;
    }
    if (tried == 0)
        return makeError(ErrorCode::Io, u"none of the %1 trusted certificate authorities was valid at the signing "
                                        "time %2"_s.arg(cas.size())
                                            .arg(at.toString(Qt::ISODate)));
    return makeError(ErrorCode::Io, lastError);
}

} // namespace

Verdict verifySigstoreBundle(const QByteArray &bundleJson, const BundleSubject &subject, const SigstoreTrust &trust)
{
    Result<QJsonObject> doc = json::parseObject(bundleJson, limits::BundleBytes, u"bundle"_s);
    if (!doc)
        return Verdict::failed(u"not a readable Sigstore bundle: %1"_s.arg(doc.error().message));
    const QJsonObject &bundle = doc.value();
    const QString mediaType = bundle.value("mediaType"_L1).toString();
    const int version = bundleVersion(mediaType);
    if (version == 0)
        return Verdict::failed(u"not a Sigstore bundle: mediaType \"%1\" is not "
                               "application/vnd.dev.sigstore.bundle+json;version=0.1, 0.2, 0.3 or "
                               "application/vnd.dev.sigstore.bundle.v0.3+json"_s.arg(mediaType.left(80)));
    const QJsonObject vm = bundle.value("verificationMaterial"_L1).toObject();
    Result<Material> material = readMaterial(vm);
    if (!material)
        return Verdict::failed(material.error().message);
    Verdict v;
    Result<Content> content = readContent(bundle, subject, &v.checks);
    if (!content)
        return Verdict::failed(content.error().message);
    v.signedDigest = subject.artifactDigest;

    // The signature, with the certificate's key or a trusted key (the hint first: it is unauthenticated).
    SignedContent signedContent{content->signature,         {},
                                material->leaf.has_value(), content->dssePayload,
                                content->messageDigest,     content->digestAlgorithm};
    if (material->leaf) {
        const CertificateSummary s = material->leaf->summary();
        v.signer = s.oidcIssuer.isEmpty() ? s.identity() : u"%1, issuer %2"_s.arg(s.identity(), s.oidcIssuer);
        Result<PublicKey> key = material->leaf->publicKey();
        if (!key)
            return Verdict::failed(u"the certificate's key does not decode: %1"_s.arg(key.error().message), v.signer);
        if (Status s2 = verifyWith(key.value(), content.value()); !s2)
            return Verdict::failed(u"the signature does not verify with the certificate's key (%1): %2"_s.arg(
                                       v.signer, s2.error().message),
                                   v.signer);
        signedContent.keyOrCertDer = material->leaf->der();
        v.checks << u"the signature verifies with the certificate's %1 key"_s.arg(key->algorithm());
    } else {
        if (trust.keys.isEmpty())
            return Verdict::notChecked(u"the bundle is signed with a public key (hint %1); no public key was "
                                       "given"_s.arg(material->keyHint.isEmpty() ? u"none"_s : material->keyHint));
        QList<PublicKey> order;
        for (const PublicKey &k : trust.keys)
            if (hintNames(material->keyHint, k))
                order << k;
        for (const PublicKey &k : trust.keys)
            if (!hintNames(material->keyHint, k))
                order << k;
        QString lastError;
        for (const PublicKey &k : order) {
            Status s2 = verifyWith(k, content.value());
            if (s2) {
                v.signer = k.describe();
                signedContent.keyOrCertDer = k.spki();
                break;
            }
            lastError = s2.error().message;
        }
        if (v.signer.isEmpty())
            return Verdict::failed(
                u"the signature does not verify with any of the %1 given key(s) (hint %2): %3"_s.arg(trust.keys.size())
                    .arg(material->keyHint.isEmpty() ? u"none"_s : material->keyHint, lastError));
        v.checks << u"the signature verifies with %1"_s.arg(v.signer);
    }

    // Transparency log entries: each one must check against a trusted log.
    const QJsonArray entries = vm.value("tlogEntries"_L1).toArray();
    if (entries.size() > limits::MaxTlogEntries)
        return Verdict::failed(
            u"the bundle has %1 transparency log entries; at most %2 are checked"_s.arg(entries.size())
                .arg(limits::MaxTlogEntries),
            v.signer);
    QDateTime signingTime;
    if (!entries.isEmpty() && trust.tlogs.isEmpty()) {
        v.checks << u"%1 transparency log entr%2 not checked: no transparency log key given"_s.arg(entries.size())
                        .arg(entries.size() == 1 ? u"y"_s : u"ies"_s);
    } else {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            Result<TlogEntryCheck> e = verifyTlogEntry(entries[i].toObject(), version >= 2, signedContent, trust.tlogs,
                                                       u"transparency log entry %1"_s.arg(i));
            if (!e)
                return Verdict::failed(e.error().toString(), v.signer);
            v.checks << e->checks;
            if (e->integratedTime.isValid() && !signingTime.isValid())
                signingTime = e->integratedTime;
        }
    }
    if (version >= 2 && entries.isEmpty() && material->leaf)
        v.checks << u"the bundle has no transparency log entry"_s;

    // RFC 3161 timestamps over the signature.
    const QJsonArray stamps =
        vm.value("timestampVerificationData"_L1).toObject().value("rfc3161Timestamps"_L1).toArray();
    if (stamps.size() > limits::MaxRfc3161Timestamps)
        return Verdict::failed(u"the bundle has %1 RFC 3161 timestamps; at most %2 are checked"_s.arg(stamps.size())
                                   .arg(limits::MaxRfc3161Timestamps),
                               v.signer);
    for (qsizetype i = 0; i < stamps.size(); ++i) {
        const QByteArray der = decodeBase64(stamps[i].toObject().value("signedTimestamp"_L1)).value_or(QByteArray());
        if (trust.timestampAuthorities.isEmpty()) {
            v.checks << u"RFC 3161 timestamp %1 not checked: no timestamp authority given"_s.arg(i);
            continue;
        }
        Result<QDateTime> t = verifyRfc3161Timestamp(der, content->signature, trust.timestampAuthorities);
        if (!t)
            return Verdict::failed(u"RFC 3161 timestamp %1: %2"_s.arg(i).arg(t.error().message), v.signer);
        v.checks << u"RFC 3161 timestamp %1 over the signature verifies: %2"_s.arg(i).arg(t->toString(Qt::ISODate));
        if (!signingTime.isValid())
            signingTime = t.value();
    }
    v.signingTime = signingTime;

    if (material->leaf) {
        if (trust.certificateAuthorities.isEmpty())
            return notCheckedBy(u"the bundle is signed by a certificate (%1); no certificate authority or "
                                "trusted root was given"_s.arg(v.signer),
                                v.signer);
        if (!signingTime.isValid())
            return Verdict::failed(u"no verified signing time: a certificate-signed bundle needs a transparency log "
                                   "entry with a signed entry timestamp or an RFC 3161 timestamp, checked against "
                                   "the trusted logs and timestamp authorities"_s,
                                   v.signer);
        if (Status s = verifyChainAt(material.value(), trust, signingTime, &v.checks); !s)
            return Verdict::failed(s.error().message, v.signer);
        const IdentityRequirement &id = trust.identity;
        if ((id.identity.isEmpty() && id.identityRegexp.isEmpty()) || id.oidcIssuer.isEmpty())
            return notCheckedBy(u"the bundle is signed by %1: give the identity (--certificate-identity or "
                                "--certificate-identity-regexp) and the OIDC issuer "
                                "(--certificate-oidc-issuer) it must have, as cosign requires"_s.arg(v.signer),
                                v.signer);
        if (Status s = checkIdentity(material->leaf->summary(), id); !s)
            return Verdict::failed(s.error().message, v.signer);
        v.checks << u"the certificate's identity and issuer are the required ones"_s;
    }
    v.state = VerdictState::Verified;
    return v;
}

} // namespace strata::trust
