// SPDX-License-Identifier: MIT
#include "core/trust/imagetrust.h"

#include "core/attached/attachmentcontent.h"
#include "core/trust/bundleverify.h"
#include "core/trust/cosignverify.h"
#include "core/trust/policychecker.h"
#include "core/trust/policylimits.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

bool carriesSignature(const Node &n)
{
    if (n.kind == NodeKind::Signature)
        return true;
    return n.attachment && n.parent >= 0 && isSignatureKind(n.attachment->kind);
}

// The manifest or index the signature refers to, as a node: the parent of its "attached" group, else its parent.
int subjectNode(const ImageGraph &g, const Node &n)
{
    if (n.parent < 0)
        return -1;
    const Node &p = g.nodes[n.parent];
    if (p.kind == NodeKind::Attached)
        return p.parent >= 0 && g.nodes[p.parent].kind != NodeKind::Source ? p.parent : -1;
    return n.parent;
}

Digest subjectDigest(const ImageGraph &g, const Node &n, int subject)
{
    Digest d = attachedSubjectOf(g, n);
    if (d.isNull() && subject >= 0 && g.nodes[subject].computedDigest)
        d = *g.nodes[subject].computedDigest;
    return d;
}

std::optional<Descriptor> subjectDescriptor(const ImageGraph &g, int subject, const Digest &digest)
{
    if (subject < 0)
        return std::nullopt;
    const Node &s = g.nodes[subject];
    if (s.descriptor)
        return s.descriptor;
    Descriptor d;
    d.digest = digest;
    d.size = s.raw.size();
    return d;
}

class Checker
{
public:
    Checker(const ImageGraph &g, const TrustMaterial &m, TrustReport &r) : m_g(g), m_m(m), m_r(r) {}

    void check(const Node &n)
    {
        const int subject = subjectNode(m_g, n);
        const Digest digest = subjectDigest(m_g, n, subject);
        Result<attached::AttachmentContent> c = attached::readAttachmentContent(m_g, n.id);
        if (!c) {
            add(n.id, 0, u"signature"_s, Verdict::failed(c.error().message));
            return;
        }
        int item = 0;
        for (const StoredSignature &s : c->signatures)
            m_signaturesOf[digest.toString()] << s;
        for (const StoredSignature &s : c->signatures) {
            if (s.format == StoredSignature::Format::SimpleSigningGpg)
                add(n.id, item++, u"GPG signature"_s, gpg(s, digest));
            else
                add(n.id, item++, u"cosign signature"_s, cosign(s, digest, subject));
        }
        for (const attached::SigstoreBundleContent &b : c->bundles)
            add(n.id, item++, u"Sigstore bundle"_s, bundle(b, digest));
        for (const attached::NotationContent &e : c->notations)
            add(n.id, item++, u"Notation signature"_s, notation(e, subjectDescriptor(m_g, subject, digest)));
        if (item == 0)
            add(n.id, 0, u"signature"_s, Verdict::notChecked(u"nothing in it decodes as a signature"_s));
    }

    void summarise()
    {
        for (const SignatureCheck &c : std::as_const(m_r.checks)) {
            const int subject = subjectNode(m_g, m_g.nodes[c.node]);
            if (subject < 0)
                continue;
            SubjectTrust &t = m_r.subjects[subject];
            t.node = subject;
            switch (c.verdict.state) {
            case VerdictState::Verified:
                ++t.verified;
                if (!t.signers.contains(c.verdict.signer))
                    t.signers << c.verdict.signer;
                break;
            case VerdictState::Failed: ++t.failed; break;
            case VerdictState::NotChecked: ++t.notChecked; break;
            }
        }
    }

private:
    void add(int node, int item, const QString &kind, Verdict v) { m_r.checks << SignatureCheck{node, item, kind, v}; }

    Verdict cosign(const StoredSignature &s, const Digest &digest, int subjectNodeId) const
    {
        if (!m_m.sigstore.anyMaterial())
            return Verdict::notChecked(u"no public key (--key), certificate root or trusted root was given"_s);
        std::optional<Digest> layer;
        if (!s.layerDigest.isNull())
            layer = s.layerDigest;
        if (subjectNodeId < 0)
            return verifyCosignSignature(s, digest, layer, m_m.sigstore);
        CosignSubject subject = cosignSubjectOf(m_g, subjectNodeId);
        if (subject.digest.isNull())
            subject.digest = digest;
        return verifyCosignSignature(s, subject, layer, m_m.sigstore);
    }
    Verdict gpg(const StoredSignature &s, const Digest &subject) const
    {
        if (!m_m.gpg)
            return Verdict::notChecked(u"no GPG keyring (--gpg-keyring) was given"_s);
        return verifyGpgSignature(s, subject, *m_m.gpg);
    }
    Verdict bundle(const attached::SigstoreBundleContent &b, const Digest &subject) const
    {
        if (!m_m.sigstore.anyMaterial())
            return Verdict::notChecked(u"no public key (--key), certificate root or trusted root was given"_s);
        BundleSubject s;
        s.artifactDigest = subject;
        return verifySigstoreBundle(b.raw, s, m_m.sigstore);
    }
    Verdict notation(const attached::NotationContent &e, const std::optional<Descriptor> &subject) const
    {
        if (!m_m.notation)
            return Verdict::notChecked(u"no Notation trust store (--notation-trust-store) was given"_s);
        if (!subject)
            return Verdict::failed(u"the signed manifest is not in this source"_s);
        return verifyNotationSignature(e, *subject, *m_m.notation);
    }

public:
    QList<StoredSignature> signaturesOf(const Digest &d) const { return m_signaturesOf.value(d.toString()); }

private:
    const ImageGraph &m_g;
    const TrustMaterial &m_m;
    TrustReport &m_r;
    QHash<QString, QList<StoredSignature>> m_signaturesOf; // subject digest → its simple-signing signatures
};

// The manifest or index a reference to the source resolves to: the first one that is not an attached artifact.
Digest rootDigest(const ImageGraph &g)
{
    for (const Node &n : g.nodes) {
        if ((n.kind != NodeKind::Manifest && n.kind != NodeKind::Index) || n.attachment)
            continue;
        if (n.descriptor)
            return n.descriptor->digest;
        if (n.computedDigest)
            return *n.computedDigest;
    }
    return {};
}

} // namespace

Result<TrustMaterial> loadTrustMaterial(const TrustOptions &options)
{
    TrustMaterial m;
    m.options = options;
    Result<SigstoreTrust> s = loadSigstoreTrust(options);
    if (!s)
        return s.error();
    m.sigstore = std::move(s).value();
    if (!options.gpgKeyring.isEmpty()) {
        Result<GpgKeyring> k = loadGpgKeyring(options.gpgKeyring);
        if (!k)
            return k.error();
        m.gpg = std::move(k).value();
    }
    if (!options.policyFile.isEmpty()) {
        QFile f(options.policyFile);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::NotFound, u"cannot read the policy: %1"_s.arg(f.errorString()),
                             options.policyFile);
        if (f.size() > limits::PolicyBytes)
            return makeError(ErrorCode::TooLarge,
                             u"%1 bytes, over the %2-byte limit for a policy"_s.arg(f.size()).arg(limits::PolicyBytes),
                             options.policyFile);
        Result<Policy> p = parsePolicy(f.readAll(), options.policyFile);
        if (!p)
            return p.error();
        m.policy = std::move(p).value();
    }
    if (!options.notationTrustStore.isEmpty()) {
        Result<NotationTrustStore> t = loadNotationTrustStore(options.notationTrustStore);
        if (!t)
            return t.error();
        m.notation = std::move(t).value();
    }
    return m;
}

QString SubjectTrust::badge() const
{
    if (verified > 0)
        return u"signed by %1"_s.arg(signers.join(u", "_s));
    if (failed > 0)
        return failed == 1 ? u"signature failed"_s : u"%1 signatures failed"_s.arg(failed);
    return notChecked == 1 ? u"signature not checked"_s : u"%1 signatures not checked"_s.arg(notChecked);
}

std::optional<Verdict> TrustReport::verdictOf(int node) const
{
    std::optional<Verdict> failed, notChecked;
    for (const SignatureCheck &c : checks) {
        if (c.node != node)
            continue;
        if (c.verdict.verified())
            return c.verdict;
        if (c.verdict.state == VerdictState::Failed && !failed)
            failed = c.verdict;
        if (c.verdict.state == VerdictState::NotChecked && !notChecked)
            notChecked = c.verdict;
    }
    return failed ? failed : notChecked;
}

bool TrustReport::anyVerified() const
{
    return std::any_of(checks.cbegin(), checks.cend(), [](const SignatureCheck &c) { return c.verdict.verified(); });
}

QString TrustReport::summaryLine() const
{
    if (checks.isEmpty())
        return u"no signature"_s;
    QStringList signers;
    int failed = 0, notChecked = 0;
    for (const SignatureCheck &c : checks) {
        if (c.verdict.verified() && !signers.contains(c.verdict.signer))
            signers << c.verdict.signer;
        failed += c.verdict.state == VerdictState::Failed;
        notChecked += c.verdict.state == VerdictState::NotChecked;
    }
    if (!signers.isEmpty())
        return u"signed by %1"_s.arg(signers.join(u", "_s));
    QStringList parts;
    if (failed)
        parts << u"%1 failed"_s.arg(failed);
    if (notChecked)
        parts << u"%1 not checked"_s.arg(notChecked);
    return u"no valid signature (%1)"_s.arg(parts.join(u", "_s));
}

QString TrustReport::policyLine() const
{
    if (!policy)
        return policyNote.isEmpty() ? QString() : u"policy: not evaluated: "_s + policyNote;
    if (policyImageInferred)
        return u"policy (as %1): %2"_s.arg(policyImage, policy->reason);
    return u"policy: %1"_s.arg(policy->reason);
}

TrustReport checkImageTrust(const ImageGraph &g, const TrustMaterial &m, JobContext *job)
{
    TrustReport r;
    Checker checker(g, m, r);
    for (const Node &n : g.nodes) {
        if (!carriesSignature(n))
            continue;
        if (job && job->isCanceled()) {
            r.canceled = true;
            break;
        }
        if (job)
            job->setCurrentObject(g.describe(n.id));
        checker.check(n);
    }
    checker.summarise();
    if (m.policy && !r.canceled) {
        const std::optional<PolicyImage> image = policyImageOf(g);
        const Digest digest = rootDigest(g);
        if (image) {
            r.policyImage = image->transport + u':' + image->reference;
            r.policyImageInferred = !policyImageOf(g.sourceSpec);
        }
        if (!image)
            r.policyNote = u"the policy is scoped by transport, and no containers/image transport reads this source: "
                           "open the image as docker://, docker-archive:, oci:, oci-archive:, dir: or docker-daemon: "
                           "to evaluate it"_s;
        else if (digest.isNull())
            r.policyNote = u"no manifest to evaluate the policy for"_s;
        else {
            VerifierChecker policyChecker(digest, m.gpg ? &*m.gpg : nullptr);
            r.policy = evaluatePolicy(*m.policy, *image, digest, checker.signaturesOf(digest), policyChecker);
        }
    }
    return r;
}

} // namespace strata::trust
