// SPDX-License-Identifier: MIT
// Notation verification (core/trust/notationverify.h) on notation-go's JWS and COSE envelopes over its OCI layout's
// manifest, with a trust store holding the certificate openssl extracts from the JWS x5c, and on envelopes made here
// (tests/fixtures/make-notation-envelope.py, signed by the openssl CLI) for ES256 and PS384 under a CA made by
// tests/fixtures/make-notation-pki.sh. Negative variants: an empty and an unrelated trust store, a flipped
// signature byte, another manifest descriptor, an expired signature.
#include "core/trust/notationverify.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::trust;
using strata::attached::NotationContent;

namespace {

QString sig(const QString &relative)
{
    return test::publicFixture(u"signatures/notation-go/"_s + relative);
}

QString sh(const QString &script)
{
    return QString::fromUtf8(test::shellOutput(script)).trimmed();
}

QString script(const QString &name)
{
    return test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/"_s + name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

NotationContent envelope(const QString &type, const QByteArray &raw)
{
    NotationContent n;
    n.envelopeType = type;
    n.raw = raw;
    n.envelopeBytes = raw.size();
    return n;
}

NotationTrustStore storeOrFail(const QString &dir)
{
    Result<NotationTrustStore> s = loadNotationTrustStore(dir);
    if (!s)
        qFatal("%s", qPrintable(s.error().toString()));
    return s.value();
}

const QString Jose = u"application/jose+json"_s;
const QString Cose = u"application/cose"_s;

} // namespace

class TestNotationVerify final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void notationGoVerifies_data();
    void notationGoVerifies();
    void untrustedRoot_data();
    void untrustedRoot();
    void flippedSignatureByte_data();
    void flippedSignatureByte();
    void anotherManifest_data();
    void anotherManifest();
    void ownEnvelopes_data();
    void ownEnvelopes();
    void expired();
    void headerRules_data();
    void headerRules();
    void certificateRules_data();
    void certificateRules();
    void trustStoreErrors();
    void notANotationEnvelope();
    void timing();

private:
    // A trust store folder NAME holding only PKI/pki/ca.pem.
    QString storeOf(const QString &pki);

    QTemporaryDir m_tmp;
    Descriptor m_manifest; // the notation-go layout's manifest, from its index.json
    QString m_store;       // a trust store holding the notation-go certificate
    QString m_emptyStore;  // a trust store with no certificate
    QString m_pki;         // make-notation-pki.sh's output
    QString m_fingerprint; // sha256 of the notation-go certificate, by openssl
};

void TestNotationVerify::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QJsonObject d =
        QJsonDocument::fromJson(
            test::shellOutput(u"jq -c '.manifests[0]' %1"_s.arg(test::shellQuoted(sig(u"oci-layout/index.json"_s)))))
            .object();
    Result<Descriptor> m = Descriptor::fromJson(d, u"index.json"_s);
    QVERIFY(m);
    m_manifest = m.value();
    QVERIFY(m_manifest.digest.toString().startsWith(u"sha256:19dbd2e4"_s));

    // notation's layout: truststore/x509/ca/NAME/CERT; the test gives the ca/ folder (one level of NAME folders).
    m_store = m_tmp.filePath(u"truststore/x509/ca"_s);
    QDir().mkpath(m_store + u"/notation-go"_s);
    sh(u"jq -r '.header.x5c[0]' %1 | base64 -d | openssl x509 -inform DER -out %2/notation-go/alpine.pem"_s.arg(
        test::shellQuoted(sig(u"jws_signature.sig"_s)), test::shellQuoted(m_store)));
    m_fingerprint =
        sh(u"openssl x509 -in %1/notation-go/alpine.pem -noout -fingerprint -sha256"_s.arg(test::shellQuoted(m_store)));
    m_emptyStore = m_tmp.filePath(u"empty-store"_s);
    QDir().mkpath(m_emptyStore);
    m_pki = m_tmp.filePath(u"pki"_s);
    sh(u"bash %1 %2"_s.arg(script(u"make-notation-pki.sh"_s), test::shellQuoted(m_pki)));
}

QString TestNotationVerify::storeOf(const QString &pki)
{
    const QString store = m_tmp.filePath(u"stores/"_s + pki);
    QDir().mkpath(store);
    QFile::copy(m_pki + u"/"_s + pki + u"/ca.pem"_s, store + u"/ca.pem"_s);
    return store;
}

void TestNotationVerify::notationGoVerifies_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("file");
    QTest::newRow("jws") << Jose << u"jws_signature.sig"_s;
    QTest::newRow("cose") << Cose << u"cose_signature.sig"_s;
}

void TestNotationVerify::notationGoVerifies()
{
    QFETCH(QString, type);
    QFETCH(QString, file);
    const NotationTrustStore store = storeOrFail(m_store);
    QCOMPARE(store.certificates.size(), 1);
    QCOMPARE(store.files, QStringList{u"notation-go/alpine.pem"_s});
    const Verdict v = verifyNotationSignature(envelope(type, readFile(sig(file))), m_manifest, store);
    QVERIFY2(v.verified(), qPrintable(v.reason));
    QCOMPARE(v.signedDigest, m_manifest.digest);
    QCOMPARE(v.signer, sh(u"openssl x509 -in %1/notation-go/alpine.pem -noout -subject -nameopt RFC2253 | "
                          "sed 's/^subject=//'"_s.arg(test::shellQuoted(m_store))));
    // notation-go signed both on 2023-03-14 (JWS: 16:10:02+08:00); the chain was checked then and says so.
    QCOMPARE(v.signingTime.date(), QDate(2023, 3, 14));
    const QString checks = v.checks.join(u'\n');
    QVERIFY2(checks.contains(u"valid at the signing time 2023-03-14T"_s), qPrintable(checks));
    QVERIFY2(checks.contains(u"(PS256) verifies"_s), qPrintable(checks));
    QVERIFY2(checks.contains(u"481 bytes) is this manifest"_s), qPrintable(checks));
}

void TestNotationVerify::untrustedRoot_data()
{
    notationGoVerifies_data();
}

void TestNotationVerify::untrustedRoot()
{
    QFETCH(QString, type);
    QFETCH(QString, file);
    const NotationContent env = envelope(type, readFile(sig(file)));
    const Verdict empty = verifyNotationSignature(env, m_manifest, storeOrFail(m_emptyStore));
    QCOMPARE(empty.state, VerdictState::Failed);
    QVERIFY2(empty.reason.startsWith(u"untrusted root"_s), qPrintable(empty.reason));
    const Verdict other = verifyNotationSignature(env, m_manifest, storeOrFail(storeOf(u"other"_s)));
    QCOMPARE(other.state, VerdictState::Failed);
    QVERIFY2(other.reason.contains(u"untrusted root"_s), qPrintable(other.reason));
    QVERIFY2(other.reason.contains(u"trust store other"_s), qPrintable(other.reason));
}

void TestNotationVerify::flippedSignatureByte_data()
{
    notationGoVerifies_data();
}

void TestNotationVerify::flippedSignatureByte()
{
    QFETCH(QString, type);
    QFETCH(QString, file);
    QByteArray raw = readFile(sig(file));
    if (type == Jose) {
        // The signature's base64url text: one character changed keeps it base64url.
        QJsonObject o = QJsonDocument::fromJson(raw).object();
        QString s = o.value("signature"_L1).toString();
        s[10] = s[10] == u'A' ? u'B' : u'A';
        o.insert("signature"_L1, s);
        raw = QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        // The signature is the last byte string of the message: its last byte.
        raw[raw.size() - 1] = char(raw[raw.size() - 1] ^ 0x01);
    }
    const Verdict v = verifyNotationSignature(envelope(type, raw), m_manifest, storeOrFail(m_store));
    QCOMPARE(v.state, VerdictState::Failed);
    QVERIFY2(v.reason.contains(u"does not verify with the key of certificate"_s), qPrintable(v.reason));
}

void TestNotationVerify::anotherManifest_data()
{
    notationGoVerifies_data();
}

void TestNotationVerify::anotherManifest()
{
    QFETCH(QString, type);
    QFETCH(QString, file);
    Descriptor other = m_manifest;
    other.digest = sha256Of("another manifest");
    const Verdict v = verifyNotationSignature(envelope(type, readFile(sig(file))), other, storeOrFail(m_store));
    QCOMPARE(v.state, VerdictState::Failed);
    QCOMPARE(v.reason, u"signed digest %1 is not this manifest's %2"_s.arg(m_manifest.digest.toString(),
                                                                           other.digest.toString()));
    QCOMPARE(v.signedDigest, m_manifest.digest);
    Descriptor bigger = m_manifest;
    bigger.size += 1;
    const Verdict s = verifyNotationSignature(envelope(type, readFile(sig(file))), bigger, storeOrFail(m_store));
    QCOMPARE(s.state, VerdictState::Failed);
    QVERIFY2(s.reason.contains(u"size 481 is not this manifest's 482"_s), qPrintable(s.reason));
}

void TestNotationVerify::ownEnvelopes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("pki");
    QTest::newRow("jws ES256") << u"jws"_s << u"ES256"_s << u"ec"_s;
    QTest::newRow("cose ES256") << u"cose"_s << u"ES256"_s << u"ec"_s;
    QTest::newRow("jws PS384") << u"jws"_s << u"PS384"_s << u"rsa"_s;
    QTest::newRow("cose PS384") << u"cose"_s << u"PS384"_s << u"rsa"_s;
}

void TestNotationVerify::ownEnvelopes()
{
    QFETCH(QString, kind);
    QFETCH(QString, alg);
    QFETCH(QString, pki);
    const QString dir = m_pki + u"/"_s + pki;
    const QString out = m_tmp.filePath(u"own-%1-%2"_s.arg(kind, alg));
    sh(u"python3 %1 %2 %3 %4/leaf.key %5 %6 %7 %8 %4/leaf.pem %4/ca.pem"_s.arg(
        script(u"make-notation-envelope.py"_s), kind, alg, test::shellQuoted(dir), test::shellQuoted(out),
        m_manifest.mediaType, m_manifest.digest.toString(), QString::number(m_manifest.size)));
    const QString type = kind == u"jws"_s ? Jose : Cose;
    // A store holding the CA only (a folder of its own, as notation's truststore/x509/ca/NAME/).
    const QString store = storeOf(pki);
    const Verdict v = verifyNotationSignature(envelope(type, readFile(out)), m_manifest, storeOrFail(store));
    QVERIFY2(v.verified(), qPrintable(v.reason));
    QCOMPARE(v.signer, u"CN=Strata Test Signer "_s + pki);
    QVERIFY2(v.checks.join(u'\n').contains(u"to CN=Strata Test CA "_s + pki), qPrintable(v.checks.join(u'\n')));
    QVERIFY(qAbs(v.signingTime.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    // The same envelope fails against the other CA, and with its signature's last byte flipped.
    const Verdict untrusted =
        verifyNotationSignature(envelope(type, readFile(out)), m_manifest, storeOrFail(storeOf(u"other"_s)));
    QCOMPARE(untrusted.state, VerdictState::Failed);
    QVERIFY2(untrusted.reason.contains(u"untrusted root"_s), qPrintable(untrusted.reason));
    if (kind == u"cose"_s) {
        QByteArray raw = readFile(out);
        raw[raw.size() - 1] = char(raw[raw.size() - 1] ^ 0x01);
        const Verdict bad = verifyNotationSignature(envelope(type, raw), m_manifest, storeOrFail(store));
        QCOMPARE(bad.state, VerdictState::Failed);
        QVERIFY2(bad.reason.contains(u"does not verify"_s), qPrintable(bad.reason));
    }
}

void TestNotationVerify::expired()
{
    const QString dir = m_pki + u"/ec"_s;
    const QString store = storeOf(u"ec"_s);
    for (const QString &kind : {u"jws"_s, u"cose"_s}) {
        const QString out = m_tmp.filePath(u"expired-"_s + kind);
        const qint64 past = QDateTime::currentSecsSinceEpoch() - 60;
        sh(u"python3 %1 %2 ES256 %3/leaf.key %4 %5 %6 %7 %3/leaf.pem --expiry %8"_s.arg(
            script(u"make-notation-envelope.py"_s), kind, test::shellQuoted(dir), test::shellQuoted(out),
            m_manifest.mediaType, m_manifest.digest.toString(), QString::number(m_manifest.size),
            QString::number(past)));
        const Verdict v = verifyNotationSignature(envelope(kind == u"jws"_s ? Jose : Cose, readFile(out)), m_manifest,
                                                  storeOrFail(store));
        QCOMPARE(v.state, VerdictState::Failed);
        QCOMPARE(v.reason, u"the signature expired at %1"_s.arg(
                               QDateTime::fromSecsSinceEpoch(past, Qt::UTC).toString(Qt::ISODate)));
    }
}

// Envelopes signed correctly (openssl, make-notation-envelope.py) whose protected header breaks one of Notation's
// rules: the signature verifies, the header check refuses it.
void TestNotationVerify::headerRules_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("options"); // make-notation-envelope.py's
    QTest::addColumn<bool>("verified");
    QTest::addColumn<QString>("fragment"); // in the reason, or in the checks when verified
    const QString future = QString::number(QDateTime::currentSecsSinceEpoch() + 86400);
    for (const QString &kind : {u"jws"_s, u"cose"_s}) {
        const auto row = [&](const char *name, const QString &options, bool ok, const QString &fragment) {
            QTest::addRow("%s: %s", qPrintable(kind), name) << kind << options << ok << fragment;
        };
        row("as made", QString(), true, u"critical headers io.cncf.notary.signingScheme all understood"_s);
        row("expiry, critical", u"--expiry "_s + future, true, u"not expired"_s);
        row("unknown header, not critical", u"--header io.example.note=hi"_s, true, u"all understood"_s);
        row("no crit", u"--no-crit"_s, false, u"has no crit header"_s);
        row("crit: unknown extended attribute",
            u"--crit io.cncf.notary.signingScheme,io.example.policy --header io.example.policy=strict"_s, false,
            u"marks \"io.example.policy\" critical, a header Strata does not understand"_s);
        row("crit: header not present", u"--crit io.cncf.notary.signingScheme,io.example.missing"_s, false,
            u"marks \"io.example.missing\" critical, but has no such header"_s);
        row("crit: signingScheme missing", u"--crit io.cncf.notary.expiry --expiry "_s + future, false,
            u"does not mark io.cncf.notary.signingScheme critical"_s);
        row("crit: expiry not critical", u"--crit io.cncf.notary.signingScheme --expiry "_s + future, false,
            u"does not mark io.cncf.notary.expiry critical"_s);
        row("no signing scheme", u"--scheme - --crit io.cncf.notary.expiry --expiry "_s + future, false,
            u"has no io.cncf.notary.signingScheme"_s);
        row("other signing scheme", u"--scheme notary.x509.other"_s, false,
            u"names signing scheme \"notary.x509.other\""_s);
        row("no signing time", u"--no-signing-time"_s, false, u"has no io.cncf.notary.signingTime"_s);
        row("signingAuthority without authentic time", u"--scheme notary.x509.signingAuthority"_s, false,
            u"has no io.cncf.notary.authenticSigningTime"_s);
        row("other content type", u"--cty application/json"_s, false, u"names content type \"application/json\""_s);
    }
}

void TestNotationVerify::headerRules()
{
    QFETCH(QString, kind);
    QFETCH(QString, options);
    QFETCH(bool, verified);
    QFETCH(QString, fragment);
    const QString dir = m_pki + u"/ec"_s;
    const QString out =
        m_tmp.filePath(u"header-"_s + QString::number(qHash(QLatin1StringView(QTest::currentDataTag()))));
    sh(u"python3 %1 %2 ES256 %3/leaf.key %4 %5 %6 %7 %3/leaf.pem %8"_s.arg(
        script(u"make-notation-envelope.py"_s), kind, test::shellQuoted(dir), test::shellQuoted(out),
        m_manifest.mediaType, m_manifest.digest.toString(), QString::number(m_manifest.size), options));
    const Verdict v = verifyNotationSignature(envelope(kind == u"jws"_s ? Jose : Cose, readFile(out)), m_manifest,
                                              storeOrFail(storeOf(u"ec"_s)));
    QVERIFY2(v.verified() == verified, qPrintable(verdictStateName(v.state) + u": "_s + v.reason));
    const QString text = verified ? v.checks.join(u" | "_s) : v.reason;
    QVERIFY2(text.contains(fragment), qPrintable(text));
    if (!verified)
        QVERIFY2(v.state == VerdictState::Failed, qPrintable(v.reason));
}

// Leaves (and a "CA") made by make-notation-pki.sh that break Notation's certificate requirements, each signing a
// correct envelope.
void TestNotationVerify::certificateRules_data()
{
    QTest::addColumn<QString>("leaf");  // under pki/bad/
    QTest::addColumn<QString>("store"); // the CA: pki/ec or pki/bad/notca
    QTest::addColumn<bool>("verified");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("no EKU (allowed)") << u"no-eku"_s << u"ec"_s << true << QString();
    QTest::newRow("serverAuth EKU") << u"eku-server"_s << u"ec"_s << false
                                    << u"extended key usage holds serverAuth, which Notation forbids"_s;
    QTest::newRow("codeSigning + anyExtendedKeyUsage")
        << u"eku-any"_s << u"ec"_s << false << u"extended key usage holds anyExtendedKeyUsage"_s;
    QTest::newRow("no keyUsage") << u"no-keyusage"_s << u"ec"_s << false
                                 << u"lacks the digitalSignature key usage Notation requires"_s;
    QTest::newRow("keyCertSign on the leaf")
        << u"keycertsign"_s << u"ec"_s << false << u"has the keyCertSign or cRLSign key usage"_s;
    QTest::newRow("leaf is a CA") << u"leaf-ca"_s << u"ec"_s << false
                                  << u"is a CA (basicConstraints CA:TRUE), which Notation forbids"_s;
    QTest::newRow("issuer is no CA") << u"notca/leaf"_s << u"notca"_s << false
                                     << u"invalid CA certificate (at CN=Strata Test not-a-CA)"_s;
}

void TestNotationVerify::certificateRules()
{
    QFETCH(QString, leaf);
    QFETCH(QString, store);
    QFETCH(bool, verified);
    QFETCH(QString, fragment);
    const QString bad = m_pki + u"/bad/"_s;
    const QString storeDir = m_tmp.filePath(u"stores/cert-"_s + store);
    QDir().mkpath(storeDir);
    QFile::copy(store == u"ec"_s ? m_pki + u"/ec/ca.pem"_s : bad + u"notca/ca.pem"_s, storeDir + u"/ca.pem"_s);
    for (const QString &kind : {u"jws"_s, u"cose"_s}) {
        const QString out = m_tmp.filePath(u"cert-%1-%2"_s.arg(QString(leaf).replace(u'/', u'-'), kind));
        sh(u"python3 %1 %2 ES256 %3.key %4 %5 %6 %7 %3.pem"_s.arg(
            script(u"make-notation-envelope.py"_s), kind, test::shellQuoted(bad + leaf), test::shellQuoted(out),
            m_manifest.mediaType, m_manifest.digest.toString(), QString::number(m_manifest.size)));
        const Verdict v = verifyNotationSignature(envelope(kind == u"jws"_s ? Jose : Cose, readFile(out)), m_manifest,
                                                  storeOrFail(storeDir));
        QVERIFY2(v.verified() == verified, qPrintable(kind + u": "_s + verdictStateName(v.state) + u": "_s + v.reason));
        QVERIFY2(v.reason.contains(fragment), qPrintable(v.reason));
    }
}

void TestNotationVerify::trustStoreErrors()
{
    Result<NotationTrustStore> missing = loadNotationTrustStore(m_tmp.filePath(u"nope"_s));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    const QString bad = m_tmp.filePath(u"bad-store"_s);
    QDir().mkpath(bad);
    QFile f(bad + u"/not-a-cert.pem"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello\n");
    f.close();
    Result<NotationTrustStore> notCert = loadNotationTrustStore(bad);
    QVERIFY(!notCert);
    QCOMPARE(notCert.error().code, ErrorCode::Malformed);
    QVERIFY2(notCert.error().toString().contains(u"not-a-cert.pem"_s), qPrintable(notCert.error().toString()));
}

void TestNotationVerify::notANotationEnvelope()
{
    const Verdict v = verifyNotationSignature(envelope(u"application/vnd.dev.cosign.simplesigning.v1+json"_s, "{}"),
                                              m_manifest, storeOrFail(m_store));
    QCOMPARE(v.state, VerdictState::NotChecked);
    const Verdict garbage = verifyNotationSignature(envelope(Cose, "\xd2\x84"), m_manifest, storeOrFail(m_store));
    QCOMPARE(garbage.state, VerdictState::Failed);
    QVERIFY2(garbage.reason.startsWith(u"the envelope does not decode"_s), qPrintable(garbage.reason));
}

// The figure for the note: one Notation check of each envelope kind.
void TestNotationVerify::timing()
{
    const NotationTrustStore store = storeOrFail(m_store);
    for (const auto &[type, file] :
         {std::pair{Jose, u"jws_signature.sig"_s}, std::pair{Cose, u"cose_signature.sig"_s}}) {
        const NotationContent env = envelope(type, readFile(sig(file)));
        constexpr int Rounds = 200;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < Rounds; ++i)
            QVERIFY(verifyNotationSignature(env, m_manifest, store).verified());
        qInfo("Notation %s: one verification %.3f ms (mean of %d)", qPrintable(type),
              double(t.nsecsElapsed()) / 1e6 / Rounds, Rounds);
    }
}

STRATA_TEST_APPLESS_MAIN(TestNotationVerify)
#include "tst_notationverify.moc"
