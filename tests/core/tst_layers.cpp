// SPDX-License-Identifier: MIT
// Layer listings cross-checked against GNU tar's own listing of the decompressed layers;
// whiteouts, opaque directories, overwrites and hard links from real images; efficiency figures.
#include "core/layers/efficiency.h"
#include "core/layers/layerfile.h"
#include "core/layers/mergedtree.h"
#include "core/layers/tarstreamparser.h"
#include "core/sources/sourceopener.h"
#include "core/verify/imagelisting.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

// "path type size" lines from GNU tar's verbose listing of a layer (decompressed with the tools).
QStringList gnuTarListing(const ImageGraph &g, const Node &layer)
{
    QString bytes;
    const QString src = test::shellQuoted(g.sourcePath);
    if (QFileInfo(g.sourcePath).isDir())
        bytes = u"cat "_s + test::shellQuoted(g.sourcePath + u'/' + layer.member);
    else
        bytes = u"tar -xOf "_s + src + u' ' + test::shellQuoted(layer.member);
    const QString cmd = bytes + u" | (f=$(mktemp); cat > $f; if gzip -t $f 2>/dev/null; then gzip -dc $f; "
                                "elif zstd -t $f >/dev/null 2>&1; then zstd -dc $f; else cat $f; fi; rm -f $f) "
                                "| tar --numeric-owner -tvf -"_s;
    QStringList out;
    for (const QByteArray &lineBytes : test::shellOutput(cmd).split('\n')) {
        const QString line = QString::fromUtf8(lineBytes);
        if (line.isEmpty())
            continue;
        // drwxr-xr-x 0/0  0 2024-01-01 00:00 ./etc/  [-> target | link to target]
        const QStringList cols = line.split(u' ', Qt::SkipEmptyParts);
        QString path = cols.mid(5).join(u' ');
        const QChar t = line.at(0);
        if (t == u'l')
            path = path.section(u" -> "_s, 0, 0);
        if (t == u'h')
            path = path.section(u" link to "_s, 0, 0);
        while (path.startsWith(u"./"_s))
            path = path.mid(2);
        if (path.startsWith(u'/'))
            path = path.mid(1);
        if (path.endsWith(u'/'))
            path.chop(1);
        if (path.isEmpty() || path == u".")
            continue;
        const QString base = path.section(u'/', -1);
        QString type = t == u'd' ? u"dir"_s : t == u'l' ? u"symlink"_s : t == u'h' ? u"hardlink"_s : u"file"_s;
        if (base == u".wh..wh..opq")
            type = u"opaque"_s;
        else if (base.startsWith(u".wh."_s))
            type = u"whiteout"_s;
        const QString size = (type == u"file") ? cols[2] : u"0"_s;
        out << path + u' ' + type + u' ' + size;
    }
    out.sort();
    return out;
}

QStringList strataListing(const LayerToc &toc)
{
    QStringList out;
    for (const LayerEntry &e : toc.entries)
        out << e.path + u' ' + entryTypeName(e.type) + u' ' + QString::number(e.size);
    out.sort();
    return out;
}

ImageListing listFirst(const QString &spec, ImageGraphPtr *graphOut)
{
    Result<ImageGraphPtr> g = SourceOpener::open(spec);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    *graphOut = g.value();
    Result<ImageListing> l = listImage(*g.value(), firstRunnableImage(*g.value()));
    if (!l)
        qFatal("%s", qPrintable(l.error().toString()));
    return l.value();
}

} // namespace

class TestLayers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesGnuTar_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("ggcr-whiteout-image") << test::publicFixture(u"ggcr/whiteout_image.tar"_s);
        QTest::newRow("ggcr-whiteout-dir") << test::publicFixture(u"ggcr/whiteout_dir.tar"_s);
        QTest::newRow("ggcr-overwritten") << test::publicFixture(u"ggcr/overwritten_file.tar"_s);
        QTest::newRow("dive-kaniko") << test::publicFixture(u"dive/kaniko-image.tar"_s);
        QTest::newRow("dive-estargz") << test::publicFixture(u"dive/oci-estargz-image.tar"_s);
        QTest::newRow("umoci-gzip") << test::fixture(u"good/oci-gzip"_s);
        QTest::newRow("umoci-zstd") << test::fixture(u"good/oci-zstd"_s);
        QTest::newRow("umoci-docker-archive") << test::fixture(u"good/docker-archive.tar"_s);
    }
    void matchesGnuTar()
    {
        QFETCH(QString, spec);
        ImageGraphPtr g;
        const ImageListing l = listFirst(spec, &g);
        QVERIFY(l.report.ok());
        const ImageInfo &img = g->images[l.imageIndex];
        QCOMPARE(l.layers.size(), img.layerNodes.size());
        for (qsizetype i = 0; i < l.layers.size(); ++i) {
            QVERIFY(l.layers[i]);
            QVERIFY2(l.layers[i]->problems.isEmpty(), qPrintable(l.layers[i]->problems.join(u"; "_s)));
            QCOMPARE(strataListing(*l.layers[i]), gnuTarListing(*g, g->nodes[img.layerNodes[i]]));
        }
    }

    void whiteoutsAndOpaqueDirectories()
    {
        // The umoci fixture: layer 3 deletes etc/motd and replaces var/cache/app's contents.
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"good/oci-gzip"_s), &g);
        const MergedTree merged = MergedTree::build(l.layers);
        const auto &m = merged.entries();
        QVERIFY(!m.contains(u"etc/motd"_s));
        QVERIFY(!m.contains(u"var/cache/app/a.cache"_s));
        QVERIFY(!m.contains(u"var/cache/app/sub/c.cache"_s));
        QVERIFY(!m.contains(u"var/cache/app/sub"_s));
        QCOMPARE(m.value(u"var/cache/app/fresh.cache"_s).layer, 2);
        QCOMPARE(m.value(u"etc/os-release"_s).layer, 1); // modified by layer 2 (index 1)
        QCOMPARE(m.value(u"usr/bin/hello"_s).layer, 0);
        const LayerEntry &hard = merged.entry(m.value(u"usr/bin/hello-again"_s));
        QCOMPARE(hard.type, EntryType::Hardlink);
        QCOMPARE(hard.linkTarget, u"usr/bin/hello"_s);
        const LayerEntry &sym = merged.entry(m.value(u"usr/bin/hi"_s));
        QCOMPARE(sym.type, EntryType::Symlink);
        QCOMPARE(sym.linkTarget, u"hello"_s);
        for (auto it = m.begin(); it != m.end(); ++it)
            QVERIFY(!it.key().section(u'/', -1).startsWith(u".wh."_s));
        // After layer 1 only, the deleted files are still there.
        const MergedTree early = MergedTree::build(l.layers, 0);
        QVERIFY(early.entries().contains(u"etc/motd"_s));
        QVERIFY(early.deletions().isEmpty());
        QCOMPARE(merged.deletions().keys(), (QStringList{u"etc/motd"_s, u"var/cache/app/a.cache"_s,
                                                         u"var/cache/app/b.cache"_s, u"var/cache/app/sub"_s}));
        QCOMPARE(merged.deletions().value(u"var/cache/app/sub"_s).removed, 2); // sub and sub/c.cache
        QVERIFY(!early.entries().contains(u"etc/app.conf"_s));
    }

    void deletionsUndoneByALaterLayer()
    {
        const auto toc = [](QList<LayerEntry> entries) {
            auto t = std::make_shared<LayerToc>();
            t->entries = std::move(entries);
            return LayerTocPtr(t);
        };
        const auto entry = [](const QString &path, EntryType type, qint64 size) {
            LayerEntry e;
            e.path = path;
            e.type = type;
            e.size = size;
            return e;
        };
        const LayerEntry a = entry(u"a"_s, EntryType::File, 3);
        const LayerEntry b = entry(u"b"_s, EntryType::File, 5);
        const LayerEntry whA = entry(u".wh.a"_s, EntryType::Whiteout, 0);
        const LayerEntry whB = entry(u".wh.b"_s, EntryType::Whiteout, 0);
        const QList<LayerTocPtr> layers{toc({a, b}), toc({whA, whB}), toc({a})};
        const MergedTree afterTwo = MergedTree::build(layers, 1);
        QCOMPARE(afterTwo.deletions().keys(), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(afterTwo.deletions().value(u"b"_s).deleted.layer, 0);
        QCOMPARE(afterTwo.deletions().value(u"b"_s).removed, 1);
        const MergedTree all = MergedTree::build(layers);
        QCOMPARE(all.deletions().keys(), QStringList{u"b"_s}); // layer 3 brought a back
        QVERIFY(all.entries().contains(u"a"_s));
    }

    void ggcrWhiteouts()
    {
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::publicFixture(u"ggcr/whiteout_image.tar"_s), &g);
        int whiteouts = 0;
        for (const LayerTocPtr &t : l.layers)
            for (const LayerEntry &e : t->entries)
                whiteouts += e.type == EntryType::Whiteout ? 1 : 0;
        QVERIFY(whiteouts > 0);
        const MergedTree merged = MergedTree::build(l.layers);
        for (const LayerTocPtr &t : l.layers)
            for (const LayerEntry &e : t->entries)
                if (e.type == EntryType::Whiteout)
                    QVERIFY2(!merged.entries().contains(e.deletedPath()), qPrintable(e.deletedPath()));
    }

    void opaqueDirectories()
    {
        // Two layers made by GNU tar: the upper one marks etc/ opaque, hiding every lower etc/ entry
        // but keeping its own, and whites out usr/bin (a directory, with what is beneath it).
        const QString cmd =
            u"d=$(mktemp -d); mkdir -p $d/l0/etc/sub $d/l0/usr/bin $d/l1/etc; "
            "echo a > $d/l0/etc/a; echo b > $d/l0/etc/sub/b; echo x > $d/l0/usr/bin/x; echo k > $d/l0/keep; "
            "echo new > $d/l1/etc/new; : > $d/l1/etc/.wh..wh..opq; mkdir -p $d/l1/usr; : > $d/l1/usr/.wh.bin; "
            "tar -cf $d/l0.tar -C $d/l0 . && tar -cf $d/l1.tar -C $d/l1 . && echo $d"_s;
        const QString dir = QString::fromUtf8(test::shellOutput(cmd)).trimmed();
        QList<LayerTocPtr> layers;
        for (const char *name : {"/l0.tar", "/l1.tar"}) {
            QFile f(dir + QString::fromLatin1(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            TarStreamParser p;
            QVERIFY(p.feed(bytes.constData(), bytes.size()).ok());
            layers << std::make_shared<const LayerToc>(p.finish());
        }
        test::shellOutput(u"rm -rf "_s + test::shellQuoted(dir));
        QVERIFY(std::any_of(layers[1]->entries.begin(), layers[1]->entries.end(), [](const LayerEntry &e) {
            return e.type == EntryType::Opaque && e.deletedPath() == u"etc";
        }));
        const MergedTree m = MergedTree::build(layers);
        QStringList paths = m.entries().keys();
        QCOMPARE(paths, (QStringList{u"etc"_s, u"etc/new"_s, u"keep"_s, u"usr"_s}));
        QCOMPARE(m.entries().value(u"etc/new"_s).layer, 1);
        // What is still deleted: etc's earlier contents (a, sub, sub/b) and usr/bin with x beneath it.
        QCOMPARE(m.deletions().keys(), (QStringList{u"etc"_s, u"usr/bin"_s}));
        const MergedDeletion opaque = m.deletions().value(u"etc"_s);
        QCOMPARE(opaque.layer, 1);
        QCOMPARE(layers[1]->entries[opaque.entryIndex].type, EntryType::Opaque);
        QCOMPARE(opaque.removed, 3);
        const MergedDeletion bin = m.deletions().value(u"usr/bin"_s);
        QCOMPARE(bin.removed, 2);
        QCOMPARE(bin.deleted.layer, 0);
        QCOMPARE(layers[0]->entries[bin.deleted.entryIndex].type, EntryType::Directory);
        const QList<PathChange> h = pathHistory(layers, u"etc/sub/b"_s);
        QCOMPARE(h.size(), 2);
        QCOMPARE(h[1].action, PathChange::Action::Deleted);
        const EfficiencyReport e = computeEfficiency(layers);
        QCOMPARE(e.wastedBytes, qint64(2 + 2 + 2)); // etc/a, etc/sub/b, usr/bin/x: "a\n", "b\n", "x\n"
    }

    void efficiencyIsHandCountable()
    {
        // Layer 1 (index 0) sizes from GNU tar; expected waste: os-release overwritten, motd and the
        // three cache files deleted, usr/share/strata/hello.copy a duplicate of usr/bin/hello.
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"good/oci-gzip"_s), &g);
        const QStringList base = gnuTarListing(*g, g->nodes[g->images[l.imageIndex].layerNodes[0]]);
        const auto sizeOf = [&](const QString &path) {
            for (const QString &line : base)
                if (line.startsWith(path + u" file "_s))
                    return line.section(u' ', 2).toLongLong();
            return qint64(-1);
        };
        const qint64 expected = sizeOf(u"etc/os-release"_s) + sizeOf(u"etc/motd"_s) +
                                sizeOf(u"var/cache/app/a.cache"_s) + sizeOf(u"var/cache/app/b.cache"_s) +
                                sizeOf(u"var/cache/app/sub/c.cache"_s) + sizeOf(u"usr/bin/hello"_s);
        const EfficiencyReport rep = computeEfficiency(l.layers);
        QCOMPARE(rep.wastedBytes, expected);
        QCOMPARE(rep.findings.size(), 6);
        QHash<QString, WasteFinding> byPath;
        for (const WasteFinding &f : rep.findings)
            byPath.insert(f.path, f);
        QCOMPARE(byPath.value(u"etc/os-release"_s).reason, WasteFinding::Reason::Overwritten);
        QCOMPARE(byPath.value(u"etc/os-release"_s).causedBy, 1);
        QCOMPARE(byPath.value(u"etc/motd"_s).reason, WasteFinding::Reason::Deleted);
        QCOMPARE(byPath.value(u"etc/motd"_s).causedBy, 2);
        const WasteFinding dup = byPath.value(u"usr/share/strata/hello.copy"_s).path.isEmpty()
                                     ? byPath.value(u"usr/bin/hello"_s)
                                     : byPath.value(u"usr/share/strata/hello.copy"_s);
        QCOMPARE(dup.reason, WasteFinding::Reason::Duplicate);
        QVERIFY(rep.score < 1.0 && rep.score > 0.99);
    }

    void sameTocAsVerificationPass()
    {
        // Listing comes from the verification pass itself: the diff_ids are checked while listing.
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"bad/oci-wrong-diffid"_s), &g);
        QVERIFY(!l.report.ok());
        QVERIFY(std::any_of(l.report.problems.begin(), l.report.problems.end(),
                            [](const Problem &p) { return p.kind == ProblemKind::DiffIdMismatch; }));
        for (const LayerTocPtr &t : l.layers)
            QVERIFY(t && !t->entries.isEmpty());
    }

    void parserInChunksOfAnySize_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1, 7, 511, 512, 513, 4096, 1 << 20})
            QTest::newRow(qPrintable(QString::number(c))) << c;
    }
    void parserInChunksOfAnySize()
    {
        QFETCH(int, chunk);
        const QByteArray tarBytes = test::shellOutput(
            u"gzip -dc "_s + test::shellQuoted(test::fixture(u"good/oci-gzip"_s)) + u"/blobs/sha256/"_s +
            test::truth(u"good/oci-gzip"_s)
                .value(u"layers"_s)
                .toArray()[0]
                .toObject()
                .value(u"digest"_s)
                .toString()
                .mid(7));
        QVERIFY(tarBytes.size() > 10000);
        TarStreamParser whole;
        QVERIFY(whole.feed(tarBytes.constData(), tarBytes.size()).ok());
        const LayerToc a = whole.finish();
        TarStreamParser pieces;
        for (qsizetype off = 0; off < tarBytes.size(); off += chunk)
            QVERIFY(pieces.feed(tarBytes.constData() + off, qMin<qsizetype>(chunk, tarBytes.size() - off)).ok());
        const LayerToc b = pieces.finish();
        QCOMPARE(strataListing(b), strataListing(a));
        QCOMPARE(b.entries.size(), a.entries.size());
        for (qsizetype i = 0; i < a.entries.size(); ++i)
            QCOMPARE(b.entries[i].contentHash, a.entries[i].contentHash);
        QCOMPARE(b.tarBytes, qint64(tarBytes.size()));
    }

    void entryCapIsReported()
    {
        const QByteArray tarBytes = test::shellOutput(
            u"d=$(mktemp -d); for i in $(seq 1 50); do : > $d/f$i; done; tar -cf - -C $d .; rm -rf $d"_s);
        TarStreamParser::Options o;
        o.maxEntries = 10;
        TarStreamParser p(o);
        QVERIFY(p.feed(tarBytes.constData(), tarBytes.size()).ok());
        const LayerToc t = p.finish();
        QCOMPARE(t.entries.size(), 10);
        QVERIFY(t.capped);
        QVERIFY(t.problems.join(u' ').contains(u"10 entries"_s));
    }

    void readsOneFileLazily()
    {
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"good/oci-gzip"_s), &g);
        const int base = g->images[l.imageIndex].layerNodes[0];
        const QString blob = test::shellQuoted(test::fixture(u"good/oci-gzip/"_s) + g->nodes[base].member);
        const QByteArray expected =
            test::shellOutput(u"gzip -dc "_s + blob + u" | tar -xOf - usr/share/strata/big.txt"_s);
        QVERIFY(expected.size() > 100000);
        JobContext job;
        Result<LayerFileContent> all = readLayerFile(*g, base, u"/usr/share/strata/big.txt"_s, 1 << 20, &job);
        QVERIFY(all.ok());
        QCOMPARE(all->data, expected);
        QVERIFY(!all->truncated);
        QCOMPARE(all->size, qint64(expected.size()));
        Result<LayerFileContent> head = readLayerFile(*g, base, u"usr/share/strata/big.txt"_s, 1000);
        QVERIFY(head.ok());
        QCOMPARE(head->data, expected.left(1000));
        QVERIFY(head->truncated);
        // A hard link reads its target; a symlink gives its text, never followed.
        QCOMPARE(readLayerFile(*g, base, u"usr/bin/hello-again"_s, 1000)->data,
                 readLayerFile(*g, base, u"usr/bin/hello"_s, 1000)->data);
        QCOMPARE(readLayerFile(*g, base, u"usr/bin/hi"_s, 1000)->data, QByteArray("hello"));
        QCOMPARE(readLayerFile(*g, base, u"etc/nothing"_s, 10).error().code, ErrorCode::NotFound);
        QCOMPARE(readLayerFile(*g, base, u"../../etc/passwd"_s, 10).error().code, ErrorCode::UnsafePath);
        QCOMPARE(readLayerFile(*g, base, u"etc"_s, 10).error().code, ErrorCode::NotFound); // a directory
    }

    void saveAsNeverOverwrites()
    {
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"good/oci-gzip"_s), &g);
        const int base = g->images[l.imageIndex].layerNodes[0];
        QTemporaryDir dir;
        const QString dest = dir.filePath(u"hello"_s);
        QVERIFY(saveLayerFile(*g, base, u"usr/bin/hello"_s, dest).ok());
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), readLayerFile(*g, base, u"usr/bin/hello"_s, 1000)->data);
        QVERIFY(!saveLayerFile(*g, base, u"usr/bin/hello"_s, dest).ok()); // exists: refused
        QVERIFY(QFile::link(u"/etc/hostname"_s, dir.filePath(u"link"_s)));
        QVERIFY(!saveLayerFile(*g, base, u"usr/bin/hello"_s, dir.filePath(u"link"_s)).ok()); // a link: refused
        QVERIFY(!saveLayerFile(*g, base, u"nope"_s, dir.filePath(u"nope"_s)).ok());
        QVERIFY(!QFile::exists(dir.filePath(u"nope"_s))); // nothing half-written left behind
    }

    void whereDidThisPathComeFrom()
    {
        ImageGraphPtr g;
        const ImageListing l = listFirst(test::fixture(u"good/oci-gzip"_s), &g);
        const QList<PathChange> os = pathHistory(l.layers, u"/etc/os-release"_s);
        QCOMPARE(os.size(), 2);
        QCOMPARE(os[0].layer, 0);
        QCOMPARE(os[0].action, PathChange::Action::Added);
        QCOMPARE(os[1].layer, 1);
        QCOMPARE(os[1].action, PathChange::Action::Modified);
        const QList<PathChange> motd = pathHistory(l.layers, u"etc/motd"_s);
        QCOMPARE(motd.size(), 2);
        QCOMPARE(motd[1].action, PathChange::Action::Deleted);
        QCOMPARE(motd[1].layer, 2);
        const QList<PathChange> sub = pathHistory(l.layers, u"var/cache/app/sub/c.cache"_s);
        QCOMPARE(sub.size(), 2);
        QCOMPARE(sub[1].action, PathChange::Action::Deleted); // its directory was whited out
        QVERIFY(pathHistory(l.layers, u"no/such"_s).isEmpty());
    }

    void cliLsJson()
    {
        QProcess p;
        p.start(test::strataBinary(), {u"ls"_s, u"--json"_s, test::fixture(u"good/docker-archive.tar"_s), u"/etc"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray arr = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QStringList paths;
        for (const QJsonValue &v : arr) {
            const QJsonObject o = v.toObject();
            for (const char *k : {"path", "type", "size", "mode", "uid", "gid", "layer"})
                QVERIFY2(o.contains(QLatin1StringView(k)), k);
            paths << o.value(u"path"_s).toString();
        }
        QCOMPARE(paths, (QStringList{u"etc"_s, u"etc/app.conf"_s, u"etc/os-release"_s}));

        QProcess one;
        one.start(test::strataBinary(),
                  {u"ls"_s, u"--json"_s, u"--layer"_s, u"2"_s, test::fixture(u"good/oci-gzip"_s)});
        QVERIFY(one.waitForFinished(60000));
        QCOMPARE(one.exitCode(), 0);
        bool sawWhiteout = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(one.readAllStandardOutput()).array()) {
            QCOMPARE(v.toObject().value(u"layer"_s).toInt(), 2);
            sawWhiteout |= v.toObject().value(u"type"_s).toString() == u"whiteout";
        }
        QVERIFY(sawWhiteout);
    }
};

STRATA_TEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
