// SPDX-License-Identifier: MIT
// containers/image dir: folders, written at test time by skopeo copy and podman save --format docker-dir|oci-dir,
// signed by skopeo standalone-sign with a gpg key made for the test; and the stored signatures of
// containers/image's own test suite (../shared/fixtures/public/signatures/containers-image), whose claims are
// read back with gpg, jq and openssl to compare.
#include "core/report/graphjson.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/podmanservice.h"
#include "tests/common/testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

QString signatureFixture(const QString &name)
{
    return test::publicFixture(u"signatures/containers-image/"_s + name);
}

ImageGraphPtr openOrFail(const QString &text)
{
    Result<ImageGraphPtr> g = SourceOpener::open(text);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    return g.value();
}

// The manifest a signature is attached to: the parent of its "attached" group.
int attachedTo(const ImageGraph &g, const Node &n)
{
    if (n.parent < 0 || g.nodes[n.parent].kind != NodeKind::Attached)
        return -1;
    return g.nodes[n.parent].parent;
}

QList<const Node *> nodesOfKind(const ImageGraph &g, NodeKind k)
{
    QList<const Node *> out;
    for (const Node &n : g.nodes)
        if (n.kind == k)
            out << &n;
    return out;
}

QList<Problem> problemsOf(const ProblemList &all, ProblemKind k)
{
    QList<Problem> out;
    for (const Problem &p : all)
        if (p.kind == k)
            out << p;
    return out;
}

bool hasErrors(const ProblemList &all)
{
    return std::any_of(all.begin(), all.end(), [](const Problem &p) { return p.severity == Severity::Error; });
}

// sha256 and size of every file below `dir`: opening must change none of them.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            out.insert(f, QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return out;
}

QString sha256File(const QString &path)
{
    return u"sha256:"_s + QString::fromLatin1(test::shellOutput(u"sha256sum "_s + test::shellQuoted(path)).left(64));
}

} // namespace

class TestDirTransport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // skopeo writes what `docker-archive:` and `oci:` sources hold into dir: folders.
        m_fromDocker = m_dir.filePath(u"from-docker"_s);
        m_fromOci = m_dir.filePath(u"from-oci"_s);
        m_multi = m_dir.filePath(u"multi"_s);
        m_indexOnly = m_dir.filePath(u"index-only"_s);
        const QString testrepo = test::publicFixture(u"regclient/testrepo"_s);
        test::shellOutput(u"skopeo copy -q docker-archive:%1 dir:%2 && skopeo copy -q oci:%3 dir:%4 && "
                          "skopeo copy -q --all oci:%5:v3 dir:%6 && "
                          "skopeo copy -q --multi-arch index-only oci:%5:v3 dir:%7"_s.arg(
                              test::shellQuoted(test::fixture(u"good/docker-archive.tar"_s)),
                              test::shellQuoted(m_fromDocker), test::shellQuoted(test::fixture(u"good/oci-gzip"_s)),
                              test::shellQuoted(m_fromOci), test::shellQuoted(testrepo), test::shellQuoted(m_multi),
                              test::shellQuoted(m_indexOnly)));
    }

    // Every skopeo-written folder opens as a dir: folder, with or without the prefix, and verifies clean;
    // nothing in it changes.
    void skopeoFolders_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("manifestMediaType");
        QTest::newRow("docker-archive → dir:")
            << u"from-docker"_s << u"application/vnd.docker.distribution.manifest.v2+json"_s;
        QTest::newRow("oci: → dir:") << u"from-oci"_s << u"application/vnd.oci.image.manifest.v1+json"_s;
    }
    void skopeoFolders()
    {
        QFETCH(QString, which);
        QFETCH(QString, manifestMediaType);
        const QString dir = m_dir.filePath(which);
        const QMap<QString, QByteArray> before = snapshot(dir);
        for (const QString &text : QStringList{dir, u"dir:"_s + dir}) {
            const ImageGraphPtr g = openOrFail(text);
            QCOMPARE(g->format, u"containers/image dir: folder"_s);
            QCOMPARE(g->images.size(), 1);
            const Node &top = g->nodes[g->images[0].manifestNode];
            QCOMPARE(top.member, u"manifest.json"_s);
            // The manifest's digest is what its bytes hash to, as skopeo inspect reports it.
            QCOMPARE(top.digest().toString(), sha256File(dir + u"/manifest.json"_s));
            const QJsonObject inspected =
                QJsonDocument::fromJson(test::shellOutput(u"skopeo inspect dir:"_s + test::shellQuoted(dir))).object();
            QCOMPARE(top.digest().toString(), inspected.value("Digest"_L1).toString());
            const QByteArray manifest = test::shellOutput(u"cat "_s + test::shellQuoted(dir + u"/manifest.json"_s));
            const QJsonObject m = QJsonDocument::fromJson(manifest).object();
            QCOMPARE(m.value("mediaType"_L1).toString(manifestMediaType), manifestMediaType);
            QCOMPARE(g->images[0].layerNodes.size(), m.value("layers"_L1).toArray().size());
            for (qsizetype i = 0; i < g->images[0].layerNodes.size(); ++i) {
                const Node &l = g->nodes[g->images[0].layerNodes[i]];
                QVERIFY(l.present);
                QCOMPARE(l.digest().toString(), m.value("layers"_L1)[i]["digest"_L1].toString());
                QCOMPARE(l.member, l.digest().encoded()); // one file per blob, named by its hex digest
            }
            const VerifyReport r = Verifier::run(*g, {});
            QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
            QVERIFY(r.checksPassed > 0);
            QCOMPARE(r.checksPassed, r.checksTotal);
            QVERIFY(nodesOfKind(*g, NodeKind::Signature).isEmpty());
            // skopeo keeps Docker's gzip media type for the uncompressed layers a docker-archive holds: said as
            // information, never a failure (Docker sniffs the bytes).
            for (const Problem &p : problemsOf(r.problems, ProblemKind::MediaTypeMismatch)) {
                QCOMPARE(p.severity, Severity::Info);
                QCOMPARE(p.expected, u"gzip"_s);
                QCOMPARE(p.actual, u"none"_s);
            }
            if (manifestMediaType.contains(u"docker"_s))
                QCOMPARE(problemsOf(r.problems, ProblemKind::MediaTypeMismatch).size(), g->images[0].layerNodes.size());
        }
        QCOMPARE(snapshot(dir), before);
    }

    // skopeo copy --all writes the index as manifest.json and each instance as <hex>.manifest.json.
    void multiPlatform()
    {
        const ImageGraphPtr g = openOrFail(m_multi);
        const Node &top = g->nodes[1];
        QCOMPARE(top.kind, NodeKind::Index);
        QCOMPARE(top.member, u"manifest.json"_s);
        const QJsonObject index =
            QJsonDocument::fromJson(test::shellOutput(u"cat "_s + test::shellQuoted(m_multi + u"/manifest.json"_s)))
                .object();
        const QJsonArray children = index.value("manifests"_L1).toArray();
        QCOMPARE(top.children.size(), children.size());
        for (qsizetype i = 0; i < children.size(); ++i) {
            const Node &c = g->nodes[top.children[i]];
            QCOMPARE(c.digest().toString(), children[i]["digest"_L1].toString());
            QCOMPARE(c.member, c.digest().encoded() + u".manifest.json"_s);
            QVERIFY(c.present);
        }
        QVERIFY(g->images.size() >= 3);
        const VerifyReport r = Verifier::run(*g, {});
        QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
        QCOMPARE(r.checksPassed, r.checksTotal);
    }

    // --multi-arch index-only copies the index alone: its instances are not included, which is not corruption.
    void indexOnly()
    {
        const ImageGraphPtr g = openOrFail(m_indexOnly);
        const Node &top = g->nodes[1];
        QCOMPARE(top.kind, NodeKind::Index);
        QVERIFY(!top.children.isEmpty());
        for (int c : top.children)
            QVERIFY(!g->nodes[c].present && g->nodes[c].absenceAllowed);
        QCOMPARE(problemsOf(g->problems, ProblemKind::NotIncluded).size(), top.children.size());
        const VerifyReport r = Verifier::run(*g, {});
        QVERIFY2(!hasErrors(r.problems), qPrintable(test::problemsText(r.problems)));
    }

    // podman save --format docker-dir writes the dir: transport; Debian 12's podman 4.3 writes an OCI layout
    // (oci-layout, index.json, blobs/) for oci-dir, and that is what it must open as.
    void podmanSave_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("detected");
        QTest::newRow("docker-dir") << u"docker-dir"_s << u"containers/image dir: folder"_s;
        QTest::newRow("oci-dir") << u"oci-dir"_s << u"OCI layout directory"_s;
    }
    void podmanSave()
    {
        QFETCH(QString, format);
        QFETCH(QString, detected);
        if (!m_podman) {
            m_podman = std::make_unique<test::PodmanService>();
            const QString err = m_podman->start({test::fixture(u"good/docker-archive.tar"_s)});
            QVERIFY2(err.isEmpty(), qPrintable(err));
        }
        QByteArray images;
        QVERIFY(m_podman->run({u"images"_s, u"-q"_s}, &images).isEmpty());
        const QString id = QString::fromLatin1(images.split('\n').value(0)).trimmed();
        QVERIFY(!id.isEmpty());
        const QString out = m_dir.filePath(u"podman-"_s + format);
        const QString err = m_podman->run({u"save"_s, u"-q"_s, u"--format"_s, format, u"-o"_s, out, id});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const ImageGraphPtr g = openOrFail(out);
        QCOMPARE(g->format, detected);
        QCOMPARE(g->images.size(), 1);
        QVERIFY(!g->images[0].layerNodes.isEmpty());
        const VerifyReport r = Verifier::run(*g, {});
        QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
        QVERIFY(r.checksPassed > 0);
    }

    // A blob removed from the folder is missing (corruption); a changed one is a digest mismatch.
    void damagedFolders()
    {
        const QString missing = test::scratchCopy(m_fromDocker);
        const QString changed = test::scratchCopy(m_fromDocker);
        const ImageGraphPtr clean = openOrFail(m_fromDocker);
        const QString layer = clean->nodes[clean->images[0].layerNodes.last()].member;
        QVERIFY(QFile::remove(missing + u'/' + layer));
        test::shellOutput(u"printf 'X' | dd of=%1 bs=1 seek=100 conv=notrunc status=none"_s.arg(
            test::shellQuoted(changed + u'/' + layer)));

        const ImageGraphPtr gm = openOrFail(missing);
        const QList<Problem> absent = problemsOf(gm->problems, ProblemKind::MissingBlob);
        QCOMPARE(absent.size(), 1);
        QVERIFY2(absent[0].object.contains(layer), qPrintable(absent[0].object));
        QVERIFY(!Verifier::run(*gm, {}).ok());

        const VerifyReport rc = Verifier::run(*openOrFail(changed), {});
        QVERIFY(!rc.ok());
        const QList<Problem> mismatch = problemsOf(rc.problems, ProblemKind::DigestMismatch);
        QCOMPARE(mismatch.size(), 1);
        QCOMPARE(mismatch[0].expected, clean->nodes[clean->images[0].layerNodes.last()].digest().toString());
        QVERIFY2(mismatch[0].object.contains(layer), qPrintable(mismatch[0].object));
    }

    // A signature made by skopeo standalone-sign with a fresh gpg key: its claims and key are read back.
    void gpgSignatureMadeBySkopeo()
    {
        const QString dir = test::scratchCopy(m_fromDocker);
        const QString gnupg = m_dir.filePath(u"gnupg"_s);
        QDir().mkpath(gnupg);
        QFile::setPermissions(gnupg, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QString fpr = QString::fromLatin1(
            test::shellOutput(
                u"export GNUPGHOME=%1; gpg -q --batch --passphrase '' --quick-gen-key 'Strata Test "
                u"<test@strata.invalid>' "
                "ed25519 sign never 2>/dev/null; gpg --list-keys --with-colons | awk -F: '/^fpr/{print $10; exit}'; "
                "skopeo standalone-sign %2/manifest.json example.com/strata/app:v1 "
                "\"$(gpg --list-keys --with-colons | awk -F: '/^fpr/{print $10; exit}')\" -o %2/signature-1"_s.arg(
                    test::shellQuoted(gnupg), test::shellQuoted(dir)))
                .trimmed());
        QCOMPARE(fpr.size(), 40);

        const ImageGraphPtr g = openOrFail(dir);
        const QList<const Node *> sigs = nodesOfKind(*g, NodeKind::Signature);
        QCOMPARE(sigs.size(), 1);
        const Node &s = *sigs[0];
        QCOMPARE(attachedTo(*g, s), g->images[0].manifestNode);
        QCOMPARE(s.member, u"signature-1"_s);
        QVERIFY(s.signature);
        QCOMPARE(s.signature->format, StoredSignature::Format::SimpleSigningGpg);
        QVERIFY(s.signature->claims);
        QCOMPARE(s.signature->claims->manifestDigest.toString(), sha256File(dir + u"/manifest.json"_s));
        QCOMPARE(s.signature->claims->dockerReference, u"example.com/strata/app:v1"_s);
        QCOMPARE(s.signature->claims->type, u"atomic container signature"_s);
        QCOMPARE(s.signature->openPgp->issuerFingerprint, fpr);
        QCOMPARE(s.signature->openPgp->publicKeyAlgorithmName(), u"EdDSA"_s);
        QVERIFY(s.signature->problems.isEmpty());
        // Not checked, and verification does not pretend otherwise.
        const VerifyReport r = Verifier::run(*g, {});
        QVERIFY2(r.ok(), qPrintable(test::problemsText(r.problems)));
        QCOMPARE(r.results.value(s.id).status, CheckStatus::NotChecked);
    }

    // gpg's compressions of the signed message (RFC 4880 §9.3): ZIP, ZLIB, BZip2 and none all give the payload back.
    void openPgpCompressions_data()
    {
        QTest::addColumn<QString>("algo");
        for (const char *a : {"zip", "zlib", "bzip2", "none"})
            QTest::newRow(a) << QString::fromLatin1(a);
    }
    void openPgpCompressions()
    {
        QFETCH(QString, algo);
        const QString gnupg = m_dir.filePath(u"gnupg-compress"_s);
        if (!QFileInfo::exists(gnupg)) {
            QDir().mkpath(gnupg);
            QFile::setPermissions(gnupg, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            test::shellOutput(u"GNUPGHOME=%1 gpg -q --batch --passphrase '' --quick-gen-key 'c <c@strata.invalid>' "
                              "rsa2048 sign never 2>/dev/null"_s.arg(test::shellQuoted(gnupg)));
        }
        // Text that compresses, so that the compressed packet really holds deflate/bzip2 data.
        const QByteArray payload =
            QByteArray("{\"critical\":{\"type\":\"atomic container signature\",\"image\":"
                       "{\"docker-manifest-digest\":\"sha256:") +
            QByteArray(64, 'a') +
            "\"},\"identity\":{\"docker-reference\":\"example.com/x:y\"}},\"optional\":{\"pad\":\"" +
            QByteArray(3000, 'z') + "\"}}";
        const QString in = m_dir.filePath(u"payload-"_s + algo);
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(payload);
        f.close();
        const QByteArray sig = test::shellOutput(u"GNUPGHOME=%1 gpg -q --batch --compress-algo %2 --sign -o - %3"_s.arg(
            test::shellQuoted(gnupg), algo, test::shellQuoted(in)));
        const Result<StoredSignature> s = parseStoredSignature(sig, u"signature-1"_s);
        QVERIFY(s.ok());
        QVERIFY2(s->problems.isEmpty(), qPrintable(s->problems.join(u"; "_s)));
        QCOMPARE(s->payload, payload);
        QCOMPARE(s->claims->dockerReference, u"example.com/x:y"_s);
        QCOMPARE(s->openPgp->publicKeyAlgorithmName(), u"RSA"_s);
        QVERIFY(!s->openPgp->issuerFingerprint.isEmpty());
        // Cut anywhere, it is a clear problem, never a claim.
        for (qsizetype cut : {qsizetype(1), sig.size() / 3, sig.size() - 40}) {
            const Result<StoredSignature> t = parseStoredSignature(sig.left(cut), u"signature-1"_s);
            QVERIFY(t.ok());
            QVERIFY(!t->claims || t->payload == payload);
        }
    }

    // containers/image's own GPG-signed fixture: gpg itself decodes the payload we compare against.
    void containersImageGpgFixture()
    {
        const QString dir = signatureFixture(u"dir-img-valid"_s);
        const QString gnupg = m_dir.filePath(u"gnupg-fixture"_s);
        QDir().mkpath(gnupg);
        QFile::setPermissions(gnupg, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const QJsonObject payload =
            QJsonDocument::fromJson(test::shellOutput(u"export GNUPGHOME=%1; gpg -q --batch --import %2 2>/dev/null; "
                                                      "gpg -q --batch --decrypt %3/signature-1 2>/dev/null"_s.arg(
                                                          test::shellQuoted(gnupg),
                                                          test::shellQuoted(signatureFixture(u"public-key.gpg"_s)),
                                                          test::shellQuoted(dir))))
                .object();
        const QJsonObject critical = payload.value("critical"_L1).toObject();
        QVERIFY(!critical.isEmpty());

        const QMap<QString, QByteArray> before = snapshot(dir);
        const ImageGraphPtr g = openOrFail(dir);
        QCOMPARE(snapshot(dir), before);
        const QList<const Node *> sigs = nodesOfKind(*g, NodeKind::Signature);
        QCOMPARE(sigs.size(), 1);
        const StoredSignature &s = *sigs[0]->signature;
        QCOMPARE(s.kindName(), u"GPG simple signing"_s);
        QCOMPARE(s.claims->manifestDigest.toString(), critical["image"_L1]["docker-manifest-digest"_L1].toString());
        QCOMPARE(s.claims->dockerReference, critical["identity"_L1]["docker-reference"_L1].toString());
        QCOMPARE(s.claims->manifestDigest, g->nodes[attachedTo(*g, *sigs[0])].digest());
        QVERIFY(sigs[0]->attachment);
        QCOMPARE(sigs[0]->attachment->kind, ArtifactKind::GpgSignature);
        QCOMPARE(sigs[0]->attachment->foundBy, QList<FoundBy>{FoundBy::StoredSignature});
        QCOMPARE(sigs[0]->attachment->subject, s.claims->manifestDigest);
        QCOMPARE(s.openPgp->issuerFingerprint, u"08CD26E446E2E95249B7A405E932F44B23E8DD43"_s);
        QVERIFY(problemsOf(g->problems, ProblemKind::DigestMismatch).isEmpty());
    }

    // A folder that keeps only manifest.json and a cosign signature: blobs not included, signature decoded.
    void signaturesOnlyFolder_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("claimMatches");
        QTest::newRow("cosign key") << u"dir-img-cosign-valid"_s << u"cosign signature (key)"_s << true;
        QTest::newRow("cosign key + rekor")
            << u"dir-img-cosign-key-rekor-valid"_s << u"cosign signature (key)"_s << true;
        QTest::newRow("cosign fulcio + rekor")
            << u"dir-img-cosign-fulcio-rekor-valid"_s << u"cosign signature (certificate)"_s << true;
        QTest::newRow("modified manifest")
            << u"dir-img-cosign-modified-manifest"_s << u"cosign signature (key)"_s << false;
        QTest::newRow("other attachment")
            << u"dir-img-cosign-other-attachment"_s << u"sigstore attachment (text/plain)"_s << false;
    }
    void signaturesOnlyFolder()
    {
        QFETCH(QString, name);
        QFETCH(QString, kind);
        QFETCH(bool, claimMatches);
        const QString dir = signatureFixture(name);
        const ImageGraphPtr g = openOrFail(dir);
        QCOMPARE(g->images.size(), 1);
        const Node &manifest = g->nodes[g->images[0].manifestNode];
        QCOMPARE(manifest.digest().toString(), sha256File(dir + u"/manifest.json"_s));
        // The config and layers are not in the folder: not included, never missing.
        QVERIFY(problemsOf(g->problems, ProblemKind::MissingBlob).isEmpty());
        QCOMPARE(problemsOf(g->problems, ProblemKind::NotIncluded).size(), 1 + g->images[0].layerNodes.size());

        const QList<const Node *> sigs = nodesOfKind(*g, NodeKind::Signature);
        QCOMPARE(sigs.size(), 1);
        const Node &s = *sigs[0];
        QCOMPARE(attachedTo(*g, s), manifest.id);
        QCOMPARE(s.signature->kindName(), kind);
        // The claims as jq reads them out of the stored JSON (after its "\0sigstore-json\n" line).
        const QString jq = u"tail -n +2 %1/signature-1 | jq -r "_s.arg(test::shellQuoted(dir));
        const QString mime = QString::fromUtf8(test::shellOutput(jq + u"'.mimeType'"_s)).trimmed();
        QCOMPARE(s.signature->mimeType, mime);
        const QList<Problem> mismatch = problemsOf(g->problems, ProblemKind::DigestMismatch);
        if (mime == u"application/vnd.dev.cosign.simplesigning.v1+json") {
            const QString claimed =
                QString::fromUtf8(test::shellOutput(jq + u"'.payload' | base64 -d | jq -r "
                                                         "'.critical.image.\"docker-manifest-digest\"'"_s))
                    .trimmed();
            QCOMPARE(s.signature->claims->manifestDigest.toString(), claimed);
            QCOMPARE(s.signature->claims->manifestDigest == manifest.digest(), claimMatches);
            QCOMPARE(mismatch.size(), claimMatches ? 0 : 1);
            if (!claimMatches) {
                QCOMPARE(mismatch[0].severity, Severity::Warning);
                QCOMPARE(mismatch[0].expected, manifest.digest().toString());
                QCOMPARE(mismatch[0].actual, claimed);
            }
            QVERIFY(!s.signature->signature.isEmpty());
        } else {
            QVERIFY(!s.signature->claims);
            QVERIFY(mismatch.isEmpty());
        }
        const VerifyReport r = Verifier::run(*g, {});
        QVERIFY2(!hasErrors(r.problems), qPrintable(test::problemsText(r.problems)));
        QCOMPARE(r.results.value(s.id).status, CheckStatus::NotChecked);
    }

    // Keyless: the Fulcio certificate and the Rekor promise, compared with openssl and jq.
    void certificateAndRekor()
    {
        const QString dir = signatureFixture(u"dir-img-cosign-fulcio-rekor-valid"_s);
        const ImageGraphPtr g = openOrFail(dir);
        const StoredSignature &s = *nodesOfKind(*g, NodeKind::Signature).value(0)->signature;
        const QString jq = u"tail -n +2 %1/signature-1 | jq -r "_s.arg(test::shellQuoted(dir));
        const QString leafSan =
            QString::fromUtf8(test::shellOutput(jq + u"'.annotations.\"dev.sigstore.cosign/certificate\"' | "
                                                     "openssl x509 -noout -ext subjectAltName | tail -n +2"_s));
        QVERIFY(!s.certificates.isEmpty());
        QVERIFY2(leafSan.contains(s.certificates[0].emails.value(0)), qPrintable(leafSan));
        QCOMPARE(s.certificates[0].emails, QStringList{u"mitr@redhat.com"_s});
        const QString fingerprint =
            QString::fromUtf8(test::shellOutput(jq + u"'.annotations.\"dev.sigstore.cosign/certificate\"' | "
                                                     "openssl x509 -noout -fingerprint -sha256"_s))
                .section(u'=', 1)
                .remove(u':')
                .trimmed()
                .toLower();
        QCOMPARE(s.certificates[0].sha256, fingerprint);
        QVERIFY(!s.certificates[0].oidcIssuer.isEmpty());
        QVERIFY(s.certificates.size() >= 2); // the chain annotation
        QVERIFY(s.certificates.last().isCa);
        QVERIFY(s.rekor);
        const QString logIndex = QString::fromUtf8(
            test::shellOutput(jq + u"'.annotations.\"dev.sigstore.cosign/bundle\"' | jq -r '.Payload.logIndex'"_s));
        QCOMPARE(QString::number(s.rekor->logIndex), logIndex.trimmed());
        QVERIFY(s.claimedSigner().contains(u"mitr@redhat.com"_s));
    }

    // strata inspect --json shows each signature with its claims and verified: null, never true.
    void inspectJson()
    {
        QProcess p;
        p.start(test::strataBinary(), {u"inspect"_s, u"--json"_s, u"dir:"_s + signatureFixture(u"dir-img-valid"_s)});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject root = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonObject manifest = root["tree"_L1]["children"_L1][0].toObject();
        QCOMPARE(manifest.value("digestComputed"_L1).toBool(), true);
        QCOMPARE(root["images"_L1][0]["manifestDigest"_L1].toString(), manifest.value("digest"_L1).toString());
        QJsonObject sig;
        for (const QJsonValue &group : manifest.value("children"_L1).toArray())
            if (group["kind"_L1] == u"attached"_s)
                for (const QJsonValue &c : group["children"_L1].toArray())
                    if (c["kind"_L1] == u"signature"_s)
                        sig = c["signature"_L1].toObject();
        QVERIFY(!sig.isEmpty());
        QVERIFY(sig.value("verified"_L1).isNull());
        QCOMPARE(sig["claims"_L1]["dockerReference"_L1].toString(), u"testing/manifest:latest"_s);
        QCOMPARE(sig["claimMatchesSubject"_L1].toBool(), true);
        QCOMPARE(sig["gpg"_L1]["fingerprint"_L1].toString(), u"08CD26E446E2E95249B7A405E932F44B23E8DD43"_s);
    }

    // ls and diff take a dir: folder like any source: skopeo's copy of the docker-archive is the same image.
    void lsAndDiff()
    {
        QProcess diff;
        diff.start(test::strataBinary(), {u"diff"_s, u"--json"_s, u"dir:"_s + m_fromDocker,
                                          u"docker-archive:"_s + test::fixture(u"good/docker-archive.tar"_s)});
        QVERIFY(diff.waitForFinished(60000));
        QCOMPARE(diff.exitCode(), 0);
        const QJsonObject d = QJsonDocument::fromJson(diff.readAllStandardOutput()).object();
        QCOMPARE(d.value("identical"_L1).toBool(false), true);
        QProcess ls;
        ls.start(test::strataBinary(), {u"ls"_s, u"--merged"_s, m_fromDocker});
        QVERIFY(ls.waitForFinished(60000));
        QCOMPARE(ls.exitCode(), 0);
        QProcess tar;
        tar.start(test::strataBinary(), {u"ls"_s, u"--merged"_s, test::fixture(u"good/docker-archive.tar"_s)});
        QVERIFY(tar.waitForFinished(60000));
        QCOMPARE(ls.readAllStandardOutput(), tar.readAllStandardOutput());
    }

    // Detection and its refusals: a dir: prefix on a file or an OCI layout, a reference given to dir:, a
    // version Strata does not know.
    void detection()
    {
        Result<ImageGraphPtr> file = SourceOpener::open(u"dir:"_s + test::fixture(u"good/docker-archive.tar"_s));
        QVERIFY(!file);
        QCOMPARE(file.error().code, ErrorCode::NotAnImage);
        Result<ImageGraphPtr> layout = SourceOpener::open(u"dir:"_s + test::fixture(u"good/oci-gzip"_s));
        QVERIFY(!layout);
        QVERIFY2(layout.error().message.contains(u"oci:"_s), qPrintable(layout.error().toString()));
        // An OCI layout is still an OCI layout, a docker save still a docker save.
        QCOMPARE(openOrFail(test::fixture(u"good/oci-gzip"_s))->format, u"OCI layout directory"_s);
        QVERIFY(!openOrFail(test::fixture(u"good/docker-archive.tar"_s))->format.contains(u"dir:"_s));

        const QString future = test::scratchCopy(m_fromDocker);
        test::shellOutput(u"echo 'Directory Transport Version: 2.0' > %1/version"_s.arg(test::shellQuoted(future)));
        const ImageGraphPtr g = openOrFail(future);
        QCOMPARE(g->format, u"containers/image dir: folder"_s);
        const QString text = test::problemsText(g->problems);
        QVERIFY2(text.contains(u"2.0"_s), qPrintable(text));
        QVERIFY(Verifier::run(*g, {}).ok()); // said, but not an error
    }

    // Hostile signature files: huge, garbage, a gap in the numbering, a broken OpenPGP packet.
    void hostileSignatures()
    {
        const QString dir = test::scratchCopy(m_fromDocker);
        test::shellOutput(u"cd %1; head -c 5000000 /dev/zero > signature-1; printf 'not a signature' > signature-2; "
                          "printf '\\xa3\\x01\\x9b\\xc0\\xcb' > signature-3; printf '\\x00other-format\\n{}' > "
                          "signature-4; echo x > signature-6"_s.arg(test::shellQuoted(dir)));
        const ImageGraphPtr g = openOrFail(dir);
        const QList<const Node *> sigs = nodesOfKind(*g, NodeKind::Signature);
        QCOMPARE(sigs.size(), 4); // signature-6 comes after a gap: containers/image stops at the first missing
        QCOMPARE(problemsOf(g->problems, ProblemKind::TooLarge).size(), 1);
        const QString text = test::problemsText(g->problems);
        QVERIFY2(text.contains(u"signature-2"_s) || text.contains(u"signature 2"_s), qPrintable(text));
        QVERIFY2(text.contains(u"other-format"_s), qPrintable(text));
        for (const Node *s : sigs)
            QVERIFY(!s->signature || !s->signature->claims); // nothing claimed from garbage
        // The image itself still verifies: bad signatures are reported, not fatal.
        const VerifyReport r = Verifier::run(*g, {});
        QCOMPARE(r.checksPassed, r.checksTotal);
        QVERIFY(r.checksPassed > 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_fromDocker, m_fromOci, m_multi, m_indexOnly;
    std::unique_ptr<test::PodmanService> m_podman;
};

STRATA_TEST_GUILESS_MAIN(TestDirTransport)
#include "tst_dirtransport.moc"
