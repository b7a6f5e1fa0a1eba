// SPDX-License-Identifier: MIT
// What is attached to an image, found by every mechanism a source can hold: regclient's testrepo (an OCI layout
// written by regctl with subject artifacts, referrers-tag indexes, builder attestation entries and a loop), whose
// truth is read with jq at test time; and hostile layouts no tool writes (self-subjects, loops, a referrers
// index of 100,000 entries, subjects that are not in the source), built from the umoci-made fixture.
#include "core/attached/attachmentlinker.h"
#include "core/report/graphjson.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/hostilesources.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

QString testrepo()
{
    return test::publicFixture(u"regclient/testrepo"_s);
}

ImageGraphPtr openOrFail(const QString &text)
{
    Result<ImageGraphPtr> g = SourceOpener::open(text);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    return g.value();
}

// The manifest or index an artifact hangs under: the parent of its "attached" group (-1 when dangling).
int subjectNodeOf(const ImageGraph &g, const Node &n)
{
    if (n.parent < 0 || g.nodes[n.parent].kind != NodeKind::Attached)
        return -1;
    return g.nodes[n.parent].parent;
}

int danglingGroup(const ImageGraph &g)
{
    for (const Node &n : g.nodes)
        if (n.kind == NodeKind::Attached && n.parent == 0 && n.title.startsWith(u"dangling"_s))
            return n.id;
    return -1;
}

// "artifact subject mechanism" lines, one per way a graph node says it was found.
QSet<QString> foundTriples(const ImageGraph &g)
{
    QSet<QString> out;
    for (const Node &n : g.nodes)
        if (n.attachment)
            for (FoundBy f : n.attachment->foundBy)
                out << n.digest().toString() + u' ' + n.attachment->subject.toString() + u' ' + foundByKey(f);
    return out;
}

QSet<QString> linesOf(const QByteArray &text)
{
    QSet<QString> out;
    for (const QByteArray &l : text.split('\n'))
        if (!l.trimmed().isEmpty())
            out << QString::fromUtf8(l.trimmed());
    return out;
}

// The same triples as jq reads them from the layout (tests/fixtures/attached-truth.sh).
QByteArray jqTriples(const QString &layout)
{
    return test::shellOutput(
        u"bash "_s + test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/attached-truth.sh"_s) +
        u' ' + test::shellQuoted(layout));
}

QJsonObject runStrataJson(const QStringList &args, int expectExit = 0)
{
    QProcess p;
    p.start(test::strataBinary(), args);
    if (!p.waitForFinished(120000))
        qFatal("strata %s did not finish", qPrintable(args.join(u' ')));
    if (p.exitCode() != expectExit)
        qFatal("strata %s exited %d: %s", qPrintable(args.join(u' ')), p.exitCode(),
               p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

// A copy of the umoci-made layout, to add hand-made artifacts to.
hostile::Layout scratchLayout()
{
    return hostile::Layout{test::scratchCopy(test::fixture(u"good/oci-plain"_s))};
}

QString digestOfFirstImage(const hostile::Layout &l)
{
    return l.manifestDigest();
}

// An OCI 1.1 artifact manifest (empty config, one layer) with artifactType; `subject` when given.
QJsonObject artifactManifest(const hostile::Layout &l, const QString &artifactType, const QByteArray &content,
                             const QJsonObject &subject = {})
{
    const QByteArray empty = "{}";
    const QString emptyDigest = l.put(empty);
    const QString layer = l.put(content);
    QJsonObject m{
        {u"schemaVersion"_s, 2},
        {u"mediaType"_s, u"application/vnd.oci.image.manifest.v1+json"_s},
        {u"artifactType"_s, artifactType},
        {u"config"_s, QJsonObject{{u"mediaType"_s, u"application/vnd.oci.empty.v1+json"_s},
                                  {u"digest"_s, emptyDigest},
                                  {u"size"_s, 2}}},
        {u"layers"_s,
         QJsonArray{QJsonObject{{u"mediaType"_s, artifactType}, {u"digest"_s, layer}, {u"size"_s, content.size()}}}}};
    if (!subject.isEmpty())
        m[u"subject"_s] = subject;
    return m;
}

QJsonObject descriptorOf(const QString &mediaType, const QString &digest, qint64 size, const QString &refName = {},
                         const QString &artifactType = {})
{
    QJsonObject d{{u"mediaType"_s, mediaType}, {u"digest"_s, digest}, {u"size"_s, size}};
    if (!refName.isEmpty())
        d[u"annotations"_s] = QJsonObject{{u"org.opencontainers.image.ref.name"_s, refName}};
    if (!artifactType.isEmpty())
        d[u"artifactType"_s] = artifactType;
    return d;
}

// Adds a blob holding `doc` and an index.json entry for it; returns its descriptor.
QJsonObject addToIndex(const hostile::Layout &l, const QJsonObject &doc, const QString &refName = {})
{
    const QByteArray raw = hostile::compact(doc);
    const QString d = l.put(raw);
    const QJsonObject desc = descriptorOf(doc.value(u"mediaType"_s).toString(), d, raw.size(), refName,
                                          doc.value(u"artifactType"_s).toString());
    QJsonObject idx = l.index();
    QJsonArray arr = idx.value(u"manifests"_s).toArray();
    arr.append(desc);
    idx[u"manifests"_s] = arr;
    l.setIndex(idx);
    return desc;
}

QJsonObject ociIndex(const QJsonArray &manifests)
{
    return QJsonObject{{u"schemaVersion"_s, 2},
                       {u"mediaType"_s, u"application/vnd.oci.image.index.v1+json"_s},
                       {u"manifests"_s, manifests}};
}

QString tagFor(const QString &digest, const QString &suffix = {})
{
    return u"sha256-"_s + digest.section(u':', 1) + suffix;
}

QList<const Problem *> problemsMentioning(const ImageGraph &g, const QString &text)
{
    QList<const Problem *> out;
    for (const Problem &p : g.problems)
        if (p.message.contains(text))
            out << &p;
    return out;
}

} // namespace

class TestAttached : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every (artifact, subject, mechanism) jq finds in the layout is what Strata found, and nothing more.
    void regclientMechanisms()
    {
        const ImageGraphPtr g = openOrFail(u"oci:"_s + testrepo());
        const QSet<QString> truth = linesOf(jqTriples(testrepo()));
        QVERIFY2(truth.size() >= 10, qPrintable(u"jq found only %1 attachments"_s.arg(truth.size())));
        const QSet<QString> found = foundTriples(*g);
        QVERIFY2(found == truth,
                 qPrintable(u"missing: %1\nextra: %2"_s.arg(QStringList((truth - found).values()).join(u"; "_s),
                                                            QStringList((found - truth).values()).join(u"; "_s))));
        // Each mechanism of the testrepo is there.
        for (const QString &mechanism : {u"subject"_s, u"referrers-tag"_s, u"attestation-manifest"_s})
            QVERIFY2(std::any_of(truth.begin(), truth.end(), [&](const QString &t) { return t.endsWith(mechanism); }),
                     qPrintable(mechanism));
    }

    // Each artifact sits in the attached group of a node whose digest is its subject, and the group counts them.
    void regclientPlacement()
    {
        const ImageGraphPtr g = openOrFail(u"oci:"_s + testrepo());
        int placed = 0;
        for (const Node &n : g->nodes) {
            if (!n.attachment || n.parent < 0 || g->nodes[n.parent].kind != NodeKind::Attached)
                continue;
            const int subject = subjectNodeOf(*g, n);
            if (n.attachment->dangling)
                continue;
            QVERIFY(subject >= 0);
            QCOMPARE(g->nodes[subject].digest(), n.attachment->subject);
            QVERIFY(g->nodes[subject].kind == NodeKind::Manifest || g->nodes[subject].kind == NodeKind::Index);
            QCOMPARE(attachedSubjectOf(*g, n), n.attachment->subject);
            ++placed;
        }
        for (const Node &n : g->nodes)
            if (n.kind == NodeKind::Attached && n.parent != 0)
                QCOMPARE(n.title, u"attached (%1)"_s.arg(n.children.size()));
        // One placed node per distinct artifact digest jq names (the same artifact reached twice is listed
        // once under its subject, with every way it was found).
        QSet<QString> artifacts;
        for (const QString &t : linesOf(jqTriples(testrepo())))
            artifacts << t.section(u' ', 0, 0) + u' ' + t.section(u' ', 1, 1);
        QCOMPARE(placed, artifacts.size());
        // regctl's artifact kinds: its example SBOMs (artifactType application/example.sbom) are SBOMs.
        int sboms = 0;
        for (const Node &n : g->nodes)
            if (n.attachment && subjectNodeOf(*g, n) >= 0 &&
                n.attachment->artifactType == u"application/example.sbom"_s)
                sboms += n.attachment->kind == ArtifactKind::Sbom ? 1 : 0;
        QVERIFY(sboms >= 2);
    }

    // regctl's "mirror" manifest, tagged sha256-<its own digest>, is a manifest, not a referrers index: nothing
    // is attached by it; and the index it "loops" with (an index whose subject is one of its own children) is
    // shown under that child without the tree becoming a cycle.
    void regclientMirrorAndLoop()
    {
        const ImageGraphPtr g = openOrFail(u"oci:"_s + testrepo());
        const QByteArray mirror = test::shellOutput(
            u"jq -r '.manifests[] | select(.annotations[\"org.opencontainers.image.ref.name\"] == \"mirror\") | "
            ".digest' "_s +
            test::shellQuoted(testrepo() + u"/index.json"_s));
        const QString mirrorDigest = QString::fromLatin1(mirror.trimmed());
        QVERIFY(!mirrorDigest.isEmpty());
        for (const Node &n : g->nodes)
            if (n.digest().toString() == mirrorDigest)
                QVERIFY2(!n.attachment, "the mirror manifest is not attached to anything");
        const QByteArray loop = test::shellOutput(
            u"cd "_s + test::shellQuoted(testrepo()) +
            u" && d=$(jq -r '.manifests[] | select(.annotations[\"org.opencontainers.image.ref.name\"] == \"loop\") | "
            ".digest' index.json) && jq -r '.subject.digest' blobs/sha256/${d#sha256:} && echo $d"_s);
        const QStringList loopLines = QString::fromLatin1(loop).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(loopLines.size(), 2);
        bool seen = false;
        for (const Node &n : g->nodes) {
            if (n.digest().toString() != loopLines[1] || !n.attachment || n.attachment->dangling)
                continue;
            seen = true;
            QCOMPARE(n.attachment->subject.toString(), loopLines[0]);
            QVERIFY(!g->isBelow(subjectNodeOf(*g, n), n.id));
        }
        QVERIFY(seen);
        // Every parent chain ends at the root.
        for (const Node &n : g->nodes) {
            int steps = 0;
            for (int p = n.parent; p >= 0; p = g->nodes[p].parent)
                QVERIFY(++steps <= g->nodes.size());
        }
    }

    // inspect --json: per image an `attached` array; inspect --referrers --json lists them all, and
    // --artifact-type keeps those of one type, as jq counts them.
    void inspectReferrers()
    {
        const QString spec = u"oci:"_s + testrepo();
        const QJsonObject all = runStrataJson({u"inspect"_s, u"--referrers"_s, u"--json"_s, spec});
        const QJsonArray refs = all.value(u"referrers"_s).toArray();
        QSet<QString> pairs;
        for (const QString &t : linesOf(jqTriples(testrepo())))
            pairs << t.section(u' ', 0, 1);
        QCOMPARE(refs.size(), pairs.size());
        for (const QJsonValue &v : refs) {
            const QJsonObject r = v.toObject();
            QVERIFY2(pairs.contains(r.value(u"digest"_s).toString() + u' ' + r.value(u"subject"_s).toString()),
                     qPrintable(QString::fromUtf8(QJsonDocument(r).toJson())));
            QVERIFY(!r.value(u"foundBy"_s).toArray().isEmpty());
            QVERIFY(!r.value(u"kind"_s).toString().isEmpty());
            QVERIFY(r.value(u"size"_s).toInteger() > 0);
        }
        const int sboms =
            QString::fromLatin1(test::shellOutput(u"cd "_s + test::shellQuoted(testrepo()) +
                                                  u" && for f in blobs/sha256/*; do jq -r 'select(type==\"object\" and "
                                                  "(.subject.digest? // null) != null and .artifactType == "
                                                  "\"application/example.sbom\") | .subject.digest' \"$f\" 2>/dev/null "
                                                  "|| true; done | wc -l"_s)
                                    .trimmed())
                .toInt();
        QVERIFY(sboms >= 2);
        const QJsonObject only = runStrataJson(
            {u"inspect"_s, u"--referrers"_s, u"--artifact-type"_s, u"application/example.sbom"_s, u"--json"_s, spec});
        const QJsonArray onlyRefs = only.value(u"referrers"_s).toArray();
        QCOMPARE(onlyRefs.size(), sboms);
        for (const QJsonValue &v : onlyRefs)
            QCOMPARE(v.toObject().value(u"artifactType"_s).toString(), u"application/example.sbom"_s);
        // The whole-graph JSON holds the same artifacts under the images they refer to.
        const QJsonObject graph = runStrataJson({u"inspect"_s, u"--json"_s, spec});
        QCOMPARE(graph.value(u"attached"_s).toArray().size(), refs.size());
        // --artifact-type alone is a usage error.
        QProcess p;
        p.start(test::strataBinary(), {u"inspect"_s, u"--artifact-type"_s, u"x/y"_s, spec});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(p.readAllStandardError().contains("--referrers"));
    }

    // Opening the layout changes none of its files.
    void openingChangesNothing()
    {
        const QByteArray before = test::shellOutput(u"cd "_s + test::shellQuoted(testrepo()) +
                                                    u" && find . -type f | sort | xargs sha256sum"_s);
        (void)openOrFail(u"oci:"_s + testrepo());
        const QByteArray after = test::shellOutput(u"cd "_s + test::shellQuoted(testrepo()) +
                                                   u" && find . -type f | sort | xargs sha256sum"_s);
        QCOMPARE(after, before);
    }

    // An artifact whose subject is not in the source is listed once, under "dangling referrers", with a note.
    void danglingSubject()
    {
        const hostile::Layout l = scratchLayout();
        const QString absent = u"sha256:"_s + hostile::hexOf("no such manifest");
        const QJsonObject subject = descriptorOf(u"application/vnd.oci.image.manifest.v1+json"_s, absent, 1234);
        const QJsonObject sbom =
            artifactManifest(l, u"application/spdx+json"_s, "{\"spdxVersion\":\"SPDX-2.3\"}", subject);
        const QJsonObject desc = addToIndex(l, sbom);
        const ImageGraphPtr g = openOrFail(u"oci:"_s + l.root);
        const int dangling = danglingGroup(*g);
        QVERIFY(dangling >= 0);
        QCOMPARE(g->nodes[dangling].title, u"dangling referrers (1)"_s);
        const Node &a = g->nodes[g->nodes[dangling].children.value(0)];
        QCOMPARE(a.digest().toString(), desc.value(u"digest"_s).toString());
        QVERIFY(a.attachment->dangling);
        QCOMPARE(a.attachment->subject.toString(), absent);
        QCOMPARE(a.attachment->kind, ArtifactKind::SpdxSbom);
        // JSON lists it at the top level, marked dangling.
        const QJsonArray top = report::attachedToJson(*g, nullptr);
        QCOMPARE(top.size(), 1);
        QCOMPARE(top.at(0).toObject().value(u"subject"_s).toString(), absent);
    }

    // A referrers index tagged with the digest of the very manifest it lists: that manifest would be its own
    // referrer. A cosign tag naming the manifest it is on likewise. Both: a warning, dangling, no cycle.
    void selfSubject()
    {
        const hostile::Layout l = scratchLayout();
        const QJsonObject image = l.manifestDesc();
        const QString imageDigest = digestOfFirstImage(l);
        addToIndex(l, ociIndex(QJsonArray{image}), tagFor(imageDigest));
        const ImageGraphPtr g = openOrFail(u"oci:"_s + l.root);
        QVERIFY2(!problemsMentioning(*g, u"names itself as its subject"_s).isEmpty(),
                 qPrintable(test::problemsText(g->problems)));
        for (const Problem *p : problemsMentioning(*g, u"names itself"_s))
            QCOMPARE(p->severity, Severity::Warning);
        // The image itself is still shown, once at top level (its own entry), and verifiable.
        int images = 0;
        for (const Node &n : g->nodes)
            if (n.digest().toString() == imageDigest && !n.attachment && n.kind == NodeKind::Manifest)
                ++images;
        QVERIFY(images >= 1);

        const hostile::Layout c = scratchLayout();
        QJsonObject idx = c.index();
        QJsonArray arr = idx.value(u"manifests"_s).toArray();
        QJsonObject self = arr.at(0).toObject();
        self[u"annotations"_s] = QJsonObject{
            {u"org.opencontainers.image.ref.name"_s, tagFor(self.value(u"digest"_s).toString(), u".sig"_s)}};
        arr[0] = self;
        idx[u"manifests"_s] = arr;
        c.setIndex(idx);
        const ImageGraphPtr h = openOrFail(u"oci:"_s + c.root);
        QVERIFY2(!problemsMentioning(*h, u"names itself as its subject"_s).isEmpty(),
                 qPrintable(test::problemsText(h->problems)));
    }

    // Two referrers indexes that list each other's subject: A is attached to B and B to A. Each is shown under
    // the other (the tree stays finite: the copies under the tags' indexes are what move), with one warning.
    void referrerLoop()
    {
        const hostile::Layout l = scratchLayout();
        const QJsonObject a = addToIndex(l, artifactManifest(l, u"application/example.a"_s, "a"));
        const QJsonObject b = addToIndex(l, artifactManifest(l, u"application/example.b"_s, "b"));
        auto strip = [](QJsonObject d) {
            d.remove(u"annotations"_s);
            return d;
        };
        addToIndex(l, ociIndex(QJsonArray{strip(b)}), tagFor(a.value(u"digest"_s).toString()));
        addToIndex(l, ociIndex(QJsonArray{strip(a)}), tagFor(b.value(u"digest"_s).toString()));
        const ImageGraphPtr g = openOrFail(u"oci:"_s + l.root);
        QCOMPARE(problemsMentioning(*g, u"a loop"_s).size(), 1);
        QCOMPARE(problemsMentioning(*g, u"a loop"_s).at(0)->severity, Severity::Warning);
        for (const Node &n : g->nodes) {
            int steps = 0;
            for (int p = n.parent; p >= 0; p = g->nodes[p].parent)
                QVERIFY2(++steps <= g->nodes.size(), "a parent chain loops");
            if (n.parent >= 0)
                QCOMPARE(g->nodes[n.parent].children.count(n.id), 1);
        }
        int placed = 0;
        for (const Node &n : g->nodes)
            if (n.attachment && subjectNodeOf(*g, n) >= 0)
                ++placed;
        QCOMPARE(placed, 2);
    }

    // A referrers index of 100,000 entries: opening stays bounded (time and nodes under one subject), and the
    // cut is said on the subject.
    void hugeReferrerIndex()
    {
        const hostile::Layout l = scratchLayout();
        const QString imageDigest = digestOfFirstImage(l);
        const QJsonObject art = artifactManifest(l, u"application/example.sbom"_s, "sbom");
        const QByteArray raw = hostile::compact(art);
        const QString artDigest = l.put(raw);
        // 100,000 distinct artifacts would be 100,000 blobs; the same descriptor repeated costs the same to list.
        QJsonArray many;
        const QJsonObject d = descriptorOf(art.value(u"mediaType"_s).toString(), artDigest, raw.size(), {},
                                           u"application/example.sbom"_s);
        for (int i = 0; i < 100000; ++i)
            many.append(d);
        addToIndex(l, ociIndex(many), tagFor(imageDigest));
        QElapsedTimer t;
        t.start();
        Result<ImageGraphPtr> g = SourceOpener::open(u"oci:"_s + l.root);
        const qint64 ms = t.elapsed();
        qInfo("opening a 100,000-entry referrers index: %lld ms", ms);
        if (!g) {
            // Refusing the index as too large is a bounded answer too, if it says so.
            QVERIFY2(g.error().toString().contains(u"index"_s), qPrintable(g.error().toString()));
            return;
        }
        int maxGroup = 0;
        for (const Node &n : g.value()->nodes)
            if (n.kind == NodeKind::Attached)
                maxGroup = std::max(maxGroup, int(n.children.size()));
        QVERIFY(maxGroup <= attached::MaxAttachedPerSubject);
        const bool said = std::any_of(g.value()->problems.begin(), g.value()->problems.end(),
                                      [](const Problem &p) { return p.kind == ProblemKind::TooLarge; });
        qInfo("%s", qPrintable(test::problemsText(g.value()->problems).left(400)));
        QVERIFY2(said, qPrintable(test::problemsText(g.value()->problems).left(2000)));
        QVERIFY(ms < 20000);
    }

    // 2,500 distinct artifacts referring to one manifest: the first 1,000 are grouped under it, the rest stay
    // under the referrers index that lists them, and the subject says so.
    void manyReferrersCut()
    {
        const hostile::Layout l = scratchLayout();
        const QString imageDigest = digestOfFirstImage(l);
        QJsonArray many;
        for (int i = 0; i < 2500; ++i) {
            const QJsonObject art = artifactManifest(l, u"application/example.sbom"_s, QByteArray::number(i));
            const QByteArray raw = hostile::compact(art);
            many.append(descriptorOf(art.value(u"mediaType"_s).toString(), l.put(raw), raw.size(), {},
                                     u"application/example.sbom"_s));
        }
        addToIndex(l, ociIndex(many), tagFor(imageDigest));
        const ImageGraphPtr g = openOrFail(u"oci:"_s + l.root);
        int subject = -1;
        for (const Node &n : g->nodes)
            if (n.digest().toString() == imageDigest && !n.attachment && n.kind == NodeKind::Manifest)
                subject = n.id;
        QVERIFY(subject >= 0);
        QCOMPARE(attachedTo(*g, subject).size(), attached::MaxAttachedPerSubject);
        int cut = 0;
        for (const Problem &p : g->problems)
            if (p.kind == ProblemKind::TooLarge && p.nodeId == subject)
                ++cut;
        QCOMPARE(cut, 1);
        QCOMPARE(report::attachedToJson(*g).size(), attached::MaxAttachedPerSubject);
    }
};

STRATA_TEST_GUILESS_MAIN(TestAttached)
#include "tst_attached.moc"
