// SPDX-License-Identifier: MIT
// containers/image signature/policy_eval.go (IsRunningImageAllowed), policy_eval_basic.go, policy_eval_baselayer.go,
// policy_eval_signedby.go, policy_eval_sigstore.go, policy_reference_match.go.
#include "core/trust/policyevaluation.h"

#include "core/mediatypes.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

// matchRepoDigestOrExactReferenceValues.
bool repoDigestOrExact(const DockerReference &intended, const DockerReference &signature)
{
    if (signature.isNameOnly())
        return false;
    if (!intended.tag.isEmpty()) // NamedTagged, also with a digest
        return signature.toString() == intended.toString();
    if (!intended.digest.isEmpty()) // Canonical: the digest itself is checked against the manifest elsewhere
        return signature.name() == intended.name();
    return false;
}

// prmRemapIdentity.refMatchesPrefix: the name equals the prefix or continues it after a '/'.
bool matchesPrefix(const QString &name, const QString &prefix)
{
    if (name.size() < prefix.size())
        return false;
    if (name.size() == prefix.size())
        return name == prefix;
    return name.startsWith(prefix) && name.at(prefix.size()) == QLatin1Char('/');
}

struct Outcome
{
    bool accepted = false;
    QString detail; // accepted: who and for what; rejected: why
};

class Evaluation
{
public:
    Evaluation(const PolicyIdentity &id, const Digest &manifest, const QList<StoredSignature> &sigs,
               SignatureChecker &checker, QList<Verdict> &verdicts)
        : m_id(id), m_manifest(manifest), m_sigs(sigs), m_checker(checker), m_verdicts(verdicts)
    {
    }
    Outcome run(const PolicyRequirement &r);

private:
    Outcome signedBy(const SignedByRequirement &r);
    Outcome sigstoreSigned(const SigstoreRequirement &r);
    // After the cryptography: the signed digest, then the signed identity (verifyAndExtractSignature's order).
    Verdict matchClaims(Verdict v, const StoredSignature &sig, const SignedIdentity &rule) const;
    static Outcome summary(const QStringList &rejections, const QString &noneText);

    const PolicyIdentity &m_id;
    const Digest &m_manifest;
    const QList<StoredSignature> &m_sigs;
    SignatureChecker &m_checker;
    QList<Verdict> &m_verdicts;
};

Outcome Evaluation::run(const PolicyRequirement &r)
{
    switch (r.type) {
    case PolicyRequirement::Type::InsecureAcceptAnything: return {true, {}};
    case PolicyRequirement::Type::Reject: return {false, u"Running image is rejected by policy."_s};
    case PolicyRequirement::Type::SignedBaseLayer: return {false, u"signedBaseLayer not implemented yet!"_s};
    case PolicyRequirement::Type::SignedBy: return signedBy(r.signedBy);
    case PolicyRequirement::Type::SigstoreSigned: return sigstoreSigned(r.sigstore);
    }
    return {false, u"unknown requirement"_s};
}

Verdict Evaluation::matchClaims(Verdict v, const StoredSignature &sig, const SignedIdentity &rule) const
{
    if (!v.verified())
        return v;
    Digest signedDigest = v.signedDigest;
    if (signedDigest.isNull() && sig.claims)
        signedDigest = sig.claims->manifestDigest;
    if (signedDigest.isNull() || !(signedDigest == m_manifest))
        return Verdict::failed(
            u"Signature for digest %1 does not match (the manifest is %2)"_s.arg(
                signedDigest.isNull() ? u"(none)"_s : signedDigest.toString(), m_manifest.toString()),
            v.signer);
    const QString ref = sig.claims ? sig.claims->dockerReference : QString();
    if (!signedIdentityMatches(rule, m_id.dockerReference, ref)) {
        const QString image =
            m_id.dockerReference ? m_id.dockerReference->toString() : u"an image with no Docker reference"_s;
        return Verdict::failed(
            u"Signature for identity \"%1\" is not accepted (%2 for %3)"_s.arg(ref, rule.describe(), image), v.signer);
    }
    v.checks << u"signed identity \"%1\" accepted by %2"_s.arg(ref, rule.describe());
    return v;
}

Outcome Evaluation::summary(const QStringList &rejections, const QString &noneText)
{
    if (rejections.isEmpty())
        return {false, noneText};
    return {false, u"no signature verifies: "_s + rejections.join(u"; "_s)};
}

Outcome Evaluation::signedBy(const SignedByRequirement &r)
{
    QStringList keyPaths;
    for (const QString &p : r.keyPaths)
        keyPaths << QFileInfo(p).absoluteFilePath(); // os.ReadFile: relative to the working directory
    // The keys are loaded for each signature (so with no signature, their absence goes unnoticed, as in Go).
    QString keyProblem;
    if (r.keyType != u"GPGKeys"_s)
        keyProblem = u"Unimplemented \"keyType\" value \"%1\""_s.arg(r.keyType);
    else if (!r.hasKeyData && keyPaths.isEmpty())
        keyProblem = u"No public keys imported"_s;
    for (const QString &p : std::as_const(keyPaths))
        if (keyProblem.isEmpty() && !QFileInfo(p).isReadable())
            keyProblem = u"open %1: no such readable file"_s.arg(p);
    QStringList rejections;
    int n = 0;
    for (const StoredSignature &sig : m_sigs) {
        if (sig.format != StoredSignature::Format::SimpleSigningGpg)
            continue; // UnparsedImage.Signatures: simple signing only
        ++n;
        Verdict v;
        if (!keyProblem.isEmpty())
            v = Verdict::failed(keyProblem);
        else
            v = matchClaims(m_checker.gpg(sig, keyPaths, r.hasKeyData ? r.keyData : QByteArray()), sig,
                            r.signedIdentity);
        m_verdicts << v;
        if (v.verified())
            return {true, u"signed by %1 for \"%2\""_s.arg(v.signer.isEmpty() ? u"a trusted GPG key"_s : v.signer,
                                                           sig.claims ? sig.claims->dockerReference : QString())};
        rejections << u"signature %1: %2"_s.arg(n).arg(v.reason.isEmpty() ? verdictStateName(v.state) : v.reason);
    }
    return summary(rejections, u"A signature was required, but no signature exists"_s);
}

Outcome Evaluation::sigstoreSigned(const SigstoreRequirement &r)
{
    QStringList rejections;
    int nonSigstore = 0;
    int nonAttachments = 0;
    int n = 0;
    for (const StoredSignature &sig : m_sigs) {
        if (sig.format != StoredSignature::Format::Sigstore) {
            ++nonSigstore;
            continue;
        }
        if (sig.mimeType != QLatin1StringView(mediatype::CosignSimpleSigning)) {
            ++nonAttachments;
            continue;
        }
        ++n;
        const Verdict v = matchClaims(m_checker.sigstore(sig, r), sig, r.signedIdentity);
        m_verdicts << v;
        if (v.verified())
            return {true, u"signed by %1 for \"%2\""_s.arg(v.signer.isEmpty() ? u"a trusted key"_s : v.signer,
                                                           sig.claims ? sig.claims->dockerReference : QString())};
        rejections << u"signature %1: %2"_s.arg(n).arg(v.reason.isEmpty() ? verdictStateName(v.state) : v.reason);
    }
    QString none = u"A signature was required, but no signature exists"_s;
    if (nonSigstore > 0 || nonAttachments > 0)
        none += u" (%1 non-sigstore signatures, %2 sigstore non-signature attachments)"_s.arg(nonSigstore)
                    .arg(nonAttachments);
    return summary(rejections, none);
}

} // namespace

bool signedIdentityMatches(const SignedIdentity &rule, const std::optional<DockerReference> &image,
                           const QString &signedReference)
{
    const Result<DockerReference> signature = DockerReference::parseNormalized(signedReference);
    if (!signature)
        return false;
    using T = SignedIdentity::Type;
    switch (rule.type) {
    case T::MatchExact:
        if (!image || image->isNameOnly() || signature->isNameOnly())
            return false;
        return signature->toString() == image->toString();
    case T::MatchRepoDigestOrExact: return image && repoDigestOrExact(*image, signature.value());
    case T::MatchRepository: return image && signature->name() == image->name();
    case T::ExactReference: {
        const Result<DockerReference> intended = DockerReference::parseNormalized(rule.dockerReference);
        if (!intended || intended->isNameOnly() || signature->isNameOnly())
            return false;
        return signature->toString() == intended->toString();
    }
    case T::ExactRepository: {
        const Result<DockerReference> intended = DockerReference::parseNormalized(rule.dockerRepository);
        return intended && signature->name() == intended->name();
    }
    case T::RemapIdentity: {
        if (!image)
            return false;
        DockerReference intended = *image;
        if (matchesPrefix(intended.name(), rule.prefix)) {
            QString rewritten = intended.toString();
            rewritten.replace(rewritten.indexOf(rule.prefix), rule.prefix.size(), rule.signedPrefix);
            const Result<DockerReference> remapped = DockerReference::parseCanonical(rewritten);
            if (!remapped)
                return false;
            intended = remapped.value();
        }
        return repoDigestOrExact(intended, signature.value());
    }
    }
    return false;
}

PolicyVerdict evaluatePolicy(const Policy &policy, const PolicyImage &image, const Digest &manifestDigest,
                             const QList<StoredSignature> &signatures, SignatureChecker &checker)
{
    PolicyVerdict out;
    const Result<PolicyIdentity> id = policyIdentity(image);
    if (!id) {
        out.reason = u"rejected: "_s + id.error().toString();
        return out;
    }
    const ScopeMatch match = requirementsFor(policy, image.transport, id.value());
    out.scope = match.describe();
    const PolicyRequirements &reqs = *match.requirements;
    if (reqs.isEmpty()) { // parsePolicy never builds one; a Policy made in code might
        out.reason = u"rejected: the requirement list of %1 is empty"_s.arg(out.scope);
        return out;
    }
    Evaluation evaluation(id.value(), manifestDigest, signatures, checker, out.signatures);
    QStringList accepted;
    QStringList names;
    for (const PolicyRequirement &r : reqs) {
        const Outcome o = evaluation.run(r);
        const QString name = r.describe();
        if (!o.accepted) {
            out.requirement = name;
            out.reason = u"rejected by `%1` in %2: %3"_s.arg(name, out.scope, o.detail);
            return out;
        }
        names << name;
        accepted << (o.detail.isEmpty() ? u"`%1`"_s.arg(name) : u"`%1`, %2"_s.arg(name, o.detail));
    }
    out.accepted = true;
    out.requirement = names.join(u" and "_s);
    out.reason = u"accepted by %1 in %2"_s.arg(accepted.join(u" and "_s), out.scope);
    return out;
}

} // namespace strata::trust
