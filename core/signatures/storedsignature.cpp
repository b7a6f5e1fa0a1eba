// SPDX-License-Identifier: MIT
// Stored signature decoding: the format prefix, the sigstore JSON, the simple signing payload, certificates and
// the Rekor promise; the OpenPGP message for GPG signatures.
#include "core/signatures/storedsignature.h"
#include "core/base64.h"
#include "core/json/jsondocument.h"
#include "core/mediatypes.h"
#include "core/signatures/signaturelimits.h"

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr QByteArrayView SigstorePrefix("\x00sigstore-json\n", 15);
constexpr auto AnnotationSignature = "dev.cosignproject.cosign/signature";
constexpr auto AnnotationCertificate = "dev.sigstore.cosign/certificate";
constexpr auto AnnotationChain = "dev.sigstore.cosign/chain";
constexpr auto AnnotationBundle = "dev.sigstore.cosign/bundle";

void readRekor(StoredSignature &s, const QString &text, const QString &ctx)
{
    Result<QJsonObject> o = json::parseObject(text.toUtf8(), limits::SignatureBytes, ctx + u": bundle"_s);
    if (!o) {
        s.problems << u"the Rekor bundle annotation: %1"_s.arg(o.error().message);
        return;
    }
    RekorPromise r;
    r.signedEntryTimestamp = decodeBase64(json::optString(o.value(), "SignedEntryTimestamp"_L1)).value_or(QByteArray());
    const QJsonObject p = o->value("Payload"_L1).toObject();
    if (p.isEmpty()) {
        s.problems << u"the Rekor bundle annotation has no Payload"_s;
        return;
    }
    r.logIndex = p.value("logIndex"_L1).toInteger(-1);
    const qint64 t = p.value("integratedTime"_L1).toInteger(-1);
    if (t >= 0)
        r.integratedTime = QDateTime::fromSecsSinceEpoch(t, Qt::UTC);
    r.logId = json::optString(p, "logID"_L1).left(128);
    r.bodyBase64 = json::optString(p, "body"_L1);
    r.body = decodeBase64(r.bodyBase64).value_or(QByteArray());
    if (r.logIndex < 0 || !r.integratedTime.isValid() || r.logId.isEmpty() || r.body.isEmpty())
        s.problems << u"the Rekor bundle annotation lacks logIndex, integratedTime, logID or body"_s;
    s.rekor = r;
}

void readCosignAnnotations(StoredSignature &s, const QString &ctx)
{
    const QString sig = s.annotations.value(QLatin1StringView(AnnotationSignature));
    if (sig.isEmpty())
        s.problems << u"no %1 annotation: nothing is signed"_s.arg(QLatin1StringView(AnnotationSignature));
    else if (sig.size() > limits::SignatureAnnotationBytes)
        s.problems << u"the signature annotation is %1 characters, over the %2 a signature can take: not decoded"_s
                          .arg(sig.size())
                          .arg(limits::SignatureAnnotationBytes);
    else if (const std::optional<QByteArray> b = decodeBase64(sig))
        s.signature = *b;
    else
        s.problems << u"the signature annotation is not valid base64"_s;
    for (const char *key : {AnnotationCertificate, AnnotationChain}) {
        const QString pem = s.annotations.value(QLatin1StringView(key));
        if (pem.isEmpty())
            continue;
        Result<QList<CertificateSummary>> certs = summarisePemCertificates(pem.toUtf8(), ctx);
        if (certs)
            s.certificates << certs.value();
        else
            s.problems << u"%1: %2"_s.arg(QLatin1StringView(key), certs.error().message);
    }
    const QString bundle = s.annotations.value(QLatin1StringView(AnnotationBundle));
    if (bundle.size() > limits::RekorBundleAnnotationBytes)
        s.problems << u"the Rekor bundle annotation is %1 characters, over the %2-character limit: not decoded"_s
                          .arg(bundle.size())
                          .arg(limits::RekorBundleAnnotationBytes);
    else if (!bundle.isEmpty())
        readRekor(s, bundle, ctx);
}

void readSigstore(StoredSignature &s, const QByteArray &json, const QString &ctx)
{
    Result<QJsonObject> o = json::parseObject(json, limits::SignatureBytes, ctx);
    if (!o) {
        s.problems << o.error().message;
        return;
    }
    s.format = StoredSignature::Format::Sigstore;
    s.mimeType = json::optString(o.value(), "mimeType"_L1).left(200);
    if (const std::optional<QByteArray> p = decodeBase64(json::optString(o.value(), "payload"_L1)))
        s.payload = *p;
    else
        s.problems << u"the payload is not valid base64"_s;
    s.annotations = json::optStringMap(o.value(), "annotations"_L1);
    readCosignAnnotations(s, ctx);
}

} // namespace

QString StoredSignature::kindName() const
{
    switch (format) {
    case Format::SimpleSigningGpg: return u"GPG simple signing"_s;
    case Format::Sigstore:
        if (mimeType == QLatin1StringView(mediatype::CosignSimpleSigning))
            return certificates.isEmpty() ? u"cosign signature (key)"_s : u"cosign signature (certificate)"_s;
        return u"sigstore attachment (%1)"_s.arg(mimeType.isEmpty() ? u"no media type"_s : mimeType.left(80));
    case Format::Unknown: break;
    }
    return u"unknown signature format"_s;
}

QString StoredSignature::claimedSigner() const
{
    if (openPgp) {
        if (!openPgp->issuerFingerprint.isEmpty())
            return u"GPG key %1"_s.arg(openPgp->issuerFingerprint);
        if (!openPgp->issuerKeyId.isEmpty())
            return u"GPG key ID %1"_s.arg(openPgp->issuerKeyId);
        return u"a GPG key (not named)"_s;
    }
    if (!certificates.isEmpty()) {
        const CertificateSummary &leaf = certificates.first();
        return leaf.oidcIssuer.isEmpty() ? leaf.identity() : u"%1 (via %2)"_s.arg(leaf.identity(), leaf.oidcIssuer);
    }
    return format == Format::Sigstore ? u"a public key (not named by the signature)"_s : QString();
}

StoredSignature cosignSignatureLayer(const QString &mediaType, const QByteArray &payload,
                                     const QMap<QString, QString> &annotations, const QString &context)
{
    StoredSignature s;
    s.format = StoredSignature::Format::Sigstore;
    s.mimeType = mediaType.left(200);
    s.payload = payload;
    s.annotations = annotations;
    readCosignAnnotations(s, context);
    if (s.mimeType == QLatin1StringView(mediatype::CosignSimpleSigning)) {
        Result<SimpleSigningClaims> c = parseSimpleSigning(s.payload, context + u": payload"_s);
        if (c)
            s.claims = c.value();
        else
            s.problems << c.error().message;
    }
    return s;
}

Result<StoredSignature> parseStoredSignature(const QByteArray &bytes, const QString &context)
{
    if (bytes.size() > limits::SignatureBytes)
        return makeError(
            ErrorCode::TooLarge,
            u"the signature is %1 bytes, over the %2-byte limit"_s.arg(bytes.size()).arg(limits::SignatureBytes),
            context);
    StoredSignature s;
    s.raw = bytes;
    if (bytes.startsWith(SigstorePrefix)) {
        readSigstore(s, bytes.mid(SigstorePrefix.size()), context);
    } else if (!bytes.isEmpty() && bytes[0] == '\0') {
        const qsizetype nl = bytes.indexOf('\n');
        s.problems << u"a signature in the format \"%1\", which Strata does not know"_s.arg(
            QString::fromLatin1(bytes.mid(1, nl > 1 ? qMin<qsizetype>(nl - 1, 40) : 40)));
    } else {
        // No prefix: the original "simple signing" format, an OpenPGP message (signature.go FromBlob).
        Result<OpenPgpMessage> m = readOpenPgpMessage(bytes, context);
        if (m) {
            s.format = StoredSignature::Format::SimpleSigningGpg;
            s.payload = m->literalData;
            s.openPgp = m.value();
        } else {
            s.problems << m.error().message;
        }
    }
    const bool simpleSigning = s.format == StoredSignature::Format::SimpleSigningGpg ||
                               (s.format == StoredSignature::Format::Sigstore &&
                                s.mimeType == QLatin1StringView(mediatype::CosignSimpleSigning));
    if (simpleSigning) {
        Result<SimpleSigningClaims> c = parseSimpleSigning(s.payload, context + u": payload"_s);
        if (c)
            s.claims = c.value();
        else
            s.problems << c.error().message;
    }
    return s;
}

} // namespace strata
