// SPDX-License-Identifier: MIT
// cosign's verification order (pkg/cosign/verify.go verifyInternal): the signature with the key or certificate,
// the certificate's chain and identity, the transparency log entry, then the payload's claims.
#include "core/trust/cosignverify.h"

#include "core/mediatypes.h"
#include "core/signatures/signaturelimits.h"
#include "core/trust/rekorbody.h"
#include "core/trust/rekorset.h"
#include "core/trust/sctverify.h"

#include <QCryptographicHash>

#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

constexpr auto CosignSignatureType = "cosign container image signature"; // cosign pkg/cosign/payload.go
constexpr auto AnnotationCertificate = "dev.sigstore.cosign/certificate";
constexpr auto AnnotationChain = "dev.sigstore.cosign/chain";
constexpr auto AnnotationBundle = "dev.sigstore.cosign/bundle";

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

bool within(const QDateTime &t, const QDateTime &from, const QDateTime &until)
{
    return (!from.isValid() || t >= from) && (!until.isValid() || t < until);
}

QString keyList(const QList<PublicKey> &keys)
{
    QStringList names;
    for (const PublicKey &k : keys)
        names << (k.label().isEmpty() ? k.describe() : k.label());
    return names.join(u", "_s);
}

// Why the signed digest is not the subject's, said plainly for multi-platform images.
QString subjectMismatch(const Digest &signedDigest, const CosignSubject &s)
{
    if (s.isIndex) {
        for (const auto &[child, platform] : s.platformManifests)
            if (child == signedDigest)
                return u"the signature is for %1, the %2 platform manifest of this index, not for the index %3 "
                       "itself: it vouches for that platform only"_s.arg(
                           signedDigest.toString(), platform.isEmpty() ? u"a"_s : platform, s.digest.toString());
        return u"the signed digest %1 is neither this index %2 nor any of its %3 platform manifests"_s
            .arg(signedDigest.toString(), s.digest.toString())
            .arg(s.platformManifests.size());
    }
    if (!s.index.isNull() && signedDigest == s.index)
        return u"the signature is for the multi-platform index %1, not for this platform manifest %2 (it was "
               "attached to the manifest, but signs the index)"_s.arg(signedDigest.toString(), s.digest.toString());
    return u"the signed digest %1 is not this manifest's %2: the signature is for another manifest"_s.arg(
        signedDigest.toString(), s.digest.toString());
}

class CosignCheck
{
public:
    CosignCheck(const StoredSignature &sig, const CosignSubject &subject, const std::optional<Digest> &payloadDigest,
                const SigstoreTrust &trust, const QDateTime &now)
        : m_sig(sig), m_subject(subject), m_payloadDigest(payloadDigest), m_trust(trust), m_now(now)
    {
    }

    Verdict run()
    {
        if (m_sig.format == StoredSignature::Format::SimpleSigningGpg)
            return Verdict::notChecked(u"a GPG simple signing signature, not a cosign one"_s);
        if (m_sig.format != StoredSignature::Format::Sigstore ||
            m_sig.mimeType != QLatin1StringView(mediatype::CosignSimpleSigning))
            return Verdict::failed(u"not a cosign signature: the attachment's media type is \"%1\", not %2"_s.arg(
                m_sig.mimeType.isEmpty() ? u"(none)"_s : m_sig.mimeType.left(100),
                QLatin1StringView(mediatype::CosignSimpleSigning)));
        if (m_sig.claims)
            m_v.signedDigest = m_sig.claims->manifestDigest;
        if (m_sig.signature.isEmpty())
            return fail(m_sig.problems.isEmpty() ? u"the signature annotation is missing or empty: nothing is signed"_s
                                                 : u"no signature to check: "_s + m_sig.problems.join(u"; "_s));
        if (m_trust.keys.isEmpty() && m_trust.certificateAuthorities.isEmpty())
            return notChecked(u"no public key or certificate root was given"_s);

        const QByteArray sha = QCryptographicHash::hash(m_sig.payload, QCryptographicHash::Sha256);
        m_payloadSha256 = sha;
        const Digest computed = Digest::fromRaw(DigestAlgorithm::Sha256, sha);
        const bool digestMismatch = m_payloadDigest && !(*m_payloadDigest == computed);

        // The key (or the certificate's key) that verifies the signature over the payload.
        Status keyed = m_trust.keys.isEmpty() ? verifyKeyless() : verifyWithKeys();
        if (digestMismatch)
            return fail(
                u"payload digest mismatch: the layer's descriptor says %1, the payload's sha256 is %2; %3"_s.arg(
                    m_payloadDigest->toString(), computed.toString(),
                    keyed ? u"the signature still verifies over the payload (the descriptor is wrong)"_s
                          : u"and " + m_lastSignatureError));
        if (!keyed)
            return m_notCheckedReason.isEmpty() ? fail(keyed.error().message) : notChecked(m_notCheckedReason);
        if (m_payloadDigest)
            m_v.checks << u"the payload's sha256 is the layer digest %1"_s.arg(computed.shortString());

        if (Status s = checkLog(); !s)
            return fail(s.error().message);
        if (!m_leaf.isNull())
            if (Status s = checkCertificate(); !s)
                return fail(s.error().message);
        if (Status s = checkClaims(); !s)
            return fail(s.error().message);
        m_v.state = VerdictState::Verified;
        m_v.reason.clear();
        return m_v;
    }

private:
    Verdict fail(const QString &why)
    {
        Verdict v = m_v;
        v.state = VerdictState::Failed;
        v.reason = why;
        if (v.signer.isEmpty())
            v.signer = m_sig.certificates.isEmpty() ? QString() : m_sig.claimedSigner();
        return v;
    }
    Verdict notChecked(const QString &why)
    {
        Verdict v = m_v;
        v.state = VerdictState::NotChecked;
        v.reason = why;
        if (v.signer.isEmpty())
            v.signer = m_sig.certificates.isEmpty() ? QString() : m_sig.claimedSigner();
        v.checks.clear();
        return v;
    }

    Status verifyWithKeys()
    {
        for (const PublicKey &k : m_trust.keys) {
            if (k.verify(m_sig.payload, m_sig.signature)) {
                m_key = k;
                m_v.signer = k.describe();
                m_v.checks << u"the signature verifies over the payload with %1"_s.arg(k.describe());
                return Ok{};
            }
        }
        m_lastSignatureError =
            m_trust.keys.size() == 1
                ? u"the signature does not verify with %1"_s.arg(m_trust.keys.first().describe())
                : u"the signature does not verify with any of the %1 keys given (%2)"_s.arg(m_trust.keys.size())
                      .arg(keyList(m_trust.keys));
        return makeError(ErrorCode::Io, m_lastSignatureError);
    }

    Status verifyKeyless()
    {
        const QString leafPem = m_sig.annotations.value(QLatin1StringView(AnnotationCertificate));
        if (leafPem.isEmpty()) {
            m_notCheckedReason = u"the signature carries no certificate and no public key was given"_s;
            m_lastSignatureError = m_notCheckedReason;
            return makeError(ErrorCode::Io, m_notCheckedReason);
        }
        Result<QList<Certificate>> leaf = Certificate::fromPem(leafPem.toUtf8(), u"certificate annotation"_s, 1);
        if (!leaf) {
            m_lastSignatureError = u"the certificate annotation does not decode: %1"_s.arg(leaf.error().message);
            return makeError(ErrorCode::Malformed, m_lastSignatureError);
        }
        m_leaf = leaf->first();
        const CertificateSummary summary = m_leaf.summary();
        m_v.signer = summary.oidcIssuer.isEmpty() ? summary.identity()
                                                  : u"%1, issuer %2"_s.arg(summary.identity(), summary.oidcIssuer);
        const QString chainPem = m_sig.annotations.value(QLatin1StringView(AnnotationChain));
        if (!chainPem.isEmpty()) {
            Result<QList<Certificate>> chain =
                Certificate::fromPem(chainPem.toUtf8(), u"chain annotation"_s, limits::MaxCertificateChain);
            if (!chain) {
                m_lastSignatureError = u"the chain annotation does not decode: %1"_s.arg(chain.error().message);
                return makeError(ErrorCode::Malformed, m_lastSignatureError);
            }
            m_chain = chain.value();
        }
        // cosign refuses keyless verification without both (cmd/cosign/cli/options/certificate.go): a certificate
        // from a public CA proves only that someone had an account somewhere.
        const IdentityRequirement &id = m_trust.identity;
        if (!id.pki() && ((id.identity.isEmpty() && id.identityRegexp.isEmpty()) || id.oidcIssuer.isEmpty())) {
            m_notCheckedReason = u"keyless signature by %1: verifying it needs the identity and the OIDC issuer the "
                                 "signer must have (--certificate-identity or --certificate-identity-regexp, and "
                                 "--certificate-oidc-issuer), as cosign requires"_s.arg(m_v.signer);
            m_lastSignatureError = m_notCheckedReason;
            return makeError(ErrorCode::Io, m_notCheckedReason);
        }
        Result<PublicKey> k = m_leaf.publicKey();
        if (!k) {
            m_lastSignatureError = u"the certificate's key cannot be used: %1"_s.arg(k.error().message);
            return makeError(ErrorCode::Unsupported, m_lastSignatureError);
        }
        m_key = k.value();
        if (Status s = m_key.verify(m_sig.payload, m_sig.signature); !s) {
            m_lastSignatureError = u"the signature does not verify with the key of the certificate %1 (%2)"_s.arg(
                m_leaf.subjectLine(), m_key.algorithm());
            return makeError(ErrorCode::Io, m_lastSignatureError);
        }
        m_v.checks << u"the signature verifies over the payload with the certificate's %1 key"_s.arg(m_key.algorithm());
        return Ok{};
    }

    // cosign VerifyBundle: the SET, then that the entry is this signature's.
    Status checkLog()
    {
        if (m_trust.tlogs.isEmpty())
            return Ok{};
        if (!m_sig.rekor) {
            if (!m_sig.annotations.contains(QLatin1StringView(AnnotationBundle)))
                return Ok{};
            QString why;
            for (const QString &p : m_sig.problems)
                if (p.contains(u"Rekor"_s))
                    why = p;
            return makeError(ErrorCode::Malformed,
                             u"the Rekor bundle annotation does not decode: %1"_s.arg(why.isEmpty() ? u"?"_s : why));
        }
        const RekorPromise &r = *m_sig.rekor;
        QList<PublicKey> keys;
        for (const TransparencyLogKey &t : m_trust.tlogs)
            keys << t.key;
        const RekorEntryFields fields{
            r.bodyBase64, r.integratedTime.isValid() ? r.integratedTime.toSecsSinceEpoch() : -1, r.logIndex, r.logId};
        Result<PublicKey> logKey = verifySignedEntryTimestamp(fields, r.signedEntryTimestamp, keys);
        if (!logKey)
            return makeError(ErrorCode::Io, u"Rekor bundle: %1"_s.arg(logKey.error().message));
        for (const TransparencyLogKey &t : m_trust.tlogs) {
            if (t.key.sameKey(logKey.value()) && !within(r.integratedTime, t.validFrom, t.validUntil))
                return makeError(ErrorCode::Io,
                                 u"Rekor bundle: the entry's integrated time %1 is outside the validity of the log "
                                 "key %2 (%3 to %4)"_s.arg(iso(r.integratedTime), logKey->describe(),
                                                           t.validFrom.isValid() ? iso(t.validFrom) : u"-"_s,
                                                           t.validUntil.isValid() ? iso(t.validUntil) : u"-"_s));
        }
        m_v.checks << u"the Rekor entry %1's signed entry timestamp verifies with %2"_s.arg(r.logIndex)
                          .arg(logKey->describe());
        const RekorBodyExpectation expected{m_payloadSha256, m_sig.signature, m_key, m_leaf};
        if (Status s = matchRekorBody(r.body, expected); !s)
            return makeError(ErrorCode::Io, u"Rekor bundle: %1"_s.arg(s.error().message));
        m_v.checks << u"the Rekor entry (%1) records this payload's hash, this signature and this %2"_s.arg(
            rekorBodyKind(r.body), m_leaf.isNull() ? u"key"_s : u"certificate"_s);
        m_v.signingTime = r.integratedTime;
        m_v.checks << u"signed at %1 (the entry's integrated time)"_s.arg(iso(r.integratedTime));
        return Ok{};
    }

    Status checkCertificate()
    {
        QDateTime at = m_v.signingTime;
        const CertificateSummary leaf = m_leaf.summary();
        if (!at.isValid()) {
            // No transparency log says when it signed: only a certificate valid now proves anything (cosign
            // verifyInternal CheckExpiry(cert, time.Now())).
            if (!within(m_now, leaf.notBefore, leaf.notAfter.addSecs(1)))
                return makeError(
                    ErrorCode::Io,
                    m_trust.identity.pki() && m_trust.tlogs.isEmpty()
                        // containers/image verifyPKI checks a private PKI's certificate at the time of the check.
                        ? u"the certificate %1 is not valid now (%4): it is valid %2 to %3"_s.arg(
                              m_leaf.subjectLine(), iso(leaf.notBefore), iso(leaf.notAfter), iso(m_now))
                        : u"no trusted signing time: the certificate %1 is valid %2 to %3, not now (%4), and no "
                          "verified transparency log entry says when it signed (give the Rekor key)"_s.arg(
                              m_leaf.subjectLine(), iso(leaf.notBefore), iso(leaf.notAfter), iso(m_now)));
            at = m_now;
        }
        // cosign ValidateAndUnpackCert: x509.VerifyOptions{KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}}.
        X509 *x = m_leaf.x509();
        if (!(X509_get_extension_flags(x) & EXFLAG_XKUSAGE) || !(X509_get_extended_key_usage(x) & XKU_CODE_SIGN))
            return makeError(ErrorCode::Io, u"the certificate %1 is not for code signing (no codeSigning extended key "
                                            "usage)"_s.arg(m_leaf.subjectLine()));
        QString lastError;
        int inWindow = 0;
        for (const TimedCertificateAuthority &ca : m_trust.certificateAuthorities) {
            if (!within(at, ca.validFrom, ca.validUntil) || ca.chain.isEmpty())
                continue;
            ++inWindow;
            Result<QList<Certificate>> path = verifyCertificateChain(
                m_leaf, ca.intermediates.isEmpty() ? m_chain : m_chain + ca.intermediates, ca.chain, at);
            if (path) {
                m_v.checks << u"the certificate chains to %1, valid at %2"_s.arg(path->last().subjectLine(), iso(at));
                if (Status s = checkIdentity(m_leaf, m_trust.identity); !s)
                    return s;
                m_v.checks << u"the certificate's identity is %1"_s.arg(m_v.signer);
                // cosign ValidateAndUnpackCert: unless --insecure-ignore-sct, an embedded SCT by a trusted CT log.
                return checkCertificateTransparency(path.value(), m_trust, &m_v.checks);
            }
            lastError = path.error().message;
        }
        if (inWindow == 0)
            return makeError(ErrorCode::Io, u"none of the %1 certificate authorities given was valid at the signing "
                                            "time %2"_s.arg(m_trust.certificateAuthorities.size())
                                                .arg(iso(at)));
        return makeError(ErrorCode::Io, lastError);
    }

    // cosign pkg/cosign/payload.go SimpleContainerImage, verify.go: the payload's type and signed digest.
    Status checkClaims()
    {
        if (!m_sig.claims)
            return makeError(ErrorCode::Malformed, u"the signed payload is not a simple signing document: %1"_s.arg(
                                                       m_sig.problems.join(u"; "_s)));
        const SimpleSigningClaims &c = *m_sig.claims;
        if (c.type != QLatin1StringView(CosignSignatureType))
            return makeError(ErrorCode::Io, u"the payload's critical.type is \"%1\", not \"%2\""_s.arg(
                                                c.type.left(100), QLatin1StringView(CosignSignatureType)));
        if (c.manifestDigest.isNull())
            return makeError(ErrorCode::Malformed,
                             u"the payload names no valid critical.image.docker-manifest-digest"_s);
        if (!(c.manifestDigest == m_subject.digest))
            return makeError(ErrorCode::Io, subjectMismatch(c.manifestDigest, m_subject));
        m_v.checks << u"the payload signs this %1 %2"_s.arg(m_subject.isIndex ? u"index"_s : u"manifest"_s,
                                                            c.manifestDigest.shortString());
        return Ok{};
    }

    const StoredSignature &m_sig;
    const CosignSubject &m_subject;
    const std::optional<Digest> &m_payloadDigest;
    const SigstoreTrust &m_trust;
    const QDateTime m_now;

    Verdict m_v;
    QByteArray m_payloadSha256;
    PublicKey m_key;
    Certificate m_leaf;
    QList<Certificate> m_chain;
    QString m_lastSignatureError;
    QString m_notCheckedReason;
};

} // namespace

CosignSubject cosignSubjectOf(const ImageGraph &g, int nodeId)
{
    CosignSubject s;
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return s;
    const Node &n = g.nodes[nodeId];
    s.digest = n.digest();
    s.isIndex = n.kind == NodeKind::Index;
    if (s.isIndex) {
        for (int c : n.children) {
            const Node &child = g.nodes[c];
            if ((child.kind != NodeKind::Manifest && child.kind != NodeKind::Index) || child.attachment)
                continue;
            const QString platform =
                child.descriptor && child.descriptor->platform ? child.descriptor->platform->toString() : child.title;
            s.platformManifests.append({child.digest(), platform});
        }
    } else if (n.parent >= 0 && n.parent < g.nodes.size() && g.nodes[n.parent].kind == NodeKind::Index) {
        s.index = g.nodes[n.parent].digest();
    }
    return s;
}

Verdict verifyCosignSignature(const StoredSignature &sig, const CosignSubject &subject,
                              const std::optional<Digest> &payloadDigest, const SigstoreTrust &trust,
                              const QDateTime &now)
{
    return CosignCheck(sig, subject, payloadDigest, trust, now).run();
}

Verdict verifyCosignSignature(const StoredSignature &sig, const Digest &subject,
                              const std::optional<Digest> &payloadDigest, const SigstoreTrust &trust)
{
    CosignSubject s;
    s.digest = subject;
    return verifyCosignSignature(sig, s, payloadDigest, trust);
}

} // namespace strata::trust
