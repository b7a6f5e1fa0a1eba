// SPDX-License-Identifier: MIT
// xz and bzip2 through libarchive's filters: outer archives compressed by the xz and bzip2 tools,
// docker-save archives whose layer files were compressed afterwards (docker load sniffs each), and
// damaged streams, all made at test time from the fixtures by the real tools.
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
    }

    void filterStreamMatchesTheTool_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::newRow("xz") << u"xz"_s;
        QTest::newRow("xz -T2 (blocks)") << u"xz -T2 --block-size=65536"_s;
        QTest::newRow("bzip2") << u"bzip2"_s;
    }
    void filterStreamMatchesTheTool()
    {
        QFETCH(QString, tool);
        const QString plain = m_dir.filePath(u"plain.bin"_s);
        test::shellOutput(u"head -c 1000000 /dev/urandom | base64 > "_s + test::shellQuoted(plain));
        const QByteArray compressed = test::shellOutput(tool + u" -c "_s + test::shellQuoted(plain));
        MemoryStream in(compressed);
        FilterStream f(in);
        QByteArray out;
        std::vector<char> buf(70000);
        for (;;) {
            Result<qint64> n = f.read(buf.data(), static_cast<qint64>(buf.size()));
            QVERIFY2(n.ok(), n.ok() ? "" : qPrintable(n.error().toString()));
            if (n.value() == 0)
                break;
            out.append(buf.data(), n.value());
        }
        QCOMPARE(out, test::shellOutput(u"cat "_s + test::shellQuoted(plain)));
    }

    void truncatedStreamIsAnError()
    {
        const QByteArray whole = test::shellOutput(u"head -c 200000 /dev/urandom | xz -c"_s);
        MemoryStream in(whole.left(whole.size() / 2));
        FilterStream f(in);
        std::vector<char> buf(1 << 16);
        Result<qint64> n = qint64(1);
        while (n && n.value() > 0)
            n = f.read(buf.data(), static_cast<qint64>(buf.size()));
        QVERIFY(!n.ok()); // never a clean end
        QVERIFY(!n.error().message.isEmpty());
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
    }

    void damagedOuterArchiveIsReported()
    {
        const QString out = m_dir.filePath(u"damaged.tar.xz"_s);
        test::shellOutput(u"xz -c "_s + test::shellQuoted(test::fixture(u"good/docker-archive.tar"_s)) + u" > "_s +
                          test::shellQuoted(out) + u"; printf '\\xff\\xff\\xff\\xff' | dd of="_s +
                          test::shellQuoted(out) + u" bs=1 seek=2000 conv=notrunc status=none"_s);
        Result<ImageGraphPtr> g = SourceOpener::open(out);
        QVERIFY(!g.ok());
        QVERIFY2(g.error().toString().contains(u"xz"_s), qPrintable(g.error().toString()));
        QVERIFY2(g.error().toString().contains(out), qPrintable(g.error().toString())); // names the file
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

private:
    QTemporaryDir m_dir;
};

STRATA_TEST_GUILESS_MAIN(TestCompressions)
#include "tst_compressions.moc"
