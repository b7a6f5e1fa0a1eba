// SPDX-License-Identifier: MIT
// Text output: the graph as an indented tree, then problems with expected vs actual.
#include "app/cli/textreport.h"
#include "core/format/sizeformat.h"

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

QString humanSize(qint64 bytes)
{
    return bytes < 0 ? u"?"_s : format::sizeText(bytes);
}

bool visible(const ImageGraph &g, const Node &n, const std::function<bool(const ImageInfo &)> &filter)
{
    return !filter || n.imageIndex < 0 || filter(g.images[n.imageIndex]);
}

void printSignature(QTextStream &out, const StoredSignature &s, const QString &pad)
{
    if (s.claims) {
        out << pad << "claims "
            << (s.claims->manifestDigest.isNull() ? u"no digest"_s : s.claims->manifestDigest.toString());
        if (!s.claims->dockerReference.isEmpty())
            out << " as " << s.claims->dockerReference.left(200);
        out << '\n';
    }
    if (const QString signer = s.claimedSigner(); !signer.isEmpty())
        out << pad << "signer (claimed) " << signer.left(300) << '\n';
    if (s.rekor)
        out << pad << "rekor entry " << s.rekor->logIndex << ", integrated "
            << s.rekor->integratedTime.toString(Qt::ISODate) << '\n';
    out << pad << "status not checked (no key or trust root given)\n";
}

void printNode(QTextStream &out, const ImageGraph &g, int id, int depth, const VerifyReport *rep,
               const std::function<bool(const ImageInfo &)> &filter)
{
    const Node &n = g.nodes[id];
    if (!visible(g, n, filter))
        return;
    QString line = QString(depth * 2, u' ') + n.title;
    const Digest d = n.digest();
    if (!d.isNull())
        line += u"  "_s + d.toString();
    const qint64 size = n.descriptor ? n.descriptor->size : n.storedSize;
    if (n.kind != NodeKind::Source && size >= 0)
        line += u"  "_s + humanSize(size) + u" ("_s + QString::number(size) + u" B)"_s;
    if (n.descriptor)
        line += u"  "_s + n.descriptor->mediaType;
    if (!n.present && n.kind != NodeKind::Source)
        line += n.absenceAllowed ? u"  [not included]"_s : u"  [MISSING]"_s;
    if (rep) {
        const auto it = rep->results.constFind(id);
        if (it != rep->results.cend() && it->status != CheckStatus::NotChecked && it->status != CheckStatus::Verified)
            line += u"  ["_s + checkStatusName(it->status).toUpper() + u']';
        else if (it != rep->results.cend() && it->status == CheckStatus::Verified && it->checksTotal > 0)
            line += u"  [ok]"_s;
    }
    out << line << '\n';
    const QString pad = QString(depth * 2 + 4, u' ');
    if (n.kind == NodeKind::Config && !d.isNull())
        out << pad << "image ID " << d.toString() << '\n';
    if (n.expectedDiffId)
        out << pad << "diff_id " << n.expectedDiffId->toString() << '\n';
    if (!n.chainId.isNull())
        out << pad << "chain_id " << n.chainId.toString() << '\n';
    if (n.registryDescriptor)
        out << pad << "registry digest " << n.registryDescriptor->digest.toString() << " ("
            << n.registryDescriptor->mediaType << ")\n";
    if (!n.createdBy.isEmpty())
        out << pad << "created_by " << n.createdBy.left(160).replace(u'\n', u' ') << '\n';
    if (n.attachment) {
        QStringList by;
        for (FoundBy f : n.attachment->foundBy)
            by << foundByName(f);
        out << pad << n.attachment->label << ", found by " << by.join(u", "_s);
        if (!n.attachment->created.isEmpty())
            out << ", created " << n.attachment->created.left(40);
        out << '\n'
            << pad << (n.attachment->dangling ? "refers to (not in this source) " : "refers to ")
            << n.attachment->subject.toString() << '\n';
    } else if (!n.attestationFor.isEmpty()) {
        out << pad << "attached to " << n.attestationFor << '\n';
    }
    if (n.signature)
        printSignature(out, *n.signature, pad);
    if (!n.note.isEmpty() && n.kind != NodeKind::Manifest && n.kind != NodeKind::Attached)
        out << pad << n.note << '\n';
    for (int c : n.children)
        printNode(out, g, c, depth + 1, rep, filter);
}

void printImages(QTextStream &out, const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter)
{
    out << "source: " << (g.sourceSpec.isEmpty() ? g.sourcePath : g.sourceSpec) << '\n';
    out << "format: " << g.format << '\n';
    // Artifacts placed under their subject (signatures, SBOMs) are manifests too, but not images to run.
    int shown = 0;
    int artifacts = 0;
    for (const ImageInfo &img : g.images) {
        if (filter && !filter(img))
            continue;
        if (img.manifestNode >= 0 && g.nodes[img.manifestNode].attachment)
            ++artifacts;
        else
            ++shown;
    }
    out << "images: " << shown << '\n';
    if (artifacts > 0)
        out << "attached artifacts: " << artifacts << '\n';
}

// One line per signature ("VERIFIED cosign signature of sha256:… by key …"), its reason when it did not verify,
// then the summary.
void printTrust(QTextStream &out, const ImageGraph &g, const trust::TrustReport &trust)
{
    if (!trust.policyLine().isEmpty())
        out << trust.policyLine() << '\n';
    if (trust.checks.isEmpty()) {
        if (!trust.policyLine().isEmpty())
            out << '\n';
        return;
    }
    out << "signatures:\n";
    for (const trust::SignatureCheck &c : trust.checks) {
        const trust::Verdict &v = c.verdict;
        const QString state = v.verified()                             ? u"VERIFIED"_s
                              : v.state == trust::VerdictState::Failed ? u"FAILED"_s
                                                                       : u"not checked"_s;
        out << "  " << state << ' ' << c.kind << "  " << g.describe(c.node) << '\n';
        if (!v.signer.isEmpty())
            out << "      signer " << v.signer << '\n';
        if (!v.signedDigest.isNull())
            out << "      signed " << v.signedDigest.toString() << '\n';
        if (v.signingTime.isValid())
            out << "      at " << v.signingTime.toUTC().toString(Qt::ISODate) << '\n';
        if (!v.reason.isEmpty())
            out << "      " << v.reason << '\n';
    }
    out << "trust: " << trust.summaryLine() << "\n\n";
}

void printProblems(QTextStream &out, const ProblemList &problems)
{
    for (const Problem &p : problems) {
        out << severityName(p.severity).toUpper() << ' ' << problemKindName(p.kind) << ": " << p.object << '\n';
        out << "    " << p.message << '\n';
        if (!p.expected.isEmpty() || !p.actual.isEmpty()) {
            out << "    expected " << p.expected << '\n';
            out << "    actual   " << p.actual << '\n';
        }
    }
}

} // namespace

bool matchesArtifactType(const Attachment &a, const QString &artifactType)
{
    return artifactType.isEmpty() || a.artifactType == artifactType || a.predicateTypes.contains(artifactType);
}

void printReferrers(QTextStream &out, const ImageGraph &g, const QString &artifactType)
{
    printImages(out, g, {});
    int shown = 0;
    QList<int> subjects;
    for (const Node &n : g.nodes)
        if (n.kind == NodeKind::Attached)
            subjects << n.parent;
    for (int s : std::as_const(subjects)) {
        const Node &subject = g.nodes[s];
        QList<int> rows;
        for (int a : attachedTo(g, s))
            if (g.nodes[a].attachment && matchesArtifactType(*g.nodes[a].attachment, artifactType))
                rows << a;
        if (rows.isEmpty())
            continue;
        out << '\n'
            << (subject.kind == NodeKind::Source ? u"dangling referrers (their subject is not in this source)"_s
                                                 : subject.digest().toString() + u"  "_s + subject.title)
            << '\n';
        for (int a : std::as_const(rows)) {
            const Node &n = g.nodes[a];
            QStringList by;
            for (FoundBy f : n.attachment->foundBy)
                by << foundByName(f);
            out << "  " << n.attachment->label << "  " << n.digest().toString() << '\n';
            if (!n.attachment->artifactType.isEmpty())
                out << "      artifactType " << n.attachment->artifactType << '\n';
            out << "      found by " << by.join(u", "_s) << '\n';
            if (n.attachment->dangling)
                out << "      refers to " << n.attachment->subject.toString() << '\n';
            if (!n.attachment->created.isEmpty())
                out << "      created " << n.attachment->created.left(40) << '\n';
            out << "      " << n.attachment->summary << '\n';
            ++shown;
        }
    }
    out << '\n' << shown << (shown == 1 ? " artifact" : " artifacts") << " attached";
    if (!artifactType.isEmpty())
        out << " with artifactType or predicate type " << artifactType;
    out << '\n';
}

void printInspect(QTextStream &out, const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter)
{
    printImages(out, g, filter);
    out << '\n';
    printNode(out, g, 0, 0, nullptr, filter);
    if (!g.problems.isEmpty()) {
        out << '\n';
        printProblems(out, g.problems);
    }
}

void printVerify(QTextStream &out, const ImageGraph &g, const VerifyReport &rep,
                 const std::function<bool(const ImageInfo &)> &filter, const trust::TrustReport *trust)
{
    printImages(out, g, filter);
    out << '\n';
    printNode(out, g, 0, 0, &rep, filter);
    out << '\n';
    printProblems(out, rep.problems);
    if (trust)
        printTrust(out, g, *trust);
    int errors = 0;
    for (const Problem &p : rep.problems)
        errors += p.severity == Severity::Error ? 1 : 0;
    out << (rep.canceled                               ? "CANCELED"
            : rep.ok()                                 ? "OK"
            : !rep.problemsProven() && !rep.complete() ? "INCOMPLETE"
                                                       : "FAILED")
        << ": ";
    if (!rep.complete())
        out << "verification incomplete (" << rep.unreadableNodes().size() << " of " << rep.objectsInScope()
            << " objects unreadable), ";
    out << rep.checksPassed << " of " << rep.checksTotal << " checks passed, " << errors << " problem(s), "
        << humanSize(rep.bytesRead) << " read\n";
}

} // namespace strata::cli
