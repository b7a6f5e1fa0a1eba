// SPDX-License-Identifier: MIT
// GPG simple signing verification (core/trust/gpgverify.h) on containers/image's signed dir: fixture and its key,
// and on signatures made here by `skopeo standalone-sign` and `gpg` with keys made for the test (an unrelated key,
// an expired key made with gpg's --faked-system-time), with negative variants: a flipped payload byte, a signature
// for another manifest. Checks that the private GNUPGHOME and any gpg-agent started in it are gone afterwards.
#include "core/signatures/storedsignature.h"
#include "core/trust/gpgverify.h"
#include "core/trust/policychecker.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::trust;

namespace {

const QString FixtureFingerprint = u"08CD26E446E2E95249B7A405E932F44B23E8DD43"_s;

QString sig(const QString &relative)
{
    return test::publicFixture(u"signatures/containers-image/"_s + relative);
}

QString sh(const QString &script)
{
    return QString::fromUtf8(test::shellOutput(script)).trimmed();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

StoredSignature storedSignature(const QByteArray &bytes)
{
    Result<StoredSignature> s = parseStoredSignature(bytes, u"test signature"_s);
    if (!s)
        qFatal("%s", qPrintable(s.error().toString()));
    return s.value();
}

GpgKeyring keyringOrFail(const QString &path)
{
    Result<GpgKeyring> k = loadGpgKeyring(path);
    if (!k)
        qFatal("%s", qPrintable(k.error().toString()));
    return k.value();
}

Digest sha256File(const QString &path)
{
    const QString text = u"sha256:"_s + sh(u"sha256sum %1 | cut -d' ' -f1"_s.arg(test::shellQuoted(path)));
    Result<Digest> d = Digest::parse(text);
    if (!d)
        qFatal("sha256sum of %s", qPrintable(path));
    return d.value();
}

// Processes whose command line mentions `text` (a GNUPGHOME): gpg-agent, dirmngr, keyboxd.
QStringList processesMentioning(const QString &text)
{
    QStringList found;
    const QByteArray needle = text.toUtf8();
    for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (pid.toInt() <= 0)
            continue;
        QFile f(u"/proc/%1/cmdline"_s.arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QByteArray cmd = f.readAll();
        if (cmd.contains(needle))
            found << pid + u": "_s + QString::fromUtf8(cmd.replace('\0', ' '));
    }
    return found;
}

} // namespace

class TestGpgVerify final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fixtureVerifies();
    void fixtureFailsWithOtherKey();
    void policyCheckerImportsEachKeyringOnce();
    void keyringErrors();
    void notAGpgSignature();
    void skopeoSignatureVerifies();
    void signatureForAnotherManifest();
    void flippedPayloadByte();
    void expiredKey();
    void nothingLeftBehind();
    void timing();

private:
    // A key made in a GNUPGHOME of the test; returns its fingerprint and exports it armoured to HOME/pub.asc.
    QString newKey(const QString &home, const QString &name, const QString &extra = {});

    QTemporaryDir m_tmp;
    QStringList m_homes; // the test's own GNUPGHOMEs (their agents are killed at the end)
    QString m_signerHome;
    QString m_signerFpr;
    QString m_manifest;      // a manifest built here
    QString m_otherManifest; // and another
    QString m_skopeoSig;     // skopeo standalone-sign of m_manifest
};

QString TestGpgVerify::newKey(const QString &home, const QString &name, const QString &extra)
{
    QDir().mkpath(home);
    QFile::setPermissions(home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    m_homes << home;
    sh(u"export GNUPGHOME=%1; gpg -q --batch %3 --passphrase '' --quick-gen-key '%2 <%2@strata.invalid>' ed25519 sign "
       "%4 2>/dev/null"_s.arg(test::shellQuoted(home), name, extra, extra.isEmpty() ? u"never"_s : u"1d"_s));
    const QString fpr =
        sh(u"GNUPGHOME=%1 gpg --batch --list-keys --with-colons | awk -F: '/^fpr/{print $10; exit}'"_s.arg(
            test::shellQuoted(home)));
    sh(u"GNUPGHOME=%1 gpg --batch --armor --export %2 > %1/pub.asc"_s.arg(test::shellQuoted(home), fpr));
    return fpr;
}

void TestGpgVerify::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // GPGME must not fall back to a GNUPGHOME of the environment: point it at a folder that must stay empty.
    qputenv("GNUPGHOME", QFile::encodeName(m_tmp.filePath(u"environment-gnupghome"_s)));
    m_signerHome = m_tmp.filePath(u"signer"_s);
    m_signerFpr = newKey(m_signerHome, u"signer"_s);
    QCOMPARE(m_signerFpr.size(), 40);

    // Two image manifests of the OCI kind skopeo copies, built with jq.
    m_manifest = m_tmp.filePath(u"manifest.json"_s);
    m_otherManifest = m_tmp.filePath(u"other-manifest.json"_s);
    const QList<std::pair<QString, QString>> manifests{{m_manifest, u"1234"_s}, {m_otherManifest, u"1235"_s}};
    for (const auto &[path, size] : manifests)
        sh(u"jq -n --argjson size %2 '{schemaVersion: 2, mediaType: \"application/vnd.oci.image.manifest.v1+json\", "
           "config: {mediaType: \"application/vnd.oci.image.config.v1+json\", size: $size, digest: (\"sha256:\" + "
           "(\"a\" * 64))}, layers: []}' > %1"_s.arg(test::shellQuoted(path), size));
    m_skopeoSig = m_tmp.filePath(u"signature-1"_s);
    sh(u"GNUPGHOME=%1 skopeo standalone-sign %2 example.com/strata/app:v1 %3 -o %4"_s.arg(
        test::shellQuoted(m_signerHome), test::shellQuoted(m_manifest), m_signerFpr, test::shellQuoted(m_skopeoSig)));
}

void TestGpgVerify::cleanupTestCase()
{
    for (const QString &home : std::as_const(m_homes))
        sh(u"gpgconf --homedir %1 --kill all"_s.arg(test::shellQuoted(home)));
}

void TestGpgVerify::fixtureVerifies()
{
    const GpgKeyring keys = keyringOrFail(sig(u"public-key.gpg"_s));
    QCOMPARE(keys.fingerprints(), QStringList{FixtureFingerprint});
    const StoredSignature s = storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s)));
    QCOMPARE(s.format, StoredSignature::Format::SimpleSigningGpg);
    const Digest manifest = sha256File(sig(u"dir-img-valid/manifest.json"_s));
    const Verdict v = verifyGpgSignature(s, manifest, keys);
    QVERIFY2(v.verified(), qPrintable(v.reason));
    QVERIFY(v.reason.isEmpty());
    QCOMPARE(v.signer, u"GPG key "_s + FixtureFingerprint);
    QCOMPARE(v.signedDigest, manifest);
    QVERIFY(v.signingTime.isValid());
    QCOMPARE(v.signingTime, s.openPgp->created);
    const QString checks = v.checks.join(u'\n');
    QVERIFY2(checks.contains(u"docker-reference testing/manifest:latest"_s), qPrintable(checks));
    QVERIFY2(checks.contains(manifest.toString()), qPrintable(checks));
    QCOMPARE(v.checks.size(), 4);
}

void TestGpgVerify::policyCheckerImportsEachKeyringOnce()
{
    // A policy's signedBy requirement over the same file as --gpg-keyring: the keyring loaded for the report is
    // used, not imported into a second GnuPG home; another file is imported once for every signature after it.
    const QString keyPath = sig(u"public-key.gpg"_s);
    const GpgKeyring loaded = keyringOrFail(keyPath);
    const StoredSignature s = storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s)));
    const Digest manifest = sha256File(sig(u"dir-img-valid/manifest.json"_s));

    VerifierChecker reusing(manifest, &loaded);
    for (int i = 0; i < 3; ++i) {
        const Verdict v = reusing.gpg(s, {keyPath}, {});
        QVERIFY2(v.verified(), qPrintable(v.reason));
    }
    QCOMPARE(reusing.keyringsImported(), 0);

    const QString copy = m_tmp.filePath(u"copy-of-public-key.gpg"_s);
    QVERIFY(QFile::copy(keyPath, copy));
    VerifierChecker fresh(manifest, &loaded);
    for (int i = 0; i < 3; ++i) {
        const Verdict v = fresh.gpg(s, {copy}, {});
        QVERIFY2(v.verified(), qPrintable(v.reason));
    }
    QCOMPARE(fresh.keyringsImported(), 1);
    // The verdict does not depend on the cache: a key file removed after its first import still verifies through
    // the imported keyring, and a file never seen is an error naming it.
    QVERIFY(QFile::remove(copy));
    QVERIFY(fresh.gpg(s, {copy}, {}).verified());
    const Verdict missing = VerifierChecker(manifest).gpg(s, {copy}, {});
    QVERIFY(!missing.verified());
    QVERIFY2(missing.reason.contains(u"copy-of-public-key.gpg"_s), qPrintable(missing.reason));
}

void TestGpgVerify::fixtureFailsWithOtherKey()
{
    const QString home = m_tmp.filePath(u"other"_s);
    const QString otherFpr = newKey(home, u"other"_s);
    const GpgKeyring keys = keyringOrFail(home + u"/pub.asc"_s);
    QCOMPARE(keys.fingerprints(), QStringList{otherFpr});
    const StoredSignature s = storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s)));
    const Verdict v = verifyGpgSignature(s, sha256File(sig(u"dir-img-valid/manifest.json"_s)), keys);
    QCOMPARE(v.state, VerdictState::Failed);
    QVERIFY2(v.reason.contains(u"which is not in keyring pub.asc"_s), qPrintable(v.reason));
    // gpg names the key by the ID the signature carries: the fixture key's low 64 bits.
    QVERIFY2(v.reason.contains(FixtureFingerprint.right(16)), qPrintable(v.reason));
    QVERIFY2(v.reason.contains(otherFpr), qPrintable(v.reason));
}

void TestGpgVerify::keyringErrors()
{
    Result<GpgKeyring> missing = loadGpgKeyring(m_tmp.filePath(u"nope.gpg"_s));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    Result<GpgKeyring> notKeys = loadGpgKeyring(sig(u"dir-img-valid/manifest.json"_s));
    QVERIFY(!notKeys);
    QCOMPARE(notKeys.error().code, ErrorCode::Malformed);
    QVERIFY2(notKeys.error().message.contains(u"no OpenPGP public key"_s), qPrintable(notKeys.error().message));
    QVERIFY(notKeys.error().context.endsWith(u"manifest.json"_s));
}

void TestGpgVerify::notAGpgSignature()
{
    const GpgKeyring keys = keyringOrFail(sig(u"public-key.gpg"_s));
    const StoredSignature cosign = storedSignature(readFile(sig(u"dir-img-cosign-valid/signature-1"_s)));
    const Verdict v = verifyGpgSignature(cosign, sha256File(sig(u"dir-img-cosign-valid/manifest.json"_s)), keys);
    QCOMPARE(v.state, VerdictState::NotChecked);
    QVERIFY2(v.reason.startsWith(u"not a GPG signature"_s), qPrintable(v.reason));
    const Verdict none = verifyGpgSignature(storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s))),
                                            sha256File(sig(u"dir-img-valid/manifest.json"_s)), GpgKeyring());
    QCOMPARE(none.state, VerdictState::NotChecked);
    QCOMPARE(none.reason, u"no GPG keyring given"_s);
}

void TestGpgVerify::skopeoSignatureVerifies()
{
    const GpgKeyring keys = keyringOrFail(m_signerHome + u"/pub.asc"_s);
    const Verdict v = verifyGpgSignature(storedSignature(readFile(m_skopeoSig)), sha256File(m_manifest), keys);
    QVERIFY2(v.verified(), qPrintable(v.reason));
    QCOMPARE(v.signer, u"GPG key "_s + m_signerFpr);
    QCOMPARE(v.signedDigest, sha256File(m_manifest));
    QVERIFY2(v.checks.join(u'\n').contains(u"docker-reference example.com/strata/app:v1"_s),
             qPrintable(v.checks.join(u'\n')));
    // The fixture's key does not verify it.
    const Verdict other = verifyGpgSignature(storedSignature(readFile(m_skopeoSig)), sha256File(m_manifest),
                                             keyringOrFail(sig(u"public-key.gpg"_s)));
    QCOMPARE(other.state, VerdictState::Failed);
    QVERIFY2(other.reason.contains(u"not in keyring public-key.gpg"_s), qPrintable(other.reason));
}

void TestGpgVerify::signatureForAnotherManifest()
{
    const GpgKeyring keys = keyringOrFail(m_signerHome + u"/pub.asc"_s);
    const Digest other = sha256File(m_otherManifest);
    const Verdict v = verifyGpgSignature(storedSignature(readFile(m_skopeoSig)), other, keys);
    QCOMPARE(v.state, VerdictState::Failed);
    QCOMPARE(v.reason,
             u"signed digest %1 is not this manifest's %2"_s.arg(sha256File(m_manifest).toString(), other.toString()));
    QCOMPARE(v.signedDigest, sha256File(m_manifest));
    QCOMPARE(v.signer, u"GPG key "_s + m_signerFpr);
}

void TestGpgVerify::flippedPayloadByte()
{
    // gpg signs the payload skopeo signed, uncompressed, so that one byte of the literal data can be flipped.
    const QString payload = m_tmp.filePath(u"payload.json"_s);
    sh(u"GNUPGHOME=%1 gpg -q --batch --decrypt %2 > %3 2>/dev/null"_s.arg(
        test::shellQuoted(m_signerHome), test::shellQuoted(m_skopeoSig), test::shellQuoted(payload)));
    QByteArray signedBytes =
        test::shellOutput(u"GNUPGHOME=%1 gpg -q --batch --compress-algo none -u %2 --sign -o - %3"_s.arg(
            test::shellQuoted(m_signerHome), m_signerFpr, test::shellQuoted(payload)));
    const GpgKeyring keys = keyringOrFail(m_signerHome + u"/pub.asc"_s);
    const Verdict good = verifyGpgSignature(storedSignature(signedBytes), sha256File(m_manifest), keys);
    QVERIFY2(good.verified(), qPrintable(good.reason));

    const qsizetype at = signedBytes.indexOf("example.com/strata/app");
    QVERIFY(at > 0);
    signedBytes[at] = 'E';
    const StoredSignature flipped = storedSignature(signedBytes);
    QVERIFY(flipped.payload.contains("Example.com/strata/app"));
    const Verdict v = verifyGpgSignature(flipped, sha256File(m_manifest), keys);
    QCOMPARE(v.state, VerdictState::Failed);
    QVERIFY2(v.reason.startsWith(u"bad signature"_s), qPrintable(v.reason));
    QVERIFY2(v.reason.contains(m_signerFpr), qPrintable(v.reason));
}

void TestGpgVerify::expiredKey()
{
    // A key valid for one day in 2020, and a signature it made then.
    const QString home = m_tmp.filePath(u"expired"_s);
    const QString faked = u"--faked-system-time 20200101T000000!"_s;
    const QString fpr = newKey(home, u"expired"_s, faked);
    const QString payload = m_tmp.filePath(u"payload-expired.json"_s);
    sh(u"GNUPGHOME=%1 gpg -q --batch --decrypt %2 > %3 2>/dev/null"_s.arg(
        test::shellQuoted(m_signerHome), test::shellQuoted(m_skopeoSig), test::shellQuoted(payload)));
    const QByteArray signedBytes =
        test::shellOutput(u"GNUPGHOME=%1 gpg -q --batch %2 -u %3 --sign -o - %4 2>/dev/null"_s.arg(
            test::shellQuoted(home), faked, fpr, test::shellQuoted(payload)));
    const Verdict v =
        verifyGpgSignature(storedSignature(signedBytes), sha256File(m_manifest), keyringOrFail(home + u"/pub.asc"_s));
    QCOMPARE(v.state, VerdictState::Failed);
    QVERIFY2(v.reason.contains(u"expired"_s), qPrintable(v.reason));
    QVERIFY2(v.reason.contains(fpr), qPrintable(v.reason));
    QVERIFY2(v.reason.contains(u"2020-01-01"_s), qPrintable(v.reason));
}

void TestGpgVerify::nothingLeftBehind()
{
    QString home;
    {
        const GpgKeyring keys = keyringOrFail(sig(u"public-key.gpg"_s));
        home = keys.homeDirectory();
        QVERIFY(QFileInfo(home).isDir());
        QCOMPARE(QFileInfo(home).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                                  QFileDevice::WriteGroup | QFileDevice::ExeOther),
                 QFileDevice::Permissions());
        const GpgKeyring copy = keys;
        QVERIFY(verifyGpgSignature(storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s))),
                                   sha256File(sig(u"dir-img-valid/manifest.json"_s)), copy)
                    .verified());
    }
    QVERIFY2(!QFileInfo::exists(home), qPrintable(home));
    const QStringList procs = processesMentioning(home);
    QVERIFY2(procs.isEmpty(), qPrintable(procs.join(u'\n')));
    // Nothing went to the user's GnuPG folders.
    QVERIFY(!QFileInfo::exists(QDir::homePath() + u"/.gnupg"_s));
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(u"environment-gnupghome"_s)));
    QVERIFY2(QDir::temp().entryList({u"strata-gnupg-*"_s}).isEmpty(), qPrintable(QDir::temp().entryList().join(u' ')));
}

// The figure for the note: one GPG check (a gpg process through GPGME), and loading a keyring (a private
// GNUPGHOME, an import, and gpgconf killing its agents when it goes).
void TestGpgVerify::timing()
{
    const StoredSignature s = storedSignature(readFile(sig(u"dir-img-valid/signature-1"_s)));
    const Digest manifest = sha256File(sig(u"dir-img-valid/manifest.json"_s));
    QElapsedTimer load;
    load.start();
    std::optional<GpgKeyring> keys = keyringOrFail(sig(u"public-key.gpg"_s));
    const qint64 loadMs = load.elapsed();
    constexpr int Rounds = 20;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < Rounds; ++i)
        QVERIFY(verifyGpgSignature(s, manifest, *keys).verified());
    const double perCheck = double(t.elapsed()) / Rounds;
    QElapsedTimer drop;
    drop.start();
    keys.reset();
    qInfo("GPG: keyring load %lld ms, one verification %.1f ms (mean of %d), keyring removal %lld ms", loadMs, perCheck,
          Rounds, drop.elapsed());
}

STRATA_TEST_APPLESS_MAIN(TestGpgVerify)
#include "tst_gpgverify.moc"
