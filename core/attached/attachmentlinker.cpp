// SPDX-License-Identifier: MIT
// Finding what refers to what, then moving each artifact's node under its subject. Every candidate is collected
// first (a node may be found several ways), then placed in node order, so the result does not depend on which
// mechanism was seen first.
#include "core/attached/attachmentlinker.h"
#include "core/attached/artifactclassifier.h"
#include "core/attached/referrertags.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <map>

using namespace Qt::StringLiterals;

namespace strata::attached {

namespace {

constexpr auto AnnotationCosignKind = "kind"; // cosign save: dev.cosignproject.cosign/{image,imageIndex,sigs,atts}
constexpr auto CosignKindPrefix = "dev.cosignproject.cosign/";

bool isDocument(const Node &n)
{
    return n.kind == NodeKind::Manifest || n.kind == NodeKind::Index;
}

class Linker
{
public:
    explicit Linker(ImageGraph &g) : m_g(g) {}

    void collect()
    {
        const qsizetype count = m_g.nodes.size();
        for (qsizetype i = 0; i < count; ++i)
            collectFrom(static_cast<int>(i));
    }

    void place()
    {
        indexSubjects();
        for (auto &[node, a] : m_found)
            placeOne(node, a);
        warnMutual();
        for (auto &[node, a] : m_found)
            m_g.nodes[node].attachment = std::make_shared<const Attachment>(a);
        for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it)
            m_g.nodes[it.value()].title = u"attached (%1)"_s.arg(m_g.nodes[it.value()].children.size());
        if (m_dangling >= 0)
            m_g.nodes[m_dangling].title = u"dangling referrers (%1)"_s.arg(m_g.nodes[m_dangling].children.size());
    }

private:
    void collectFrom(int id)
    {
        const Node &n = m_g.nodes[id];
        if (n.kind == NodeKind::Signature && n.parent >= 0) {
            add(id, m_g.nodes[n.parent].digest(), FoundBy::StoredSignature);
            return;
        }
        if (!isDocument(n))
            return;
        // How the source found it (a registry's referrers API or tags) comes first: that is what placed it; a
        // `subject` field it also carries is the second way.
        if (n.descriptor) {
            const QString foundBy = n.descriptor->annotation(QLatin1StringView(AnnotationFoundBy));
            if (!foundBy.isEmpty())
                if (Result<Digest> d = Digest::parse(n.descriptor->annotation(QLatin1StringView(AnnotationSubject))))
                    add(id, d.value(),
                        foundBy == u"referrers-tag"_s ? FoundBy::ReferrersTag
                        : foundBy == u"cosign-tag"_s  ? FoundBy::CosignTag
                                                      : FoundBy::ReferrersApi);
        }
        if (!n.raw.isEmpty()) {
            if (Result<QJsonObject> o = json::parseObject(n.raw, limits::ManifestBytes, QString())) {
                if (n.documentKind == DocumentKind::Manifest) {
                    if (Result<Manifest> m = Manifest::fromJson(o.value(), QString()); m && m->subject)
                        add(id, m->subject->digest, FoundBy::Subject);
                } else if (n.documentKind == DocumentKind::Index) {
                    if (Result<Index> x = Index::fromJson(o.value(), QString()); x && x->subject)
                        add(id, x->subject->digest, FoundBy::Subject);
                }
            }
        }
        if (!n.attestationFor.isEmpty())
            if (Result<Digest> d = Digest::parse(n.attestationFor); d && d->isVerifiable())
                add(id, d.value(), FoundBy::AttestationManifest);
        for (const QString &ref : n.refNames) {
            const std::optional<TagTarget> t = parseTag(tagOf(ref));
            if (!t)
                continue;
            if (t->scheme != TagTarget::Scheme::ReferrersTag) {
                add(id, t->subject, FoundBy::CosignTag);
            } else if (n.kind == NodeKind::Index) {
                const QList<int> children = n.children; // a copy: add() does not move, but keep it simple
                for (int c : children)
                    if (isDocument(m_g.nodes[c]))
                        add(c, t->subject, FoundBy::ReferrersTag);
                m_g.nodes[id].note =
                    u"The referrers tag schema's index for %1 (distribution spec, for registries without the referrers "
                    "API): its entries are listed under that manifest's attached group."_s.arg(t->subject.toString());
            }
        }
        if (!n.descriptor)
            return;
        const QString cosignKind = n.descriptor->annotation(QLatin1StringView(AnnotationCosignKind));
        if (cosignKind == QLatin1StringView(CosignKindPrefix) + u"sigs"_s ||
            cosignKind == QLatin1StringView(CosignKindPrefix) + u"atts"_s) {
            if (const int image = cosignLayoutImage(n.parent); image >= 0)
                add(id, m_g.nodes[image].digest(), FoundBy::CosignLayout);
        }
    }

    // A and B each listed as the other's referrer (tags can say so; `subject` fields cannot, as a digest would
    // have to cover itself): both are shown, each under the other, which is finite, but said once per pair.
    void warnMutual()
    {
        QHash<QString, QSet<QString>> refersTo; // artifact digest → subject digests
        for (const auto &[node, a] : m_found)
            refersTo[m_g.nodes[node].digest().toString()].insert(a.subject.toString());
        QSet<QString> said;
        for (const auto &[node, a] : m_found) {
            const QString self = m_g.nodes[node].digest().toString();
            const QString other = a.subject.toString();
            if (self == other || !refersTo.value(other).contains(self))
                continue;
            const QString pair = self < other ? self + other : other + self;
            if (said.contains(pair))
                continue;
            said.insert(pair);
            m_g.addProblem(
                   ProblemKind::Malformed, node,
                   u"refers to %1, which refers back to it (a loop); both are listed, each under the other"_s.arg(
                       other))
                .severity = Severity::Warning;
        }
    }

    // The one image entry of a `cosign save` layout (annotated kind: …/image or …/imageIndex) next to its
    // signatures; none when there are several (cosign saves one image per layout).
    int cosignLayoutImage(int parent) const
    {
        if (parent < 0)
            return -1;
        int found = -1;
        for (int c : m_g.nodes[parent].children) {
            const Node &s = m_g.nodes[c];
            const QString k =
                s.descriptor ? s.descriptor->annotation(QLatin1StringView(AnnotationCosignKind)) : QString();
            if (k == QLatin1StringView(CosignKindPrefix) + u"image"_s ||
                k == QLatin1StringView(CosignKindPrefix) + u"imageIndex"_s) {
                if (found >= 0)
                    return -1;
                found = c;
            }
        }
        return found;
    }

    void add(int id, const Digest &subject, FoundBy by)
    {
        if (subject.isNull())
            return;
        auto it = m_found.find(id);
        if (it != m_found.end()) {
            Attachment &a = it->second;
            if (!a.foundBy.contains(by))
                a.foundBy << by;
            if (a.subject != subject)
                m_g.addProblem(
                       ProblemKind::Malformed, id,
                       u"found as attached to %1 (%2) and to %3 (%4); shown under the first"_s.arg(
                           a.subject.toString(), foundByName(a.foundBy.first()), subject.toString(), foundByName(by)))
                    .severity = Severity::Warning;
            return;
        }
        Attachment a;
        a.subject = subject;
        a.foundBy << by;
        classify(id, a);
        m_found.emplace(id, std::move(a));
    }

    void classify(int id, Attachment &a) const
    {
        const Node &n = m_g.nodes[id];
        if (n.kind == NodeKind::Signature) {
            if (n.signature)
                classifyStoredSignature(*n.signature, a);
            return;
        }
        Result<QJsonObject> o = json::parseObject(n.raw, limits::ManifestBytes, QString());
        if (o && n.documentKind == DocumentKind::Manifest) {
            if (Result<Manifest> m = Manifest::fromJson(o.value(), QString()))
                classifyManifest(m.value(), a);
        } else if (o && n.documentKind == DocumentKind::Index) {
            if (Result<Index> x = Index::fromJson(o.value(), QString()))
                classifyIndex(x.value(), a);
        } else {
            a.label = u"artifact (not readable)"_s;
        }
    }

    // Subjects are the manifests and indexes that are not themselves placed as artifacts, first by node order;
    // an artifact can be a subject too (a signature of an SBOM), when nothing else has its digest.
    void indexSubjects()
    {
        for (const Node &n : m_g.nodes) {
            if (!isDocument(n) || n.digest().isNull())
                continue;
            const QString key = n.digest().toString();
            const bool artifact = m_found.count(n.id) > 0;
            auto it = m_subjects.find(key);
            if (it == m_subjects.end())
                m_subjects.insert(key, n.id);
            else if (!artifact && m_found.count(*it) > 0)
                *it = n.id;
        }
    }

    void placeOne(int id, Attachment &a)
    {
        Node &n = m_g.nodes[id];
        const int subject = m_subjects.value(a.subject.toString(), -1);
        if (!n.digest().isNull() && n.digest() == a.subject) {
            m_g.addProblem(ProblemKind::Malformed, id, u"names itself as its subject (%1)"_s.arg(a.subject.toString()))
                .severity = Severity::Warning;
            toDangling(id, a);
            return;
        }
        if (subject < 0) {
            toDangling(id, a);
            return;
        }
        if (m_g.isBelow(subject, id)) {
            m_g.addProblem(
                   ProblemKind::Malformed, id,
                   u"refers to %1, which is itself attached to this artifact (a loop)"_s.arg(a.subject.toString()))
                .severity = Severity::Warning;
            toDangling(id, a);
            return;
        }
        const int group = groupFor(subject);
        for (int c : m_g.nodes[group].children) {
            auto other = m_found.find(c);
            if (c != id && m_g.nodes[c].digest() == n.digest() && other != m_found.end()) {
                for (FoundBy by : a.foundBy)
                    if (!other->second.foundBy.contains(by))
                        other->second.foundBy << by;
                n.note = u"The same artifact is also listed under the manifest it refers to (%1)."_s.arg(
                    a.subject.toString());
                return;
            }
        }
        if (m_g.nodes[group].children.size() >= MaxAttachedPerSubject) {
            if (!m_cut.contains(subject))
                m_g.addProblem(ProblemKind::TooLarge, subject,
                               u"more than %1 artifacts refer to this manifest; the rest stay where the source lists "
                               "them"_s.arg(MaxAttachedPerSubject));
            m_cut.insert(subject);
            return;
        }
        m_g.moveNode(id, group);
    }

    void toDangling(int id, Attachment &a)
    {
        a.dangling = true;
        if (m_dangling < 0) {
            Node n;
            n.kind = NodeKind::Attached;
            n.present = true;
            n.note = u"Artifacts that refer to a manifest this source does not hold (or that refer to themselves, or "
                     "form a loop): dangling referrers."_s;
            m_dangling = m_g.addNode(n, 0);
        }
        if (m_g.isBelow(m_dangling, id))
            return;
        if (m_g.nodes[m_dangling].children.size() < MaxAttachedPerSubject) {
            m_g.moveNode(id, m_dangling);
        } else if (!m_danglingCut) {
            m_danglingCut = true;
            m_g.addProblem(ProblemKind::TooLarge, m_dangling,
                           u"more than %1 dangling referrers; the rest stay where the source lists them"_s.arg(
                               MaxAttachedPerSubject));
        }
    }

    int groupFor(int subject)
    {
        auto it = m_groups.constFind(subject);
        if (it != m_groups.cend())
            return *it;
        Node n;
        n.kind = NodeKind::Attached;
        n.present = true;
        n.note = u"Signatures, attestations, SBOMs and other artifacts that refer to %1."_s.arg(
            m_g.nodes[subject].digest().toString());
        const int id = m_g.addNode(n, subject);
        m_groups.insert(subject, id);
        return id;
    }

    ImageGraph &m_g;
    std::map<int, Attachment> m_found; // artifact node → what it is, in node order
    QHash<QString, int> m_subjects;    // digest → the node artifacts referring to it go under
    QHash<int, int> m_groups;          // subject node → its attached group
    QSet<int> m_cut;
    int m_dangling = -1;
    bool m_danglingCut = false;
};

} // namespace

void linkAttachments(ImageGraph &g)
{
    if (g.nodes.isEmpty())
        return;
    Linker l(g);
    l.collect();
    l.place();
}

} // namespace strata::attached
