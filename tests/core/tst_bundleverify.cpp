// SPDX-License-Identifier: MIT
// Sigstore bundle verification (core/trust/bundleverify.h) and `strata verify-bundle`: sigstore-go's own bundles
// with its key and the public-good trusted root, bundles made at test time by @sigstore/sign against
// @sigstore/mock's Fulcio, Rekor and TSA (tests/npm/make-bundles.mjs), negative variants of both made here, the
// RFC 9162 inclusion proof against an independent recursive RFC 6962 tree, and hostile bounds.
#include "core/trust/bundleverify.h"
#include "core/trust/checkpoint.h"
#include "core/trust/merkleproof.h"
#include "core/trust/sctverify.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/trustlimits.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <openssl/ct.h>
#include <openssl/x509v3.h>

using namespace strata;
using namespace strata::trust;
using namespace Qt::StringLiterals;

namespace {

const auto ProvenanceIdentity =
    u"https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"_s;
const auto GithubIssuer = u"https://token.actions.githubusercontent.com"_s;
// The npm tarball sigstore@1.3.0 both sigstore-go bundles name (their in-toto subject).
const auto NpmTarball =
    u"sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751"_s;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QString sigstoreGo(const QString &name)
{
    return test::publicFixture(u"signatures/sigstore-go/"_s + name);
}

BundleSubject digestSubject(const QString &text)
{
    BundleSubject s;
    s.artifactDigest = Digest::parse(text).value();
    return s;
}

BundleSubject bytesSubject(const QByteArray &bytes)
{
    BundleSubject s;
    s.artifact = bytes;
    s.artifactDigest =
        Digest::fromRaw(DigestAlgorithm::Sha256, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
    return s;
}

// Sets the member at `path` ("a/b/0/c": object members and array indices) of a JSON document.
QJsonValue setPath(QJsonValue node, QStringList path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString head = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = head.toInt();
        a[i] = setPath(a[i], path, value);
        return a;
    }
    QJsonObject o = node.toObject();
    o[head] = setPath(o.value(head), path, value);
    return o;
}

QJsonValue getPath(QJsonValue node, const QStringList &path)
{
    for (const QString &p : path)
        node = node.isArray() ? node.toArray().at(p.toInt()) : node.toObject().value(p);
    return node;
}

using Mutation = std::function<QJsonObject(QJsonObject)>;

Mutation setMember(const QString &path, const QJsonValue &v)
{
    return [=](QJsonObject o) { return setPath(o, path.split(u'/'), v).toObject(); };
}

// Flips one byte of the base64 value at `path` (decoded, flipped at `at`, encoded again).
Mutation flipByte(const QString &path, int at = 10)
{
    return [=](QJsonObject o) {
        QByteArray b = QByteArray::fromBase64(getPath(o, path.split(u'/')).toString().toLatin1());
        b[at % b.size()] = char(b[at % b.size()] ^ 0x01);
        return setPath(o, path.split(u'/'), QString::fromLatin1(b.toBase64())).toObject();
    };
}

QByteArray mutate(const QByteArray &bundle, const Mutation &m)
{
    return QJsonDocument(m(QJsonDocument::fromJson(bundle).object())).toJson(QJsonDocument::Compact);
}

// RFC 6962 §2.1: MTH and PATH, written recursively as the RFC states them (independent of the iterative check).
QByteArray mth(const QList<QByteArray> &leaves, qsizetype from, qsizetype n)
{
    if (n == 1)
        return merkleLeafHash(leaves[from]);
    qsizetype k = 1;
    while (k * 2 < n)
        k *= 2;
    return merkleNodeHash(mth(leaves, from, k), mth(leaves, from + k, n - k));
}

QList<QByteArray> path(const QList<QByteArray> &leaves, qsizetype m, qsizetype from, qsizetype n)
{
    if (n == 1)
        return {};
    qsizetype k = 1;
    while (k * 2 < n)
        k *= 2;
    if (m < k)
        return path(leaves, m, from, k) << mth(leaves, from + k, n - k);
    return path(leaves, m - k, from + k, n - k) << mth(leaves, from, k);
}

bool run(const QString &program, const QStringList &args, QString *out, int timeoutMs = 600000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool done = p.waitForFinished(timeoutMs);
    *out = QString::fromUtf8(p.readAll());
    return done && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

struct CliResult
{
    int exitCode = -1;
    QString out, err;
};

CliResult runStrata(const QStringList &args)
{
    QProcess p;
    p.start(test::strataBinary(), QStringList{u"verify-bundle"_s} + args);
    p.waitForFinished(120000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class BundleVerifyTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    SigstoreTrust m_publicGood;
    QString m_mock; // the folder make-bundles.mjs wrote
    QByteArray m_artifact;

    SigstoreTrust trustWith(const TrustOptions &o)
    {
        Result<SigstoreTrust> t = loadSigstoreTrust(o);
        if (!t)
            qFatal("%s", qPrintable(t.error().toString()));
        return t.value();
    }

    QString mockFile(const QString &name) const { return m_mock + u'/' + name; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        TrustOptions o;
        o.trustedRootFile = sigstoreGo(u"trusted-root-public-good.json"_s);
        o.certificateIdentity = ProvenanceIdentity;
        o.certificateOidcIssuer = GithubIssuer;
        m_publicGood = trustWith(o);
    }

    // The public-good root, counted against the document with jq-free Python-free reading: the numbers are the
    // fixture README's (2 Fulcio CAs, 1 Rekor, 2 CT logs, 1 TSA).
    void trustedRootPublicGood()
    {
        const SigstoreTrust &t = m_publicGood;
        QCOMPARE(t.certificateAuthorities.size(), 2);
        QCOMPARE(t.tlogs.size(), 1);
        QCOMPARE(t.ctlogs.size(), 2);
        QCOMPARE(t.timestampAuthorities.size(), 1);
        QCOMPARE(t.tlogs[0].baseUrl, u"https://rekor.sigstore.dev"_s);
        // A Rekor log ID is the sha256 of its key's SubjectPublicKeyInfo.
        QCOMPARE(t.tlogs[0].logIdHex, t.tlogs[0].key.sha256Hex());
        QCOMPARE(t.tlogs[0].logIdHex, u"c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d"_s);
        QCOMPARE(t.tlogs[0].validFrom, QDateTime(QDate(2021, 1, 12), QTime(11, 53, 27), Qt::UTC));
        QVERIFY(!t.tlogs[0].validUntil.isValid());
        // The first Fulcio CA ended with 2022; the second is open.
        QCOMPARE(t.certificateAuthorities[0].validUntil,
                 QDateTime(QDate(2022, 12, 31), QTime(23, 59, 59, 999), Qt::UTC));
        QVERIFY(!t.certificateAuthorities[1].validUntil.isValid());
        QCOMPARE(t.certificateAuthorities[1].chain.size(), 2);
        QCOMPARE(t.certificateAuthorities[1].uri, u"https://fulcio.sigstore.dev"_s);
        QCOMPARE(t.identity.identity, ProvenanceIdentity);
    }

    void trustedRootHostile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray good = readAll(sigstoreGo(u"trusted-root-public-good.json"_s));
        QTest::newRow("not json") << QByteArray("{") << u"not valid JSON"_s;
        QTest::newRow("other media type")
            << mutate(good, setMember(u"mediaType"_s, u"application/json"_s)) << u"not a Sigstore trusted root"_s;
        QTest::newRow("key not base64") << mutate(good, setMember(u"tlogs/0/publicKey/rawBytes"_s, u"!!"_s))
                                        << u"not base64 DER"_s;
        QTest::newRow("key not DER") << mutate(good, setMember(u"tlogs/0/publicKey/rawBytes"_s, u"AAAA"_s))
                                     << u"tlogs[0]"_s;
        QTest::newRow("bad time") << mutate(good, setMember(u"tlogs/0/publicKey/validFor/start"_s, u"yesterday"_s))
                                  << u"not an RFC 3339 time"_s;
        QJsonArray many;
        const QJsonValue one = QJsonDocument::fromJson(good).object().value("tlogs"_L1).toArray().at(0);
        for (int i = 0; i <= limits::MaxTrustedRootEntries; ++i)
            many << one;
        QTest::newRow("101 tlogs") << mutate(good, setMember(u"tlogs"_s, many)) << u"at most 100"_s;
        QJsonArray chain;
        const QJsonValue cert = getPath(QJsonDocument::fromJson(good).object(),
                                        u"certificateAuthorities/1/certChain/certificates/0"_s.split(u'/'));
        for (int i = 0; i < 11; ++i)
            chain << cert;
        QTest::newRow("chain of 11") << mutate(good,
                                               setMember(u"certificateAuthorities/1/certChain/certificates"_s, chain))
                                     << u"at most 10"_s;
    }

    void trustedRootHostile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        Result<SigstoreTrust> t = parseTrustedRoot(json, u"root.json"_s);
        QVERIFY(!t);
        QVERIFY2(t.error().toString().contains(expected), qPrintable(t.error().toString()));
    }

    // Every leaf of every tree up to 40 leaves, proved by the RFC's recursive PATH and checked iteratively.
    void inclusionProofAgainstRecursiveTree()
    {
        QList<QByteArray> leaves;
        int checked = 0;
        for (int n = 1; n <= 40; ++n) {
            leaves << "leaf " + QByteArray::number(n);
            const QByteArray root = mth(leaves, 0, n);
            for (int m = 0; m < n; ++m) {
                const QList<QByteArray> p = path(leaves, m, 0, n);
                const QByteArray leaf = merkleLeafHash(leaves[m]);
                Status ok = verifyInclusionProof(leaf, m, n, p, root);
                QVERIFY2(ok, qPrintable(u"n=%1 m=%2: %3"_s.arg(n).arg(m).arg(ok ? QString() : ok.error().message)));
                ++checked;
                if (!p.isEmpty()) {
                    QVERIFY(!verifyInclusionProof(leaf, m, n, p.mid(0, p.size() - 1), root));           // truncated
                    QVERIFY(!verifyInclusionProof(leaf, m, n, QList<QByteArray>(p) << p.last(), root)); // too long
                    QList<QByteArray> bad = p;
                    bad[0][0] = char(bad[0][0] ^ 1);
                    QVERIFY(!verifyInclusionProof(leaf, m, n, bad, root));
                }
                if (n > 1)
                    QVERIFY(!verifyInclusionProof(leaf, (m + 1) % n, n, p, root)); // another index
            }
        }
        QCOMPARE(checked, 40 * 41 / 2);
    }

    void inclusionProofBounds()
    {
        const QByteArray leaf = merkleLeafHash("x");
        const QList<QByteArray> twoHashes{merkleLeafHash("a"), merkleLeafHash("b")};
        // A huge tree with a short path: refused at once, not walked.
        QElapsedTimer t;
        t.start();
        Status huge = verifyInclusionProof(leaf, 5, std::numeric_limits<qint64>::max(), twoHashes, leaf);
        QVERIFY(!huge);
        QVERIFY2(huge.error().message.contains(u"too few"_s), qPrintable(huge.error().message));
        QVERIFY(t.elapsed() < 100);
        QList<QByteArray> tooMany;
        for (int i = 0; i <= limits::MaxProofHashes; ++i)
            tooMany << leaf;
        Status many = verifyInclusionProof(leaf, 0, std::numeric_limits<qint64>::max(), tooMany, leaf);
        QVERIFY(!many);
        QCOMPARE(many.error().code, ErrorCode::TooLarge);
        QVERIFY(!verifyInclusionProof(leaf, 3, 3, {}, leaf));  // index outside the tree
        QVERIFY(!verifyInclusionProof(leaf, -1, 3, {}, leaf)); // negative index
        QVERIFY(!verifyInclusionProof(leaf, 0, 0, {}, leaf));  // empty tree
        QVERIFY(!verifyInclusionProof(leaf, 0, 2, {"short"}, leaf));
    }

    void checkpointHostile_data()
    {
        QTest::addColumn<QByteArray>("note");
        QTest::addColumn<QString>("expected");
        const QByteArray root = QByteArray(32, 'r').toBase64();
        const QByteArray sig = "\xe2\x80\x94 log " + QByteArray(40, 's').toBase64() + "\n";
        QTest::newRow("no blank line") << QByteArray("log\n1\n" + root + "\n" + sig) << u"no blank line"_s;
        QTest::newRow("size not decimal") << QByteArray("log\n-1\n" + root + "\n\n" + sig) << u"not a decimal"_s;
        QTest::newRow("size overflows") << QByteArray("log\n99999999999999999999\n" + root + "\n\n" + sig)
                                        << u"not a decimal"_s;
        QTest::newRow("root not 32 bytes") << QByteArray("log\n1\nAAAA\n\n" + sig) << u"32 bytes"_s;
        QTest::newRow("no signature") << QByteArray("log\n1\n" + root + "\n\n") << u"no signature"_s;
        QTest::newRow("signature line") << QByteArray("log\n1\n" + root + "\n\n- log abc\n") << u"signature line"_s;
        QTest::newRow("over 64 KiB") << QByteArray("log\n1\n" + root + "\n" + QByteArray(70000, 'x') + "\n\n" + sig)
                                     << u"at most 65536"_s;
    }

    void checkpointHostile()
    {
        QFETCH(QByteArray, note);
        QFETCH(QString, expected);
        Result<Checkpoint> c = parseCheckpoint(note, u"note"_s);
        QVERIFY(!c);
        QVERIFY2(c.error().message.contains(expected), qPrintable(c.error().message));
    }

    void sigstoreGoBundles_data()
    {
        QTest::addColumn<QString>("bundle");
        QTest::addColumn<QByteArray>("bytes"); // the bundle, or empty for the file as it is
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("trust"); // key | root | root+key | other-key | root-no-identity | root-wrong-id
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("expected"); // in the reason (failed, not checked) or the checks (verified)
        const QByteArray publish = readAll(sigstoreGo(u"bundle-publish.json"_s));
        const QByteArray provenance = readAll(sigstoreGo(u"bundle-provenance.json"_s));
        const int V = int(VerdictState::Verified), F = int(VerdictState::Failed), N = int(VerdictState::NotChecked);
        QTest::newRow("publish, key") << u"publish"_s << publish << NpmTarball << u"key"_s << V
                                      << u"not checked: no transparency log key"_s;
        QTest::newRow("publish, key and Rekor") << u"publish"_s << publish << NpmTarball << u"root+key"_s << V
                                                << u"signed entry timestamp of log entry 18300940"_s;
        QTest::newRow("publish, other key") << u"publish"_s << publish << NpmTarball << u"other-key"_s << F
                                            << u"does not verify with any of the 1 given key"_s;
        QTest::newRow("publish, no key") << u"publish"_s << publish << NpmTarball << u"root"_s << N
                                         << u"no public key was given"_s;
        QTest::newRow("publish, flipped payload byte")
            << u"publish"_s << mutate(publish, flipByte(u"dsseEnvelope/payload"_s, 40)) << NpmTarball << u"key"_s << F
            << u"does not verify"_s;
        QTest::newRow("publish, other artifact") << u"publish"_s << publish << u"sha512:"_s + QString(128, u'0')
                                                 << u"key"_s << F << u"do not name the artifact"_s;
        QTest::newRow("publish, tampered SET")
            << u"publish"_s
            << mutate(publish, flipByte(u"verificationMaterial/tlogEntries/0/inclusionPromise/signedEntryTimestamp"_s))
            << NpmTarball << u"root+key"_s << F << u"signed entry timestamp does not verify"_s;
        QTest::newRow("publish, other integrated time")
            << u"publish"_s
            << mutate(publish, setMember(u"verificationMaterial/tlogEntries/0/integratedTime"_s, u"1681839917"_s))
            << NpmTarball << u"root+key"_s << F << u"signed entry timestamp does not verify"_s;
        QTest::newRow("provenance") << u"provenance"_s << provenance << NpmTarball << u"root"_s << V
                                    << u"the certificate chains to"_s;
        // Certificate transparency: the real Fulcio certificate embeds an SCT by the public-good CT log "2022".
        QTest::newRow("provenance, SCT") << u"provenance"_s << provenance << NpmTarball << u"root"_s << V
                                         << u"SCT verified by log dd3d306ac6c71132… (https://ctfe.sigstore.dev/2022), "
                                            "timestamped 2023-04-18T17:45:12.010Z"_s;
        QTest::newRow("provenance, no CT logs") << u"provenance"_s << provenance << NpmTarball << u"root-no-ctlog"_s
                                                << V << u"SCT not checked: no CT log keys"_s;
        QTest::newRow("provenance, only the 2021 CT log")
            << u"provenance"_s << provenance << NpmTarball << u"root-ctlog-2021"_s << F
            << u"the SCT of log dd3d306ac6c71132… is from no CT log of the trusted root"_s;
        QTest::newRow("provenance, CT log key expired before the SCT")
            << u"provenance"_s << provenance << NpmTarball << u"root-ctlog-expired"_s << F
            << u"outside the log key's validity"_s;
        QTest::newRow("provenance, CT log ID with another key")
            << u"provenance"_s << provenance << NpmTarball << u"root-ctlog-other-key"_s << F
            << u"does not verify over this certificate with the log's key"_s;
        QTest::newRow("provenance, CT log ID with another key, --insecure-ignore-sct")
            << u"provenance"_s << provenance << NpmTarball << u"root-ctlog-other-key-ignore"_s << V
            << u"SCT not checked: --insecure-ignore-sct was given"_s;
        QTest::newRow("provenance, no identity")
            << u"provenance"_s << provenance << NpmTarball << u"root-no-identity"_s << N << u"--certificate-identity"_s;
        QTest::newRow("provenance, wrong identity") << u"provenance"_s << provenance << NpmTarball << u"root-wrong-id"_s
                                                    << F << u"https://github.com/someone/else was required"_s;
        QTest::newRow("provenance, wrong issuer")
            << u"provenance"_s << provenance << NpmTarball << u"root-wrong-issuer"_s << F << u"OIDC issuer"_s;
        QTest::newRow("provenance, flipped payload byte")
            << u"provenance"_s << mutate(provenance, flipByte(u"dsseEnvelope/payload"_s, 60)) << NpmTarball << u"root"_s
            << F << u"does not verify with the certificate's key"_s;
        QTest::newRow("provenance, other body")
            << u"provenance"_s
            << mutate(provenance, flipByte(u"verificationMaterial/tlogEntries/0/canonicalizedBody"_s, 100))
            << NpmTarball << u"root"_s << F << u"signed entry timestamp does not verify"_s;
        QTest::newRow("provenance, other artifact") << u"provenance"_s << provenance << u"sha256:"_s + QString(64, u'a')
                                                    << u"root"_s << F << u"do not name the artifact"_s;
        QTest::newRow("provenance, no CA valid then")
            << u"provenance"_s << provenance << NpmTarball << u"root-old-ca-only"_s << F
            << u"none of the 1 trusted certificate authorities was valid"_s;
        QTest::newRow("provenance, no tlog key")
            << u"provenance"_s << provenance << NpmTarball << u"root-no-tlog"_s << F << u"no verified signing time"_s;
        QTest::newRow("other media type")
            << u"publish"_s << mutate(publish, setMember(u"mediaType"_s, u"application/json"_s)) << NpmTarball
            << u"key"_s << F << u"not a Sigstore bundle"_s;
        QJsonArray entries;
        const QJsonValue entry =
            getPath(QJsonDocument::fromJson(publish).object(), u"verificationMaterial/tlogEntries/0"_s.split(u'/'));
        for (int i = 0; i <= limits::MaxTlogEntries; ++i)
            entries << entry;
        QTest::newRow("101 tlog entries")
            << u"publish"_s << mutate(publish, setMember(u"verificationMaterial/tlogEntries"_s, entries)) << NpmTarball
            << u"root+key"_s << F << u"at most 100 are checked"_s;
    }

    void sigstoreGoBundles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, subject);
        QFETCH(QString, trust);
        QFETCH(int, state);
        QFETCH(QString, expected);
        SigstoreTrust t;
        if (trust.startsWith(u"root"_s))
            t = m_publicGood;
        if (trust == u"key"_s || trust == u"root+key"_s)
            t.keys = loadPublicKeys({sigstoreGo(u"publish_key.pub"_s)}).value();
        if (trust == u"other-key"_s) {
            const QString other = m_work.filePath(u"other.pub"_s);
            test::shellOutput(
                u"openssl ecparam -name prime256v1 -genkey -noout | openssl ec -pubout -out %1 2>/dev/null"_s.arg(
                    test::shellQuoted(other)));
            t.keys = loadPublicKeys({other}).value();
        }
        if (trust == u"root-no-identity"_s)
            t.identity = {};
        if (trust == u"root-wrong-id"_s)
            t.identity.identity = u"https://github.com/someone/else"_s;
        if (trust == u"root-wrong-issuer"_s)
            t.identity.oidcIssuer = u"https://accounts.google.com"_s;
        if (trust == u"root-old-ca-only"_s)
            t.certificateAuthorities.removeLast(); // the 2021–2022 CA only: the bundle is from 2023
        if (trust == u"root-no-tlog"_s)
            t.tlogs.clear();
        if (trust == u"root-no-ctlog"_s)
            t.ctlogs.clear();
        if (trust == u"root-ctlog-2021"_s)
            t.ctlogs.removeLast();
        if (trust == u"root-ctlog-expired"_s)
            t.ctlogs.last().validUntil = QDateTime(QDate(2023, 1, 1), QTime(0, 0), Qt::UTC);
        if (trust.startsWith(u"root-ctlog-other-key"_s)) {
            t.ctlogs.last().key = t.ctlogs.first().key; // the 2022 log's ID, the 2021 log's key
            t.ignoreSct = trust.endsWith(u"-ignore"_s);
        }
        const Verdict v = verifySigstoreBundle(bytes, digestSubject(subject), t);
        const QString all = v.reason + u" | "_s + v.checks.join(u" | "_s);
        QVERIFY2(int(v.state) == state, qPrintable(verdictStateName(v.state) + u": "_s + all));
        QVERIFY2(all.contains(expected), qPrintable(all));
        if (v.verified() && trust == u"root"_s) {
            // Signed at Rekor's integrated time, by the workflow the certificate names.
            QCOMPARE(v.signingTime, QDateTime::fromSecsSinceEpoch(1681839912, Qt::UTC));
            QCOMPARE(v.signer, ProvenanceIdentity + u", issuer "_s + GithubIssuer);
        }
        if (v.verified() && trust.startsWith(u"key"_s))
            QVERIFY2(v.signer.contains(u"publish_key.pub"_s), qPrintable(v.signer));
    }

    // Bundles signed at test time by @sigstore/sign against @sigstore/mock (Fulcio, Rekor with inclusion proofs
    // and checkpoints, TSA), then their negative variants.
    void mockBundles_data()
    {
        for (const QString &tool : {u"node"_s, u"npm"_s, u"openssl"_s})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(), qPrintable(tool + u" is missing"_s));
        const QString npm = test::npmTools(u"@sigstore/mock/package.json"_s);
        QVERIFY2(!npm.isEmpty(), "npm ci over tests/npm failed (see the warning above)");
        m_mock = m_work.filePath(u"mock"_s);
        QDir().mkpath(m_mock);
        m_artifact = "an artifact signed at " + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
        writeAll(mockFile(u"artifact.txt"_s), m_artifact);
        test::shellOutput(u"openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out %1"_s.arg(
            test::shellQuoted(mockFile(u"signing.key"_s))));
        QString out;
        QVERIFY2(run(u"node"_s,
                     {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm/make-bundles.mjs"_s, npm, m_mock,
                      mockFile(u"signing.key"_s), mockFile(u"artifact.txt"_s)},
                     &out, 120000),
                 qPrintable(out));
        QCOMPARE(out.trimmed(),
                 QString::fromLatin1(QCryptographicHash::hash(m_artifact, QCryptographicHash::Sha256).toHex()));

        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("artifactBytes"); // the artifact's bytes, or only its sha256
        QTest::addColumn<QString>("trust");      // key | cert | cert-wrong-id | key-other-rekor | key-no-rekor
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("expected");
        const int V = int(VerdictState::Verified), F = int(VerdictState::Failed);
        const auto file = [&](const QString &n) { return readAll(mockFile(n)); };
        for (const QString &name : {u"message-key.json"_s, u"dsse-key.json"_s, u"intoto-key.json"_s}) {
            QTest::addRow("%s, bytes", qPrintable(name))
                << name << file(name) << true << u"key"_s << V << u"checkpoint signed by"_s;
            QTest::addRow("%s, digest", qPrintable(name))
                << name << file(name) << false << u"key"_s << V << u"names this signature and key"_s;
        }
        for (const QString &name : {u"message-cert.json"_s, u"dsse-cert.json"_s})
            QTest::addRow("%s", qPrintable(name))
                << name << file(name) << true << u"cert"_s << V << u"the certificate chains to"_s;
        QTest::newRow("dsse-cert.json: RFC 3161")
            << u"dsse-cert.json"_s << file(u"dsse-cert.json"_s) << true << u"cert"_s << V
            << u"RFC 3161 timestamp 0 over the signature verifies"_s;
        QTest::newRow("dsse-cert.json: RFC 3161 without the TSA")
            << u"dsse-cert.json"_s << file(u"dsse-cert.json"_s) << true << u"cert-no-tsa"_s << V
            << u"RFC 3161 timestamp 0 not checked"_s;
        QTest::newRow("message-cert.json: SCT by the mock CT log")
            << u"message-cert.json"_s << file(u"message-cert.json"_s) << true << u"cert"_s << V
            << u"(https://ctfe.mock.test), timestamped"_s;
        QTest::newRow("message-cert-nosct.json: no SCT")
            << u"message-cert-nosct.json"_s << file(u"message-cert-nosct.json"_s) << true << u"cert"_s << F
            << u"embeds no Signed Certificate Timestamp, and the trusted root has 1 CT log(s)"_s;
        QTest::newRow("message-cert-nosct.json: no SCT, --insecure-ignore-sct")
            << u"message-cert-nosct.json"_s << file(u"message-cert-nosct.json"_s) << true << u"cert-ignore-sct"_s << V
            << u"SCT not checked: --insecure-ignore-sct was given"_s;
        QTest::newRow("message-cert.json: CT log not trusted")
            << u"message-cert.json"_s << file(u"message-cert.json"_s) << true << u"cert-no-ctlog-but-public"_s << F
            << u"is from no CT log of the trusted root"_s;
        QTest::newRow("message-cert.json, wrong identity") << u"message-cert.json"_s << file(u"message-cert.json"_s)
                                                           << true << u"cert-wrong-id"_s << F << u"identity"_s;
        QTest::newRow("message-key.json, other Rekor key")
            << u"message-key.json"_s << file(u"message-key.json"_s) << true << u"key-other-rekor"_s << F << u"log ID"_s;
        QTest::newRow("message-key.json, no Rekor key") << u"message-key.json"_s << file(u"message-key.json"_s) << true
                                                        << u"key-no-rekor"_s << V << u"not checked"_s;
        const QString proof = u"verificationMaterial/tlogEntries/0/inclusionProof/"_s;
        QTest::newRow("truncated inclusion proof (tree of 2, no hash)")
            << u"message-key.json"_s << mutate(file(u"message-key.json"_s), setMember(proof + u"treeSize"_s, u"2"_s))
            << true << u"key"_s << F << u"too few for index"_s;
        QTest::newRow("inclusion proof: extra hash")
            << u"message-key.json"_s
            << mutate(file(u"message-key.json"_s),
                      setMember(proof + u"hashes"_s, QJsonArray{QString::fromLatin1(QByteArray(32, 'h').toBase64())}))
            << true << u"key"_s << F << u"more than a tree of 1 entries needs"_s;
        QTest::newRow("inclusion proof: other root")
            << u"message-key.json"_s << mutate(file(u"message-key.json"_s), flipByte(proof + u"rootHash"_s)) << true
            << u"key"_s << F << u"does not lead to the root hash"_s;
        QTest::newRow("inclusion proof: no checkpoint")
            << u"message-key.json"_s
            << mutate(file(u"message-key.json"_s), setMember(proof + u"checkpoint"_s, QJsonValue())) << true << u"key"_s
            << F << u"no checkpoint"_s;
        {
            // A checkpoint claiming a huge tree, with a proof claiming the same: the path does not fit, refused.
            QByteArray b = file(u"message-key.json"_s);
            const QJsonObject o = QJsonDocument::fromJson(b).object();
            QString note = getPath(o, QString(proof + u"checkpoint/envelope"_s).split(u'/')).toString();
            QStringList lines = note.split(u'\n');
            lines[1] = u"9223372036854775807"_s;
            b = mutate(b, setMember(proof + u"checkpoint/envelope"_s, lines.join(u'\n')));
            b = mutate(b, setMember(proof + u"treeSize"_s, u"9223372036854775807"_s));
            QTest::newRow("huge tree size") << u"message-key.json"_s << b << true << u"key"_s << F
                                            << u"too few for index 0 in a tree of 9223372036854775807"_s;
            QString other = note;
            other.replace(lines[0], lines[0] + u"x"_s);
            QTest::newRow("checkpoint text changed")
                << u"message-key.json"_s
                << mutate(file(u"message-key.json"_s), setMember(proof + u"checkpoint/envelope"_s, other)) << true
                << u"key"_s << F << u"checkpoint signature"_s;
        }
        QTest::newRow("v0.2 without inclusion proof")
            << u"message-key.json"_s
            << mutate(file(u"message-key.json"_s),
                      setMember(u"verificationMaterial/tlogEntries/0/inclusionProof"_s, QJsonValue()))
            << true << u"key"_s << F << u"no inclusion proof"_s;
        QTest::newRow("message signature over other bytes")
            << u"message-key.json"_s
            << mutate(file(u"message-key.json"_s), flipByte(u"messageSignature/messageDigest/digest"_s)) << false
            << u"key"_s << F << u"not the artifact"_s;
        QTest::newRow("message digest changed, signature kept")
            << u"message-key.json"_s
            << mutate(file(u"message-key.json"_s), flipByte(u"messageSignature/messageDigest/digest"_s)) << true
            << u"key"_s << F << u"the artifact is sha256:"_s;
        QTest::newRow("DSSE signature by another's bundle")
            << u"dsse-key.json"_s
            << mutate(file(u"dsse-key.json"_s),
                      setMember(u"dsseEnvelope/signatures/0/sig"_s,
                                getPath(QJsonDocument::fromJson(file(u"intoto-key.json"_s)).object(),
                                        u"dsseEnvelope/signatures/0/sig"_s.split(u'/'))))
            << true << u"key"_s << F << u"log entry does not name this bundle's signature"_s;
    }

    void mockBundles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, artifactBytes);
        QFETCH(QString, trust);
        QFETCH(int, state);
        QFETCH(QString, expected);
        TrustOptions o;
        o.trustedRootFile = mockFile(u"trusted_root.json"_s);
        if (trust.startsWith(u"key"_s))
            o.keyFiles << mockFile(u"signing.pub"_s);
        const QStringList identity = QString::fromUtf8(readAll(mockFile(u"identity.txt"_s))).split(u'\n');
        o.certificateIdentity = trust == u"cert-wrong-id"_s ? u"https://github.com/someone/else"_s : identity[0];
        o.certificateOidcIssuer = identity[1];
        SigstoreTrust t = trustWith(o);
        if (trust == u"key-other-rekor"_s)
            t.tlogs = m_publicGood.tlogs;
        if (trust == u"key-no-rekor"_s)
            t.tlogs.clear();
        if (trust == u"cert-no-tsa"_s)
            t.timestampAuthorities.clear();
        if (trust == u"cert-ignore-sct"_s)
            t.ignoreSct = true;
        if (trust == u"cert-no-ctlog-but-public"_s)
            t.ctlogs = m_publicGood.ctlogs; // CT logs, but not the one that signed the SCT
        const BundleSubject s =
            artifactBytes
                ? bytesSubject(m_artifact)
                : digestSubject(
                      u"sha256:"_s +
                      QString::fromLatin1(QCryptographicHash::hash(m_artifact, QCryptographicHash::Sha256).toHex()));
        QElapsedTimer timer;
        timer.start();
        const Verdict v = verifySigstoreBundle(bytes, s, t);
        const qint64 ms = timer.elapsed();
        const QString all = v.reason + u" | "_s + v.checks.join(u" | "_s);
        QVERIFY2(int(v.state) == state, qPrintable(verdictStateName(v.state) + u": "_s + all));
        QVERIFY2(all.contains(expected), qPrintable(all));
        if (v.verified() && trust == u"cert"_s)
            QCOMPARE(v.signer, identity[0] + u", issuer "_s + identity[1]);
        if (v.verified())
            QVERIFY(v.signingTime.isValid() || trust == u"key-no-rekor"_s);
        QVERIFY2(ms < 2000, qPrintable(u"%1 ms"_s.arg(ms)));
    }

    // Figures for the report: one keyless verification (chain, SET, identity) and one key-signed DSSE one.
    void timing()
    {
        const QByteArray provenance = readAll(sigstoreGo(u"bundle-provenance.json"_s));
        const QByteArray publish = readAll(sigstoreGo(u"bundle-publish.json"_s));
        SigstoreTrust withKey = m_publicGood;
        withKey.keys = loadPublicKeys({sigstoreGo(u"publish_key.pub"_s)}).value();
        constexpr int N = 200;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < N; ++i)
            QVERIFY(verifySigstoreBundle(provenance, digestSubject(NpmTarball), m_publicGood).verified());
        const qint64 keyless = t.nsecsElapsed();
        t.restart();
        for (int i = 0; i < N; ++i)
            QVERIFY(verifySigstoreBundle(publish, digestSubject(NpmTarball), withKey).verified());
        const qint64 keyed = t.nsecsElapsed();
        qInfo("%d verifications each: keyless provenance %.2f ms, key-signed DSSE %.2f ms per bundle", N,
              double(keyless) / N / 1e6, double(keyed) / N / 1e6);
    }

    void cli_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected"); // in stdout (exit 0) or stderr
        const QString root = sigstoreGo(u"trusted-root-public-good.json"_s);
        QTest::newRow("publish, key, digest") << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s),
                                                             u"--key"_s, sigstoreGo(u"publish_key.pub"_s), NpmTarball}
                                              << 0 << u"verified: signer key ECDSA P-256"_s;
        QTest::newRow("provenance, trusted root, identity")
            << QStringList{u"--bundle"_s,
                           sigstoreGo(u"bundle-provenance.json"_s),
                           u"--trusted-root"_s,
                           root,
                           u"--certificate-identity"_s,
                           ProvenanceIdentity,
                           u"--certificate-oidc-issuer"_s,
                           GithubIssuer,
                           NpmTarball}
            << 0 << u"verified: signer %1, issuer %2 at 2023-04-18T17:45:12Z"_s.arg(ProvenanceIdentity, GithubIssuer);
        QTest::newRow("provenance, identity regexp") << QStringList{u"--bundle"_s,
                                                                    sigstoreGo(u"bundle-provenance.json"_s),
                                                                    u"--trusted-root"_s,
                                                                    root,
                                                                    u"--certificate-identity-regexp"_s,
                                                                    u"https://github.com/sigstore/.*"_s,
                                                                    u"--certificate-oidc-issuer"_s,
                                                                    GithubIssuer,
                                                                    NpmTarball}
                                                     << 0 << u"verified:"_s;
        QTest::newRow("provenance, wrong identity") << QStringList{u"--bundle"_s,
                                                                   sigstoreGo(u"bundle-provenance.json"_s),
                                                                   u"--trusted-root"_s,
                                                                   root,
                                                                   u"--certificate-identity"_s,
                                                                   u"someone@example.com"_s,
                                                                   u"--certificate-oidc-issuer"_s,
                                                                   GithubIssuer,
                                                                   NpmTarball}
                                                    << 1 << u"failed: the certificate is not the identity required"_s;
        QTest::newRow("provenance, no identity") << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-provenance.json"_s),
                                                                u"--trusted-root"_s, root, NpmTarball}
                                                 << 2 << u"not checked"_s;
        QTest::newRow("publish, other digest")
            << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s), u"--key"_s,
                           sigstoreGo(u"publish_key.pub"_s), u"sha256:"_s + QString(64, u'b')}
            << 1 << u"do not name the artifact"_s;
        QTest::newRow("publish, artifact file that is not it")
            << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s), u"--key"_s,
                           sigstoreGo(u"publish_key.pub"_s), sigstoreGo(u"publish_key.pub"_s)}
            << 1 << u"do not name the artifact"_s;
        QTest::newRow("no bundle file") << QStringList{u"--bundle"_s, u"/nonexistent/b.json"_s, u"--key"_s,
                                                       sigstoreGo(u"publish_key.pub"_s), NpmTarball}
                                        << 2 << u"cannot read the bundle"_s;
        QTest::newRow("bad digest") << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s), u"--key"_s,
                                                   sigstoreGo(u"publish_key.pub"_s), u"sha256:xyz"_s}
                                    << 2 << u"sha256:xyz"_s;
        QTest::newRow("no trust") << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s), NpmTarball} << 2
                                  << u"needs --key FILE or --trusted-root FILE"_s;
        QTest::newRow("no artifact") << QStringList{u"--bundle"_s, sigstoreGo(u"bundle-publish.json"_s)} << 2
                                     << u"exactly one ARTIFACT"_s;
    }

    void cli()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const CliResult r = runStrata(args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(u"exit %1: %2%3"_s.arg(r.exitCode).arg(r.out, r.err)));
        const QString text = exitCode == 0 ? r.out : r.err;
        QVERIFY2(text.contains(expected), qPrintable(r.out + r.err));
        if (exitCode == 0)
            QCOMPARE(r.out.count(u'\n'), 1);
    }

    // The CLI over the bundles signed at test time (mockBundles_data made them).
    void cliMockBundles()
    {
        if (m_mock.isEmpty())
            QSKIP("mockBundles did not run");
        const QString root = mockFile(u"trusted_root.json"_s);
        const QStringList identity = QString::fromUtf8(readAll(mockFile(u"identity.txt"_s))).split(u'\n');
        CliResult r = runStrata({u"--bundle"_s, mockFile(u"message-key.json"_s), u"--key"_s, mockFile(u"signing.pub"_s),
                                 u"--trusted-root"_s, root, mockFile(u"artifact.txt"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"verified: signer key ECDSA P-256"_s), qPrintable(r.out));
        r = runStrata({u"--bundle"_s, mockFile(u"message-key.json"_s), u"--key"_s, mockFile(u"signing.pub"_s),
                       u"--rekor-key"_s, mockFile(u"rekor.pub"_s), mockFile(u"artifact.txt"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runStrata({u"--bundle"_s, mockFile(u"message-key.json"_s), u"--key"_s, mockFile(u"signing.pub"_s),
                       u"--trusted-root"_s, root, mockFile(u"signing.pub"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"the bundle signs sha256:"_s), qPrintable(r.err));
        r = runStrata({u"--bundle"_s, mockFile(u"dsse-cert.json"_s), u"--trusted-root"_s, root,
                       u"--certificate-identity"_s, identity[0], u"--certificate-oidc-issuer"_s, identity[1],
                       mockFile(u"artifact.txt"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(identity[0]), qPrintable(r.out));
        // A certificate without an SCT: refused, unless --insecure-ignore-sct.
        const QStringList noSct{u"--bundle"_s,
                                mockFile(u"message-cert-nosct.json"_s),
                                u"--trusted-root"_s,
                                root,
                                u"--certificate-identity"_s,
                                identity[0],
                                u"--certificate-oidc-issuer"_s,
                                identity[1],
                                mockFile(u"artifact.txt"_s)};
        r = runStrata(noSct);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"embeds no Signed Certificate Timestamp"_s), qPrintable(r.err));
        r = runStrata(QStringList{u"--insecure-ignore-sct"_s} + noSct);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    // The SCT check agrees with OpenSSL's own (SCT_LIST_validate over a CTLOG_STORE loaded from a CT log list):
    // the real public-good Fulcio certificate and the mock Fulcio's, with the issuer from their chains.
    void sctAgreesWithOpenSsl_data()
    {
        QTest::addColumn<QString>("which");
        QTest::newRow("public-good Fulcio (sigstore-go provenance bundle)") << u"provenance"_s;
        QTest::newRow("@sigstore/mock Fulcio") << u"mock"_s;
    }
    void sctAgreesWithOpenSsl()
    {
        QFETCH(QString, which);
        if (which == u"mock"_s && m_mock.isEmpty())
            QSKIP("mockBundles did not run");
        const QByteArray bundle =
            readAll(which == u"mock"_s ? mockFile(u"message-cert.json"_s) : sigstoreGo(u"bundle-provenance.json"_s));
        SigstoreTrust t = m_publicGood;
        if (which == u"mock"_s) {
            TrustOptions o;
            o.trustedRootFile = mockFile(u"trusted_root.json"_s);
            t = trustWith(o);
        }
        const QJsonObject vm = QJsonDocument::fromJson(bundle).object().value("verificationMaterial"_L1).toObject();
        QJsonArray certs = vm.value("x509CertificateChain"_L1).toObject().value("certificates"_L1).toArray();
        Result<Certificate> leaf = Certificate::fromDer(
            QByteArray::fromBase64(certs[0].toObject().value("rawBytes"_L1).toString().toLatin1()), u"leaf"_s);
        QVERIFY(leaf);
        // The issuer: the bundle's second certificate, else the CA's first.
        QByteArray issuerDer;
        if (certs.size() > 1)
            issuerDer = QByteArray::fromBase64(certs[1].toObject().value("rawBytes"_L1).toString().toLatin1());
        else
            issuerDer = t.certificateAuthorities.first().chain.first().der();
        Result<Certificate> issuer = Certificate::fromDer(issuerDer, u"issuer"_s);
        QVERIFY(issuer);

        Result<QStringList> ours = verifyEmbeddedScts(leaf.value(), issuer.value(), t.ctlogs);
        QVERIFY2(ours, qPrintable(ours ? QString() : ours.error().message));

        // OpenSSL: a CT log list file (openssl/ct.h CTLOG_STORE_load_file) with the trusted root's CT log keys.
        QString list = u"enabled_logs = "_s;
        QStringList names;
        for (int i = 0; i < t.ctlogs.size(); ++i)
            names << u"log%1"_s.arg(i);
        list += names.join(u","_s) + u"\n"_s;
        for (int i = 0; i < t.ctlogs.size(); ++i)
            list += u"[log%1]\ndescription = %2\nkey = %3\n"_s.arg(i).arg(
                t.ctlogs[i].baseUrl, QString::fromLatin1(t.ctlogs[i].key.spki().toBase64()));
        const QString listFile = m_work.filePath(u"ctlogs-%1.cnf"_s.arg(which));
        writeAll(listFile, list.toUtf8());
        CTLOG_STORE *store = CTLOG_STORE_new();
        QVERIFY(CTLOG_STORE_load_file(store, QFile::encodeName(listFile).constData()) == 1);
        CT_POLICY_EVAL_CTX *ctx = CT_POLICY_EVAL_CTX_new();
        CT_POLICY_EVAL_CTX_set1_cert(ctx, leaf->x509());
        CT_POLICY_EVAL_CTX_set1_issuer(ctx, issuer->x509());
        CT_POLICY_EVAL_CTX_set_shared_CTLOG_STORE(ctx, store);
        auto *scts =
            static_cast<STACK_OF(SCT) *>(X509_get_ext_d2i(leaf->x509(), NID_ct_precert_scts, nullptr, nullptr));
        QVERIFY(scts);
        const int rc = SCT_LIST_validate(scts, ctx);
        const int status = SCT_get_validation_status(sk_SCT_value(scts, 0));
        SCT_LIST_free(scts);
        CT_POLICY_EVAL_CTX_free(ctx);
        CTLOG_STORE_free(store);
        QCOMPARE(rc, 1);
        QCOMPARE(status, int(SCT_VALIDATION_STATUS_VALID));
    }
};

STRATA_TEST_GUILESS_MAIN(BundleVerifyTest)
#include "tst_bundleverify.moc"
