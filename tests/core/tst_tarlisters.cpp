// SPDX-License-Identifier: MIT
// The libarchive lister against the own push parser: the same tar streams (layers of the fixture
// images and tars made by GNU tar and python's tarfile) through both, TOCs compared field by field.
// Where they differ (the wording of a broken stream; GNU sparse files, which libarchive expands), the
// difference is stated here, row by row, so a change on either side shows. The lister lives in
// tests/bench: libarchive lost on speed (core/layers/tarstreamparser.h), not on what it lists.
#include "core/layers/tarstreamparser.h"
#include "core/sources/sourceopener.h"
#include "core/verify/imagelisting.h"
#include "tests/bench/archivetarlister.h"
#include "tests/bench/chunksource.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

// The decompressed tar stream of every layer of the first image of `spec`, by the command-line tools.
QList<QByteArray> layerStreams(const QString &spec)
{
    Result<ImageGraphPtr> g = SourceOpener::open(spec);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    const ImageGraph &graph = *g.value();
    QList<QByteArray> out;
    for (qsizetype n : graph.images[firstRunnableImage(graph)].layerNodes) {
        const Node &layer = graph.nodes[n];
        const QString bytes = QFileInfo(graph.sourcePath).isDir()
                                  ? QString(u"cat "_s + test::shellQuoted(graph.sourcePath + u'/' + layer.member))
                                  : QString(u"tar -xOf "_s + test::shellQuoted(graph.sourcePath) + u' ' +
                                            test::shellQuoted(layer.member));
        out << test::shellOutput(bytes +
                                 u" | (f=$(mktemp); cat > $f; if gzip -t $f 2>/dev/null; then gzip -dc $f; "
                                 "elif zstd -t $f >/dev/null 2>&1; then zstd -dc $f; else cat $f; fi; rm -f $f)"_s);
    }
    return out;
}

class MemoryChunkSource final : public ChunkSource
{
public:
    MemoryChunkSource(const QByteArray &bytes, qsizetype chunk) : m_bytes(bytes), m_chunk(chunk) {}
    Result<QByteArrayView> next() override
    {
        const qsizetype n = qMin(m_chunk, m_bytes.size() - m_pos);
        const QByteArrayView v(m_bytes.constData() + m_pos, n);
        m_pos += n;
        return v;
    }

private:
    const QByteArray &m_bytes;
    qsizetype m_chunk;
    qsizetype m_pos = 0;
};

LayerToc viaParser(const QByteArray &bytes, qint64 maxEntries = limits::MaxLayerEntries)
{
    TarStreamParser::Options o;
    o.maxEntries = maxEntries;
    TarStreamParser p(o);
    for (qsizetype off = 0; off < bytes.size(); off += 1 << 20) {
        if (!p.feed(bytes.constData() + off, qMin<qsizetype>(1 << 20, bytes.size() - off)))
            qFatal("TarStreamParser::feed failed");
    }
    return p.finish();
}

LayerToc viaLibarchive(const QByteArray &bytes, qsizetype chunk = 1 << 20, qint64 maxEntries = limits::MaxLayerEntries)
{
    MemoryChunkSource src(bytes, chunk);
    ArchiveTarLister::Options o;
    o.maxEntries = maxEntries;
    Result<LayerToc> t = ArchiveTarLister::list(src, o);
    if (!t)
        qFatal("ArchiveTarLister::list failed: %s", qPrintable(t.error().toString()));
    return std::move(t).value();
}

// Every difference, one line each: "entry 3 (etc/x): mtime 5 vs 6". Own parser first, libarchive second.
QStringList differences(const LayerToc &own, const LayerToc &la)
{
    QStringList d;
    const auto cmp = [&](const QString &what, const auto &a, const auto &b) {
        if (a != b)
            d << u"%1: %2 vs %3"_s.arg(what, QVariant::fromValue(a).toString(), QVariant::fromValue(b).toString());
    };
    cmp(u"entries"_s, own.entries.size(), la.entries.size());
    cmp(u"tarBytes"_s, own.tarBytes, la.tarBytes);
    cmp(u"fileBytes"_s, own.fileBytes, la.fileBytes);
    cmp(u"capped"_s, own.capped, la.capped);
    for (qsizetype i = 0; i < qMin(own.entries.size(), la.entries.size()); ++i) {
        const LayerEntry &a = own.entries[i];
        const LayerEntry &b = la.entries[i];
        const QString at = u"entry %1 (%2)"_s.arg(i).arg(a.path);
        cmp(at + u" path"_s, a.path, b.path);
        cmp(at + u" type"_s, entryTypeName(a.type), entryTypeName(b.type));
        cmp(at + u" size"_s, a.size, b.size);
        cmp(at + u" mode"_s, a.mode, b.mode);
        cmp(at + u" uid"_s, a.uid, b.uid);
        cmp(at + u" gid"_s, a.gid, b.gid);
        cmp(at + u" mtime"_s, a.mtime, b.mtime);
        cmp(at + u" linkTarget"_s, a.linkTarget, b.linkTarget);
        cmp(at + u" contentHash"_s, QString::fromLatin1(a.contentHash.toHex()),
            QString::fromLatin1(b.contentHash.toHex()));
    }
    for (qsizetype i = 0; i < qMax(own.problems.size(), la.problems.size()); ++i)
        cmp(u"problem %1"_s.arg(i), own.problems.value(i), la.problems.value(i));
    return d;
}

// Tar streams written by GNU tar in each of its formats and by python's tarfile, into `dir`;
// names end in .tar. Only well-formed archives: both listers must agree on them exactly.
void makeToolTars(const QString &dir)
{
    test::shellOutput(uR"(d=%1; cd $d; mkdir -p t/etc/sub t/usr/bin t/wh t/opq t/deep
printf 'hello\n' > t/etc/hello; : > t/etc/empty; head -c 70000 /dev/urandom > t/usr/bin/blob
ln t/etc/hello t/etc/hello.hard; ln -s ../etc/hello t/usr/bin/hello.sym; mkfifo t/usr/fifo
long=t/deep/$(printf 'd%.0s' $(seq 1 60))/$(printf 'e%.0s' $(seq 1 70))/$(printf 'f%.0s' $(seq 1 90)); mkdir -p $long
printf 'long\n' > $long/$(printf 'n%.0s' $(seq 1 120)); ln -s $(printf 'x%.0s' $(seq 1 150)) t/deep/longlink
printf 'u\n' > t/etc/ünïcødé-名前; : > t/wh/.wh.gone; : > t/opq/.wh..wh..opq; printf 'x' > t/opq/kept
chmod 4755 t/usr/bin/blob; chmod 1777 t/wh; chmod 0600 t/etc/hello
truncate -s 3M t/sparse; printf 'end' >> t/sparse
find t -exec touch -h -d @1704067200 {} +
for f in gnu oldgnu posix ustar v7; do
  tar --format=$f --numeric-owner --owner=1234 --group=5678 -cf gnu-$f.tar -C t . 2>/dev/null || true
done
tar --format=posix -S -cf gnu-posix-sparse.tar -C t .
tar --format=gnu -S -cf gnu-gnu-sparse.tar -C t .
tar -cf gnu-absolute.tar -P $d/t/etc/hello
)"_s.arg(test::shellQuoted(dir)));
    test::shellOutput(uR"(cd %1 && python3 - <<'PY'
import io, tarfile
def add(tf, name, data=b"", **kw):
    ti = tarfile.TarInfo(name)
    for k, v in kw.items():
        setattr(ti, k, v)
    if ti.type in (tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.CONTTYPE):
        ti.size = len(data)
        tf.addfile(ti, io.BytesIO(data))
    else:
        tf.addfile(ti)
for fmt, tag in ((tarfile.USTAR_FORMAT, "ustar"), (tarfile.GNU_FORMAT, "gnu"), (tarfile.PAX_FORMAT, "pax")):
    with tarfile.open("py-%s.tar" % tag, "w", format=fmt) as tf:
        add(tf, "./", type=tarfile.DIRTYPE, mode=0o755)
        add(tf, "./etc", type=tarfile.DIRTYPE, mode=0o755, mtime=1704067200)
        add(tf, "./etc/passwd", b"root:x:0:0\n", mode=0o644, uid=0, gid=0, mtime=1704067200)
        add(tf, "etc/shadow", b"s" * 1025, mode=0o600, uid=1000, gid=42, mtime=1)
        add(tf, "dev/null", type=tarfile.CHRTYPE, devmajor=1, devminor=3, mode=0o666)
        add(tf, "dev/sda", type=tarfile.BLKTYPE, devmajor=8, devminor=0, mode=0o660)
        add(tf, "run/fifo", type=tarfile.FIFOTYPE, mode=0o644)
        add(tf, "bin/sh", type=tarfile.SYMTYPE, linkname="/bin/bash")
        add(tf, "bin/bash", b"#!elf\n" * 500, mode=0o755)
        add(tf, "bin/rbash", type=tarfile.LNKTYPE, linkname="bin/bash")
        add(tf, "bin/old", b"aregtype", type=tarfile.AREGTYPE)
        add(tf, "bin/contig", b"contig", type=tarfile.CONTTYPE)
        add(tf, "var/.wh.cache", mode=0)
        add(tf, "var/lib/.wh..wh..opq", mode=0)
        add(tf, "zero", b"")
        add(tf, "p/" + "a" * 90 + "/" + "b" * 90 + "/file", b"prefixed")
        if fmt != tarfile.USTAR_FORMAT:
            add(tf, "big-ids", b"x", uid=3000000, gid=4000000, mtime=2**34)
            add(tf, "long/" + "c" * 300, b"long name")
            add(tf, "longlink", type=tarfile.SYMTYPE, linkname="t" * 200)
            add(tf, "caf\u00e9/na\u00efve", b"utf8")
# A pax global header, fractional mtimes and records libarchive and the own parser both read.
with tarfile.open("py-pax-global.tar", "w", format=tarfile.PAX_FORMAT, pax_headers={"comment": "global"}) as tf:
    add(tf, "a", b"one", mtime=1704067200.75)
    add(tf, "b", b"two", pax_headers={"mtime": "1704067201.5", "uid": "77", "path": "renamed"})
# Duplicates, unsafe names, invalid whiteouts, a hard link out of the layer: problems, same wording.
with tarfile.open("py-problems.tar", "w", format=tarfile.PAX_FORMAT) as tf:
    add(tf, "dup", b"first")
    add(tf, "./dup", b"second")
    add(tf, "../escape", b"e")
    add(tf, "a/../../escape2", b"e")
    add(tf, "/abs/file", b"abs")
    add(tf, "x/.wh.", b"")
    add(tf, "x/.wh..", b"")
    add(tf, "hl", type=tarfile.LNKTYPE, linkname="../../etc/passwd")
    add(tf, ".", type=tarfile.DIRTYPE)
PY
)"_s.arg(test::shellQuoted(dir)));
}

// Broken streams, cut or damaged from a good one; both listers must see a problem and keep the
// entries before the damage.
void makeBrokenTars(const QString &dir)
{
    test::shellOutput(uR"(cd %1 && python3 - <<'PY'
import io, tarfile
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
    for i, size in enumerate((100, 5000, 600, 70000)):
        ti = tarfile.TarInfo("f%d" % i); ti.size = size; ti.mtime = 1704067200
        tf.addfile(ti, io.BytesIO(bytes([65 + i]) * size))
good = buf.getvalue()
open("good.tar", "wb").write(good)
open("cut-in-data.tar", "wb").write(good[:512 + 512 + 512 + 3000])
open("cut-in-header.tar", "wb").write(good[:512 + 512 + 200])
open("cut-after-entry.tar", "wb").write(good[:512 + 512])
bad = bytearray(good); bad[512 + 512 + 512 + 5120 + 5] ^= 0xff   # third header, after f1's 5000 bytes (10 blocks)
open("bad-checksum.tar", "wb").write(bytes(bad))
open("trailing-junk.tar", "wb").write(good + b"junk after the end" * 100)
open("junk.tar", "wb").write(b"\x01" * 4096)
open("empty.tar", "wb").write(b"")
PY
)"_s.arg(test::shellQuoted(dir)));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

} // namespace

class TestTarListers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        makeToolTars(m_dir.path());
        makeBrokenTars(m_dir.path());
    }

    void fixtureLayers_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("ggcr-whiteout-image") << test::publicFixture(u"ggcr/whiteout_image.tar"_s);
        QTest::newRow("ggcr-whiteout-dir") << test::publicFixture(u"ggcr/whiteout_dir.tar"_s);
        QTest::newRow("ggcr-overwritten") << test::publicFixture(u"ggcr/overwritten_file.tar"_s);
        QTest::newRow("ggcr-hello-world") << test::publicFixture(u"ggcr/hello-world-v25.tar"_s);
        QTest::newRow("dive-kaniko") << test::publicFixture(u"dive/kaniko-image.tar"_s);
        QTest::newRow("dive-estargz") << test::publicFixture(u"dive/oci-estargz-image.tar"_s);
        QTest::newRow("dive-oci-zstd") << test::publicFixture(u"dive/oci-zstd-image.tar"_s);
        QTest::newRow("dive-oci-uncompressed") << test::publicFixture(u"dive/oci-uncompressed-image.tar"_s);
        QTest::newRow("oras-containerd") << test::publicFixture(u"oras/hello-world-containerd-export.tar"_s);
        QTest::newRow("umoci-gzip") << test::fixture(u"good/oci-gzip"_s);
        QTest::newRow("umoci-zstd") << test::fixture(u"good/oci-zstd"_s);
        QTest::newRow("umoci-docker-archive") << test::fixture(u"good/docker-archive.tar"_s);
    }
    void fixtureLayers()
    {
        QFETCH(QString, spec);
        const QList<QByteArray> layers = layerStreams(spec);
        QVERIFY(!layers.isEmpty());
        qsizetype entries = 0;
        for (qsizetype i = 0; i < layers.size(); ++i) {
            const LayerToc own = viaParser(layers[i]);
            const LayerToc la = viaLibarchive(layers[i]);
            entries += own.entries.size();
            const QStringList d = differences(own, la);
            QVERIFY2(d.isEmpty(), qPrintable(u"layer %1: "_s.arg(i) + d.join(u"\n  "_s)));
        }
        QVERIFY(entries > 0);
    }

    void toolMadeTars_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *name : {"gnu-gnu", "gnu-oldgnu", "gnu-posix", "gnu-ustar", "gnu-v7", "gnu-absolute",
                                 "py-ustar", "py-gnu", "py-pax", "py-pax-global", "py-problems", "good"})
            QTest::newRow(name) << QString::fromLatin1(name) + u".tar"_s;
    }
    void toolMadeTars()
    {
        QFETCH(QString, file);
        const QString path = m_dir.filePath(file);
        if (!QFileInfo::exists(path))
            QSKIP("GNU tar could not write this format for the tree (names too long for it)");
        const QByteArray bytes = readFile(path);
        const LayerToc own = viaParser(bytes);
        QVERIFY(!own.entries.isEmpty());
        const QStringList d = differences(own, viaLibarchive(bytes));
        QVERIFY2(d.isEmpty(), qPrintable(d.join(u"\n  "_s)));
        if (file == u"py-problems.tar") // the problem rows are really exercised
            QCOMPARE(own.problems.size(), 6);
    }

    // GNU sparse files (tar -S), a real difference, in libarchive's favour: libarchive gives the
    // file's real size and content (the lister fills the holes with zeros for the hash), where the
    // own parser lists a GNU 'S' entry as "other" of size 0 and a pax 1.0 sparse file under its
    // stored name "GNUSparseFile.<pid>/sparse" with the stored size and the hash of the stored bytes
    // (map and data runs). Layer writers (moby, buildkit, umoci) do not write sparse entries.
    void sparseFilesDiffer_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("posix") << u"gnu-posix-sparse.tar"_s;
        QTest::newRow("gnu") << u"gnu-gnu-sparse.tar"_s;
    }
    void sparseFilesDiffer()
    {
        QFETCH(QString, file);
        const QByteArray bytes = readFile(m_dir.filePath(file));
        const LayerToc own = viaParser(bytes);
        const LayerToc la = viaLibarchive(bytes);
        const QStringList d = differences(own, la);
        qInfo("%s differs in:\n  %s", qPrintable(file), qPrintable(d.join(u"\n  "_s)));
        QVERIFY(!d.isEmpty());
        // Only the sparse file itself differs (and the sum of file sizes it is in).
        for (const QString &line : d)
            QVERIFY2(line.startsWith(u"fileBytes"_s) || line.contains(u"sparse"_s), qPrintable(line));
        const auto sparse =
            std::find_if(la.entries.begin(), la.entries.end(), [](const LayerEntry &e) { return e.path == u"sparse"; });
        QVERIFY(sparse != la.entries.end());
        QCOMPARE(sparse->size, qint64(3 * 1024 * 1024 + 3));
        const QByteArray content = QByteArray(3 * 1024 * 1024, '\0') + "end";
        QCOMPARE(sparse->contentHash.toHex(), QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    }

    void brokenStreams_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("entriesBefore"); // what both list before the damage
        QTest::addColumn<QString>("ownProblem");
        QTest::addColumn<QString>("libarchiveProblem");
        const QString midEntry = u"the layer's tar stream ends in the middle of an entry"_s;
        QTest::newRow("cut-in-data") << u"cut-in-data.tar"_s << 2 << midEntry << midEntry;
        QTest::newRow("cut-in-header") << u"cut-in-header.tar"_s << 1 << midEntry << midEntry;
        QTest::newRow("cut-after-entry") << u"cut-after-entry.tar"_s << 1 << QString() << QString();
        QTest::newRow("bad-checksum")
            << u"bad-checksum.tar"_s << 2
            << u"bad tar header checksum at byte 6656 of the layer; the rest is not listed"_s
            << u"the tar stream stops parsing after 2 entries (libarchive: Damaged tar archive); the rest is not listed"_s;
        QTest::newRow("trailing-junk") << u"trailing-junk.tar"_s << 4 << QString() << QString();
        QTest::newRow("junk")
            << u"junk.tar"_s << 0 << u"bad tar header checksum at byte 0 of the layer; the rest is not listed"_s
            << u"the tar stream stops parsing after 0 entries (libarchive: Unrecognized archive format); the rest is not listed"_s;
        QTest::newRow("empty") << u"empty.tar"_s << 0 << QString() << QString();
    }
    void brokenStreams()
    {
        QFETCH(QString, file);
        QFETCH(int, entriesBefore);
        QFETCH(QString, ownProblem);
        QFETCH(QString, libarchiveProblem);
        const QByteArray bytes = readFile(m_dir.filePath(file));
        const LayerToc own = viaParser(bytes);
        const LayerToc la = viaLibarchive(bytes);
        QCOMPARE(own.entries.size(), entriesBefore);
        QCOMPARE(own.problems.join(u'|'), ownProblem);
        QCOMPARE(la.problems.join(u'|'), libarchiveProblem);
        // Apart from the wording of the problem, the same TOC.
        QStringList d = differences(own, la);
        d.removeIf([](const QString &l) { return l.startsWith(u"problem 0:"_s); });
        QVERIFY2(d.isEmpty(), qPrintable(d.join(u"\n  "_s)));
    }

    void anyChunkSize_data()
    {
        QTest::addColumn<int>("chunk");
        for (int c : {1, 7, 511, 512, 513, 4096, 1 << 20})
            QTest::newRow(qPrintable(QString::number(c))) << c;
    }
    void anyChunkSize()
    {
        QFETCH(int, chunk);
        const QByteArray bytes = readFile(m_dir.filePath(u"py-pax.tar"_s));
        const QStringList d = differences(viaParser(bytes), viaLibarchive(bytes, chunk));
        QVERIFY2(d.isEmpty(), qPrintable(d.join(u"\n  "_s)));
    }

    void entryCap()
    {
        const QByteArray bytes = readFile(m_dir.filePath(u"py-pax.tar"_s));
        const LayerToc own = viaParser(bytes, 5);
        const LayerToc la = viaLibarchive(bytes, 1 << 20, 5);
        QCOMPARE(la.entries.size(), 5);
        QVERIFY(la.capped);
        const QStringList d = differences(own, la);
        QVERIFY2(d.isEmpty(), qPrintable(d.join(u"\n  "_s)));
    }

    void dataHooks()
    {
        // layerfile.cpp's use: the bytes of chosen entries, in order, and a done call for each.
        const QByteArray bytes = readFile(m_dir.filePath(u"py-gnu.tar"_s));
        const auto want = [](const LayerEntry &e) { return e.path.startsWith(u"bin/"_s) || e.path == u"zero"; };
        QMap<qsizetype, QByteArray> ownData, laData;
        QList<qsizetype> ownDone, laDone;
        TarStreamParser::Options po;
        po.wantData = want;
        po.onData = [&](qsizetype i, const char *p, qint64 n) { ownData[i].append(p, n); };
        po.onEntryDone = [&](qsizetype i) { ownDone << i; };
        TarStreamParser p(po);
        QVERIFY(p.feed(bytes.constData(), bytes.size()).ok());
        (void)p.finish();
        ArchiveTarLister::Options lo;
        lo.wantData = want;
        lo.onData = [&](qsizetype i, const char *d, qint64 n) { laData[i].append(d, n); };
        lo.onEntryDone = [&](qsizetype i) { laDone << i; };
        MemoryChunkSource src(bytes, 1000);
        QVERIFY(ArchiveTarLister::list(src, lo).ok());
        QCOMPARE(laDone, ownDone);
        QCOMPARE(laData, ownData);
        QVERIFY(ownData.size() >= 3);
    }

    void sourceErrorsPassThrough()
    {
        class Failing final : public ChunkSource
        {
        public:
            explicit Failing(QByteArray good) : m_good(std::move(good)) {}
            Result<QByteArrayView> next() override
            {
                if (m_calls++ == 0)
                    return QByteArrayView(m_good.constData(), 1024);
                return makeError(ErrorCode::Truncated, u"the blob stopped"_s, u"layer"_s);
            }

        private:
            QByteArray m_good;
            int m_calls = 0;
        };
        Failing src(readFile(m_dir.filePath(u"good.tar"_s)));
        const Result<LayerToc> t = ArchiveTarLister::list(src);
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, ErrorCode::Truncated);
        QCOMPARE(t.error().message, u"the blob stopped"_s);
    }

private:
    QTemporaryDir m_dir;
};

STRATA_TEST_GUILESS_MAIN(TestTarListers)
#include "tst_tarlisters.moc"
