// SPDX-License-Identifier: MIT
// core/trust's cryptography against keys, signatures and a PKI made at test time by the openssl CLI
// (tests/fixtures/make-trust-material.sh), and Rekor's signed entry timestamp in containers/image's fixture.
#include "core/signatures/storedsignature.h"
#include "core/trust/publickey.h"
#include "core/trust/rekorset.h"
#include "core/trust/x509chain.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::trust;
using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), Qt::UTC);
}

} // namespace

class TrustPrimitivesTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    PublicKey key(const QString &name) const
    {
        Result<QList<PublicKey>> k = loadPublicKeys({path(name)});
        if (!k)
            qFatal("%s", qPrintable(k.error().toString()));
        return k->first();
    }
    Certificate cert(const QString &name) const
    {
        Result<QList<Certificate>> c = loadCertificates({path(name)});
        if (!c)
            qFatal("%s", qPrintable(c.error().toString()));
        return c->first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::shellOutput(u"bash %1/tests/fixtures/make-trust-material.sh %2"_s.arg(
            test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR)), test::shellQuoted(m_dir.path())));
    }

    void signatures_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<int>("padding");
        QTest::newRow("ECDSA P-256") << u"p256"_s << u"ECDSA P-256"_s << 0;
        QTest::newRow("ECDSA P-384 (SHA-384)") << u"p384"_s << u"ECDSA P-384"_s << 0;
        QTest::newRow("ECDSA P-521 (SHA-512)") << u"p521"_s << u"ECDSA P-521"_s << 0;
        QTest::newRow("RSA PKCS#1 v1.5") << u"rsa-pkcs1"_s << u"RSA 2048"_s << int(SignatureParams::RsaPadding::Pkcs1);
        QTest::newRow("RSA PSS") << u"rsa-pss"_s << u"RSA 2048"_s << int(SignatureParams::RsaPadding::Pss);
        QTest::newRow("Ed25519") << u"ed25519"_s << u"Ed25519"_s << 0;
    }
    void signatures()
    {
        QFETCH(QString, kind);
        QFETCH(QString, algorithm);
        QFETCH(int, padding);
        const PublicKey k = key(kind + u".pub"_s);
        QCOMPARE(k.algorithm(), algorithm);
        QCOMPARE(k.label(), kind + u".pub"_s);
        const QByteArray msg = test::readFile(path(u"msg"_s));
        const QByteArray sig = test::readFile(path(kind + u".sig"_s));
        SignatureParams p;
        p.rsaPadding = SignatureParams::RsaPadding(padding);
        Status good = k.verify(msg, sig, p);
        QVERIFY2(good.ok(), good.ok() ? "" : qPrintable(good.error().toString()));
        QVERIFY(k.verify(msg, sig).ok()); // the default tries what fits the key

        QByteArray flipped = msg;
        flipped[3] = char(flipped[3] ^ 1);
        Status bad = k.verify(flipped, sig);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"does not verify with key "_s + algorithm),
                 qPrintable(bad.error().message));
        QVERIFY(bad.error().message.contains(kind + u".pub"_s));
        // Another key of the same type never verifies it.
        const PublicKey other = key(kind == "p256"_L1 ? u"p384.pub"_s : u"p256.pub"_s);
        QVERIFY(!other.verify(msg, sig).ok());
    }

    void prehashed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("ECDSA P-256") << u"p256"_s;
        QTest::newRow("RSA PKCS#1 v1.5") << u"rsa-pkcs1"_s;
        QTest::newRow("RSA PSS") << u"rsa-pss"_s;
    }
    void prehashed()
    {
        // A messageSignature's verifier may only know the artifact's sha256.
        QFETCH(QString, kind);
        const QByteArray digest = QCryptographicHash::hash(test::readFile(path(u"msg"_s)), QCryptographicHash::Sha256);
        const PublicKey k = key(kind + u".pub"_s);
        Status s = k.verifyDigest(digest, test::readFile(path(kind + u".sig"_s)), {HashAlgorithm::Sha256});
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().toString()));
        QByteArray other = digest;
        other[0] = char(other[0] ^ 1);
        QVERIFY(!k.verifyDigest(other, test::readFile(path(kind + u".sig"_s)), {HashAlgorithm::Sha256}).ok());
        QVERIFY(!k.verifyDigest(digest.left(20), test::readFile(path(kind + u".sig"_s)), {HashAlgorithm::Sha256}).ok());
    }

    void ed25519NeedsTheMessage()
    {
        const QByteArray digest = QCryptographicHash::hash(test::readFile(path(u"msg"_s)), QCryptographicHash::Sha256);
        Status s = key(u"ed25519.pub"_s).verifyDigest(digest, test::readFile(path(u"ed25519.sig"_s)));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Unsupported);
    }

    void wrongPaddingIsRefused()
    {
        const PublicKey k = key(u"rsa-pss.pub"_s);
        SignatureParams p;
        p.rsaPadding = SignatureParams::RsaPadding::Pkcs1;
        QVERIFY(!k.verify(test::readFile(path(u"msg"_s)), test::readFile(path(u"rsa-pss.sig"_s)), p).ok());
        p.rsaPadding = SignatureParams::RsaPadding::Pss;
        p.pssSaltLength = 20; // signed with 32
        QVERIFY(!k.verify(test::readFile(path(u"msg"_s)), test::readFile(path(u"rsa-pss.sig"_s)), p).ok());
        p.pssSaltLength = 32;
        QVERIFY(k.verify(test::readFile(path(u"msg"_s)), test::readFile(path(u"rsa-pss.sig"_s)), p).ok());
    }

    void oldRsaPemAndSameKey()
    {
        const PublicKey spki = key(u"rsa-pkcs1.pub"_s);
        const PublicKey old = key(u"rsa-pkcs1.rsapub"_s);
        QVERIFY(spki.sameKey(old));
        QCOMPARE(spki.sha256Hex(), old.sha256Hex());
        QVERIFY(!spki.sameKey(key(u"p256.pub"_s)));
        // The key ID is sha256 of the DER SubjectPublicKeyInfo, as openssl computes it.
        const QByteArray expected =
            test::shellOutput(u"openssl pkey -pubin -in %1 -outform DER | sha256sum | cut -c1-64"_s.arg(
                                  test::shellQuoted(path(u"rsa-pkcs1.pub"_s))))
                .trimmed();
        QCOMPARE(spki.sha256Hex().toLatin1(), expected);
    }

    void rawEcdsa()
    {
        // openssl's DER signature as r||s (asn1parse prints both INTEGERs), back to DER, verifies.
        const QByteArray parsed = test::shellOutput(
            u"openssl asn1parse -inform DER -in %1 | grep INTEGER"_s.arg(test::shellQuoted(path(u"p256.sig"_s))));
        QByteArray raw;
        for (const QByteArray &line : parsed.trimmed().split('\n')) {
            QByteArray half = QByteArray::fromHex(line.mid(line.lastIndexOf(':') + 1).trimmed());
            while (half.size() > 32 && half.startsWith('\0'))
                half.remove(0, 1);
            raw += QByteArray(32 - half.size(), '\0') + half;
        }
        QCOMPARE(raw.size(), 64);
        SignatureParams p;
        p.rawEcdsa = true;
        const PublicKey k = key(u"p256.pub"_s);
        Status s = k.verify(test::readFile(path(u"msg"_s)), raw, p);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().toString()));
        Status shortSig = k.verify(test::readFile(path(u"msg"_s)), raw.left(63), p);
        QVERIFY(!shortSig.ok());
        QVERIFY(shortSig.error().message.contains(u"r||s of this curve is 64 bytes"_s));
        QVERIFY(ecdsaRawToDer(QByteArray("abc")).isEmpty());
    }

    void notKeys()
    {
        Result<PublicKey> cert = PublicKey::fromPem(test::readFile(path(u"root.pem"_s)), u"root.pem"_s);
        QVERIFY(!cert);
        QVERIFY(cert.error().message.contains(u"PUBLIC KEY"_s));
        Result<QList<PublicKey>> missing = loadPublicKeys({path(u"nope.pub"_s)});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(missing.error().context.endsWith(u"nope.pub"_s));
    }

    void chains_data()
    {
        QTest::addColumn<QStringList>("intermediates");
        QTest::addColumn<QStringList>("roots");
        QTest::addColumn<QDateTime>("at");
        QTest::addColumn<QString>("error"); // empty: verifies
        QTest::addColumn<int>("length");
        const QStringList inter{u"inter.pem"_s};
        QTest::newRow("to the root") << inter << QStringList{u"root.pem"_s} << utc(2024, 5, 1) << QString() << 3;
        QTest::newRow("to a pinned intermediate")
            << QStringList() << QStringList{u"inter.pem"_s} << utc(2024, 5, 1) << QString() << 2;
        QTest::newRow("other root") << inter << QStringList{u"other-root.pem"_s} << utc(2024, 5, 1)
                                    << u"untrusted root"_s << 0;
        QTest::newRow("intermediate missing")
            << QStringList() << QStringList{u"root.pem"_s} << utc(2024, 5, 1) << u"untrusted root"_s << 0;
        QTest::newRow("leaf expired at signing")
            << inter << QStringList{u"root.pem"_s} << utc(2030, 6, 1) << u"had expired at 2030-06-01T12:00:00Z"_s << 0;
        QTest::newRow("leaf not yet valid") << inter << QStringList{u"root.pem"_s} << utc(2019, 6, 1)
                                            << u"was not yet valid at 2019-06-01T12:00:00Z"_s << 0;
    }
    void chains()
    {
        QFETCH(QStringList, intermediates);
        QFETCH(QStringList, roots);
        QFETCH(QDateTime, at);
        QFETCH(QString, error);
        QFETCH(int, length);
        QList<Certificate> inter, trusted;
        for (const QString &i : intermediates)
            inter << cert(i);
        for (const QString &r : roots)
            trusted << cert(r);
        Result<QList<Certificate>> r = verifyCertificateChain(cert(u"leaf.pem"_s), inter, trusted, at);
        if (error.isEmpty()) {
            QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
            QCOMPARE(r->size(), length);
            QCOMPARE(r->first().summary().emails, QStringList{u"signer@example.com"_s});
        } else {
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message.contains(error), qPrintable(r.error().message));
        }
    }

    void leafKeyVerifies()
    {
        Result<PublicKey> k = cert(u"leaf.pem"_s).publicKey();
        QVERIFY(k.ok());
        QCOMPARE(k->algorithm(), u"ECDSA P-256"_s);
        QVERIFY(k->verify(test::readFile(path(u"msg"_s)), test::readFile(path(u"leaf.sig"_s))).ok());
    }

    void rekorSignedEntryTimestamp()
    {
        // containers/image's key + Rekor fixture: the SET verifies with rekor.pub over the canonical payload.
        const QString dir = test::publicFixture(u"signatures/containers-image"_s);
        Result<StoredSignature> s = parseStoredSignature(
            test::readFile(dir + u"/dir-img-cosign-key-rekor-valid/signature-1"_s), u"signature-1"_s);
        QVERIFY(s.ok());
        QVERIFY(s->rekor);
        const RekorPromise &p = *s->rekor;
        RekorEntryFields e{p.bodyBase64, p.integratedTime.toSecsSinceEpoch(), p.logIndex, p.logId};
        QVERIFY(rekorCanonicalPayload(e).startsWith("{\"body\":\"eyJhcGlWZXJzaW9uIjoiMC4wLjEi"));
        Result<QList<PublicKey>> rekor = loadPublicKeys({dir + u"/rekor.pub"_s});
        QVERIFY(rekor.ok());
        Result<PublicKey> used = verifySignedEntryTimestamp(e, p.signedEntryTimestamp, rekor.value());
        QVERIFY2(used.ok(), used.ok() ? "" : qPrintable(used.error().toString()));
        QCOMPARE(used->label(), u"rekor.pub"_s);

        RekorEntryFields tampered = e;
        tampered.integratedTime += 1;
        Result<PublicKey> bad = verifySignedEntryTimestamp(tampered, p.signedEntryTimestamp, rekor.value());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"does not verify"_s), qPrintable(bad.error().message));
        // A key that is not the log's: said so, not "does not verify".
        Result<PublicKey> wrong = verifySignedEntryTimestamp(e, p.signedEntryTimestamp, {key(u"p256.pub"_s)});
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().message.contains(u"has the entry's log ID"_s), qPrintable(wrong.error().message));
    }
};

STRATA_TEST_APPLESS_MAIN(TrustPrimitivesTest)
#include "tst_trustprimitives.moc"
