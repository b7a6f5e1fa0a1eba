// SPDX-License-Identifier: MIT
// cosign simple signing verification (core/trust/cosignverify.h): containers/image's real cosign fixtures with
// their keys, Fulcio root and Rekor key (../shared/fixtures/README.md gives the truth), then signatures made at
// test time by openssl (tests/fixtures/make-cosign-material.sh: five key types, a private PKI with Fulcio-style
// certificates, SETs by a local "Rekor" key) over an image built by umoci, read back by Strata from the dir: folder
// and from the cosign .sig tag skopeo pushes to a real docker-registry; tampered copies of each fail.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include "core/attached/attachmentcontent.h"
#include "core/signatures/storedsignature.h"
#include "core/sources/sourceopener.h"
#include "core/trust/cosignverify.h"
#include "core/trust/rekorbody.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::trust;
using namespace strata::test;

namespace {

QString ci(const QString &name)
{
    return publicFixture(u"signatures/containers-image/"_s + name);
}

// Keys, CA certificates (unbounded windows unless given) and Rekor keys from files.
SigstoreTrust makeTrust(const QStringList &keys, const QStringList &roots, const QStringList &rekor,
                        const IdentityRequirement &id = {})
{
    SigstoreTrust t;
    Result<QList<PublicKey>> k = loadPublicKeys(keys);
    if (!k)
        qFatal("%s", qPrintable(k.error().toString()));
    t.keys = k.value();
    for (const QString &r : roots) {
        Result<QList<Certificate>> c = loadCertificates({r});
        if (!c)
            qFatal("%s", qPrintable(c.error().toString()));
        t.certificateAuthorities << TimedCertificateAuthority{r, c.value(), {}, {}, {}};
    }
    Result<QList<PublicKey>> logs = loadPublicKeys(rekor);
    if (!logs)
        qFatal("%s", qPrintable(logs.error().toString()));
    for (const PublicKey &l : logs.value())
        t.tlogs << TransparencyLogKey{u"https://rekor.example"_s, l, l.sha256Hex(), {}, {}};
    t.identity = id;
    return t;
}

QString rowOf(const StoredSignature &s)
{
    return s.claims ? s.claims->optional.value("row"_L1).toString() : QString();
}

QString verdictText(const Verdict &v)
{
    return u"%1: %2 [signer: %3] [checks: %4]"_s.arg(verdictStateName(v.state), v.reason, v.signer,
                                                     v.checks.join(u"; "_s));
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

class TstCosignVerify : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Digest m_subject;                          // the umoci image's manifest
    QMap<QString, StoredSignature> m_stored;   // the dir: folder's signature-N, by payload row
    QMap<QString, StoredSignature> m_attached; // the .sig tag's layers read from docker-registry, by payload row
    std::unique_ptr<RegistryServer> m_registry;
    qint64 m_materialMs = 0, m_registryMs = 0;

    QString own(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString &tool : {u"openssl"_s, u"umoci"_s, u"skopeo"_s, u"jq"_s, u"docker-registry"_s})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        QElapsedTimer t;
        t.start();
        shellOutput(u"bash %1/tests/fixtures/make-cosign-material.sh %2"_s.arg(
            shellQuoted(QStringLiteral(STRATA_SOURCE_DIR)), shellQuoted(m_dir.path())));
        m_materialMs = t.elapsed();
        Result<Digest> d = Digest::parse(QString::fromLatin1(test::readFile(own(u"img.digest"_s))));
        QVERIFY(d);
        m_subject = d.value();

        // The dir: folder through Strata: each signature-N is a Signature node under the manifest.
        Result<ImageGraphPtr> g = SourceOpener::open(u"dir:"_s + own(u"img"_s));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        for (const Node &n : g.value()->nodes) {
            if (n.kind != NodeKind::Signature)
                continue;
            Result<attached::AttachmentContent> c = attached::readAttachmentContent(*g.value(), n.id);
            QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
            QCOMPARE(int(c->signatures.size()), 1);
            QVERIFY(c->signatures.first().layerDigest.isNull());
            m_stored.insert(rowOf(c->signatures.first()), c->signatures.first());
        }
        QCOMPARE(int(m_stored.size()), 11);

        // skopeo pushes the stored signatures as the cosign tag sha256-<hex>.sig (containers/image
        // docker/docker_image_dest.go putSignaturesToSigstoreAttachments), read back over HTTP.
        t.restart();
        m_registry = std::make_unique<RegistryServer>();
        QString err;
        QVERIFY2(m_registry->start(RegistryServer::Auth::None, &err), qPrintable(err));
        const QString registriesD = own(u"registries.d"_s);
        QDir().mkpath(registriesD);
        QFile conf(registriesD + u"/default.yaml"_s);
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("default-docker:\n  use-sigstore-attachments: true\n");
        conf.close();
        QString out;
        QVERIFY2(push(u"dir:"_s + own(u"img"_s), m_registry->host(), u"strata/signed:latest"_s,
                      {u"--preserve-digests"_s, u"--registries.d"_s, registriesD}, &out),
                 qPrintable(out));
        g = SourceOpener::open(u"docker://%1/strata/signed:latest"_s.arg(m_registry->host()));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        int sigNodes = 0;
        for (const Node &n : g.value()->nodes) {
            if (!n.attachment || n.attachment->kind != ArtifactKind::CosignSignature)
                continue;
            ++sigNodes;
            QCOMPARE(n.attachment->subject, m_subject);
            // The node it is attached to: this one-platform image's manifest, no index above it.
            int manifest = -1;
            for (const Node &m : g.value()->nodes)
                if (m.kind == NodeKind::Manifest && !m.attachment && m.digest() == m_subject)
                    manifest = m.id;
            QVERIFY(manifest >= 0);
            QVERIFY(attachedTo(*g.value(), manifest).contains(n.id));
            const CosignSubject subject = cosignSubjectOf(*g.value(), manifest);
            QCOMPARE(subject.digest, m_subject);
            QVERIFY(!subject.isIndex && subject.index.isNull() && subject.platformManifests.isEmpty());
            Result<attached::AttachmentContent> c = attached::readAttachmentContent(*g.value(), n.id);
            QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
            QVERIFY2(c->problems.isEmpty(), qPrintable(c->problems.join(u'\n')));
            for (const StoredSignature &s : c->signatures) {
                QVERIFY(!s.layerDigest.isNull());
                m_attached.insert(rowOf(s), s);
            }
        }
        QCOMPARE(sigNodes, 1);
        QCOMPARE(int(m_attached.size()), 11);
        m_registryMs = t.elapsed();
        qInfo("material made in %lld ms; pushed and read back in %lld ms", m_materialMs, m_registryMs);
    }

    // containers/image's own cosign signatures (signature/fixtures @ df7e80d2).
    void publicFixtures_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("roots");
        QTest::addColumn<QStringList>("rekor");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("regexp");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<int>("state");
        QTest::addColumn<QStringList>("fragments"); // in the reason (or, verified, the signer)
        QTest::addColumn<qint64>("signingTime");    // -1: none; a verified SET gives it, also when a later check fails

        const int V = int(VerdictState::Verified), F = int(VerdictState::Failed), N = int(VerdictState::NotChecked);
        const QString gh = u"https://github.com/login/oauth"_s;
        const QString fulcio = u"dir-img-cosign-fulcio-rekor-valid"_s;
        const QStringList rekor{ci(u"rekor.pub"_s)};
        const QStringList root{ci(u"fulcio_v1.crt.pem"_s)};
        QTest::newRow("valid, cosign.pub")
            << u"dir-img-cosign-valid"_s << QStringList{ci(u"cosign.pub"_s)} << QStringList() << QStringList()
            << QString() << QString() << QString() << V << QStringList{u"cosign.pub"_s} << qint64(-1);
        QTest::newRow("valid, cosign2.pub: wrong key")
            << u"dir-img-cosign-valid"_s << QStringList{ci(u"cosign2.pub"_s)} << QStringList() << QStringList()
            << QString() << QString() << QString() << F << QStringList{u"does not verify"_s, u"cosign2.pub"_s}
            << qint64(-1);
        QTest::newRow("valid, both keys")
            << u"dir-img-cosign-valid"_s << QStringList{ci(u"cosign2.pub"_s), ci(u"cosign.pub"_s)} << QStringList()
            << QStringList() << QString() << QString() << QString() << V << QStringList{u"cosign.pub"_s} << qint64(-1);
        QTest::newRow("valid, nothing given")
            << u"dir-img-cosign-valid"_s << QStringList() << QStringList() << QStringList() << QString() << QString()
            << QString() << N << QStringList{u"no public key"_s} << qint64(-1);
        QTest::newRow("key + rekor, SET checked")
            << u"dir-img-cosign-key-rekor-valid"_s << QStringList{ci(u"cosign2.pub"_s)} << QStringList() << rekor
            << QString() << QString() << QString() << V << QStringList{u"cosign2.pub"_s} << qint64(1674251859);
        QTest::newRow("key + rekor, no log key")
            << u"dir-img-cosign-key-rekor-valid"_s << QStringList{ci(u"cosign2.pub"_s)} << QStringList()
            << QStringList() << QString() << QString() << QString() << V << QStringList{u"cosign2.pub"_s} << qint64(-1);
        QTest::newRow("key + rekor, wrong key")
            << u"dir-img-cosign-key-rekor-valid"_s << QStringList{ci(u"cosign.pub"_s)} << QStringList() << rekor
            << QString() << QString() << QString() << F << QStringList{u"does not verify"_s, u"cosign.pub"_s}
            << qint64(-1);
        QTest::newRow("key + rekor, another log's key")
            << u"dir-img-cosign-key-rekor-valid"_s << QStringList{ci(u"cosign2.pub"_s)} << QStringList()
            << QStringList{ci(u"cosign.pub"_s)} << QString() << QString() << QString() << F << QStringList{u"log ID"_s}
            << qint64(-1);
        QTest::newRow("keyless") << fulcio << QStringList() << root << rekor << u"mitr@redhat.com"_s << QString() << gh
                                 << V << QStringList{u"mitr@redhat.com, issuer https://github.com/login/oauth"_s}
                                 << qint64(1674247893);
        QTest::newRow("keyless, regexp") << fulcio << QStringList() << root << rekor << QString()
                                         << u"[a-z]+@redhat\\.com"_s << gh << V << QStringList{u"mitr@redhat.com"_s}
                                         << qint64(1674247893);
        QTest::newRow("keyless, partial regexp")
            << fulcio << QStringList() << root << rekor << QString() << u"mitr"_s << gh << F
            << QStringList{u"matching mitr was required"_s, u"mitr@redhat.com"_s} << qint64(1674247893);
        QTest::newRow("keyless, wrong identity")
            << fulcio << QStringList() << root << rekor << u"someone@example.com"_s << QString() << gh << F
            << QStringList{u"someone@example.com was required"_s, u"SAN mitr@redhat.com"_s} << qint64(1674247893);
        QTest::newRow("keyless, wrong issuer")
            << fulcio << QStringList() << root << rekor << u"mitr@redhat.com"_s << QString()
            << u"https://accounts.google.com"_s << F << QStringList{u"https://accounts.google.com was required"_s, gh}
            << qint64(1674247893);
        QTest::newRow("keyless, no identity")
            << fulcio << QStringList() << root << rekor << QString() << QString() << QString() << N
            << QStringList{u"--certificate-identity"_s} << qint64(-1);
        QTest::newRow("keyless, no rekor: expired now")
            << fulcio << QStringList() << root << QStringList() << u"mitr@redhat.com"_s << QString() << gh << F
            << QStringList{u"no trusted signing time"_s, u"2023-01-20T21:01:31Z"_s} << qint64(-1);
        QTest::newRow("keyless, untrusted root")
            << fulcio << QStringList() << QStringList{u"@own-root"_s} << rekor << u"mitr@redhat.com"_s << QString()
            << gh << F << QStringList{u"untrusted root"_s} << qint64(1674247893);
        QTest::newRow("keyless, with a key instead")
            << fulcio << QStringList{ci(u"cosign.pub"_s)} << QStringList() << rekor << QString() << QString()
            << QString() << F << QStringList{u"does not verify"_s} << qint64(-1);
        QTest::newRow("modified manifest") << u"dir-img-cosign-modified-manifest"_s << QStringList{ci(u"cosign.pub"_s)}
                                           << QStringList() << QStringList() << QString() << QString() << QString() << F
                                           << QStringList{u"sha256:634a8f35"_s, u"another manifest"_s} << qint64(-1);
        QTest::newRow("other attachment") << u"dir-img-cosign-other-attachment"_s << QStringList{ci(u"cosign.pub"_s)}
                                          << QStringList() << QStringList() << QString() << QString() << QString() << F
                                          << QStringList{u"not a cosign signature"_s, u"text/plain"_s} << qint64(-1);
    }
    void publicFixtures()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, roots);
        QFETCH(QStringList, rekor);
        QFETCH(QString, identity);
        QFETCH(QString, regexp);
        QFETCH(QString, issuer);
        QFETCH(int, state);
        QFETCH(QStringList, fragments);
        QFETCH(qint64, signingTime);

        for (QString &r : roots)
            if (r == u"@own-root"_s)
                r = own(u"root.pem"_s); // a private root Fulcio's chain does not reach
        Result<StoredSignature> sig =
            parseStoredSignature(test::readFile(ci(folder + u"/signature-1"_s)), folder + u"/signature-1"_s);
        QVERIFY(sig);
        const Digest subject = sha256Of(test::readFile(ci(folder + u"/manifest.json"_s)));
        const SigstoreTrust trust = makeTrust(keys, roots, rekor, {identity, regexp, issuer, {}, {}});
        const Verdict v = verifyCosignSignature(sig.value(), subject, std::nullopt, trust);
        QVERIFY2(int(v.state) == state, qPrintable(verdictText(v)));
        const QString text = v.verified() ? v.signer : v.reason;
        for (const QString &f : fragments)
            QVERIFY2(text.contains(f), qPrintable(u"\"%1\" not in: %2"_s.arg(f, verdictText(v))));
        if (v.verified()) {
            QVERIFY(v.reason.isEmpty());
            QCOMPARE(v.signedDigest, subject);
            QVERIFY2(v.checks.size() >= 2, qPrintable(verdictText(v)));
        } else {
            QVERIFY(!v.reason.isEmpty());
        }
        QCOMPARE(v.signingTime.isValid() ? v.signingTime.toSecsSinceEpoch() : qint64(-1), signingTime);
    }

    // Certificate transparency for cosign keyless: containers/image's real Fulcio certificate (January 2023) embeds
    // an SCT by the public-good CT log "2022"; checked against the CT log keys of the public-good trusted root
    // (../shared/fixtures sigstore-go), as cosign verify does unless --insecure-ignore-sct.
    void keylessSct_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("fragment"); // in the checks (verified) or the reason
        const int V = int(VerdictState::Verified), F = int(VerdictState::Failed);
        QTest::newRow("public-good root") << u"root"_s << V
                                          << u"SCT verified by log dd3d306ac6c71132… (https://ctfe.sigstore.dev/2022), "
                                             "timestamped 2023-01-20T20:51:31.374Z"_s;
        QTest::newRow("--certificate-root and --rekor-key only")
            << u"no-ctlog"_s << V << u"SCT not checked: no CT log keys"_s;
        QTest::newRow("only the 2021 CT log") << u"ctlog-2021"_s << F << u"is from no CT log of the trusted root"_s;
        QTest::newRow("CT log ID with another key")
            << u"ctlog-other-key"_s << F << u"does not verify over this certificate with the log's key"_s;
        QTest::newRow("CT log ID with another key, --insecure-ignore-sct")
            << u"ctlog-other-key-ignore"_s << V << u"SCT not checked: --insecure-ignore-sct was given"_s;
    }
    void keylessSct()
    {
        QFETCH(QString, variant);
        QFETCH(int, state);
        QFETCH(QString, fragment);
        const QString folder = u"dir-img-cosign-fulcio-rekor-valid"_s;
        TrustOptions o;
        if (variant != u"no-ctlog"_s)
            o.trustedRootFile = publicFixture(u"signatures/sigstore-go/trusted-root-public-good.json"_s);
        else
            o.certificateRoots << ci(u"fulcio_v1.crt.pem"_s);
        o.rekorKeyFiles << ci(u"rekor.pub"_s);
        o.certificateIdentity = u"mitr@redhat.com"_s;
        o.certificateOidcIssuer = u"https://github.com/login/oauth"_s;
        o.insecureIgnoreSct = variant.endsWith(u"-ignore"_s);
        Result<SigstoreTrust> t = loadSigstoreTrust(o);
        QVERIFY2(t, qPrintable(t ? QString() : t.error().toString()));
        if (variant == u"ctlog-2021"_s)
            t->ctlogs.removeLast();
        if (variant.startsWith(u"ctlog-other-key"_s))
            t->ctlogs.last().key = t->ctlogs.first().key;
        Result<StoredSignature> sig =
            parseStoredSignature(test::readFile(ci(folder + u"/signature-1"_s)), folder + u"/signature-1"_s);
        QVERIFY(sig);
        const Digest subject = sha256Of(test::readFile(ci(folder + u"/manifest.json"_s)));
        const Verdict v = verifyCosignSignature(sig.value(), subject, std::nullopt, t.value());
        QVERIFY2(int(v.state) == state, qPrintable(verdictText(v)));
        QVERIFY2((v.verified() ? v.checks.join(u" | "_s) : v.reason).contains(fragment), qPrintable(verdictText(v)));
        if (v.verified())
            QCOMPARE(v.signingTime, utc(1674247893));
    }

    // The modified-manifest fixture's reason names both digests in full.
    void modifiedManifestNamesBoth()
    {
        const QString folder = u"dir-img-cosign-modified-manifest"_s;
        Result<StoredSignature> sig = parseStoredSignature(test::readFile(ci(folder + u"/signature-1"_s)), folder);
        QVERIFY(sig);
        const Digest subject = sha256Of(test::readFile(ci(folder + u"/manifest.json"_s)));
        const Verdict v =
            verifyCosignSignature(sig.value(), subject, std::nullopt, makeTrust({ci(u"cosign.pub"_s)}, {}, {}));
        QCOMPARE(v.state, VerdictState::Failed);
        QVERIFY2(v.reason.contains(subject.toString()), qPrintable(v.reason));
        QVERIFY2(v.reason.contains(sig->claims->manifestDigest.toString()), qPrintable(v.reason));
        QVERIFY(!(subject == sig->claims->manifestDigest));
        QCOMPARE(v.signedDigest, sig->claims->manifestDigest);
    }

    // A multi-platform image: the signed digest said plainly as the index's or a platform manifest's.
    void multiPlatformWording()
    {
        const QString folder = u"dir-img-cosign-valid"_s;
        Result<StoredSignature> sig = parseStoredSignature(test::readFile(ci(folder + u"/signature-1"_s)), folder);
        QVERIFY(sig);
        const Digest platform = sig->claims->manifestDigest;
        const Digest index = sha256Of("an index");
        const SigstoreTrust trust = makeTrust({ci(u"cosign.pub"_s)}, {}, {});

        CosignSubject ofIndex{index, true, {{sha256Of("amd64"), u"linux/amd64"_s}, {platform, u"linux/arm64"_s}}, {}};
        Verdict v = verifyCosignSignature(sig.value(), ofIndex, std::nullopt, trust);
        QCOMPARE(v.state, VerdictState::Failed);
        QVERIFY2(v.reason.contains(u"the linux/arm64 platform manifest of this index"_s), qPrintable(v.reason));
        QVERIFY(v.reason.contains(index.toString()) && v.reason.contains(platform.toString()));

        CosignSubject otherIndex{index, true, {{sha256Of("amd64"), u"linux/amd64"_s}}, {}};
        v = verifyCosignSignature(sig.value(), otherIndex, std::nullopt, trust);
        QVERIFY2(v.reason.contains(u"neither this index"_s), qPrintable(v.reason));

        CosignSubject child{sha256Of("a platform manifest"), false, {}, platform};
        v = verifyCosignSignature(sig.value(), child, std::nullopt, trust);
        QVERIFY2(v.reason.contains(u"multi-platform index %1"_s.arg(platform.toString())), qPrintable(v.reason));

        CosignSubject same{platform, false, {}, index};
        v = verifyCosignSignature(sig.value(), same, std::nullopt, trust);
        QVERIFY2(v.verified(), qPrintable(verdictText(v)));
        QVERIFY(v.checks.last().contains(u"manifest"_s));
    }

    // The openssl-made signatures, from the dir: folder (no layer digest) and from the .sig tag (with it).
    void ownSignatures_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("roots");
        QTest::addColumn<bool>("rekor");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<int>("state");
        QTest::addColumn<QStringList>("fragments");
        QTest::addColumn<qint64>("signingTime");
        const int V = int(VerdictState::Verified), F = int(VerdictState::Failed), N = int(VerdictState::NotChecked);
        const QString signer = u"signer@example.com"_s;
        for (const QString &where : {u"dir"_s, u"registry"_s}) {
            const auto row = [&](const char *name) -> QTestData & {
                return QTest::newRow(qPrintable(where + u": "_s + QLatin1StringView(name)));
            };
            row("ECDSA P-256") << u"p256"_s << QStringList{u"p256.pub"_s} << QStringList() << false << QString() << V
                               << QStringList{u"ECDSA P-256"_s, u"p256.pub"_s} << qint64(-1);
            row("ECDSA P-384") << u"p384"_s << QStringList{u"p384.pub"_s} << QStringList() << false << QString() << V
                               << QStringList{u"ECDSA P-384"_s} << qint64(-1);
            row("RSA PKCS#1 v1.5") << u"rsa-pkcs1"_s << QStringList{u"rsa-pkcs1.pub"_s} << QStringList() << false
                                   << QString() << V << QStringList{u"RSA 2048"_s} << qint64(-1);
            row("RSA-PSS") << u"rsa-pss"_s << QStringList{u"rsa-pss.pub"_s} << QStringList() << false << QString() << V
                           << QStringList{u"RSA 2048"_s} << qint64(-1);
            row("Ed25519") << u"ed25519"_s << QStringList{u"ed25519.pub"_s} << QStringList() << false << QString() << V
                           << QStringList{u"Ed25519"_s} << qint64(-1);
            row("other key") << u"p256"_s << QStringList{u"other.pub"_s} << QStringList() << false << QString() << F
                             << QStringList{u"does not verify"_s, u"other.pub"_s} << qint64(-1);
            row("RSA key for an Ed25519 signature")
                << u"ed25519"_s << QStringList{u"rsa-pkcs1.pub"_s, u"p256.pub"_s} << QStringList() << false << QString()
                << F << QStringList{u"any of the 2 keys"_s} << qint64(-1);
            row("another manifest's digest")
                << u"other-digest"_s << QStringList{u"p256.pub"_s} << QStringList() << false << QString() << F
                << QStringList{u"is not this manifest's"_s} << qint64(-1);
            row("key + SET") << u"p256-rekor"_s << QStringList{u"p256.pub"_s} << QStringList() << true << QString() << V
                             << QStringList{u"p256.pub"_s} << qint64(1700000000);
            row("SET over another signature")
                << u"rekor-other-sig"_s << QStringList{u"p256.pub"_s} << QStringList() << true << QString() << F
                << QStringList{u"records another signature"_s} << qint64(-1);
            row("keyless") << u"keyless"_s << QStringList() << QStringList{u"root.pem"_s} << true << signer << V
                           << QStringList{u"signer@example.com, issuer https://issuer.example.com"_s}
                           << qint64(1700000000);
            row("keyless, no SET: valid now") << u"keyless"_s << QStringList() << QStringList{u"root.pem"_s} << false
                                              << signer << V << QStringList{u"signer@example.com"_s} << qint64(-1);
            row("keyless, intermediate pinned")
                << u"keyless"_s << QStringList() << QStringList{u"inter.pem"_s} << true << signer << V
                << QStringList{u"signer@example.com"_s} << qint64(1700000000);
            row("keyless, wrong identity")
                << u"keyless"_s << QStringList() << QStringList{u"root.pem"_s} << true << u"mallory@example.com"_s << F
                << QStringList{u"mallory@example.com was required"_s, signer} << qint64(1700000000);
            row("keyless, untrusted root") << u"keyless"_s << QStringList() << QStringList{u"other-root.pem"_s} << true
                                           << signer << F << QStringList{u"untrusted root"_s} << qint64(1700000000);
            row("keyless, no identity") << u"keyless"_s << QStringList() << QStringList{u"root.pem"_s} << true
                                        << QString() << N << QStringList{u"--certificate-oidc-issuer"_s} << qint64(-1);
            row("ten-minute certificate, SET inside")
                << u"keyless-short"_s << QStringList() << QStringList{u"root.pem"_s} << true << signer << V
                << QStringList{u"signer@example.com"_s} << qint64(1609459500);
            row("ten-minute certificate, no SET")
                << u"keyless-short"_s << QStringList() << QStringList{u"root.pem"_s} << false << signer << F
                << QStringList{u"no trusted signing time"_s} << qint64(-1);
            row("expired at the signing time")
                << u"keyless-expired"_s << QStringList() << QStringList{u"root.pem"_s} << true << signer << F
                << QStringList{u"had expired at 2021-01-01T00:20:00Z"_s} << qint64(1609460400);
        }
    }
    void ownSignatures()
    {
        QFETCH(QString, row);
        QFETCH(QStringList, keys);
        QFETCH(QStringList, roots);
        QFETCH(bool, rekor);
        QFETCH(QString, identity);
        QFETCH(int, state);
        QFETCH(QStringList, fragments);
        QFETCH(qint64, signingTime);
        const bool registry = QByteArray(QTest::currentDataTag()).startsWith("registry");
        const QMap<QString, StoredSignature> &from = registry ? m_attached : m_stored;
        QVERIFY2(from.contains(row), qPrintable(row));
        const StoredSignature &sig = from[row];
        for (QString &k : keys)
            k = own(k);
        for (QString &r : roots)
            r = own(r);
        const SigstoreTrust trust = makeTrust(keys, roots, rekor ? QStringList{own(u"rekor.pub"_s)} : QStringList(),
                                              {identity, {}, u"https://issuer.example.com"_s, {}, {}});
        const std::optional<Digest> layer = registry ? std::optional<Digest>(sig.layerDigest) : std::nullopt;
        const Verdict v = verifyCosignSignature(sig, m_subject, layer, trust);
        QVERIFY2(int(v.state) == state, qPrintable(verdictText(v)));
        const QString text = v.verified() ? v.signer : v.reason;
        for (const QString &f : fragments)
            QVERIFY2(text.contains(f), qPrintable(u"\"%1\" not in: %2"_s.arg(f, verdictText(v))));
        QCOMPARE(v.signingTime.isValid() ? v.signingTime.toSecsSinceEpoch() : qint64(-1), signingTime);
        if (v.verified() && registry)
            QVERIFY2(v.checks.join(u' ').contains(u"layer digest"_s), qPrintable(verdictText(v)));
    }

    // Hostile annotation sizes on a .sig layer (as a registry's manifest could carry them): a 50 MB signature
    // annotation and a 50 MB Rekor bundle annotation are refused by their bounds, not decoded, and the verdict
    // says so; the same layer with its real annotations still verifies.
    void hugeAnnotations()
    {
        const StoredSignature &good = m_attached[u"p256-rekor"_s];
        const SigstoreTrust trust =
            makeTrust({own(u"p256.pub"_s)}, {}, {own(u"rekor.pub"_s)}, {u"signer@example.com"_s, {}, {}, {}, {}});
        const auto rebuilt = [&](const char *key, const QString &value) {
            QMap<QString, QString> a = good.annotations;
            if (key)
                a[QLatin1StringView(key)] = value;
            StoredSignature s = cosignSignatureLayer(good.mimeType, good.payload, a, u"hostile .sig layer"_s);
            s.layerDigest = good.layerDigest;
            return s;
        };
        const StoredSignature same = rebuilt(nullptr, {});
        QVERIFY2(verifyCosignSignature(same, m_subject, same.layerDigest, trust).verified(),
                 qPrintable(verdictText(verifyCosignSignature(same, m_subject, same.layerDigest, trust))));

        const QString fifty(50 * 1000 * 1000, u'A');
        const StoredSignature bigSig = rebuilt("dev.cosignproject.cosign/signature", fifty);
        QVERIFY(bigSig.signature.isEmpty());
        Verdict v = verifyCosignSignature(bigSig, m_subject, bigSig.layerDigest, trust);
        QVERIFY2(v.state == VerdictState::Failed, qPrintable(verdictText(v)));
        QVERIFY2(v.reason.contains(u"50000000 characters, over the 65536"_s), qPrintable(v.reason));

        const StoredSignature bigBundle = rebuilt("dev.sigstore.cosign/bundle", u"{\"x\":\""_s + fifty + u"\"}"_s);
        QVERIFY(!bigBundle.rekor);
        QVERIFY2(bigBundle.problems.join(u' ').contains(u"Rekor bundle annotation is 50000008 characters"_s),
                 qPrintable(bigBundle.problems.join(u"; "_s)));
        // The signature itself still verifies with the key; the transparency log entry is not there to check.
        v = verifyCosignSignature(bigBundle, m_subject, bigBundle.layerDigest, trust);
        QVERIFY2(!v.checks.join(u' ').contains(u"signed entry timestamp"_s), qPrintable(verdictText(v)));
    }

    // Tampered copies of good signatures: each must fail, with the reason that says what changed.
    void tampered_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<bool>("registry");
        QTest::addColumn<QStringList>("fragments");
        QTest::newRow("flipped payload byte (.sig)") << u"p256"_s << u"flip-payload"_s << true
                                                     << QStringList{u"payload digest mismatch"_s, u"does not verify"_s};
        QTest::newRow("flipped payload byte (dir:)")
            << u"p256"_s << u"flip-payload"_s << false << QStringList{u"does not verify"_s};
        QTest::newRow("flipped signature byte")
            << u"rsa-pss"_s << u"flip-signature"_s << true << QStringList{u"does not verify"_s, u"rsa-pss.pub"_s};
        QTest::newRow("SET integratedTime+1")
            << u"p256-rekor"_s << u"set-time"_s << true << QStringList{u"signed entry timestamp does not verify"_s};
        QTest::newRow("SET logIndex+1") << u"keyless"_s << u"set-index"_s << false
                                        << QStringList{u"signed entry timestamp does not verify"_s};
        QTest::newRow("keyless, certificate swapped")
            << u"keyless"_s << u"swap-certificate"_s << true << QStringList{u"does not verify"_s};
        QTest::newRow("keyless, 10,000 chain certificates")
            << u"keyless"_s << u"long-chain"_s << false << QStringList{u"more than 10"_s};
        QTest::newRow("layer descriptor of another layer")
            << u"p384"_s << u"wrong-layer"_s << true << QStringList{u"payload digest mismatch"_s, u"still verifies"_s};
        QTest::newRow("Rekor bundle that does not decode")
            << u"p256-rekor"_s << u"bad-bundle"_s << true << QStringList{u"Rekor bundle annotation does not decode"_s};
        QTest::newRow("not simple signing type")
            << u"p256"_s << u"mime"_s << true << QStringList{u"not a cosign signature"_s};
    }
    void tampered()
    {
        QFETCH(QString, row);
        QFETCH(QString, mutation);
        QFETCH(bool, registry);
        QFETCH(QStringList, fragments);
        StoredSignature sig = (registry ? m_attached : m_stored).value(row);
        QVERIFY(!sig.payload.isEmpty());
        std::optional<Digest> layer = registry ? std::optional<Digest>(sig.layerDigest) : std::nullopt;
        if (mutation == u"flip-payload"_s) {
            sig.payload[sig.payload.size() / 2] = char(sig.payload[sig.payload.size() / 2] ^ 0x01);
        } else if (mutation == u"flip-signature"_s) {
            sig.signature[sig.signature.size() / 2] = char(sig.signature[sig.signature.size() / 2] ^ 0x01);
        } else if (mutation == u"set-time"_s) {
            QVERIFY(sig.rekor);
            sig.rekor->integratedTime = sig.rekor->integratedTime.addSecs(1);
        } else if (mutation == u"set-index"_s) {
            QVERIFY(sig.rekor);
            sig.rekor->logIndex += 1;
        } else if (mutation == u"swap-certificate"_s) {
            // Another valid certificate of the same PKI and identity: its key did not make this signature.
            sig.annotations[u"dev.sigstore.cosign/certificate"_s] =
                QString::fromLatin1(test::readFile(own(u"short.pem"_s)));
        } else if (mutation == u"long-chain"_s) {
            const QString inter = QString::fromLatin1(test::readFile(own(u"inter.pem"_s)));
            // 10,000 certificates (about 7 MB): decoding stops at the limit (limits::MaxCertificateChain).
            sig.annotations[u"dev.sigstore.cosign/chain"_s] = inter.repeated(10000);
        } else if (mutation == u"wrong-layer"_s) {
            layer = m_attached.value(u"p256"_s).layerDigest;
        } else if (mutation == u"bad-bundle"_s) {
            sig.annotations[u"dev.sigstore.cosign/bundle"_s] = u"{\"Payload\": 1"_s;
            sig.rekor.reset();
            sig.problems << u"the Rekor bundle annotation: not JSON"_s;
        } else if (mutation == u"mime"_s) {
            sig.mimeType = u"application/vnd.oci.image.layer.v1.tar"_s;
        }
        const bool keyless = row.startsWith(u"keyless"_s);
        const QString keyFile = own(row == u"p256-rekor"_s ? u"p256.pub"_s : row + u".pub"_s);
        const SigstoreTrust trust = makeTrust(
            keyless ? QStringList() : QStringList{keyFile}, keyless ? QStringList{own(u"root.pem"_s)} : QStringList(),
            {own(u"rekor.pub"_s)}, {u"signer@example.com"_s, {}, u"https://issuer.example.com"_s, {}, {}});
        // The swapped certificate's ten minutes are long past: check it as of then, so that only the key differs.
        const QDateTime now = mutation == u"swap-certificate"_s ? utc(1609459500) : QDateTime::currentDateTimeUtc();
        const Verdict v = verifyCosignSignature(sig, CosignSubject{m_subject, false, {}, {}}, layer, trust, now);
        QVERIFY2(v.state == VerdictState::Failed, qPrintable(verdictText(v)));
        for (const QString &f : fragments)
            QVERIFY2(v.reason.contains(f), qPrintable(u"\"%1\" not in: %2"_s.arg(f, verdictText(v))));
    }

    // The validity windows of a trusted root's CAs and logs (trustroot.proto validFor) bound the signing time.
    void validityWindows_data()
    {
        QTest::addColumn<qint64>("caFrom");
        QTest::addColumn<qint64>("caUntil");
        QTest::addColumn<qint64>("logFrom");
        QTest::addColumn<QString>("fragment"); // empty: verified
        QTest::newRow("both windows hold the signing time")
            << qint64(1600000000) << qint64(1800000000) << qint64(1600000000) << QString();
        QTest::newRow("CA retired before the signing time")
            << qint64(1500000000) << qint64(1690000000) << qint64(-1)
            << u"none of the 1 certificate authorities given was valid at the signing time 2023-11-14T22:13:20Z"_s;
        QTest::newRow("CA not yet in service")
            << qint64(1710000000) << qint64(-1) << qint64(-1) << u"was valid at the signing time"_s;
        QTest::newRow("log key not yet in service")
            << qint64(-1) << qint64(-1) << qint64(1710000000) << u"outside the validity of the log key"_s;
    }
    void validityWindows()
    {
        QFETCH(qint64, caFrom);
        QFETCH(qint64, caUntil);
        QFETCH(qint64, logFrom);
        QFETCH(QString, fragment);
        SigstoreTrust trust = makeTrust({}, {own(u"root.pem"_s)}, {own(u"rekor.pub"_s)},
                                        {u"signer@example.com"_s, {}, u"https://issuer.example.com"_s, {}, {}});
        if (caFrom >= 0)
            trust.certificateAuthorities.first().validFrom = utc(caFrom);
        if (caUntil >= 0)
            trust.certificateAuthorities.first().validUntil = utc(caUntil);
        if (logFrom >= 0)
            trust.tlogs.first().validFrom = utc(logFrom);
        const StoredSignature &sig = m_attached.value(u"keyless"_s); // integrated at 1700000000
        const Verdict v = verifyCosignSignature(sig, m_subject, sig.layerDigest, trust);
        QVERIFY2(v.verified() == fragment.isEmpty(), qPrintable(verdictText(v)));
        if (!fragment.isEmpty())
            QVERIFY2(v.reason.contains(fragment), qPrintable(verdictText(v)));
    }

    // matchRekorBody on entries written here from the p256 row's real payload, signature and key: the kinds that
    // record a signature over a blob match; anything that names other data, another signature or key does not.
    void rekorBodies_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("fragment"); // empty: it matches
        QTest::newRow("hashedrekord") << u"hashedrekord"_s << QString() << QString();
        QTest::newRow("rekord x509") << u"rekord"_s << QString() << QString();
        QTest::newRow("intoto") << u"intoto"_s << QString() << u"only hashedrekord and rekord"_s;
        QTest::newRow("rekord pgp") << u"rekord"_s << u"pgp"_s << u"not x509"_s;
        QTest::newRow("other hash") << u"hashedrekord"_s << u"hash"_s << u"for other data"_s;
        QTest::newRow("sha512") << u"hashedrekord"_s << u"sha512"_s << u"sha256 was expected"_s;
        QTest::newRow("other signature") << u"hashedrekord"_s << u"signature"_s << u"another signature"_s;
        QTest::newRow("other key") << u"hashedrekord"_s << u"key"_s << u"names the key"_s;
        QTest::newRow("a certificate, not the key") << u"hashedrekord"_s << u"certificate"_s << u"whose key is not"_s;
        QTest::newRow("not JSON") << u"hashedrekord"_s << u"garbage"_s << u"not JSON"_s;
    }
    void rekorBodies()
    {
        QFETCH(QString, kind);
        QFETCH(QString, change);
        QFETCH(QString, fragment);
        const StoredSignature &sig = m_attached.value(u"p256"_s);
        const QByteArray sha = QCryptographicHash::hash(sig.payload, QCryptographicHash::Sha256);
        QJsonObject signature{{u"content"_s, QString::fromLatin1(sig.signature.toBase64())}};
        QString keyFile = own(change == u"key"_s ? u"other.pub"_s : u"p256.pub"_s);
        if (change == u"certificate"_s)
            keyFile = own(u"leaf.pem"_s);
        signature[u"publicKey"_s] =
            QJsonObject{{u"content"_s, QString::fromLatin1(test::readFile(keyFile).toBase64())}};
        if (kind == u"rekord"_s)
            signature[u"format"_s] = change == u"pgp"_s ? u"pgp"_s : u"x509"_s;
        if (change == u"signature"_s)
            signature[u"content"_s] = QString::fromLatin1(m_attached.value(u"p384"_s).signature.toBase64());
        const QByteArray hashHex = change == u"hash"_s ? QByteArray(64, 'a') : sha.toHex();
        const QJsonObject body{
            {u"apiVersion"_s, kind == u"intoto"_s ? u"0.0.2"_s : u"0.0.1"_s},
            {u"kind"_s, kind},
            {u"spec"_s,
             QJsonObject{{u"data"_s,
                          QJsonObject{{u"hash"_s,
                                       QJsonObject{{u"algorithm"_s, change == u"sha512"_s ? u"sha512"_s : u"sha256"_s},
                                                   {u"value"_s, QString::fromLatin1(hashHex)}}}}},
                         {u"signature"_s, signature}}}};
        const QByteArray bytes = change == u"garbage"_s ? QByteArray("{\"kind\":") : QJsonDocument(body).toJson();
        const RekorBodyExpectation e{sha, sig.signature, makeTrust({own(u"p256.pub"_s)}, {}, {}).keys.first(), {}};
        const Status st = matchRekorBody(bytes, e);
        QVERIFY2(bool(st) == fragment.isEmpty(), qPrintable(st ? u"matched"_s : st.error().message));
        if (!st)
            QVERIFY2(st.error().message.contains(fragment), qPrintable(st.error().message));
    }

    // checkIdentity on its own: exact SANs (e-mail, URI), whole-match expressions, the issuer.
    void identity_data()
    {
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QString>("regexp");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("e-mail") << u"dev@example.com"_s << QString() << QString() << true << QString();
        QTest::newRow("URI") << u"https://github.com/o/r/.github/workflows/ci.yml@refs/heads/main"_s << QString()
                             << u"https://token.actions.githubusercontent.com"_s << true << QString();
        QTest::newRow("URI prefix is not enough") << u"https://github.com/o/r"_s << QString() << QString() << false
                                                  << u"https://github.com/o/r was required"_s;
        QTest::newRow("regexp, whole") << QString() << u"https://github\\.com/o/r/.*"_s << QString() << true
                                       << QString();
        QTest::newRow("regexp, partial") << QString() << u"example\\.com"_s << QString() << false
                                         << u"matching example\\.com"_s;
        QTest::newRow("regexp, suffix trap")
            << QString() << u"dev@example\\.co"_s << QString() << false << u"dev@example.com"_s;
        QTest::newRow("regexp, invalid") << QString() << u"(unclosed"_s << QString() << false << u"not valid"_s;
        QTest::newRow("issuer") << QString() << QString() << u"https://token.actions.githubusercontent.com"_s << true
                                << QString();
        QTest::newRow("issuer, other") << QString() << QString() << u"https://accounts.google.com"_s << false
                                       << u"https://token.actions.githubusercontent.com"_s;
        QTest::newRow("nothing required") << QString() << QString() << QString() << true << QString();
    }
    void identity()
    {
        QFETCH(QString, identity);
        QFETCH(QString, regexp);
        QFETCH(QString, issuer);
        QFETCH(bool, ok);
        QFETCH(QString, fragment);
        CertificateSummary leaf;
        leaf.emails = {u"dev@example.com"_s};
        leaf.uris = {u"https://github.com/o/r/.github/workflows/ci.yml@refs/heads/main"_s};
        leaf.oidcIssuer = u"https://token.actions.githubusercontent.com"_s;
        const Status s = checkIdentity(leaf, {identity, regexp, issuer, {}, {}});
        QCOMPARE(bool(s), ok);
        if (!ok)
            QVERIFY2(s.error().message.contains(fragment), qPrintable(s.error().message));
    }

    // Figures: verifying 1,000 key signatures, and 250 keyless ones with their SET and chain (the heaviest kind).
    void thousandSignatures()
    {
        const StoredSignature &sig = m_attached.value(u"keyless"_s);
        const SigstoreTrust trust = makeTrust({}, {own(u"root.pem"_s)}, {own(u"rekor.pub"_s)},
                                              {u"signer@example.com"_s, {}, u"https://issuer.example.com"_s, {}, {}});
        const SigstoreTrust keyTrust = makeTrust({own(u"p256.pub"_s)}, {}, {});
        // Wall time on a shared machine says little: the process CPU time (std::clock) is printed too.
        QElapsedTimer t;
        t.start();
        std::clock_t cpu = std::clock();
        // 250 keyless ones (each ten times the CPU of a key check), to keep the suite short on a busy machine.
        for (int i = 0; i < 250; ++i)
            QVERIFY(verifyCosignSignature(sig, m_subject, sig.layerDigest, trust).verified());
        const qint64 keyless = t.restart();
        const double keylessCpu = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
        cpu = std::clock();
        const StoredSignature &keyed = m_attached.value(u"p256"_s);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(verifyCosignSignature(keyed, m_subject, keyed.layerDigest, keyTrust).verified());
        const double keyedCpu = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
        qInfo("250 keyless verifications (SET + chain + identity): %lld ms wall, %.0f ms CPU; 1,000 P-256 key "
              "verifications: %lld ms wall, %.0f ms CPU",
              keyless, keylessCpu, t.elapsed(), keyedCpu);
    }
};

STRATA_TEST_GUILESS_MAIN(TstCosignVerify)
#include "tst_cosignverify.moc"
