// SPDX-License-Identifier: MIT
// Digest grammar (go-digest TestParseDigest and image-spec descriptor vectors) and chain IDs.
#include "core/digest.h"
#include "core/hasher.h"
#include "tests/common/hermeticenv.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

class TestDigest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("verifiable");
        const QString hex64 = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
        QTest::newRow("sha256") << u"sha256:"_s + hex64 << true << true;
        QTest::newRow("sha512") << u"sha512:"_s + hex64 + hex64 << true << true;
        QTest::newRow("empty") << QString() << false << false;
        QTest::newRow("no-encoded") << u"sha256:"_s << false << false;
        QTest::newRow("colon-only") << u":"_s << false << false;
        QTest::newRow("bare-md5") << u"d41d8cd98f00b204e9800998ecf8427e"_s << false << false;
        QTest::newRow("short-sha256") << u"sha256:abcdef0123456789"_s << false << false;
        QTest::newRow("long-sha256") << u"sha256:"_s + hex64 + u"00"_s << false << false;
        QTest::newRow("sha256-with-128-hex") << u"sha256:"_s + hex64 + hex64 << false << false;
        QTest::newRow("uppercase-hex") << u"sha256:"_s + hex64.toUpper() << false << false;
        QTest::newRow("uppercase-algorithm") << u"SHA256:"_s + hex64 << false << false;
        QTest::newRow("traversal") << u"sha256:../../etc/passwd"_s << false << false;
        QTest::newRow("slash-in-encoded") << u"sha256:ab/cd"_s << false << false;
        QTest::newRow("double-separator") << u"sha384__foo+bar:"_s + hex64 << false << false;
        QTest::newRow("separator-plus-dash") << u"sha256+foo+-b:"_s + hex64 << false << false;
        QTest::newRow("unregistered-b64")
            << u"sha256+b64:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564"_s << true << false;
        QTest::newRow("unregistered-dotted") << u"sha256.foo-bar:"_s + hex64 << true << false;
        QTest::newRow("multihash") << u"multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8"_s << true
                                   << false;
        QTest::newRow("blake3-registered") << u"blake3:"_s + hex64 << true << false;
        QTest::newRow("blake3-short") << u"blake3:abcd"_s << false << false;
        QTest::newRow("nul") << u"sha256:ab\0cd"_s << false << false;
    }
    void parse()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(bool, verifiable);
        const Result<Digest> d = Digest::parse(input);
        QCOMPARE(d.ok(), valid);
        if (valid) {
            QCOMPARE(d->toString(), input);
            QCOMPARE(d->isVerifiable(), verifiable);
        } else {
            QCOMPARE(d.error().code, ErrorCode::Malformed);
            QVERIFY(!d.error().message.isEmpty());
        }
    }

    void knownVectors()
    {
        // sha256 of empty input, of an empty tar (the DiffID in image-spec config.md's example), and the OCI
        // empty JSON (image-spec manifest.md §Guidance for an Empty Descriptor).
        QCOMPARE(sha256Of(QByteArray()).toString(),
                 u"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
        QCOMPARE(sha256Of(QByteArray(1024, '\0')).toString(),
                 u"sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"_s);
        QCOMPARE(sha256Of("{}").toString(),
                 u"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"_s);
    }

    void streamingEqualsOneShot()
    {
        QByteArray data;
        for (int i = 0; i < 100000; ++i)
            data.append(char(i * 7));
        Hasher h;
        for (qsizetype off = 0; off < data.size(); off += 4093)
            h.update(data.constData() + off, static_cast<size_t>(qMin<qsizetype>(4093, data.size() - off)));
        QCOMPARE(h.bytesHashed(), quint64(data.size()));
        QCOMPARE(h.finish(), sha256Of(data));
    }

    void sha512()
    {
        Hasher h(DigestAlgorithm::Sha512);
        h.update("abc", 3);
        QCOMPARE(
            h.finish().toString(),
            u"sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"_s);
    }

    void chainIdVector()
    {
        // image-spec identity/chainid_test.go construction; value computed with Python hashlib.
        // ChainID works on strings; these deliberately invalid digests cannot be parsed, so the
        // construction is checked with valid digests and recomputed by hand.
        const Digest a = sha256Of("a"), b = sha256Of("b"), c = sha256Of("c");
        QCOMPARE(chainId({a}), a);
        const Digest ab = sha256Of(QByteArray(a.toString().toLatin1() + ' ' + b.toString().toLatin1()));
        QCOMPARE(chainId({a, b}), ab);
        QCOMPARE(chainId({a, b, c}), sha256Of(QByteArray(ab.toString().toLatin1() + ' ' + c.toString().toLatin1())));
        QVERIFY(chainId({}).isNull());
    }

    void shortString()
    {
        const Digest d = sha256Of("x");
        QCOMPARE(d.shortString(), u"sha256:"_s + d.encoded().left(12));
    }
};

STRATA_TEST_APPLESS_MAIN(TestDigest)
#include "tst_digest.moc"
