// SPDX-License-Identifier: MIT
// Decoding an attached artifact's layers, one bounded read each, by media type: cosign simple signing
// (sigstore/cosign specs/SIGNATURE_SPEC.md), Sigstore bundles (sigstore/protobuf-specs bundle.proto), Notation
// envelopes (notaryproject/specifications signature-envelope-jws.md, signature-envelope-cose.md), in-toto
// statements and SBOMs.
#include "core/attached/attachmentcontent.h"
#include "core/attestations/attestationlimits.h"
#include "core/attestations/predicatekind.h"
#include "core/hasher.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/signatures/cosesign1.h"
#include "core/signatures/signaturelimits.h"

#include <QJsonArray>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace strata::attached {

namespace {

constexpr auto SigstoreBundlePrefix = "application/vnd.dev.sigstore.bundle";
constexpr auto JoseJson = "application/jose+json";
constexpr auto Cose = "application/cose";
constexpr auto PredicateTypeAnnotation = "in-toto.io/predicate-type";

QString hexOfBase64(const QString &b64)
{
    auto r = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return r ? QString::fromLatin1(r.decoded.toHex()) : QString();
}

// One certificate's DER as PEM, so that summarisePemCertificates reads it.
QByteArray pemOfDer(const QByteArray &der)
{
    QByteArray pem = "-----BEGIN CERTIFICATE-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    return pem + "-----END CERTIFICATE-----\n";
}

void addCertificates(QList<CertificateSummary> &out, const QStringList &base64Ders, QStringList &problems,
                     const QString &ctx)
{
    QByteArray pem;
    int count = 0;
    for (const QString &b : base64Ders) {
        if (++count > limits::MaxCertificateChain) {
            problems << u"%1: more than %2 certificates; the rest are not decoded"_s.arg(ctx).arg(
                limits::MaxCertificateChain);
            break;
        }
        auto der = QByteArray::fromBase64Encoding(b.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!der) {
            problems << u"%1: a certificate is not valid base64"_s.arg(ctx);
            continue;
        }
        pem += pemOfDer(der.decoded);
    }
    if (pem.isEmpty())
        return;
    Result<QList<CertificateSummary>> c = summarisePemCertificates(pem, ctx);
    if (c)
        out << c.value();
    else
        problems << u"%1: %2"_s.arg(ctx, c.error().message);
}

bool isText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = utf8(bytes);
    return !utf8.hasError() && !s.contains(QChar::ReplacementCharacter);
}

class Reader
{
public:
    Reader(const ImageGraph &g, const Node &artifact, AttachmentContent &c, JobContext *job)
        : m_g(g), m_n(artifact), m_c(c), m_job(job)
    {
    }

    bool canceled() const { return m_job && m_job->isCanceled(); }

    void layer(const Descriptor &d)
    {
        const QString mt = d.mediaType.section(u';', 0, 0).trimmed().toLower();
        const QString ctx = u"layer %1 (%2)"_s.arg(d.digest.shortString(), d.mediaType.left(100));
        const bool notationArtifact = m_c.artifactType == QLatin1StringView(mediatype::NotarySignature);
        if (mt == QLatin1StringView(mediatype::CosignSimpleSigning)) {
            if (std::optional<QByteArray> b = read(d, limits::SignatureBytes, ctx)) {
                m_c.signatures << cosignSignatureLayer(d.mediaType, *b, d.annotations, m_g.describe(m_n.id));
                m_c.signatures.last().layerDigest = d.digest;
            }
        } else if (mt.startsWith(QLatin1StringView(SigstoreBundlePrefix)) ||
                   (m_c.artifactType.startsWith(QLatin1StringView(SigstoreBundlePrefix)) && mt.endsWith(u"json"_s))) {
            if (std::optional<QByteArray> b = read(d, limits::StatementBytes, ctx))
                bundle(*b, ctx);
        } else if (mt == QLatin1StringView(JoseJson) || (notationArtifact && mt.endsWith(u"jose+json"_s))) {
            if (std::optional<QByteArray> b = read(d, limits::SignatureBytes, ctx))
                jws(d, *b, ctx);
        } else if (mt == QLatin1StringView(Cose)) {
            if (std::optional<QByteArray> b = read(d, limits::SignatureBytes, ctx))
                cose(d, *b, ctx);
        } else if (mt == QLatin1StringView(mediatype::Dsse) || mt == QLatin1StringView(mediatype::InToto) ||
                   d.annotations.contains(QLatin1StringView(PredicateTypeAnnotation))) {
            if (std::optional<QByteArray> b = read(d, limits::StatementBytes, ctx))
                statement(*b, mt == QLatin1StringView(mediatype::Dsse) ? u"DSSE envelope"_s : u"in-toto statement"_s,
                          ctx);
        } else if (const PredicateKind k = classifyPredicate(mt).kind;
                   k == PredicateKind::SpdxSbom || k == PredicateKind::CycloneDxSbom) {
            if (std::optional<QByteArray> b = read(d, limits::SbomBytes, ctx)) {
                Result<SbomDocument> s = parseSbom(*b, ctx);
                if (!s)
                    m_c.problems << s.error().message;
                else if (!m_c.sbom)
                    m_c.sbom = std::make_shared<const SbomDocument>(std::move(s).value());
            }
        } else if (d.size >= 0 && d.size <= PreviewBytes) {
            // An unknown kind (application/example.sbom.breakfast): small text is shown as it is.
            if (std::optional<QByteArray> b = read(d, PreviewBytes, ctx); b && isText(*b))
                m_c.previews << LayerText{d.digest, QString::fromUtf8(*b)};
        }
    }

    // The layer's bytes: embedded data, else the blob through the container; at most `limit` bytes, checked
    // against the descriptor's size before reading and against its digest after.
    std::optional<QByteArray> read(const Descriptor &d, qint64 limit, const QString &ctx)
    {
        if (d.size > limit) {
            m_c.problems
                << u"%1: %2 bytes, over the %3-byte limit for this kind of layer; not read"_s.arg(ctx).arg(d.size).arg(
                       limit);
            return std::nullopt;
        }
        QByteArray bytes;
        if (d.data) {
            bytes = *d.data;
        } else {
            const Node *blob = nullptr;
            for (int c : m_n.children) {
                const Node &b = m_g.nodes[c];
                if (b.descriptor && b.descriptor->digest == d.digest && b.present && !b.member.isEmpty()) {
                    blob = &b;
                    break;
                }
            }
            if (!blob || !m_g.container) {
                m_c.problems << u"%1: the blob is not in the source"_s.arg(ctx);
                return std::nullopt;
            }
            Result<QByteArray> r = m_g.container->readSmall(blob->member, limit);
            if (!r) {
                m_c.problems << u"%1: %2"_s.arg(ctx, r.error().message);
                return std::nullopt;
            }
            bytes = std::move(r).value();
        }
        if (bytes.size() > limit) {
            m_c.problems << u"%1: over the %2-byte limit; not read"_s.arg(ctx).arg(limit);
            return std::nullopt;
        }
        if (d.digest.algorithmName() == u"sha256"_s) {
            Hasher h;
            h.update(bytes.constData(), size_t(bytes.size()));
            if (h.finish() != d.digest)
                m_c.problems << u"%1: the bytes do not hash to the descriptor's digest (decoded all the same)"_s.arg(
                    ctx);
        }
        if (m_job)
            m_job->addProgress(bytes.size());
        return bytes;
    }

    void statement(const QByteArray &bytes, const QString &carrier, const QString &ctx)
    {
        Result<InTotoStatement> s = parseAttestation(bytes, ctx);
        if (!s) {
            m_c.problems << u"%1: %2"_s.arg(ctx, s.error().message);
            return;
        }
        addStatement(std::move(s).value(), carrier, ctx);
    }

    void addStatement(InTotoStatement s, const QString &carrier, const QString &ctx)
    {
        StatementContent sc;
        sc.carrier = carrier;
        const Digest subject = m_n.attachment ? m_n.attachment->subject : Digest();
        if (!subject.isNull())
            sc.matchingSubject = s.subjectIndexFor(subject.toString());
        const PredicateKind k = classifyPredicate(s.predicateType).kind;
        if (k == PredicateKind::SlsaProvenance) {
            Result<ProvenanceSummary> p = summariseProvenance(s.predicateType, s.predicate, ctx);
            if (p)
                sc.provenance = p.value();
            else
                m_c.problems << u"%1: %2"_s.arg(ctx, p.error().message);
        } else if ((k == PredicateKind::SpdxSbom || k == PredicateKind::CycloneDxSbom) && !m_c.sbom) {
            Result<SbomDocument> d = sbomFromStatement(s, ctx);
            if (d)
                m_c.sbom = std::make_shared<const SbomDocument>(std::move(d).value());
            else
                m_c.problems << u"%1: %2"_s.arg(ctx, d.error().message);
        }
        if (k == PredicateKind::SpdxSbom || k == PredicateKind::CycloneDxSbom)
            s.predicate = QJsonObject(); // kept once, in the SBOM
        sc.statement = std::move(s);
        m_c.statements << std::move(sc);
    }

    void bundle(const QByteArray &bytes, const QString &ctx)
    {
        Result<QJsonObject> o = json::parseObject(bytes, limits::StatementBytes, ctx);
        if (!o) {
            m_c.problems << u"%1: %2"_s.arg(ctx, o.error().message);
            return;
        }
        SigstoreBundleContent b;
        b.raw = bytes;
        b.mediaType = json::optString(o.value(), "mediaType"_L1).left(200);
        if (!b.mediaType.startsWith(QLatin1StringView(SigstoreBundlePrefix)))
            m_c.problems << u"%1: the bundle's mediaType is \"%2\", not a Sigstore bundle's"_s.arg(ctx, b.mediaType);
        const QJsonObject vm = o->value("verificationMaterial"_L1).toObject();
        QStringList ders;
        for (const QJsonValue &c : vm.value("x509CertificateChain"_L1).toObject().value("certificates"_L1).toArray())
            ders << c.toObject().value("rawBytes"_L1).toString();
        if (const QString leaf = vm.value("certificate"_L1).toObject().value("rawBytes"_L1).toString(); !leaf.isEmpty())
            ders << leaf;
        addCertificates(b.certificates, ders, m_c.problems, ctx);
        b.publicKeyHint = vm.value("publicKey"_L1).toObject().value("hint"_L1).toString().left(200);
        const QJsonArray tlog = vm.value("tlogEntries"_L1).toArray();
        for (const QJsonValue &v : tlog) {
            if (b.tlogEntries.size() >= 100)
                break;
            const QJsonObject e = v.toObject();
            TlogEntry t;
            // The protobuf JSON mapping writes int64 as strings.
            t.logIndex = e.value("logIndex"_L1).toString().toLongLong();
            if (const qint64 secs = e.value("integratedTime"_L1).toString().toLongLong(); secs > 0)
                t.integratedTime = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
            t.logId = hexOfBase64(e.value("logId"_L1).toObject().value("keyId"_L1).toString()).left(128);
            const QJsonObject kv = e.value("kindVersion"_L1).toObject();
            t.kind =
                u"%1 %2"_s.arg(kv.value("kind"_L1).toString(), kv.value("version"_L1).toString()).trimmed().left(80);
            b.tlogEntries << t;
        }
        if (b.certificates.isEmpty() && b.publicKeyHint.isEmpty())
            m_c.problems << u"%1: the bundle names neither a certificate nor a public key"_s.arg(ctx);
        const QJsonObject ms = o->value("messageSignature"_L1).toObject();
        if (!ms.isEmpty()) {
            const QJsonObject md = ms.value("messageDigest"_L1).toObject();
            b.messageDigest = u"%1:%2"_s.arg(md.value("algorithm"_L1).toString().left(40),
                                             hexOfBase64(md.value("digest"_L1).toString()).left(128));
        }
        m_c.bundles << b;
        if (o->contains("dsseEnvelope"_L1)) {
            Result<InTotoStatement> s = parseAttestation(bytes, ctx);
            if (s)
                addStatement(std::move(s).value(), u"Sigstore bundle"_s, ctx);
            else
                m_c.problems << u"%1: %2"_s.arg(ctx, s.error().message);
        }
    }

    void jws(const Descriptor &d, const QByteArray &bytes, const QString &ctx)
    {
        NotationContent n;
        n.envelopeType = d.mediaType;
        n.envelopeBytes = bytes.size();
        n.raw = bytes;
        Result<QJsonObject> o = json::parseObject(bytes, limits::SignatureBytes, ctx);
        if (!o) {
            m_c.problems << u"%1: %2"_s.arg(ctx, o.error().message);
            m_c.notations << n;
            return;
        }
        const auto b64url = [](const QString &s) -> std::optional<QByteArray> {
            auto r = QByteArray::fromBase64Encoding(s.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                      QByteArray::OmitTrailingEquals |
                                                                      QByteArray::AbortOnBase64DecodingErrors);
            if (!r)
                return std::nullopt;
            return r.decoded;
        };
        const std::optional<QByteArray> prot = b64url(json::optString(o.value(), "protected"_L1));
        Result<QJsonObject> h = prot ? json::parseObject(*prot, limits::SignatureBytes, ctx + u": protected header"_s)
                                     : Result<QJsonObject>(makeError(ErrorCode::Malformed, u"not base64url"_s));
        if (h) {
            n.decoded = true;
            n.algorithm = json::optString(h.value(), "alg"_L1).left(40);
            n.contentType = json::optString(h.value(), "cty"_L1).left(200);
            n.signingScheme = json::optString(h.value(), "io.cncf.notary.signingScheme"_L1).left(80);
            n.signingTime = json::optString(h.value(), "io.cncf.notary.signingTime"_L1).left(80);
            n.expiry = json::optString(h.value(), "io.cncf.notary.expiry"_L1).left(80);
        } else {
            m_c.problems << u"%1: the protected header: %2"_s.arg(ctx, h.error().message);
        }
        const QJsonObject header = o->value("header"_L1).toObject();
        n.signingAgent = json::optString(header, "io.cncf.notary.signingAgent"_L1).left(200);
        QStringList x5c;
        for (const QJsonValue &c : header.value("x5c"_L1).toArray())
            x5c << c.toString();
        // x5c is standard base64 (RFC 7515 §4.1.6), unlike the rest of the JWS.
        addCertificates(n.certificates, x5c, m_c.problems, ctx);
        if (const std::optional<QByteArray> p = b64url(json::optString(o.value(), "payload"_L1))) {
            targetArtifact(n, *p, ctx);
        } else {
            m_c.problems << u"%1: the payload is not base64url"_s.arg(ctx);
        }
        m_c.notations << n;
    }

    // The payload both envelopes sign: {"targetArtifact": descriptor} (notaryproject/specifications
    // signature-specification.md §Payload).
    void targetArtifact(NotationContent &n, const QByteArray &bytes, const QString &ctx)
    {
        Result<QJsonObject> payload = json::parseObject(bytes, limits::SignatureBytes, ctx + u": payload"_s);
        if (!payload) {
            m_c.problems << u"%1: %2"_s.arg(ctx, payload.error().message);
            return;
        }
        const QJsonObject t = payload->value("targetArtifact"_L1).toObject();
        n.targetMediaType = json::optString(t, "mediaType"_L1).left(200);
        if (Result<Digest> dg = Digest::parse(json::optString(t, "digest"_L1)))
            n.targetDigest = dg.value();
        n.targetSize = t.value("size"_L1).toInteger(-1);
    }

    void cose(const Descriptor &d, const QByteArray &bytes, const QString &ctx)
    {
        NotationContent n;
        n.envelopeType = d.mediaType;
        n.envelopeBytes = bytes.size();
        n.raw = bytes;
        Result<CoseSign1> c = parseCoseSign1(bytes, ctx);
        if (!c) {
            m_c.problems << u"%1: %2"_s.arg(ctx, c.error().message);
            m_c.notations << n;
            return;
        }
        n.decoded = true;
        n.algorithm = c->algorithmName();
        n.contentType = c->contentType;
        n.signingScheme = c->signingScheme;
        // COSE times are integers (tag 1): shown in RFC 3339, as the JWS header writes them.
        if (c->signingTime.isValid())
            n.signingTime = c->signingTime.toString(Qt::ISODate);
        if (c->expiry.isValid())
            n.expiry = c->expiry.toString(Qt::ISODate);
        n.signingAgent = c->signingAgent;
        QStringList x5chain;
        for (const QByteArray &der : std::as_const(c->x5chain))
            x5chain << QString::fromLatin1(der.toBase64());
        addCertificates(n.certificates, x5chain, m_c.problems, ctx);
        for (const QString &p : std::as_const(c->problems))
            m_c.problems << u"%1: %2"_s.arg(ctx, p);
        targetArtifact(n, c->payload, ctx);
        m_c.notations << n;
    }

private:
    const ImageGraph &m_g;
    const Node &m_n;
    AttachmentContent &m_c;
    JobContext *m_job;
};

} // namespace

QString AttachmentContent::summary() const
{
    QStringList parts;
    for (const StoredSignature &s : signatures) {
        QString p = s.kindName();
        if (s.claims && !s.claims->manifestDigest.isNull())
            p += u" of "_s + s.claims->manifestDigest.shortString();
        if (const QString who = s.claimedSigner(); !who.isEmpty() && !s.certificates.isEmpty())
            p += u" by "_s + who;
        parts << p;
    }
    for (const NotationContent &n : notations)
        parts << (n.decoded ? u"Notation signature (%1)"_s.arg(n.algorithm) : u"Notation signature (not decoded)"_s);
    for (const SigstoreBundleContent &b : bundles)
        parts << (b.certificates.isEmpty() ? u"Sigstore bundle (public key)"_s
                                           : u"Sigstore bundle by %1"_s.arg(b.certificates.first().identity()));
    for (const StatementContent &s : statements) {
        if (sbom && classifyPredicate(s.statement.predicateType).kind != PredicateKind::SlsaProvenance &&
            classifyPredicate(s.statement.predicateType).kind != PredicateKind::OtherInToto &&
            classifyPredicate(s.statement.predicateType).kind != PredicateKind::VulnerabilityReport)
            continue; // said below with its package count
        QString p = classifyPredicate(s.statement.predicateType).displayName;
        if (s.provenance && !s.provenance->builderId.isEmpty())
            p += u" by "_s + s.provenance->builderId;
        parts << p;
    }
    if (sbom)
        parts << u"%1, %2 packages"_s.arg(sbom->kindName()).arg(sbom->packageCount);
    parts.removeDuplicates();
    return parts.join(u"; "_s);
}

Result<AttachmentContent> readAttachmentContent(const ImageGraph &g, int nodeId, JobContext *job)
{
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return makeError(ErrorCode::NotFound, u"no such node"_s);
    const Node &n = g.nodes[nodeId];
    AttachmentContent c;
    if (n.kind == NodeKind::Signature) {
        if (!n.signature)
            return makeError(ErrorCode::NotFound, u"the stored signature was not decoded"_s, g.describe(nodeId));
        c.signatures << *n.signature;
        return c;
    }
    if (!n.attachment)
        return makeError(ErrorCode::NotFound, u"not an attached artifact"_s, g.describe(nodeId));
    c.artifactType = n.attachment->artifactType;
    if (n.raw.isEmpty()) {
        c.problems << u"the artifact's manifest is not in the source"_s;
        return c;
    }
    Result<QJsonObject> o = json::parseObject(n.raw, limits::ManifestBytes, g.describe(nodeId));
    if (!o) {
        c.problems << o.error().message;
        return c;
    }
    if (n.documentKind == DocumentKind::Index) {
        if (Result<Index> x = Index::fromJson(o.value(), g.describe(nodeId))) {
            c.mediaType = x->mediaType;
            c.layers = x->manifests;
        } else {
            c.problems << x.error().message;
        }
        return c;
    }
    Result<Manifest> m = Manifest::fromJson(o.value(), g.describe(nodeId));
    if (!m) {
        c.problems << m.error().message;
        return c;
    }
    c.mediaType = m->mediaType;
    c.config = m->config;
    c.layers = m->layers;
    if (c.artifactType.isEmpty())
        c.artifactType = m->artifactType;
    Reader r(g, n, c, job);
    if (job)
        for (const Descriptor &d : std::as_const(c.layers))
            job->setTotal(job->total() + qMax<qint64>(0, d.size));
    for (const Descriptor &d : std::as_const(m->layers)) {
        if (r.canceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s, g.describe(nodeId));
        r.layer(d);
    }
    return c;
}

} // namespace strata::attached
