// SPDX-License-Identifier: MIT
// Attached artifact details as HTML (QTextBrowser's rich-text subset).
#include "ui/views/attachmenthtml.h"
#include "core/attestations/predicatekind.h"
#include "core/format/sizeformat.h"
#include "ui/models/nodeformat.h"
#include "ui/views/htmltable.h"
#include "ui/views/signaturehtml.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

using html::when;

constexpr int SubjectsShown = 20;
constexpr int MaterialsShown = 20;

class Rows
{
public:
    void html(const QString &field, const QString &valueHtml) { m_rows += ui::html::row(field, valueHtml); }
    void text(const QString &field, const QString &value) { m_rows += ui::html::text(field, value); }
    void mono(const QString &field, const QString &value) { m_rows += ui::html::mono(field, value); }
    QString table(const QString &heading) const { return ui::html::table(heading, m_rows); }

private:
    QString m_rows;
};

QString sizeText(qint64 bytes)
{
    if (bytes < 0)
        return {};
    const QString rounded = format::sizeText(bytes);
    const QString exact = format::exactBytes(bytes);
    return rounded == exact ? exact : u"%1 (%2)"_s.arg(rounded, exact);
}

// The manifest or index the artifact's subject digest names (not an artifact placed under it), or -1.
int subjectNode(const ImageGraph &g, const Digest &subject)
{
    if (subject.isNull())
        return -1;
    int found = -1;
    for (const Node &n : g.nodes) {
        if ((n.kind == NodeKind::Manifest || n.kind == NodeKind::Index) && n.digest() == subject) {
            if (!n.attachment)
                return n.id;
            if (found < 0)
                found = n.id;
        }
    }
    return found;
}

QString certificates(const QList<CertificateSummary> &certs, const QString &first)
{
    QString html;
    for (qsizetype i = 0; i < certs.size(); ++i) {
        const CertificateSummary &c = certs[i];
        Rows r;
        r.mono(AttachmentHtml::tr("subject"), c.subject);
        r.mono(AttachmentHtml::tr("e-mail (SAN)"), c.emails.join(u", "_s));
        r.mono(AttachmentHtml::tr("URI (SAN)"), c.uris.join(u", "_s));
        r.mono(AttachmentHtml::tr("OIDC issuer"), c.oidcIssuer);
        r.mono(AttachmentHtml::tr("issuer"), c.issuer);
        r.text(AttachmentHtml::tr("valid"), AttachmentHtml::tr("%1 to %2").arg(when(c.notBefore), when(c.notAfter)));
        r.mono(AttachmentHtml::tr("SHA-256"), c.sha256);
        html += r.table(i == 0 ? first : AttachmentHtml::tr("Chain certificate %1").arg(i));
    }
    return html;
}

QString statementHtml(const attached::StatementContent &s, const Digest &subject)
{
    const InTotoStatement &st = s.statement;
    Rows r;
    r.text(AttachmentHtml::tr("carried in"), s.carrier);
    r.mono(AttachmentHtml::tr("_type"), st.type);
    r.mono(AttachmentHtml::tr("predicate type"), st.predicateType);
    r.text(AttachmentHtml::tr("what"), classifyPredicate(st.predicateType).displayName);
    if (st.envelope)
        r.text(AttachmentHtml::tr("DSSE signatures"),
               AttachmentHtml::tr("%1 (not checked)").arg(st.envelope->signatureCount));
    QString subjects;
    for (int i = 0; i < st.subjects.size() && i < SubjectsShown; ++i) {
        const InTotoSubject &sub = st.subjects[i];
        QStringList digests;
        for (auto it = sub.digest.begin(); it != sub.digest.end(); ++it)
            digests << it.key() + u':' + it.value();
        const bool match = i == s.matchingSubject;
        subjects += u"%1<code>%2</code> %3%4<br>"_s.arg(
            match ? u"✔ "_s : QString(), sub.name.left(200).toHtmlEscaped(), digests.join(u", "_s).toHtmlEscaped(),
            match ? u" <b>%1</b>"_s.arg(AttachmentHtml::tr("(this manifest)")) : QString());
    }
    if (st.subjectCount > SubjectsShown)
        subjects += AttachmentHtml::tr("… %1 subjects in all").arg(st.subjectCount).toHtmlEscaped();
    r.html(AttachmentHtml::tr("subjects"), subjects);
    if (!subject.isNull() && s.matchingSubject < 0 && !st.subjects.isEmpty())
        r.text(AttachmentHtml::tr("subject match"),
               AttachmentHtml::tr("no subject names %1, the manifest this is attached to").arg(subject.toString()));
    for (const QString &p : st.problems)
        r.text(AttachmentHtml::tr("problem"), p);
    QString html = r.table(AttachmentHtml::tr("in-toto statement"));
    if (s.provenance) {
        const ProvenanceSummary &p = *s.provenance;
        Rows v;
        v.text(AttachmentHtml::tr("SLSA version"), p.slsaVersion);
        v.mono(AttachmentHtml::tr("builder id"), p.builderId);
        v.mono(AttachmentHtml::tr("build type"), p.buildType);
        v.mono(AttachmentHtml::tr("source repository"), p.sourceRepository);
        v.mono(AttachmentHtml::tr("commit"), p.sourceCommit);
        v.mono(AttachmentHtml::tr("entry point"), p.entryPoint);
        v.mono(AttachmentHtml::tr("invocation"), p.invocationId);
        v.text(AttachmentHtml::tr("started"), when(p.startedOn));
        v.text(AttachmentHtml::tr("finished"), when(p.finishedOn));
        for (const auto &[k, val] : p.parameters)
            v.mono(AttachmentHtml::tr("parameter %1").arg(k.left(80)), val.left(300));
        QString materials;
        for (int i = 0; i < p.materials.size() && i < MaterialsShown; ++i) {
            const ProvenanceMaterial &m = p.materials[i];
            QStringList digests;
            for (auto it = m.digest.begin(); it != m.digest.end(); ++it)
                digests << it.key() + u':' + it.value().left(16);
            materials += u"<code>%1</code> %2<br>"_s.arg((m.uri.isEmpty() ? m.name : m.uri).left(300).toHtmlEscaped(),
                                                         digests.join(u", "_s).toHtmlEscaped());
        }
        if (p.materialCount > MaterialsShown)
            materials += AttachmentHtml::tr("… %1 materials in all").arg(p.materialCount).toHtmlEscaped();
        v.html(AttachmentHtml::tr("materials"), materials);
        for (const QString &pr : p.problems)
            v.text(AttachmentHtml::tr("problem"), pr);
        html += v.table(AttachmentHtml::tr("SLSA provenance"));
    }
    return html;
}

} // namespace

int AttachmentHtml::linkedNode(const QString &href)
{
    if (!href.startsWith(u"node:"_s))
        return -1;
    bool ok = false;
    const int id = href.mid(5).toInt(&ok);
    return ok ? id : -1;
}

bool AttachmentHtml::hasContent(const ImageGraph &g, int nodeId)
{
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return false;
    const Node &n = g.nodes[nodeId];
    return n.attachment && n.kind != NodeKind::Signature && !n.raw.isEmpty();
}

QString AttachmentHtml::forNode(const ImageGraph &g, int nodeId)
{
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return {};
    const Node &n = g.nodes[nodeId];
    if (n.kind == NodeKind::Attached) {
        const bool dangling = n.parent == 0 && n.title.startsWith(u"dangling"_s);
        QString html = u"<h4>%1</h4>"_s.arg(dangling ? tr("Dangling referrers") : tr("Attached artifacts"));
        if (dangling)
            html += u"<p>%1</p>"_s.arg(
                tr("Each artifact below names a subject (by digest) that this source does not hold: a referrers "
                   "index or a cosign tag copied without its image, an artifact pushed for an image that was "
                   "later deleted, or one that names itself or forms a loop. It is listed here rather than dropped; "
                   "nothing it claims can be related to an image of this source.")
                    .toHtmlEscaped());
        else
            html += u"<p>%1</p>"_s.arg(
                tr("%n artifact(s) refer to %1: select one to see what it holds.", "", int(n.children.size()))
                    .arg(n.parent >= 0 ? g.nodes[n.parent].digest().toString() : QString())
                    .toHtmlEscaped());
        return html;
    }
    if (!n.attachment)
        return {};
    const Attachment &a = *n.attachment;
    Rows r;
    r.text(tr("kind"), a.label.isEmpty() ? artifactKindName(a.kind) : a.label);
    QStringList found;
    for (FoundBy f : a.foundBy)
        found << foundByName(f);
    r.text(tr("found by"), found.join(u", "_s));
    if (!a.subject.isNull()) {
        const int s = a.dangling ? -1 : subjectNode(g, a.subject);
        r.html(tr("subject"), s >= 0 ? u"<a href=\"node:%1\"><code>%2</code></a> (%3)"_s.arg(
                                           QString::number(s), a.subject.toString().toHtmlEscaped(),
                                           NodeFormat::name(g.nodes[s]).toHtmlEscaped())
                                     : u"<code>%1</code> %2"_s.arg(a.subject.toString().toHtmlEscaped(),
                                                                   tr("(not in this source)").toHtmlEscaped()));
    }
    r.mono(tr("digest"), n.digest().isNull() ? QString() : n.digest().toString());
    r.text(tr("size"), sizeText(NodeFormat::sizeOf(n)));
    r.mono(tr("media type"), n.descriptor ? n.descriptor->mediaType : QString());
    r.mono(tr("artifact type"), a.artifactType);
    r.text(tr("created"), a.created);
    r.mono(tr("predicate types"), a.predicateTypes.join(u", "_s));
    for (auto it = a.annotations.begin(); it != a.annotations.end(); ++it)
        r.mono(tr("annotation %1").arg(it.key().left(100)), it.value().left(500));
    r.text(tr("holds"), a.summary);
    r.text(tr("status"), isSignatureKind(a.kind)
                             ? tr("signature: see Verification above (keys and roots: Verify ▸ Trust…)")
                             : tr("not checked: what it claims is decoded, not verified"));
    return r.table(tr("Attached artifact"));
}

QString AttachmentHtml::reading()
{
    return u"<h4>%1</h4><p><i>%2</i></p>"_s.arg(tr("Content").toHtmlEscaped(), tr("reading…").toHtmlEscaped());
}

QString AttachmentHtml::failed(const Error &e)
{
    return u"<h4>%1</h4><p>%2</p>"_s.arg(tr("Content").toHtmlEscaped(),
                                         tr("Cannot read the artifact: %1").arg(e.toString()).toHtmlEscaped());
}

QString AttachmentHtml::forContent(const attached::AttachmentContent &c, const Digest &subject)
{
    QString html;
    for (const StoredSignature &s : c.signatures)
        html += SignatureHtml::forSignature(s, subject);
    for (const attached::NotationContent &n : c.notations) {
        Rows r;
        r.mono(tr("envelope"), n.envelopeType);
        r.text(tr("envelope size"), sizeText(n.envelopeBytes));
        if (!n.decoded && n.envelopeType.contains(u"cose"_s))
            r.text(tr("decoded"), tr("no: a COSE envelope (CBOR) of %1 bytes that does not decode (see the problems)")
                                      .arg(n.envelopeBytes));
        r.mono(tr("algorithm"), n.algorithm);
        r.mono(tr("content type"), n.contentType);
        r.mono(tr("signing scheme"), n.signingScheme);
        r.text(tr("signing time"), n.signingTime);
        r.text(tr("expiry"), n.expiry);
        r.text(tr("signing agent"), n.signingAgent);
        if (!n.targetDigest.isNull()) {
            QString t = n.targetDigest.toString();
            if (!subject.isNull())
                t += n.targetDigest == subject ? tr(" (this manifest's digest)")
                                               : tr(" (not this manifest, which is %1)").arg(subject.toString());
            r.mono(tr("signed target"), t);
        }
        r.mono(tr("target media type"), n.targetMediaType);
        r.text(tr("target size"), sizeText(n.targetSize));
        r.text(tr("status"), tr("signature: see Verification above (trust store: Verify ▸ Trust…)"));
        html += r.table(tr("Notation signature"));
        html += certificates(n.certificates, tr("Certificate (x5c)"));
    }
    for (const attached::SigstoreBundleContent &b : c.bundles) {
        Rows r;
        r.mono(tr("media type"), b.mediaType);
        r.mono(tr("public key hint"), b.publicKeyHint);
        r.mono(tr("message digest"), b.messageDigest);
        r.text(tr("status"), tr("signature: see Verification above (trusted root: Verify ▸ Trust…)"));
        html += r.table(tr("Sigstore bundle"));
        html += certificates(b.certificates, tr("Certificate"));
        for (const attached::TlogEntry &t : b.tlogEntries) {
            Rows e;
            e.text(tr("log index"), QString::number(t.logIndex));
            e.text(tr("integrated"), when(t.integratedTime));
            e.mono(tr("log ID"), t.logId);
            e.text(tr("entry kind"), t.kind);
            html += e.table(tr("Transparency log entry (not checked)"));
        }
    }
    for (const attached::StatementContent &s : c.statements)
        html += statementHtml(s, subject);
    if (c.sbom) {
        const SbomDocument &d = *c.sbom;
        Rows r;
        r.text(tr("format"), d.kindName());
        r.mono(tr("name"), d.name);
        r.text(tr("created"), when(d.created));
        r.mono(tr("creators"), d.creators.join(u", "_s).left(500));
        r.text(tr("packages"), d.truncated ? tr("%1 (the table stops at %2)")
                                                 .arg(format::countText(d.packageCount))
                                                 .arg(format::countText(qsizetype(d.packages.size())))
                                           : tr("%1 (see the Packages tab)").arg(format::countText(d.packageCount)));
        r.text(tr("document size"), sizeText(d.raw.size()));
        for (const QString &p : d.problems)
            r.text(tr("problem"), p);
        html += r.table(tr("SBOM"));
    }
    for (const attached::LayerText &t : c.previews)
        html += u"<h4>%1</h4><pre>%2</pre>"_s.arg(tr("Layer %1 (text)").arg(t.digest.shortString()).toHtmlEscaped(),
                                                  t.text.toHtmlEscaped());
    Rows layers;
    for (qsizetype i = 0; i < c.layers.size(); ++i) {
        const Descriptor &d = c.layers[i];
        QString v = u"<code>%1</code><br><code>%2</code> · %3"_s.arg(
            d.mediaType.toHtmlEscaped(), d.digest.toString().toHtmlEscaped(), sizeText(d.size).toHtmlEscaped());
        for (auto it = d.annotations.begin(); it != d.annotations.end(); ++it)
            v += u"<br><code>%1</code>: <code>%2</code>"_s.arg(it.key().left(100).toHtmlEscaped(),
                                                               it.value().left(160).toHtmlEscaped());
        layers.html(tr("#%1").arg(i), v);
    }
    html += layers.table(tr("Layers"));
    Rows problems;
    for (const QString &p : c.problems)
        problems.text(tr("problem"), p);
    html += problems.table(tr("Decoding"));
    return html;
}

} // namespace strata::ui
