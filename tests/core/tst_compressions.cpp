// SPDX-License-Identifier: MIT
// xz, bzip2 and lz4 through libarchive's filters: outer archives compressed by the xz, bzip2 and
// lz4 tools, docker-save archives whose layer files were compressed afterwards (docker load sniffs
// each; lz4 is refused there, as Docker does), and damaged streams, all made at test time from the
// fixtures by the real tools.
#include "core/io/decompressor.h"
#include "core/io/filterstream.h"
#include "core/io/memorystream.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using mediatype::Compression;

namespace {

// The largest layer file of the docker-archive fixture replaced by `tool -c` of itself; `damage`
// flips one byte in the middle of the compressed file. Returns the new archive's path.
QString recompressedLayerArchive(const QString &dir, const QString &tool, bool damage)
{
    const QString out = dir + u"/layer-"_s + tool + (damage ? u"-damaged"_s : QString()) + u".tar"_s;
    const QString x = dir + u"/x-"_s + tool + (damage ? u"-damaged"_s : QString());
    QString script = u"mkdir -p %1; tar -xf %2 -C %1; cd %1; "
                     "big=$(jq -r '.[0].Layers[]' manifest.json | xargs ls -S | head -1); "
                     "%3 -c \"$big\" > big.tmp; mv big.tmp \"$big\"; "_s.arg(
                         test::shellQuoted(x), test::shellQuoted(test::fixture(u"good/docker-archive.tar"_s)), tool);
    if (damage)
        script += u"python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,\"rb\").read()); "
                  "b[len(b)//2]^=0x40; open(p,\"wb\").write(b)' \"$big\"; "_s;
    script += u"tar -cf %1 *"_s.arg(test::shellQuoted(out));
    test::shellOutput(script);
    return out;
}

// Every node's computed digest and diff_id, in node order: the same archive under another outer
// compression gives the same list.
QStringList computedDigests(const VerifyReport &r)
{
    QList<int> ids = r.results.keys();
    std::sort(ids.begin(), ids.end());
    QStringList out;
    for (int id : ids)
        out << r.results.value(id).computedDigest.toString() + u' ' + r.results.value(id).computedDiffId.toString();
    return out;
}

// Reads `f` to its end or to its first error.
Result<QByteArray> readAll(FilterStream &f, qint64 chunk)
{
    QByteArray out;
    std::vector<char> buf(static_cast<size_t>(chunk));
    for (;;) {
        Result<qint64> n = f.read(buf.data(), chunk);
        if (!n)
            return n.error();
        if (n.value() == 0)
            return out;
        out.append(buf.data(), n.value());
    }
}

VerifyReport verifyPath(const QString &path)
{
    Result<ImageGraphPtr> g = SourceOpener::open(path);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    return Verifier::run(*g.value(), {});
}

} // namespace

class TestCompressions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(FilterStream::handles(Compression::Xz), "libarchive without xz");
        QVERIFY2(FilterStream::handles(Compression::Bzip2), "libarchive without bzip2");
        QVERIFY2(FilterStream::handles(Compression::Lz4), "libarchive without lz4 (liblz4)");
        QVERIFY(!FilterStream::handles(Compression::Gzip)); // ISA-L's
        QVERIFY(!FilterStream::handles(Compression::None));
    }

    void sniffsLz4_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::newRow("frame") << u"lz4 -q -c"_s;
        QTest::newRow("legacy (lz4 -l)") << u"lz4 -q -l -c"_s;
        QTest::newRow("block checksums, 64 KiB blocks") << u"lz4 -q -BX -B4 -c"_s;
    }
    void sniffsLz4()
    {
        QFETCH(QString, tool);
        const QByteArray c = test::shellOutput(u"printf hello | "_s + tool);
        QCOMPARE(sniffCompression(c.constData(), c.size()), Compression::Lz4);
    }

    void filterStreamMatchesTheTool_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("compression");
        QTest::newRow("xz") << u"xz"_s << int(Compression::Xz);
        QTest::newRow("xz -T2 (blocks)") << u"xz -T2 --block-size=65536"_s << int(Compression::Xz);
        QTest::newRow("bzip2") << u"bzip2"_s << int(Compression::Bzip2);
        QTest::newRow("lz4") << u"lz4 -q"_s << int(Compression::Lz4);
        QTest::newRow("lz4 -l (legacy)") << u"lz4 -q -l"_s << int(Compression::Lz4);
        QTest::newRow("lz4 64 KiB linked blocks, block checksums") << u"lz4 -q -B4 -BD -BX"_s << int(Compression::Lz4);
        QTest::newRow("lz4 -9 --content-size") << u"lz4 -q -9 --content-size"_s << int(Compression::Lz4);
    }
    void filterStreamMatchesTheTool()
    {
        QFETCH(QString, tool);
        QFETCH(int, compression);
        const QString plain = m_dir.filePath(u"plain.bin"_s);
        test::shellOutput(u"head -c 1000000 /dev/urandom | base64 > "_s + test::shellQuoted(plain));
        const QByteArray compressed = test::shellOutput(tool + u" -c "_s + test::shellQuoted(plain));
        QCOMPARE(sniffCompression(compressed.constData(), compressed.size()), Compression(compression));
        MemoryStream in(compressed);
        FilterStream f(in, Compression(compression));
        Result<QByteArray> out = readAll(f, 70000);
        QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().toString()));
        QCOMPARE(out.value(), test::shellOutput(u"cat "_s + test::shellQuoted(plain)));
    }

    // The one filter asked for, never another and never the bytes passed through undecoded.
    void otherBytesAreRefused_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("compression");
        QTest::newRow("xz read as lz4") << u"xz -c"_s << int(Compression::Lz4);
        QTest::newRow("lz4 read as bzip2") << u"lz4 -q -c"_s << int(Compression::Bzip2);
        QTest::newRow("plain text read as lz4") << u"cat"_s << int(Compression::Lz4);
    }
    void otherBytesAreRefused()
    {
        QFETCH(QString, tool);
        QFETCH(int, compression);
        MemoryStream in(test::shellOutput(u"seq 1 20000 | "_s + tool));
        FilterStream f(in, Compression(compression));
        Result<QByteArray> out = readAll(f, 1 << 16);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, ErrorCode::Malformed);
        QVERIFY2(out.error().message.contains(mediatype::compressionName(Compression(compression))),
                 qPrintable(out.error().message));
    }

    void truncatedStreamIsAnError_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("compression");
        QTest::newRow("xz") << u"xz -c"_s << int(Compression::Xz);
        QTest::newRow("lz4") << u"lz4 -q -c"_s << int(Compression::Lz4);
        QTest::newRow("lz4 -l (legacy)") << u"lz4 -q -l -c"_s << int(Compression::Lz4);
    }
    void truncatedStreamIsAnError()
    {
        QFETCH(QString, tool);
        QFETCH(int, compression);
        const QByteArray whole = test::shellOutput(u"head -c 200000 /dev/urandom | "_s + tool);
        MemoryStream in(whole.left(whole.size() / 2));
        FilterStream f(in, Compression(compression));
        Result<QByteArray> out = readAll(f, 1 << 16);
        QVERIFY(!out.ok()); // never a clean end
        QVERIFY(!out.error().message.isEmpty());
        QVERIFY(!f.sourceError());
    }

    void outerArchives_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("name");
        for (const QString &fx : {u"docker-archive.tar"_s, u"oci-archive.tar"_s}) {
            QTest::addRow("%s | xz", qPrintable(fx)) << fx << u"xz -T2"_s << u"xz"_s;
            QTest::addRow("%s | bzip2", qPrintable(fx)) << fx << u"bzip2"_s << u"bzip2"_s;
            QTest::addRow("%s | lz4", qPrintable(fx)) << fx << u"lz4 -q"_s << u"lz4"_s;
            QTest::addRow("%s | lz4 -l (legacy)", qPrintable(fx)) << fx << u"lz4 -q -l"_s << u"lz4"_s;
        }
    }
    void outerArchives()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, tool);
        QFETCH(QString, name);
        const QString out = m_dir.filePath(fixture + u'.' + name);
        test::shellOutput(tool + u" -c "_s + test::shellQuoted(test::fixture(u"good/"_s + fixture)) + u" > "_s +
                          test::shellQuoted(out));
        Result<ImageGraphPtr> g = SourceOpener::open(out);
        QVERIFY2(g.ok(), g.ok() ? "" : qPrintable(g.error().toString()));
        QVERIFY2(g.value()->format.contains(name + u"-compressed"_s), qPrintable(g.value()->format));
        const VerifyReport r = Verifier::run(*g.value(), {});
        const VerifyReport plain = verifyPath(test::fixture(u"good/"_s + fixture));
        QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
        QCOMPARE(r.checksPassed, plain.checksPassed);
        QCOMPARE(r.checksTotal, plain.checksTotal);
        QCOMPARE(computedDigests(r), computedDigests(plain));
    }

    // `damage` runs with $f the compressed file. Frame-format lz4 carries a content checksum (the lz4
    // tool's default) and xz a CRC, so damage is an error when opening.
    void damagedOuterArchiveIsReported_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("damage");
        const QString flip = u"printf '\\xff\\xff\\xff\\xff' | dd of=\"$f\" bs=1 seek=2000 conv=notrunc status=none"_s;
        const QString flipMiddle = u"python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,\"rb\").read()); "
                                   "b[len(b)//2]^=0x40; open(p,\"wb\").write(b)' \"$f\""_s;
        const QString cut = u"truncate -s $(($(stat -c %s \"$f\") / 2)) \"$f\""_s;
        QTest::newRow("xz, bytes overwritten") << u"xz"_s << u"xz"_s << flip;
        QTest::newRow("lz4, bytes overwritten") << u"lz4 -q"_s << u"lz4"_s << flip;
        QTest::newRow("lz4, one bit flipped") << u"lz4 -q"_s << u"lz4"_s << flipMiddle;
        QTest::newRow("lz4, truncated") << u"lz4 -q"_s << u"lz4"_s << cut;
        QTest::newRow("lz4 -l, truncated") << u"lz4 -q -l"_s << u"lz4"_s << cut;
        QTest::newRow("lz4, end mark missing") << u"lz4 -q --no-frame-crc"_s << u"lz4"_s << u"truncate -s -4 \"$f\""_s;
    }
    void damagedOuterArchiveIsReported()
    {
        QFETCH(QString, tool);
        QFETCH(QString, name);
        QFETCH(QString, damage);
        const QString out = m_dir.filePath(
            u"damaged-%1.tar.%2"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')).arg(name));
        test::shellOutput(u"f=%1; %2 -c %3 > \"$f\"; %4"_s.arg(
            test::shellQuoted(out), tool, test::shellQuoted(test::fixture(u"good/docker-archive.tar"_s)), damage));
        Result<ImageGraphPtr> g = SourceOpener::open(out);
        QVERIFY(!g.ok());
        QVERIFY2(g.error().toString().contains(name), qPrintable(g.error().toString()));
        QVERIFY2(g.error().toString().contains(out), qPrintable(g.error().toString())); // names the file
    }

    // Legacy lz4 (lz4 -l) has no checksum: a flipped bit changes the tar, which opening or verifying
    // reports, but never as a clean image and never a crash.
    void damagedLegacyLz4IsReported()
    {
        const QString out = m_dir.filePath(u"damaged-legacy.tar.lz4"_s);
        test::shellOutput(
            u"f=%1; lz4 -q -l -c %2 > \"$f\"; python3 -c 'import sys; p=sys.argv[1]; "
            "b=bytearray(open(p,\"rb\").read()); b[len(b)//2]^=0x40; open(p,\"wb\").write(b)' \"$f\""_s.arg(
                test::shellQuoted(out), test::shellQuoted(test::fixture(u"good/docker-archive.tar"_s))));
        Result<ImageGraphPtr> g = SourceOpener::open(out);
        if (!g.ok()) {
            QVERIFY2(g.error().toString().contains(out), qPrintable(g.error().toString()));
            return;
        }
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(!r.ok(), qPrintable(test::problemsText(r.problems)));
    }

    // docker load sniffs each layer file of a docker-save archive: a layer compressed afterwards
    // (the config's diff_ids unchanged) verifies clean, its diff_id computed over the decompressed bytes.
    void layerCompressedAfterwards_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("compression");
        QTest::newRow("xz") << u"xz"_s << int(Compression::Xz);
        QTest::newRow("bzip2") << u"bzip2"_s << int(Compression::Bzip2);
    }
    void layerCompressedAfterwards()
    {
        QFETCH(QString, tool);
        QFETCH(int, compression);
        const QString path = recompressedLayerArchive(m_dir.path(), tool, false);
        Result<ImageGraphPtr> g = SourceOpener::open(path);
        QVERIFY(g.ok());
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
        int compressedLayers = 0;
        for (int id : g.value()->images[0].layerNodes) {
            const NodeResult &n = r.results.value(id);
            QCOMPARE(n.status, CheckStatus::Verified);
            QCOMPARE(n.computedDiffId, *g.value()->nodes[id].expectedDiffId);
            if (n.compression == Compression(compression)) {
                ++compressedLayers;
                QVERIFY(n.computedDigest != n.computedDiffId); // the stored bytes are the compressed ones
            }
        }
        QCOMPARE(compressedLayers, 1);
    }

    void damagedLayerIsReported_data() { layerCompressedAfterwards_data(); }
    void damagedLayerIsReported()
    {
        QFETCH(QString, tool);
        const VerifyReport r = verifyPath(recompressedLayerArchive(m_dir.path(), tool, true));
        QVERIFY(!r.ok());
        const QString text = test::problemsText(r.problems);
        QVERIFY2(text.contains(u"cannot be decompressed"_s), qPrintable(text));
        QVERIFY2(text.contains(u".tar"_s), qPrintable(text)); // names the layer file
    }

    // lz4 is for outer archives only: Docker refuses an lz4 layer (moby DecompressStream), so one is an
    // error that says so, with no diff_id claimed.
    void lz4LayerIsUnsupported()
    {
        const QString path = recompressedLayerArchive(m_dir.path(), u"lz4"_s, false);
        Result<ImageGraphPtr> g = SourceOpener::open(path);
        QVERIFY(g.ok());
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY(!r.ok());
        const QString text = test::problemsText(r.problems);
        QVERIFY2(text.contains(u"lz4-compressed layer"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Docker does not accept lz4 layers"_s), qPrintable(text));
        int lz4Layers = 0;
        for (int id : g.value()->images[0].layerNodes) {
            const NodeResult &n = r.results.value(id);
            if (n.compression != Compression::Lz4) {
                QCOMPARE(n.status, CheckStatus::Verified);
                continue;
            }
            ++lz4Layers;
            QCOMPARE(n.status, CheckStatus::Unverifiable);
            QVERIFY(n.computedDiffId.isNull());
        }
        QCOMPARE(lz4Layers, 1);
        for (const Problem &p : r.problems)
            QVERIFY2(p.kind != ProblemKind::DiffIdMismatch, qPrintable(p.message)); // never mis-hashed
    }

private:
    QTemporaryDir m_dir;
};

STRATA_TEST_GUILESS_MAIN(TestCompressions)
#include "tst_compressions.moc"
