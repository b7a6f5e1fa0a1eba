// SPDX-License-Identifier: MIT
// What readAttachmentContent decodes from attached artifacts, on real data: regclient's testrepo (regctl-made
// subject artifacts), containers/image's stored cosign signatures (dir:, and the same signature as a cosign .sig
// tag in an OCI layout), notation-go's JWS and COSE envelopes, sigstore-go's bundle and an `npm sbom` document,
// each attached by `subject` to a layout by tests/fixtures/attach-artifact.py (Debian has no notation or oras).
// Every field is compared with what jq and openssl read from the same bytes.
#include "core/attached/attachmentcontent.h"
#include "core/attestations/attestationlimits.h"
#include "core/signatures/cosesign1.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::attached;

namespace {

QString sig(const QString &relative)
{
    return test::publicFixture(u"signatures/"_s + relative);
}

QString sh(const QString &script)
{
    return QString::fromUtf8(test::shellOutput(script)).trimmed();
}

// Runs attach-artifact.py; returns the artifact manifest's digest.
Digest attach(const QString &dest, const QString &args)
{
    const QString out = sh(u"python3 %1 %2 %3"_s.arg(
        test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/attach-artifact.py"_s),
        test::shellQuoted(dest), args));
    Result<Digest> d = Digest::parse(out.split(u'\n').last());
    if (!d)
        qFatal("attach-artifact.py printed %s", qPrintable(out));
    return d.value();
}

ImageGraphPtr openOrFail(const QString &text)
{
    Result<ImageGraphPtr> g = SourceOpener::open(text);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    return g.value();
}

int artifactNode(const ImageGraph &g, const Digest &d)
{
    for (const Node &n : g.nodes)
        if (n.attachment && n.digest() == d)
            return n.id;
    return -1;
}

AttachmentContent contentOf(const ImageGraph &g, int node)
{
    Result<AttachmentContent> c = readAttachmentContent(g, node);
    if (!c)
        qFatal("%s", qPrintable(c.error().toString()));
    return c.value();
}

} // namespace

class TestAttachmentContent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void regclientTestrepo();
    void storedSignature();
    void cosignSigTag();
    void notationJws();
    void notationCose();
    void coseHostile_data();
    void coseHostile();
    void sigstoreBundle();
    void npmSbomAttached();
    void referrersJsonSummary();
    void oversizedStatementRefused();
    void notAnArtifact();
};

void TestAttachmentContent::regclientTestrepo()
{
    const QString repo = test::publicFixture(u"regclient/testrepo"_s);
    const ImageGraphPtr g = openOrFail(repo);
    int artifacts = 0, previews = 0;
    for (const Node &n : g->nodes) {
        if (!n.attachment)
            continue;
        ++artifacts;
        const AttachmentContent c = contentOf(*g, n.id);
        QVERIFY2(c.problems.isEmpty(), qPrintable(g->describe(n.id) + u": "_s + c.problems.join(u"; "_s)));
        for (const LayerText &t : c.previews) {
            ++previews;
            // The same bytes as the blob file, as cat prints them.
            QCOMPARE(t.text, QString::fromUtf8(test::shellOutput(
                                 u"cat %1/blobs/sha256/%2"_s.arg(test::shellQuoted(repo), t.digest.encoded()))));
        }
    }
    QVERIFY2(artifacts >= 8, qPrintable(QString::number(artifacts)));
    QVERIFY(previews >= 6);
    // The example SBOM for v2's index: one layer "application/example.sbom.breakfast".
    const Digest sbom =
        Digest::parse(u"sha256:0484e93c23cddf24a8400547119558312023295af241d4cd1eaf1b27145c5026"_s).value();
    const int node = artifactNode(*g, sbom);
    QVERIFY(node >= 0);
    const AttachmentContent c = contentOf(*g, node);
    QCOMPARE(c.artifactType, u"application/example.sbom"_s);
    QCOMPARE(c.layers.size(), 1);
    QCOMPARE(c.layers[0].mediaType, u"application/example.sbom.breakfast"_s);
    QCOMPARE(c.previews.size(), 1);
}

void TestAttachmentContent::storedSignature()
{
    const QString dir = sig(u"containers-image/dir-img-cosign-fulcio-rekor-valid"_s);
    const ImageGraphPtr g = openOrFail(u"dir:"_s + dir);
    int node = -1;
    for (const Node &n : g->nodes)
        if (n.kind == NodeKind::Signature)
            node = n.id;
    QVERIFY(node >= 0);
    const AttachmentContent c = contentOf(*g, node);
    QCOMPARE(c.signatures.size(), 1);
    const StoredSignature &s = c.signatures[0];
    const QString payload = u"tail -c +16 %1/signature-1 | jq -r .payload | base64 -d"_s.arg(test::shellQuoted(dir));
    QVERIFY(s.claims);
    QCOMPARE(s.claims->manifestDigest.toString(),
             sh(payload + u" | jq -r '.critical.image[\"docker-manifest-digest\"]'"_s));
    QCOMPARE(s.claims->manifestDigest.toString(),
             sh(u"sha256sum %1/manifest.json | cut -c1-64 | sed 's/^/sha256:/'"_s.arg(test::shellQuoted(dir))));
}

void TestAttachmentContent::cosignSigTag()
{
    QTemporaryDir tmp;
    const QString dir = sig(u"containers-image/dir-img-cosign-fulcio-rekor-valid"_s);
    const QString layout = tmp.filePath(u"cosign"_s);
    const Digest d =
        attach(layout, u"--subject-file %1/manifest.json --cosign-sig %1/signature-1"_s.arg(test::shellQuoted(dir)));
    const ImageGraphPtr g = openOrFail(layout);
    const int node = artifactNode(*g, d);
    QVERIFY(node >= 0);
    QCOMPARE(g->nodes[node].attachment->kind, ArtifactKind::CosignSignature);
    QVERIFY(g->nodes[node].attachment->foundBy.contains(FoundBy::CosignTag));
    const AttachmentContent c = contentOf(*g, node);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
    QCOMPARE(c.signatures.size(), 1);
    const StoredSignature &s = c.signatures[0];
    const QString json = u"tail -c +16 %1/signature-1"_s.arg(test::shellQuoted(dir));
    const QString payload = json + u" | jq -r .payload | base64 -d"_s;
    QVERIFY(s.claims);
    QCOMPARE(s.claims->manifestDigest.toString(),
             sh(payload + u" | jq -r '.critical.image[\"docker-manifest-digest\"]'"_s));
    QCOMPARE(s.claims->manifestDigest, g->nodes[node].attachment->subject);
    QCOMPARE(s.claims->dockerReference, sh(payload + u" | jq -r '.critical.identity[\"docker-reference\"]'"_s));
    QCOMPARE(QString::fromLatin1(s.signature.toBase64()),
             sh(json + u" | jq -r '.annotations[\"dev.cosignproject.cosign/signature\"]'"_s));
    QVERIFY(!s.certificates.isEmpty());
    const QString cert = json + u" | jq -r '.annotations[\"dev.sigstore.cosign/certificate\"]'"_s;
    QVERIFY(sh(cert + u" | openssl x509 -noout -ext subjectAltName"_s).contains(s.certificates[0].emails.value(0)));
    QCOMPARE(s.certificates[0].emails, QStringList{u"mitr@redhat.com"_s});
    QCOMPARE(s.certificates[0].sha256,
             sh(cert + u" | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f"_s));
    QVERIFY(s.rekor);
    const QString bundle = json + u" | jq -r '.annotations[\"dev.sigstore.cosign/bundle\"]'"_s;
    QCOMPARE(QString::number(s.rekor->logIndex), sh(bundle + u" | jq -r .Payload.logIndex"_s));
    QCOMPARE(QString::number(s.rekor->integratedTime.toSecsSinceEpoch()),
             sh(bundle + u" | jq -r .Payload.integratedTime"_s));
    QCOMPARE(s.rekor->logId, sh(bundle + u" | jq -r .Payload.logID"_s));
    QVERIFY2(c.summary().startsWith(u"cosign signature"_s), qPrintable(c.summary()));
}

void TestAttachmentContent::notationJws()
{
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"notation"_s);
    const QString jws = sig(u"notation-go/jws_signature.sig"_s);
    const Digest d = attach(layout, u"--from %1 --artifact-type application/vnd.cncf.notary.signature --layer "
                                    "application/jose+json=%2"_s.arg(
                                        test::shellQuoted(sig(u"notation-go/oci-layout"_s)), test::shellQuoted(jws)));
    const ImageGraphPtr g = openOrFail(layout);
    const int node = artifactNode(*g, d);
    QVERIFY(node >= 0);
    QCOMPARE(g->nodes[node].attachment->kind, ArtifactKind::NotationSignature);
    const AttachmentContent c = contentOf(*g, node);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
    QCOMPARE(c.notations.size(), 1);
    const NotationContent &n = c.notations[0];
    QVERIFY(n.decoded);
    // base64url without padding: jq's @base64d reads it once translated.
    const QString header =
        u"jq -r '.protected | gsub(\"-\";\"+\") | gsub(\"_\";\"/\") | @base64d' %1"_s.arg(test::shellQuoted(jws));
    QCOMPARE(n.algorithm, sh(header + u" | jq -r .alg"_s));
    QCOMPARE(n.contentType, sh(header + u" | jq -r .cty"_s));
    QCOMPARE(n.signingTime, sh(header + u" | jq -r '.[\"io.cncf.notary.signingTime\"]'"_s));
    QCOMPARE(n.signingScheme, sh(header + u" | jq -r '.[\"io.cncf.notary.signingScheme\"]'"_s));
    QCOMPARE(n.signingAgent, sh(u"jq -r '.header[\"io.cncf.notary.signingAgent\"]' %1"_s.arg(test::shellQuoted(jws))));
    QCOMPARE(n.targetDigest, g->nodes[node].attachment->subject);
    QCOMPARE(n.certificates.size(), 1);
    const QString der =
        u"jq -r '.header.x5c[0]' %1 | base64 -d | openssl x509 -inform DER -noout"_s.arg(test::shellQuoted(jws));
    QCOMPARE(n.certificates[0].sha256, sh(der + u" -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f"_s));
    QCOMPARE(n.certificates[0].subject, sh(der + u" -subject -nameopt RFC2253 | sed 's/^subject=//'"_s));
}

void TestAttachmentContent::notationCose()
{
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"notation"_s);
    const QString cose = sig(u"notation-go/cose_signature.sig"_s);
    const Digest d = attach(layout, u"--from %1 --artifact-type application/vnd.cncf.notary.signature --layer "
                                    "application/cose=%2"_s.arg(test::shellQuoted(sig(u"notation-go/oci-layout"_s)),
                                                                test::shellQuoted(cose)));
    const ImageGraphPtr g = openOrFail(layout);
    const int node = artifactNode(*g, d);
    const AttachmentContent c = contentOf(*g, node);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
    QCOMPARE(c.notations.size(), 1);
    const NotationContent &n = c.notations[0];
    QVERIFY(n.decoded);
    QCOMPARE(n.envelopeBytes, QFile(cose).size());
    QCOMPARE(n.raw.size(), QFile(cose).size());
    // notation-go signed the same manifest with the same key and settings in both envelopes: the JWS, read by jq,
    // says what the COSE header must hold.
    const QString jws = sig(u"notation-go/jws_signature.sig"_s);
    const QString header =
        u"jq -r '.protected | gsub(\"-\";\"+\") | gsub(\"_\";\"/\") | @base64d' %1"_s.arg(test::shellQuoted(jws));
    QCOMPARE(n.algorithm, sh(header + u" | jq -r .alg"_s));
    QCOMPARE(n.contentType, sh(header + u" | jq -r .cty"_s));
    QCOMPARE(n.signingScheme, sh(header + u" | jq -r '.[\"io.cncf.notary.signingScheme\"]'"_s));
    QCOMPARE(n.targetDigest, g->nodes[node].attachment->subject);
    QVERIFY(n.targetDigest.toString().startsWith(u"sha256:19dbd2e4"_s));
    QCOMPARE(n.targetMediaType, u"application/vnd.oci.image.manifest.v1+json"_s);
    QVERIFY(n.targetSize > 0);
    QCOMPARE(n.certificates.size(), 1);
    const QString der =
        u"jq -r '.header.x5c[0]' %1 | base64 -d | openssl x509 -inform DER -noout"_s.arg(test::shellQuoted(jws));
    QCOMPARE(n.certificates[0].sha256, sh(der + u" -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f"_s));
    // The signing time is the tag-1 integer after the label's text in the protected header (RFC 8949 §3.4.2: c1,
    // then 1a and four bytes, read with od); date(1) writes it.
    const QString label = QString::fromLatin1(QByteArray("io.cncf.notary.signingTime").toHex());
    const QString seconds = sh(u"printf '%d' 0x$(od -An -tx1 -v %1 | tr -d ' \\n' | grep -o '%2c11a[0-9a-f]\\{8\\}' | "
                               "sed 's/.*c11a//')"_s.arg(test::shellQuoted(cose), label));
    QCOMPARE(n.signingTime, sh(u"date -u -d @%1 +%Y-%m-%dT%H:%M:%SZ"_s.arg(seconds)));
    QVERIFY(n.expiry.isEmpty());
    QCOMPARE(c.summary(), u"Notation signature (PS256)"_s);
}

void TestAttachmentContent::coseHostile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code"); // -1: decodes
    QFile f(sig(u"notation-go/cose_signature.sig"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray good = f.readAll();
    QTest::newRow("notation-go untagged") << good.mid(1) << -1;
    QTest::newRow("cut in half") << good.left(good.size() / 2) << int(ErrorCode::Truncated);
    QTest::newRow("trailing byte") << good + '\0' << int(ErrorCode::Malformed);
    // An array declaring 2^64-1 entries in nine bytes: libcbor would allocate the slots before reading them.
    QTest::newRow("huge declared array") << QByteArray("\xd2\x9b\xff\xff\xff\xff\xff\xff\xff\xff", 10)
                                         << int(ErrorCode::TooLarge);
    QTest::newRow("nested 40 deep") << QByteArray("\xd2") + QByteArray(40, '\x81') + QByteArray(1, '\0')
                                    << int(ErrorCode::TooLarge);
    QTest::newRow("other tag") << QByteArray("\xd8\x62\x84\x40\xa0\xf6\x40", 7) << int(ErrorCode::Malformed);
    QTest::newRow("three elements") << QByteArray("\xd2\x83\x40\xa0\xf6", 5) << int(ErrorCode::Malformed);
    QTest::newRow("empty headers, nil payload") << QByteArray("\xd2\x84\x40\xa0\xf6\x40", 6) << -1;
    QTest::newRow("empty") << QByteArray() << int(ErrorCode::Malformed);
}

void TestAttachmentContent::coseHostile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    const Result<CoseSign1> c = parseCoseSign1(bytes, u"hostile.cose"_s);
    if (code < 0) {
        QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
        return;
    }
    QVERIFY(!c);
    QCOMPARE(int(c.error().code), code);
    QCOMPARE(c.error().context, u"hostile.cose"_s);
}

void TestAttachmentContent::sigstoreBundle()
{
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"bundle"_s);
    const QString bundle = sig(u"sigstore-go/bundle-provenance.json"_s);
    const Digest d =
        attach(layout, u"--from %1 --artifact-type 'application/vnd.dev.sigstore.bundle.v0.3+json' "
                       "--layer 'application/vnd.dev.sigstore.bundle+json;version=0.1'=%2"_s.arg(
                           test::shellQuoted(sig(u"notation-go/oci-layout"_s)), test::shellQuoted(bundle)));
    const ImageGraphPtr g = openOrFail(layout);
    const int node = artifactNode(*g, d);
    QVERIFY(node >= 0);
    const AttachmentContent c = contentOf(*g, node);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
    QCOMPARE(c.bundles.size(), 1);
    const SigstoreBundleContent &b = c.bundles[0];
    const QString q = u"jq -r %2 "_s + test::shellQuoted(bundle);
    QCOMPARE(b.mediaType, sh(q.arg(u".mediaType"_s)));
    QCOMPARE(b.certificates.size(),
             sh(q.arg(u"'.verificationMaterial.x509CertificateChain.certificates|length'"_s)).toInt());
    QCOMPARE(b.tlogEntries.size(), 1);
    QCOMPARE(QString::number(b.tlogEntries[0].logIndex),
             sh(q.arg(u"'.verificationMaterial.tlogEntries[0].logIndex'"_s)));
    QCOMPARE(QString::number(b.tlogEntries[0].integratedTime.toSecsSinceEpoch()),
             sh(q.arg(u"'.verificationMaterial.tlogEntries[0].integratedTime'"_s)));
    QCOMPARE(b.tlogEntries[0].logId, sh(q.arg(u"'.verificationMaterial.tlogEntries[0].logId.keyId'"_s) +
                                        u" | base64 -d | od -An -tx1 | tr -d ' \\n'"_s));
    QCOMPARE(c.statements.size(), 1);
    const QString statement = q.arg(u".dsseEnvelope.payload"_s) + u" | base64 -d"_s;
    QCOMPARE(c.statements[0].statement.predicateType, sh(statement + u" | jq -r .predicateType"_s));
    QVERIFY(c.statements[0].provenance);
    QCOMPARE(c.statements[0].provenance->builderId, sh(statement + u" | jq -r .predicate.builder.id"_s));
    QVERIFY2(c.summary().contains(c.statements[0].provenance->builderId), qPrintable(c.summary()));
}

void TestAttachmentContent::npmSbomAttached()
{
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"sbom"_s);
    const QString doc = test::npmSbom(u"spdx"_s);
    const Digest d =
        attach(layout, u"--from %1 --artifact-type application/spdx+json --layer application/spdx+json=%2"_s.arg(
                           test::shellQuoted(sig(u"notation-go/oci-layout"_s)), test::shellQuoted(doc)));
    const ImageGraphPtr g = openOrFail(layout);
    const int node = artifactNode(*g, d);
    QVERIFY(node >= 0);
    QCOMPARE(g->nodes[node].attachment->kind, ArtifactKind::SpdxSbom);
    const AttachmentContent c = contentOf(*g, node);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
    QVERIFY(c.sbom);
    QCOMPARE(QString::number(c.sbom->packageCount), sh(u"jq '.packages|length' "_s + test::shellQuoted(doc)));
    QCOMPARE(c.sbom->raw, test::shellOutput(u"cat "_s + test::shellQuoted(doc)));
    QVERIFY2(c.summary().contains(u"packages"_s), qPrintable(c.summary()));
}

void TestAttachmentContent::referrersJsonSummary()
{
    // strata inspect --referrers --json fills summary from the decoded layers.
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"sbom"_s);
    const QString doc = test::npmSbom(u"spdx"_s);
    attach(layout, u"--from %1 --artifact-type application/spdx+json --layer application/spdx+json=%2"_s.arg(
                       test::shellQuoted(sig(u"notation-go/oci-layout"_s)), test::shellQuoted(doc)));
    attach(layout, u"--artifact-type application/vnd.dev.sigstore.bundle.v0.3+json "
                   "--layer 'application/vnd.dev.sigstore.bundle+json;version=0.1'=%1"_s.arg(
                       test::shellQuoted(sig(u"sigstore-go/bundle-provenance.json"_s))));
    const QString summaries = sh(u"%1 inspect --referrers --json %2 | jq -r '.referrers[].summary'"_s.arg(
        test::shellQuoted(test::strataBinary()), test::shellQuoted(layout)));
    const QString count = sh(u"jq '.packages|length' "_s + test::shellQuoted(doc));
    QVERIFY2(summaries.contains(u"SPDX 2.3 SBOM, %1 packages"_s.arg(count)), qPrintable(summaries));
    const QString builder = sh(u"jq -r .dsseEnvelope.payload %1 | base64 -d | jq -r .predicate.builder.id"_s.arg(
        test::shellQuoted(sig(u"sigstore-go/bundle-provenance.json"_s))));
    QVERIFY2(summaries.contains(u"by "_s + builder), qPrintable(summaries));
}

void TestAttachmentContent::oversizedStatementRefused()
{
    // Hostile: a descriptor that declares a statement over limits::StatementBytes is not read at all.
    QTemporaryDir tmp;
    const QString layout = tmp.filePath(u"big"_s);
    const QString bundle = sig(u"sigstore-go/bundle-provenance.json"_s);
    const Digest d = attach(layout, u"--from %1 --artifact-type application/vnd.in-toto+json --declared-size %2 "
                                    "--layer application/vnd.dsse.envelope.v1+json=%3"_s
                                        .arg(test::shellQuoted(sig(u"notation-go/oci-layout"_s)))
                                        .arg(limits::StatementBytes + 1)
                                        .arg(test::shellQuoted(bundle)));
    const ImageGraphPtr g = openOrFail(layout);
    const AttachmentContent c = contentOf(*g, artifactNode(*g, d));
    QCOMPARE(c.statements.size(), 0);
    QCOMPARE(c.problems.size(), 1);
    QVERIFY2(c.problems[0].contains(u"over the %1-byte limit"_s.arg(limits::StatementBytes)),
             qPrintable(c.problems[0]));
    QVERIFY2(c.problems[0].contains(u"layer sha256:"_s), qPrintable(c.problems[0]));
}

void TestAttachmentContent::notAnArtifact()
{
    const ImageGraphPtr g = openOrFail(sig(u"notation-go/oci-layout"_s));
    Result<AttachmentContent> c = readAttachmentContent(*g, 0);
    QVERIFY(!c);
    QCOMPARE(c.error().code, ErrorCode::NotFound);
    QVERIFY(!readAttachmentContent(*g, 99999));
}

STRATA_TEST_APPLESS_MAIN(TestAttachmentContent)
#include "tst_attachmentcontent.moc"
