// SPDX-License-Identifier: MIT
// containers-policy.json(5): the parser (containers/image's example, each invalid form, hostile sizes), scope
// resolution per transport, signed identity rules, and a table of policies x images whose verdicts must equal those
// of Debian's real `skopeo copy --policy` (GPG signatures verified here with the real gpg, images and keys made at
// test time by tests/fixtures/policy-images.sh).
#include "core/signatures/storedsignature.h"
#include "core/trust/policy.h"
#include "core/trust/policychecker.h"
#include "core/trust/policyevaluation.h"
#include "core/trust/policylimits.h"
#include "core/trust/policyscope.h"
#include "core/trust/sigstoretrust.h"
#include "core/trust/x509chain.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::trust;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QString containersImage(const QString &relative)
{
    return test::publicFixture(u"signatures/containers-image/"_s + relative);
}

// A dir: image as containers/image stores it: manifest.json and signature-1, signature-2, …
struct DirImage
{
    Digest manifestDigest;
    QList<StoredSignature> signatures;
};

DirImage loadDirImage(const QString &dir)
{
    DirImage img;
    const QByteArray manifest = test::readFile(dir + u"/manifest.json"_s);
    img.manifestDigest =
        Digest::parse(
            QString(u"sha256:"_s +
                    QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex())))
            .value();
    for (int i = 1; QFile::exists(dir + u"/signature-%1"_s.arg(i)); ++i) {
        const QString p = dir + u"/signature-%1"_s.arg(i);
        Result<StoredSignature> s = parseStoredSignature(test::readFile(p), p);
        if (!s)
            qFatal("%s", qPrintable(s.error().toString()));
        img.signatures << s.value();
    }
    return img;
}

// The product's GPGME verifier is another engineer's: here the real gpg verifies, in a private GNUPGHOME holding
// only the policy's keys.
class GpgChecker final : public SignatureChecker
{
public:
    int calls = 0;
    Verdict gpg(const StoredSignature &sig, const QStringList &keyPaths, const QByteArray &keyData) override
    {
        ++calls;
        QTemporaryDir home;
        writeFile(home.filePath(u"sig"_s), sig.raw);
        QStringList keys = keyPaths;
        if (keyPaths.isEmpty()) {
            writeFile(home.filePath(u"keydata"_s), keyData);
            keys << home.filePath(u"keydata"_s);
        }
        QString imports;
        for (const QString &k : keys)
            imports += u"gpg --batch --quiet --import "_s + test::shellQuoted(k) + u" 2>/dev/null || true; "_s;
        const QString dir = test::shellQuoted(home.path());
        const QByteArray status = test::shellOutput(
            u"export GNUPGHOME=%1; chmod 700 %1; %2 gpg --batch --status-fd 1 --output %1/payload --decrypt %1/sig "
            "2>/dev/null || true"_s.arg(dir, imports));
        QString fingerprint;
        for (const QByteArray &line : status.split('\n'))
            if (line.startsWith("[GNUPG:] VALIDSIG "))
                fingerprint = QString::fromLatin1(line.split(' ').value(2));
        if (fingerprint.isEmpty())
            return Verdict::failed(u"signature does not verify with the policy's keys (gpg: %1)"_s.arg(
                QString::fromLatin1(status.simplified()).left(200)));
        Result<SimpleSigningClaims> claims =
            parseSimpleSigning(test::readFile(home.filePath(u"payload"_s)), u"payload"_s);
        if (!claims)
            return Verdict::failed(claims.error().toString());
        Verdict v;
        v.state = VerdictState::Verified;
        v.signer = u"GPG key "_s + fingerprint;
        v.signedDigest = claims->manifestDigest;
        return v;
    }
    Verdict sigstore(const StoredSignature &, const SigstoreRequirement &) override
    {
        return Verdict::notChecked(u"no sigstore verifier in this test"_s);
    }
};

// Says every sigstore signature verifies and covers what its payload claims: to test the evaluator's digest and
// identity rules, not cryptography.
class TrustingChecker final : public SignatureChecker
{
public:
    Verdict gpg(const StoredSignature &, const QStringList &, const QByteArray &) override
    {
        return Verdict::notChecked(u"not in this test"_s);
    }
    Verdict sigstore(const StoredSignature &sig, const SigstoreRequirement &) override
    {
        Verdict v;
        v.state = VerdictState::Verified;
        v.signer = u"a test key"_s;
        v.signedDigest = sig.claims ? sig.claims->manifestDigest : Digest();
        return v;
    }
};

struct Skopeo
{
    enum Answer { Accepted, Rejected, PolicyInvalid };
    Answer answer;
    QString output;
};

// skopeo copy evaluates the source's policy before copying blobs: "Source image rejected" is the policy's
// refusal, "Error loading trust policy" a policy it cannot parse; any other failure comes later (the public
// fixtures hold no blobs) and means the policy accepted.
Skopeo skopeoCopy(const QString &policy, const QString &source, const QString &cwd, const QString &registriesD = {})
{
    QTemporaryDir out;
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args;
    if (!registriesD.isEmpty())
        args << u"--registries.d"_s << registriesD;
    args << u"copy"_s << u"--quiet"_s << u"--policy"_s << policy;
    if (source.startsWith(u"docker://"_s))
        args << u"--src-tls-verify=false"_s;
    p.start(u"skopeo"_s, args << source << u"dir:"_s + out.path());
    if (!p.waitForFinished(60000))
        qFatal("skopeo did not finish");
    const QString output = QString::fromUtf8(p.readAll());
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {Skopeo::Accepted, output};
    if (output.contains(u"Error loading trust policy"_s))
        return {Skopeo::PolicyInvalid, output};
    if (output.contains(u"Source image rejected"_s))
        return {Skopeo::Rejected, output};
    return {Skopeo::Accepted, output};
}

} // namespace

class TestPolicy : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_work;
    QString m_images;
    QString m_unsigned; // for skopeo parse checks
    QMap<QString, QString> m_imageDirs;
    std::unique_ptr<test::RegistryServer> m_registry;
    QString m_registryDigest;

    // A real docker-registry holding WORK/oci:v1 as strata/app:v1 (GPG-signed, lookaside), :v2 and mirror/app:v1.
    void ensureRegistry()
    {
        if (m_registry)
            return;
        m_registry = std::make_unique<test::RegistryServer>();
        QString error;
        if (!m_registry->start(test::RegistryServer::Auth::None, &error))
            qFatal("docker-registry: %s", qPrintable(error));
        m_registryDigest =
            QString::fromLatin1(test::shellOutput(u"bash "_s +
                                                  test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) +
                                                                    u"/tests/fixtures/policy-registry.sh"_s) +
                                                  u" "_s + test::shellQuoted(m_images) + u" "_s + m_registry->host())
                                    .trimmed());
    }

    // tests/fixtures/make-cosign-material.sh's private PKI and cosign signatures (openssl, umoci, skopeo), made once.
    QString m_cosign;
    QString cosignMaterial()
    {
        if (m_cosign.isEmpty()) {
            const QString dir = m_work.filePath(u"cosign"_s);
            test::shellOutput(u"bash %1/tests/fixtures/make-cosign-material.sh %2 >/dev/null"_s.arg(
                test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR)), test::shellQuoted(dir)));
            if (QFile::exists(dir + u"/img/manifest.json"_s))
                m_cosign = dir;
        }
        return m_cosign;
    }

    QString expand(QString text) const
    {
        text.replace(u"%WORK%"_s, m_images);
        text.replace(u"%PUBKEY%"_s, containersImage(u"public-key.gpg"_s));
        text.replace(u"%PUBKEYDATA%"_s,
                     QString::fromLatin1(test::readFile(containersImage(u"public-key.gpg"_s)).toBase64()));
        return text;
    }
    QString writePolicy(const QString &name, const QString &json) const
    {
        const QString path = m_work.filePath(u"policy-"_s + name + u".json"_s);
        writeFile(path, expand(json).toUtf8());
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        m_images = m_work.filePath(u"images"_s);
        test::shellOutput(u"bash "_s +
                          test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/policy-images.sh"_s) +
                          u" "_s + test::shellQuoted(m_images));
        m_images = QDir(m_images).canonicalPath();
        m_unsigned = m_images + u"/img-unsigned-own"_s;
        m_imageDirs = {{u"public-valid"_s, containersImage(u"dir-img-valid"_s)},
                       {u"public-unsigned"_s, containersImage(u"dir-img-unsigned"_s)},
                       {u"unsigned"_s, m_unsigned},
                       {u"signed"_s, m_images + u"/img-signed"_s},
                       {u"other"_s, m_images + u"/img-other"_s},
                       {u"both"_s, m_images + u"/img-both"_s},
                       {u"wrongdigest"_s, m_images + u"/img-wrongdigest"_s}};
    }

    void containersImageExample()
    {
        const QString path = containersImage(u"policy.json"_s);
        Result<Policy> p = parsePolicy(test::readFile(path), path);
        QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().toString()));
        QCOMPARE(p->defaultRequirements.size(), 1);
        QCOMPARE(p->defaultRequirements[0].type, PolicyRequirement::Type::Reject);
        QCOMPARE(p->transports.keys(), (QStringList{u"dir"_s, u"docker"_s}));
        const auto &docker = p->transports[u"docker"_s];
        QCOMPARE(docker.size(), 14);
        const PolicyRequirements &hardened = docker[u"example.com/hardened"_s];
        QCOMPARE(hardened.size(), 3);
        QCOMPARE(hardened[0].signedBy.signedIdentity.type, SignedIdentity::Type::MatchRepository);
        QCOMPARE(hardened[1].signedBy.keyType, u"signedByGPGKeys"_s);
        QCOMPARE(hardened[2].type, PolicyRequirement::Type::SignedBaseLayer);
        QCOMPARE(hardened[2].baseLayerIdentity.dockerRepository, u"registry.access.redhat.com/rhel7/rhel"_s);
        QCOMPARE(docker[u"registry.redhat.io/beta"_s][0].signedBy.keyPaths.size(), 2);
        const SignedIdentity remap = docker[u"private-mirror:5000/vendor-mirror"_s][0].signedBy.signedIdentity;
        QCOMPARE(remap.type, SignedIdentity::Type::RemapIdentity);
        QCOMPARE(remap.signedPrefix, u"vendor.example.com"_s);
        QCOMPARE(docker[u"bogus/key-data-example"_s][0].signedBy.keyData, QByteArray("nonsense"));
        QCOMPARE(docker[u"example.com/sigstore/key-data-example"_s][0].sigstore.keyDatas,
                 QList<QByteArray>{"nonsense"});
        // The default signedIdentity.
        QCOMPARE(docker[u"example.com/production"_s][0].signedBy.signedIdentity.type,
                 SignedIdentity::Type::MatchRepoDigestOrExact);
        // skopeo parses it too.
        QCOMPARE(skopeoCopy(path, u"dir:"_s + m_unsigned, m_work.path()).answer, Skopeo::Accepted);
    }

    void parser_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");  // empty: valid
        QTest::addColumn<bool>("skopeoToo"); // Debian's skopeo 1.9.3 knows the feature and must agree
        const QString sb = u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",%1}]}"_s;
        const QString ss = u"{\"default\":[{\"type\":\"sigstoreSigned\",%1}]}"_s;
        const QString id =
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"/k\",\"signedIdentity\":%1}]}"_s;
        auto row = [](const char *name, const QString &json, const char *error, bool skopeo = true) {
            QTest::newRow(name) << json << QString::fromUtf8(error) << skopeo;
        };
        row("minimal", u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}"_s, "");
        row("transports empty", u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{}}"_s, "");
        row("unknown transport any scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"foo\":{\"bar baz\":[{\"type\":\"reject\"}]}}}"_s,
            "");
        row("signedBy keyData", sb.arg(u"\"keyData\":\"bm9uc2Vuc2U=\""_s), "");
        row("signedBy keyPaths", sb.arg(u"\"keyPaths\":[\"/a\",\"/b\"]"_s), "");
        row("signedBy keyPaths empty", sb.arg(u"\"keyPaths\":[]"_s), "");
        row("signedBy X509Certificates",
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"X509Certificates\",\"keyPath\":\"/k\"}]}"_s, "");
        row("sigstore keyPath", ss.arg(u"\"keyPath\":\"/cosign.pub\""_s), "");
        row("sigstore keyPath rekor", ss.arg(u"\"keyPath\":\"/c.pub\",\"rekorPublicKeyPath\":\"/r.pub\""_s), "", false);
        row("sigstore fulcio",
            ss.arg(
                u"\"fulcio\":{\"caPath\":\"/f.pem\",\"oidcIssuer\":\"https://i\",\"subjectEmail\":\"a@b\"},\"rekorPublicKeyPath\":\"/r.pub\""_s),
            "", false);
        row("sigstore keyDatas", ss.arg(u"\"keyDatas\":[\"YQ==\",\"Yg==\"]"_s), "", false);
        row("sigstore pki", ss.arg(u"\"pki\":{\"caRootsPath\":\"/r.pem\",\"subjectHostname\":\"h\"}"_s), "", false);
        row("identity matchExact", id.arg(u"{\"type\":\"matchExact\"}"_s), "");
        row("identity exactReference", id.arg(u"{\"type\":\"exactReference\",\"dockerReference\":\"busybox:1\"}"_s),
            "");
        row("identity exactRepository",
            id.arg(u"{\"type\":\"exactRepository\",\"dockerRepository\":\"quay.io/a/b\"}"_s), "");
        row("identity remap",
            id.arg(u"{\"type\":\"remapIdentity\",\"prefix\":\"m:5000/x\",\"signedPrefix\":\"example.com\"}"_s), "");
        row("dir scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"/srv/images\":[{\"type\":\"reject\"}]}}}"_s,
            "");
        row("docker-daemon name scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker-daemon\":{\"busybox\":[{\"type\":\"reject\"}]}}}"_s,
            "");

        row("not json", u"{"_s, "JSON");
        row("array", u"[]"_s, "object");
        row("no default", u"{\"transports\":{}}"_s, "Default policy is missing");
        row("default empty", u"{\"default\":[]}"_s, "must not be empty");
        row("default null", u"{\"default\":null}"_s, "expected an array");
        row("unknown top member", u"{\"default\":[{\"type\":\"reject\"}],\"Transports\":{}}"_s,
            "unknown member \"Transports\"");
        row("duplicate member", u"{\"default\":[{\"type\":\"reject\"}],\"default\":[{\"type\":\"reject\"}]}"_s,
            "uplicate");
        row("duplicate scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\"a\":[{\"type\":\"reject\"}],\"a\":[{\"type\":\"reject\"}]}}}"_s,
            "uplicate");
        row("unknown type", u"{\"default\":[{\"type\":\"rejectAll\"}]}"_s,
            "Unknown policy requirement type \"rejectAll\"");
        row("no type", u"{\"default\":[{}]}"_s, "Unknown policy requirement type \"\"");
        row("requirement not object", u"{\"default\":[\"reject\"]}"_s, "expected an object");
        row("reject extra member", u"{\"default\":[{\"type\":\"reject\",\"x\":1}]}"_s, "unknown member \"x\"");
        row("signedBy no keyType", u"{\"default\":[{\"type\":\"signedBy\",\"keyPath\":\"/k\"}]}"_s, "keyType");
        row("signedBy bad keyType", u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"gpg\",\"keyPath\":\"/k\"}]}"_s,
            "Unrecognized keyType value \"gpg\"");
        row("signedBy no key", sb.arg(u"\"signedIdentity\":{\"type\":\"matchExact\"}"_s), "none of them present");
        row("signedBy two keys", sb.arg(u"\"keyPath\":\"/k\",\"keyData\":\"YQ==\""_s), "more than one present");
        row("signedBy empty keyPath", sb.arg(u"\"keyPath\":\"\""_s), "exactly one of keyPath");
        row("signedBy unknown member", sb.arg(u"\"keyPath\":\"/k\",\"keyring\":\"/k\""_s),
            "unknown member \"keyring\"");
        row("signedBy keyData not base64", sb.arg(u"\"keyData\":\"not base64!\""_s), "base64");
        row("signedBy keyPath number", sb.arg(u"\"keyPath\":1"_s), "expected a string");
        row("sigstore no key", ss.arg(u"\"signedIdentity\":{\"type\":\"matchExact\"}"_s),
            "exactly one of keyPath, keyPaths, keyData, keyDatas, fulcio");
        row("sigstore key and fulcio",
            ss.arg(
                u"\"keyPath\":\"/k\",\"fulcio\":{\"caPath\":\"/f\",\"oidcIssuer\":\"i\",\"subjectEmail\":\"e\"},\"rekorPublicKeyPath\":\"/r\""_s),
            "exactly one of keyPath", false);
        row("sigstore keyPaths empty", ss.arg(u"\"keyPaths\":[]"_s), "contains no entries", false);
        row("sigstore fulcio no rekor",
            ss.arg(u"\"fulcio\":{\"caPath\":\"/f\",\"oidcIssuer\":\"i\",\"subjectEmail\":\"e\"}"_s),
            "must be specified if fulcio is used", false);
        row("fulcio no ca",
            ss.arg(u"\"fulcio\":{\"oidcIssuer\":\"i\",\"subjectEmail\":\"e\"},\"rekorPublicKeyPath\":\"/r\""_s),
            "caPath and caData", false);
        row("fulcio no issuer",
            ss.arg(u"\"fulcio\":{\"caPath\":\"/f\",\"subjectEmail\":\"e\"},\"rekorPublicKeyPath\":\"/r\""_s),
            "oidcIssuer not specified", false);
        row("fulcio no email",
            ss.arg(u"\"fulcio\":{\"caPath\":\"/f\",\"oidcIssuer\":\"i\"},\"rekorPublicKeyPath\":\"/r\""_s),
            "subjectEmail not specified", false);
        row("fulcio unknown member",
            ss.arg(
                u"\"fulcio\":{\"caPath\":\"/f\",\"oidcIssuer\":\"i\",\"subjectEmail\":\"e\",\"x\":1},\"rekorPublicKeyPath\":\"/r\""_s),
            "unknown member \"x\"", false);
        row("pki no subject", ss.arg(u"\"pki\":{\"caRootsPath\":\"/r\"}"_s), "subjectEmail, subjectHostname", false);
        // PRSigstoreSignedPKI (containers/image signature/policy_config_sigstore.go newPRSigstoreSignedPKI). Debian's
        // skopeo 1.9.3 does not know pki at all ("Unknown key \"pki\""): the messages are containers/image's.
        row("pki roots path and data",
            ss.arg(u"\"pki\":{\"caRootsPath\":\"/r\",\"caRootsData\":\"YQ==\",\"subjectEmail\":\"e\"}"_s),
            "caRootsPath and caRootsData cannot be used simultaneously", false);
        row("pki no roots", ss.arg(u"\"pki\":{\"subjectEmail\":\"e\"}"_s),
            "At least one of caRootsPath and caRootsData must be specified", false);
        row("pki intermediates path and data",
            ss.arg(
                u"\"pki\":{\"caRootsPath\":\"/r\",\"caIntermediatesPath\":\"/i\",\"caIntermediatesData\":\"YQ==\",\"subjectEmail\":\"e\"}"_s),
            "caIntermediatesPath and caIntermediatesData cannot be used simultaneously", false);
        row("pki empty subjects",
            ss.arg(u"\"pki\":{\"caRootsPath\":\"/r\",\"subjectEmail\":\"\",\"subjectHostname\":\"\"}"_s),
            "At least one of subjectEmail, subjectHostname must be specified", false);
        row("pki unknown member",
            ss.arg(u"\"pki\":{\"caRootsPath\":\"/r\",\"subjectEmail\":\"e\",\"oidcIssuer\":\"i\"}"_s),
            "unknown member \"oidcIssuer\"", false);
        row("pki roots data not base64", ss.arg(u"\"pki\":{\"caRootsData\":\"not base64!\",\"subjectEmail\":\"e\"}"_s),
            "base64", false);
        row("pki not an object", ss.arg(u"\"pki\":\"/r.pem\""_s), "expected an object", false);
        row("pki and keyPath", ss.arg(u"\"keyPath\":\"/k\",\"pki\":{\"caRootsPath\":\"/r\",\"subjectEmail\":\"e\"}"_s),
            "exactly one of keyPath, keyPaths, keyData, keyDatas, fulcio, and pki", false);
        row("two rekor sources",
            ss.arg(u"\"keyPath\":\"/k\",\"rekorPublicKeyPath\":\"/r\",\"rekorPublicKeyData\":\"YQ==\""_s),
            "at most one of rekor", false);
        row("sigstore unknown member", ss.arg(u"\"keyPath\":\"/k\",\"keyType\":\"GPGKeys\""_s),
            "unknown member \"keyType\"");
        row("identity unknown type", id.arg(u"{\"type\":\"matchAnything\"}"_s),
            "Unknown policy reference match type \"matchAnything\"");
        row("identity extra member", id.arg(u"{\"type\":\"matchExact\",\"dockerReference\":\"a:b\"}"_s),
            "unknown member \"dockerReference\"");
        row("exactReference name only", id.arg(u"{\"type\":\"exactReference\",\"dockerReference\":\"busybox\"}"_s),
            "neither a tag nor digest");
        row("exactReference missing", id.arg(u"{\"type\":\"exactReference\"}"_s), "member \"dockerReference\" missing");
        row("exactReference upper case", id.arg(u"{\"type\":\"exactReference\",\"dockerReference\":\"Busybox:1\"}"_s),
            "Invalid format of dockerReference");
        row("exactRepository invalid", id.arg(u"{\"type\":\"exactRepository\",\"dockerRepository\":\"a//b\"}"_s),
            "Invalid format of dockerRepository");
        row("remap bad prefix",
            id.arg(u"{\"type\":\"remapIdentity\",\"prefix\":\"-bad-/x\",\"signedPrefix\":\"example.com\"}"_s),
            "is not valid");
        row("remap short name prefix",
            id.arg(u"{\"type\":\"remapIdentity\",\"prefix\":\"example.com/x\",\"signedPrefix\":\"a b\"}"_s),
            "is not valid");
        row("remap missing", id.arg(u"{\"type\":\"remapIdentity\",\"prefix\":\"example.com\"}"_s),
            "member \"signedPrefix\" missing");
        row("dir relative scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"srv/images\":[{\"type\":\"reject\"}]}}}"_s,
            "must be an absolute path");
        row("dir root scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"/\":[{\"type\":\"reject\"}]}}}"_s,
            "generic default scope");
        row("dir unclean scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"/srv/../images/\":[{\"type\":\"reject\"}]}}}"_s,
            "non-canonical");
        row("oci relative scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"oci\":{\"layout:v1\":[{\"type\":\"reject\"}]}}}"_s,
            "must be an absolute path");
        row("docker-archive scope",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker-archive\":{\"/a.tar\":[{\"type\":\"reject\"}]}}}"_s,
            "does not support any scopes");
        row("docker-daemon digest scope",
            (u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker-daemon\":{\"sha256:"_s +
             QString(64, u'a') + u"\":[{\"type\":\"reject\"}]}}}"_s),
            "can not use algo:digest");
        row("scope requirements empty",
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{\"a\":[]}}}"_s, "must not be empty");
        row("transport not object", u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":[]}}"_s,
            "expected an object");
    }
    void parser()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        QFETCH(bool, skopeoToo);
        Result<Policy> p = parsePolicy(json.toUtf8(), u"policy.json"_s);
        if (error.isEmpty()) {
            QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().toString()));
            QVERIFY(!p->defaultRequirements.isEmpty());
        } else {
            QVERIFY2(!p.ok(), "accepted an invalid policy");
            QVERIFY2(p.error().toString().contains(error), qPrintable(p.error().toString()));
            QCOMPARE(p.error().context, u"policy.json"_s);
        }
        if (!skopeoToo)
            return;
        const QString path = m_work.filePath(u"parser.json"_s);
        writeFile(path, json.toUtf8());
        const Skopeo s = skopeoCopy(path, u"dir:"_s + m_unsigned, m_work.path());
        QVERIFY2((s.answer == Skopeo::PolicyInvalid) == !error.isEmpty(), qPrintable(s.output));
    }

    void bounds()
    {
        // 100,000 scopes: refused by count, quickly, before any is parsed.
        QByteArray big = "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{";
        for (int i = 0; i < 100000; ++i)
            big += (i ? "," : "") + QByteArray("\"s") + QByteArray::number(i) + "\":[{\"type\":\"reject\"}]";
        big += "}}}";
        QVERIFY(big.size() < limits::PolicyBytes);
        QElapsedTimer t;
        t.start();
        Result<Policy> p = parsePolicy(big, u"big.json"_s);
        qInfo("100,000 scopes (%lld bytes) refused in %lld ms", qint64(big.size()), t.elapsed());
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::TooLarge);
        QVERIFY2(p.error().message.contains(u"100000 scopes, more than the 10000 accepted"_s),
                 qPrintable(p.error().message));
        QVERIFY(t.elapsed() < 5000);

        // Exactly the limit is fine.
        QByteArray limit = "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{";
        for (int i = 0; i < limits::MaxPolicyScopes; ++i)
            limit += (i ? "," : "") + QByteArray("\"s") + QByteArray::number(i) + "\":[{\"type\":\"reject\"}]";
        limit += "}}}";
        QVERIFY(parsePolicy(limit, u"limit.json"_s).ok());

        QByteArray huge =
            "{\"default\":[{\"type\":\"reject\"}],\"x\":\"" + QByteArray(limits::PolicyBytes, 'a') + "\"}";
        p = parsePolicy(huge, u"huge.json"_s);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::TooLarge);

        QByteArray many = "{\"default\":[";
        for (int i = 0; i <= limits::MaxPolicyRequirements; ++i)
            many += (i ? "," : "") + QByteArray("{\"type\":\"reject\"}");
        many += "]}";
        p = parsePolicy(many, u"many.json"_s);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::TooLarge);
        QVERIFY(p.error().message.contains(u"requirements"_s));

        QByteArray keys = "{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPaths\":[";
        for (int i = 0; i <= limits::MaxPolicyKeyPaths; ++i)
            keys += (i ? "," : "") + QByteArray("\"/k\"");
        keys += "]}]}";
        p = parsePolicy(keys, u"keys.json"_s);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, ErrorCode::TooLarge);
    }

    void dockerReferences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized"); // empty: refused
        QTest::newRow("short") << u"busybox"_s << u"docker.io/library/busybox"_s;
        QTest::newRow("tag") << u"busybox:1.36"_s << u"docker.io/library/busybox:1.36"_s;
        QTest::newRow("user") << u"user/app"_s << u"docker.io/user/app"_s;
        QTest::newRow("index.docker.io") << u"index.docker.io/app"_s << u"docker.io/library/app"_s;
        QTest::newRow("localhost") << u"localhost/app:v1"_s << u"localhost/app:v1"_s;
        QTest::newRow("port") << u"reg:5000/a/b/c:v1"_s << u"reg:5000/a/b/c:v1"_s;
        QTest::newRow("tag and digest") << (u"quay.io/a:v1@sha256:"_s + QString(64, u'a'))
                                        << (u"quay.io/a:v1@sha256:"_s + QString(64, u'a'));
        QTest::newRow("upper repo") << u"Busybox"_s << QString();
        QTest::newRow("upper host ok") << u"Example.com/app"_s << u"Example.com/app"_s;
        QTest::newRow("hex id") << QString(64, u'a') << QString();
        QTest::newRow("bad tag") << u"a:-x"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("double slash") << u"a//b"_s << QString();
    }
    void dockerReferences()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        Result<DockerReference> r = DockerReference::parseNormalized(text);
        QCOMPARE(r.ok(), !normalized.isEmpty());
        if (r)
            QCOMPARE(r->toString(), normalized);
    }

    void scopes_data()
    {
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<QStringList>("namespaces");
        QTest::addColumn<QString>("dockerReference");
        QTest::newRow("docker short") << u"docker"_s << u"//busybox"_s << u"docker.io/library/busybox:latest"_s
                                      << QStringList{u"docker.io/library/busybox"_s, u"docker.io/library"_s,
                                                     u"docker.io"_s, u"*.io"_s}
                                      << u"docker.io/library/busybox:latest"_s;
        QTest::newRow("docker host port")
            << u"docker"_s << u"//reg.sub.example.com:5000/ns/app:v1"_s << u"reg.sub.example.com:5000/ns/app:v1"_s
            << QStringList{u"reg.sub.example.com:5000/ns/app"_s,
                           u"reg.sub.example.com:5000/ns"_s,
                           u"reg.sub.example.com:5000"_s,
                           u"*.sub.example.com"_s,
                           u"*.example.com"_s,
                           u"*.com"_s}
            << u"reg.sub.example.com:5000/ns/app:v1"_s;
        const QString dig = u"sha256:"_s + QString(64, u'b');
        QTest::newRow("docker digest") << u"docker"_s << (u"quay.io/a/b@"_s + dig) << (u"quay.io/a/b@"_s + dig)
                                       << QStringList{u"quay.io/a/b"_s, u"quay.io/a"_s, u"quay.io"_s, u"*.io"_s}
                                       << (u"quay.io/a/b@"_s + dig);
        QTest::newRow("docker-daemon") << u"docker-daemon"_s << u"app:v2"_s << u"docker.io/library/app:v2"_s
                                       << QStringList{u"docker.io/library/app"_s, u"docker.io/library"_s,
                                                      u"docker.io"_s, u"*.io"_s}
                                       << u"docker.io/library/app:v2"_s;
        QTest::newRow("docker-daemon id")
            << u"docker-daemon"_s << (u"sha256:"_s + QString(64, u'c')) << QString() << QStringList{} << QString();
        QTest::newRow("docker-archive") << u"docker-archive"_s << u"/tmp/a.tar:app"_s << QString() << QStringList{}
                                        << u"docker.io/library/app:latest"_s;
        QTest::newRow("docker-archive bare")
            << u"docker-archive"_s << u"/tmp/a.tar"_s << QString() << QStringList{} << QString();
        QTest::newRow("containers-storage")
            << u"containers-storage"_s << u"[overlay@/var/lib/containers/storage+/run/containers]busybox"_s
            << u"[overlay@/var/lib/containers/storage]docker.io/library/busybox:latest"_s
            << QStringList{u"[overlay@/var/lib/containers/storage]docker.io/library/busybox"_s,
                           u"[overlay@/var/lib/containers/storage]docker.io/library"_s,
                           u"[overlay@/var/lib/containers/storage]docker.io"_s,
                           u"[overlay@/var/lib/containers/storage]"_s, u"[/var/lib/containers/storage]"_s}
            << u"docker.io/library/busybox:latest"_s;
    }
    void scopes()
    {
        QFETCH(QString, transport);
        QFETCH(QString, reference);
        QFETCH(QString, identity);
        QFETCH(QStringList, namespaces);
        QFETCH(QString, dockerReference);
        Result<PolicyIdentity> id = policyIdentity({transport, reference});
        QVERIFY2(id.ok(), id ? "" : qPrintable(id.error().toString()));
        QCOMPARE(id->identity, identity);
        QCOMPARE(id->namespaces, namespaces);
        QCOMPARE(id->dockerReference ? id->dockerReference->toString() : QString(), dockerReference);
    }

    void pathScopes()
    {
        // dir: resolves against the working directory and through symbolic links; oci: adds the folder itself.
        const QString real = m_work.filePath(u"real/inner"_s);
        QVERIFY(QDir().mkpath(real));
        QVERIFY(QFile::link(m_work.filePath(u"real"_s), m_work.filePath(u"link"_s)));
        const QString base = QDir(m_work.path()).canonicalPath();
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_work.filePath(u"link"_s)));
        Result<PolicyIdentity> dir = policyIdentity({u"dir"_s, u"inner"_s});
        Result<PolicyIdentity> oci = policyIdentity({u"oci"_s, u"inner:v1"_s});
        Result<PolicyIdentity> fresh = policyIdentity({u"dir"_s, u"not-yet"_s});
        QVERIFY(QDir::setCurrent(previous));
        QVERIFY(dir.ok() && oci.ok() && fresh.ok());
        QCOMPARE(dir->identity, base + u"/real/inner"_s);
        QCOMPARE(dir->namespaces.first(), base + u"/real"_s);
        QVERIFY(!dir->namespaces.contains(u"/"_s));
        QCOMPARE(dir->namespaces.last(), u"/"_s + base.section(u'/', 1, 1));
        QVERIFY(!dir->dockerReference);
        QCOMPARE(oci->identity, base + u"/real/inner"_s); // the image name is not part of it
        QCOMPARE(oci->namespaces.first(), base + u"/real/inner"_s);
        QCOMPARE(fresh->identity, base + u"/real/not-yet"_s);
        QVERIFY(!policyIdentity({u"dir"_s, u"/no/such/parent/x"_s}).ok());
        QVERIFY(!policyIdentity({u"docker"_s, u"//a:v1@sha256:"_s + QString(64, u'a')}).ok());
        QCOMPARE(policyIdentity({u"tarball"_s, u"/x"_s}).error().code, ErrorCode::Unsupported);
    }

    void scopeSelection_data()
    {
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("scope");
        QTest::newRow("playground repo") << u"docker"_s << u"example.com/playground/app:v1"_s
                                         << u"transports.docker.\"example.com/playground\""_s;
        QTest::newRow("exact repo") << u"docker"_s << u"example.com/hardened:v1"_s
                                    << u"transports.docker.\"example.com/hardened\""_s;
        QTest::newRow("host") << u"docker"_s << u"registry.access.redhat.com/rhel7/rhel:7"_s
                              << u"transports.docker.\"registry.access.redhat.com\""_s;
        QTest::newRow("wildcard") << u"docker"_s << u"foo.access.redhat.com/x:1"_s
                                  << u"transports.docker.\"*.access.redhat.com\""_s;
        QTest::newRow("wider wildcard") << u"docker"_s << u"a.b.redhat.com/x:1"_s
                                        << u"transports.docker.\"*.redhat.com\""_s;
        QTest::newRow("widest wildcard") << u"docker"_s << u"example.com/other:1"_s << u"transports.docker.\"*.com\""_s;
        QTest::newRow("docker hub is default") << u"docker"_s << u"busybox"_s << u"default"_s;
        QTest::newRow("port mirror") << u"docker"_s << u"private-mirror:5000/vendor-mirror/x:1"_s
                                     << u"transports.docker.\"private-mirror:5000/vendor-mirror\""_s;
        QTest::newRow("dir transport default") << u"dir"_s << u"/tmp"_s << u"transports.dir.\"\""_s;
        QTest::newRow("no transport section") << u"oci"_s << u"/tmp:v1"_s << u"default"_s;
    }
    void scopeSelection()
    {
        QFETCH(QString, transport);
        QFETCH(QString, reference);
        QFETCH(QString, scope);
        const QString path = containersImage(u"policy.json"_s);
        const Policy p = parsePolicy(test::readFile(path), path).value();
        Result<PolicyIdentity> id = policyIdentity({transport, reference});
        QVERIFY(id.ok());
        QCOMPARE(requirementsFor(p, transport, id.value()).describe(), scope);
    }

    void identities_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("image"); // docker reference of the image, empty: none (dir:)
        QTest::addColumn<QString>("signedRef");
        QTest::addColumn<bool>("matches");
        const QString d = u"@sha256:"_s + QString(64, u'd');
        auto row = [](const char *name, const QString &rule, const QString &image, const QString &sig, bool m) {
            QTest::newRow(name) << rule << image << sig << m;
        };
        const QString exact = u"{\"type\":\"matchExact\"}"_s;
        const QString rdx = u"{\"type\":\"matchRepoDigestOrExact\"}"_s;
        const QString repo = u"{\"type\":\"matchRepository\"}"_s;
        row("exact same", exact, u"busybox:1"_s, u"docker.io/library/busybox:1"_s, true);
        row("exact other tag", exact, u"busybox:1"_s, u"busybox:2"_s, false);
        row("exact name only signed", exact, u"busybox:1"_s, u"busybox"_s, false);
        row("exact digest image", exact, u"busybox"_s + d, u"busybox"_s + d, true);
        row("exact no image identity", exact, QString(), u"busybox:1"_s, false);
        row("rdx tag", rdx, u"busybox:1"_s, u"busybox:1"_s, true);
        row("rdx tag other", rdx, u"busybox:1"_s, u"busybox:latest"_s, false);
        row("rdx digest any tag", rdx, u"busybox"_s + d, u"busybox:whatever"_s, true);
        row("rdx digest other repo", rdx, u"busybox"_s + d, u"alpine:1"_s, false);
        row("rdx signed name only", rdx, u"busybox"_s + d, u"busybox"_s, false);
        row("rdx no image identity", rdx, QString(), u"busybox:1"_s, false);
        row("repo any tag", repo, u"quay.io/a/b:1"_s, u"quay.io/a/b:2"_s, true);
        row("repo signed name only", repo, u"quay.io/a/b:1"_s, u"quay.io/a/b"_s, true);
        row("repo other", repo, u"quay.io/a/b:1"_s, u"quay.io/a/c:1"_s, false);
        row("exactReference", u"{\"type\":\"exactReference\",\"dockerReference\":\"testing/manifest:latest\"}"_s,
            QString(), u"docker.io/testing/manifest:latest"_s, true);
        row("exactReference other tag",
            u"{\"type\":\"exactReference\",\"dockerReference\":\"testing/manifest:latest\"}"_s, QString(),
            u"testing/manifest:v2"_s, false);
        row("exactRepository", u"{\"type\":\"exactRepository\",\"dockerRepository\":\"quay.io/a/b\"}"_s, QString(),
            u"quay.io/a/b:7"_s, true);
        row("exactRepository other", u"{\"type\":\"exactRepository\",\"dockerRepository\":\"quay.io/a/b\"}"_s,
            QString(), u"quay.io/a/bc:7"_s, false);
        const QString remap =
            u"{\"type\":\"remapIdentity\",\"prefix\":\"mirror:5000/vendor\",\"signedPrefix\":\"vendor.example.com\"}"_s;
        row("remap", remap, u"mirror:5000/vendor/app:1"_s, u"vendor.example.com/app:1"_s, true);
        // The rewritten "vendor.example.com:1" is not canonical (ParseNamed reads it as docker.io/library/…): no match.
        row("remap exact prefix", remap, u"mirror:5000/vendor:1"_s, u"vendor.example.com:1"_s, false);
        row("remap not original", remap, u"mirror:5000/vendor/app:1"_s, u"mirror:5000/vendor/app:1"_s, false);
        row("remap partial component", remap, u"mirror:5000/vendorx/app:1"_s, u"mirror:5000/vendorx/app:1"_s, true);
        row("remap partial component no rewrite", remap, u"mirror:5000/vendorx/app:1"_s, u"vendor.example.comx/app:1"_s,
            false);
        row("remap digest", remap, u"mirror:5000/vendor/app"_s + d, u"vendor.example.com/app:v9"_s, true);
        const QString remapHub =
            u"{\"type\":\"remapIdentity\",\"prefix\":\"mirror.local/hub\",\"signedPrefix\":\"docker.io\"}"_s;
        row("remap to docker.io short name fails canonical", remapHub, u"mirror.local/hub/busybox:1"_s,
            u"docker.io/library/busybox:1"_s, false);
        row("remap to docker.io library", remapHub, u"mirror.local/hub/library/busybox:1"_s, u"busybox:1"_s, true);
        row("unparseable signed reference", rdx, u"busybox:1"_s, u"Not A Reference"_s, false);
    }
    void identities()
    {
        QFETCH(QString, rule);
        QFETCH(QString, image);
        QFETCH(QString, signedRef);
        QFETCH(bool, matches);
        const QString json =
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"/k\",\"signedIdentity\":%1}]}"_s
                .arg(rule);
        Result<Policy> p = parsePolicy(json.toUtf8(), u"identity.json"_s);
        QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().toString()));
        std::optional<DockerReference> ref;
        if (!image.isEmpty())
            ref = DockerReference::parseNormalized(image).value();
        QCOMPARE(signedIdentityMatches(p->defaultRequirements[0].signedBy.signedIdentity, ref, signedRef), matches);
    }

    // Policies x images: Strata's verdict, the expected one, and skopeo's must agree.
    void crossCheck_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("image");
        QTest::addColumn<bool>("accepted");
        const QString signedBy = u"{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/%1.gpg\","
                                 u"\"signedIdentity\":%2}"_s;
        const QString appRef =
            u"{\"type\":\"exactReference\",\"dockerReference\":\"registry.example.com/strata/app:v1\"}"_s;
        const QString appRepo =
            u"{\"type\":\"exactRepository\",\"dockerRepository\":\"registry.example.com/strata/app\"}"_s;
        const QStringList all = m_imageDirs.keys();
        const QStringList own{u"unsigned"_s, u"signed"_s, u"other"_s, u"both"_s, u"wrongdigest"_s};
        struct Policy_
        {
            QString name;
            QString json;
            QStringList accepted;
        };
        const QList<Policy_> policies{
            {u"accept-anything"_s, u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}"_s, all},
            {u"reject"_s, u"{\"default\":[{\"type\":\"reject\"}]}"_s, {}},
            {u"dir-default-accept"_s,
             u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"\":[{\"type\":\"insecureAcceptAnything\"}]}}}"_s,
             all},
            {u"dir-parent-scope"_s,
             u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"dir\":{\"%WORK%\":[{\"type\":\"insecureAcceptAnything\"}]}}}"_s,
             own},
            {u"dir-exact-scope"_s,
             u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}],\"transports\":{\"dir\":{\"%WORK%/img-signed\":[{\"type\":\"reject\"}]}}}"_s,
             {u"both"_s, u"other"_s, u"public-unsigned"_s, u"public-valid"_s, u"unsigned"_s, u"wrongdigest"_s}},
            {u"docker-scope-only"_s,
             u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}],\"transports\":{\"docker\":{\"\":[{\"type\":\"reject\"}]}}}"_s,
             all},
            {u"accept-then-reject"_s,
             u"{\"default\":[{\"type\":\"insecureAcceptAnything\"},{\"type\":\"reject\"}]}"_s,
             {}},
            {u"signedby-default-identity"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/trusted.gpg\"}]}"_s,
             {}},
            {u"signedby-matchrepository"_s,
             u"{\"default\":["_s + signedBy.arg(u"trusted"_s, u"{\"type\":\"matchRepository\"}"_s) + u"]}"_s,
             {}},
            {u"signedby-exactref"_s,
             u"{\"default\":["_s + signedBy.arg(u"trusted"_s, appRef) + u"]}"_s,
             {u"signed"_s, u"both"_s}},
            {u"signedby-exactref-other-tag"_s,
             u"{\"default\":["_s +
                 signedBy.arg(
                     u"trusted"_s,
                     u"{\"type\":\"exactReference\",\"dockerReference\":\"registry.example.com/strata/app:v2\"}"_s) +
                 u"]}"_s,
             {}},
            {u"signedby-exactrepo"_s,
             u"{\"default\":["_s + signedBy.arg(u"trusted"_s, appRepo) + u"]}"_s,
             {u"signed"_s, u"both"_s}},
            {u"signedby-other-key"_s,
             u"{\"default\":["_s + signedBy.arg(u"other"_s, appRef) + u"]}"_s,
             {u"other"_s, u"both"_s}},
            {u"signedby-keypaths"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPaths\":[\"%WORK%/other.gpg\",\"%WORK%/trusted.gpg\"],\"signedIdentity\":"_s +
                 appRepo + u"}]}"_s,
             {u"signed"_s, u"other"_s, u"both"_s}},
            {u"signedby-public"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%PUBKEY%\",\"signedIdentity\":{\"type\":\"exactReference\",\"dockerReference\":\"testing/manifest:latest\"}}]}"_s,
             {u"public-valid"_s}},
            {u"signedby-public-keydata"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyData\":\"%PUBKEYDATA%\",\"signedIdentity\":{\"type\":\"exactRepository\",\"dockerRepository\":\"docker.io/testing/manifest\"}}]}"_s,
             {u"public-valid"_s}},
            {u"signedby-unimplemented-keytype"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"signedByGPGKeys\",\"keyPath\":\"%WORK%/trusted.gpg\",\"signedIdentity\":"_s +
                 appRef + u"}]}"_s,
             {}},
            {u"signedby-and-insecure"_s,
             u"{\"default\":[{\"type\":\"insecureAcceptAnything\"},"_s + signedBy.arg(u"trusted"_s, appRef) + u"]}"_s,
             {u"signed"_s, u"both"_s}},
            {u"signedby-missing-key"_s, u"{\"default\":["_s + signedBy.arg(u"no-such-key"_s, appRepo) + u"]}"_s, {}},
            {u"signedby-keypaths-empty"_s,
             u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPaths\":[],\"signedIdentity\":"_s +
                 appRepo + u"}]}"_s,
             {}},
            {u"signedbaselayer"_s,
             u"{\"default\":[{\"type\":\"signedBaseLayer\",\"baseLayerIdentity\":{\"type\":\"matchRepository\"}}]}"_s,
             {}},
        };
        for (const Policy_ &p : policies) {
            const QString path = writePolicy(p.name, p.json);
            for (const QString &image : all)
                QTest::newRow(qPrintable(p.name + u" x "_s + image)) << path << image << p.accepted.contains(image);
        }
    }
    void crossCheck()
    {
        QFETCH(QString, policy);
        QFETCH(QString, image);
        QFETCH(bool, accepted);
        Result<Policy> p = parsePolicy(test::readFile(policy), policy);
        QVERIFY2(p.ok(), p ? "" : qPrintable(p.error().toString()));
        const QString dir = m_imageDirs.value(image);
        const DirImage img = loadDirImage(dir);
        GpgChecker gpg;
        const PolicyVerdict v = evaluatePolicy(*p, {u"dir"_s, dir}, img.manifestDigest, img.signatures, gpg);
        const Skopeo s = skopeoCopy(policy, u"dir:"_s + dir, m_work.path());
        QVERIFY2(s.answer != Skopeo::PolicyInvalid, qPrintable(s.output));
        const QByteArray both = QString(u"Strata: "_s + v.reason + u"\nskopeo: "_s + s.output).toUtf8();
        QVERIFY2((s.answer == Skopeo::Accepted) == accepted, both.constData());
        QVERIFY2(v.accepted == accepted, both.constData());
        QVERIFY(!v.scope.isEmpty());
        QVERIFY(!v.requirement.isEmpty());
        QVERIFY(v.reason.startsWith(accepted ? u"accepted"_s : u"rejected"_s));
    }

    void reasons()
    {
        GpgChecker gpg;
        auto run = [&](const QString &json, const QString &image) {
            const Policy p = parsePolicy(expand(json).toUtf8(), u"p.json"_s).value();
            const DirImage img = loadDirImage(m_imageDirs.value(image));
            return evaluatePolicy(p, {u"dir"_s, m_imageDirs.value(image)}, img.manifestDigest, img.signatures, gpg);
        };
        PolicyVerdict v = run(
            u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}],\"transports\":{\"dir\":{\"%WORK%/img-signed\":[{\"type\":\"reject\"}]}}}"_s,
            u"signed"_s);
        QCOMPARE(
            v.reason,
            u"rejected by `reject` in transports.dir.\"%1/img-signed\": Running image is rejected by policy."_s.arg(
                m_images));
        QCOMPARE(v.scope, u"transports.dir.\"%1/img-signed\""_s.arg(m_images));
        QCOMPARE(v.requirement, u"reject"_s);

        v = run(
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%PUBKEY%\",\"signedIdentity\":{\"type\":\"exactReference\",\"dockerReference\":\"testing/manifest:latest\"}}]}"_s,
            u"public-valid"_s);
        QVERIFY2(v.accepted, qPrintable(v.reason));
        QVERIFY2(v.reason.contains(
                     u"signed by GPG key 08CD26E446E2E95249B7A405E932F44B23E8DD43 for \"testing/manifest:latest\""_s),
                 qPrintable(v.reason));
        QCOMPARE(v.signatures.size(), 1);
        QVERIFY(v.signatures[0].verified());

        v = run(u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/trusted.gpg\"}]}"_s,
                u"signed"_s);
        QVERIFY(!v.accepted);
        QVERIFY2(v.reason.contains(u"Signature for identity \"registry.example.com/strata/app:v1\" is not accepted"_s),
                 qPrintable(v.reason));
        QVERIFY2(v.reason.contains(u"no Docker reference"_s), qPrintable(v.reason));

        v = run(
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/trusted.gpg\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]}"_s,
            u"wrongdigest"_s);
        QVERIFY2(v.reason.contains(u"Signature for digest sha256:"_s) && v.reason.contains(u"does not match"_s),
                 qPrintable(v.reason));

        v = run(u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPaths\":[]}]}"_s, u"signed"_s);
        QVERIFY2(v.reason.endsWith(u"signature 1: No public keys imported"_s), qPrintable(v.reason));
        v = run(u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"X509Certificates\",\"keyPath\":\"/k\"}]}"_s,
                u"signed"_s);
        QVERIFY2(v.reason.endsWith(u"signature 1: Unimplemented \"keyType\" value \"X509Certificates\""_s),
                 qPrintable(v.reason));
        v = run(u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/none.gpg\"}]}"_s,
                u"signed"_s);
        QVERIFY2(v.reason.contains(u"none.gpg: no such readable file"_s), qPrintable(v.reason));
        v = run(u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/trusted.gpg\"}]}"_s,
                u"unsigned"_s);
        QVERIFY2(v.reason.endsWith(u"A signature was required, but no signature exists"_s), qPrintable(v.reason));
        QCOMPARE(v.scope, u"default"_s);

        v = run(
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/other.gpg\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]}"_s,
            u"signed"_s);
        QVERIFY2(v.reason.contains(u"no signature verifies: signature 1: signature does not verify"_s),
                 qPrintable(v.reason));
        QCOMPARE(v.signatures.size(), 1);
        QCOMPARE(v.signatures[0].state, VerdictState::Failed);
    }

    // containers/image reads keyPath with os.ReadFile: relative to the process's working directory, not to the
    // policy file's folder. Strata does the same, and so does skopeo here.
    void relativeKeyPath()
    {
        QTemporaryDir policyDir;
        const QString policy = policyDir.filePath(u"policy.json"_s);
        writeFile(policy, "{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"trusted.gpg\","
                          "\"signedIdentity\":"
                          "{\"type\":\"exactRepository\",\"dockerRepository\":\"registry.example.com/strata/app\"}}]}");
        QVERIFY(QFile::copy(m_images + u"/other.gpg"_s, policyDir.filePath(u"trusted.gpg"_s))); // a decoy
        const Policy p = parsePolicy(test::readFile(policy), policy).value();
        const QString dir = m_imageDirs.value(u"signed"_s);
        const DirImage img = loadDirImage(dir);
        GpgChecker gpg;
        const QString previous = QDir::currentPath();
        for (const auto &[cwd, expected] : {std::pair{m_images, true}, std::pair{policyDir.path(), false}}) {
            QVERIFY(QDir::setCurrent(cwd));
            const PolicyVerdict v = evaluatePolicy(p, {u"dir"_s, dir}, img.manifestDigest, img.signatures, gpg);
            QVERIFY(QDir::setCurrent(previous));
            QVERIFY2(v.accepted == expected, qPrintable(v.reason));
            const Skopeo s = skopeoCopy(policy, u"dir:"_s + dir, cwd);
            QVERIFY2((s.answer == Skopeo::Accepted) == expected, qPrintable(s.output));
        }
    }

    // The scopes of the other transports, as skopeo copy resolves them from the same sources.
    void transportScopes_data()
    {
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("accepted");
        const QString rejectIn =
            u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}],\"transports\":{\"%1\":{\"%2\":[{\"type\":\"reject\"}]}}}"_s;
        const QString onlyIn =
            u"{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"%1\":{\"%2\":[{\"type\":\"insecureAcceptAnything\"}]}}}"_s;
        auto row = [](const char *name, const QString &t, const QString &ref, const QString &policy, bool accepted) {
            QTest::newRow(name) << t << ref << policy << accepted;
        };
        const QString oci = u"%WORK%/oci:v1"_s;
        row("oci exact", u"oci"_s, oci, rejectIn.arg(u"oci"_s, u"%WORK%/oci:v1"_s), true); // never matches
        row("oci folder", u"oci"_s, oci, rejectIn.arg(u"oci"_s, u"%WORK%/oci"_s), false);
        row("oci parent", u"oci"_s, oci, rejectIn.arg(u"oci"_s, u"%WORK%"_s), false);
        row("oci other tag", u"oci"_s, oci, rejectIn.arg(u"oci"_s, u"%WORK%/oci:v2"_s), true);
        row("oci transport default", u"oci"_s, oci, onlyIn.arg(u"oci"_s, QString()), true);
        row("oci other transport", u"oci"_s, oci, onlyIn.arg(u"dir"_s, QString()), false);
        const QString ociTar = u"%WORK%/image-oci.tar:v1"_s;
        row("oci-archive file", u"oci-archive"_s, ociTar, rejectIn.arg(u"oci-archive"_s, u"%WORK%/image-oci.tar"_s),
            false);
        row("oci-archive exact", u"oci-archive"_s, ociTar, rejectIn.arg(u"oci-archive"_s, u"%WORK%/image-oci.tar:v1"_s),
            true); // never matches
        row("oci-archive other", u"oci-archive"_s, ociTar, rejectIn.arg(u"oci-archive"_s, u"%WORK%/image-oci.tar:v9"_s),
            true);
        const QString dockerTar = u"%WORK%/image.tar:strata/app:v1"_s;
        row("docker-archive transport default", u"docker-archive"_s, dockerTar,
            rejectIn.arg(u"docker-archive"_s, QString()), false);
        row("docker-archive elsewhere", u"docker-archive"_s, dockerTar, onlyIn.arg(u"docker-archive"_s, QString()),
            true);
        row("dir through a symbolic link", u"dir"_s, u"%WORK%/link-signed"_s,
            rejectIn.arg(u"dir"_s, u"%WORK%/img-signed"_s), false);
        row("dir link name is not the scope", u"dir"_s, u"%WORK%/link-signed"_s,
            rejectIn.arg(u"dir"_s, u"%WORK%/link-signed"_s), true);
    }
    void transportScopes()
    {
        QFETCH(QString, transport);
        QFETCH(QString, reference);
        QFETCH(QString, policy);
        QFETCH(bool, accepted);
        if (!QFile::exists(m_images + u"/link-signed"_s))
            QVERIFY(QFile::link(m_images + u"/img-signed"_s, m_images + u"/link-signed"_s));
        const QString ref = expand(reference);
        const QString path = writePolicy(u"transport"_s, policy);
        const Policy p = parsePolicy(test::readFile(path), path).value();
        GpgChecker gpg;
        const PolicyVerdict v = evaluatePolicy(p, {transport, ref}, Digest(), {}, gpg);
        QVERIFY2(v.accepted == accepted, qPrintable(v.reason));
        const Skopeo s = skopeoCopy(path, transport + u":"_s + ref, m_work.path());
        QVERIFY2((s.answer == Skopeo::Accepted) == accepted, qPrintable(s.output));
    }

    // The docker transport against a real registry, signatures in a lookaside folder, verdicts equal to skopeo's:
    // the default signedIdentity (matchRepoDigestOrExact) on a tag, another tag of the same digest, a digest
    // reference, remapIdentity for a mirror, and scopes down to the "*.0.1" wildcard of 127.0.0.1.
    void dockerTransport_data()
    {
        ensureRegistry();
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("accepted");
        const QString signedBy =
            u"{\"default\":[{\"type\":\"signedBy\",\"keyType\":\"GPGKeys\",\"keyPath\":\"%WORK%/%1.gpg\"%2}]}"_s;
        const QString ident = u",\"signedIdentity\":%1"_s;
        const QString rejectIn =
            u"{\"default\":[{\"type\":\"insecureAcceptAnything\"}],\"transports\":{\"docker\":{\"%1\":[{\"type\":\"reject\"}]}}}"_s;
        const QString v1 = u"%HOST%/strata/app:v1"_s;
        auto row = [](const char *name, const QString &ref, const QString &policy, bool accepted) {
            QTest::newRow(name) << ref << policy << accepted;
        };
        row("signed tag", v1, signedBy.arg(u"trusted"_s, QString()), true);
        row("signed tag, other key", v1, signedBy.arg(u"other"_s, QString()), false);
        row("other tag, same digest", u"%HOST%/strata/app:v2"_s, signedBy.arg(u"trusted"_s, QString()), false);
        row("other tag, matchRepository", u"%HOST%/strata/app:v2"_s,
            signedBy.arg(u"trusted"_s, ident.arg(u"{\"type\":\"matchRepository\"}"_s)), true);
        row("matchExact", v1, signedBy.arg(u"trusted"_s, ident.arg(u"{\"type\":\"matchExact\"}"_s)), true);
        row("digest reference", u"%HOST%/strata/app@%DIGEST%"_s, signedBy.arg(u"trusted"_s, QString()), true);
        row("digest reference, matchExact", u"%HOST%/strata/app@%DIGEST%"_s,
            signedBy.arg(u"trusted"_s, ident.arg(u"{\"type\":\"matchExact\"}"_s)), false);
        row("mirror", u"%HOST%/mirror/app:v1"_s, signedBy.arg(u"trusted"_s, QString()), false);
        row("mirror, remapIdentity", u"%HOST%/mirror/app:v1"_s,
            signedBy.arg(
                u"trusted"_s,
                ident.arg(
                    u"{\"type\":\"remapIdentity\",\"prefix\":\"%HOST%/mirror\",\"signedPrefix\":\"%HOST%/strata\"}"_s)),
            true);
        row("scope repository", v1, rejectIn.arg(u"%HOST%/strata/app"_s), false);
        row("scope namespace", v1, rejectIn.arg(u"%HOST%/strata"_s), false);
        row("scope host", v1, rejectIn.arg(u"%HOST%"_s), false);
        row("scope wildcard", v1, rejectIn.arg(u"*.0.1"_s), false);
        row("scope exact tag", v1, rejectIn.arg(u"%HOST%/strata/app:v1"_s), false);
        row("scope other tag", v1, rejectIn.arg(u"%HOST%/strata/app:v2"_s), true);
        row("scope host without port", v1, rejectIn.arg(u"127.0.0.1"_s), true);
        row("scope other repository", v1, rejectIn.arg(u"%HOST%/strata/ap"_s), true);
    }
    void dockerTransport()
    {
        QFETCH(QString, reference);
        QFETCH(QString, policy);
        QFETCH(bool, accepted);
        auto fill = [&](QString t) {
            t.replace(u"%HOST%"_s, m_registry->host());
            t.replace(u"%DIGEST%"_s, m_registryDigest);
            return t;
        };
        const QString ref = fill(reference);
        const QString path = writePolicy(u"docker"_s, fill(policy));
        const Policy p = parsePolicy(test::readFile(path), path).value();
        const QString repo = ref.section(u'/', 1).section(u'@', 0, 0).section(u':', 0, 0);
        const QString lookaside =
            m_images + u"/lookaside/"_s + repo + u"@"_s + QString(m_registryDigest).replace(u':', u'=');
        QList<StoredSignature> sigs;
        for (int i = 1; QFile::exists(lookaside + u"/signature-%1"_s.arg(i)); ++i)
            sigs << parseStoredSignature(test::readFile(lookaside + u"/signature-%1"_s.arg(i)), lookaside).value();
        QVERIFY(!sigs.isEmpty());
        GpgChecker gpg;
        const PolicyVerdict v =
            evaluatePolicy(p, {u"docker"_s, u"//"_s + ref}, Digest::parse(m_registryDigest).value(), sigs, gpg);
        const Skopeo s = skopeoCopy(path, u"docker://"_s + ref, m_work.path(), m_images + u"/registries.d"_s);
        QVERIFY2((s.answer == Skopeo::Accepted) == accepted, qPrintable(s.output));
        QVERIFY2(v.accepted == accepted, qPrintable(v.reason));
    }

    // Debian's skopeo cannot verify sigstore signatures: expectations from containers-policy.json(5) and
    // policy_eval_sigstore.go. With no sigstore verifier, sigstoreSigned rejects every image.
    void sigstore_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("reason");
        QTest::newRow("cosign signature")
            << u"dir-img-cosign-valid"_s << u"no signature verifies: signature 1: no sigstore verifier"_s;
        QTest::newRow("unsigned") << u"dir-img-unsigned"_s << u"A signature was required, but no signature exists"_s;
        QTest::newRow("gpg only") << u"dir-img-valid"_s
                                  << u"(1 non-sigstore signatures, 0 sigstore non-signature attachments)"_s;
        QTest::newRow("other attachment") << u"dir-img-cosign-other-attachment"_s
                                          << u"(0 non-sigstore signatures, 1 sigstore non-signature attachments)"_s;
    }
    void sigstore()
    {
        QFETCH(QString, image);
        QFETCH(QString, reason);
        const Policy p =
            parsePolicy(expand(u"{\"default\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"cosign.pub\"}]}"_s).toUtf8(),
                        u"p"_s)
                .value();
        const DirImage img = loadDirImage(containersImage(image));
        GpgChecker notChecking;
        const PolicyVerdict v =
            evaluatePolicy(p, {u"dir"_s, containersImage(image)}, img.manifestDigest, img.signatures, notChecking);
        QVERIFY(!v.accepted);
        QVERIFY2(v.reason.contains(reason), qPrintable(v.reason));
        QCOMPARE(notChecking.calls, 0);
    }

    // sigstoreSigned with a private PKI root (containers-policy.json(5) "pki"; containers/image verifyPKI), checked
    // by the product's VerifierChecker on the real openssl-made signatures of tests/fixtures/make-cosign-material.sh
    // (root → inter → leaf 2020..2030 and a ten-minute 2021 certificate, SAN signer@example.com). Debian's skopeo
    // 1.9.3 refuses the policy ("Unknown key \"pki\"") and has sigstore disabled: the expectations are the man
    // page's and verifyPKI's (the chain, valid now, code signing, the e-mail among the e-mail SANs, the host name
    // among the DNS SANs; no OIDC issuer; a Rekor key with pki is rejected).
    void pki_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<QString>("pki");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("reason");
        const QString email = u"\"subjectEmail\":\"signer@example.com\""_s;
        auto row = [](const char *name, const char *sig, const QString &pki, bool accepted, const char *reason,
                      const QString &extra = {}) {
            QTest::newRow(name) << QString::fromLatin1(sig) << pki << extra << accepted << QString::fromUtf8(reason);
        };
        row("right root, right email", "keyless", u"\"caRootsPath\":\"%D/root.pem\","_s + email, true, "");
        row("roots as data, intermediates as path", "keyless",
            u"\"caRootsData\":\"%ROOTDATA%\",\"caIntermediatesPath\":\"%D/inter.pem\","_s + email, true, "");
        row("pinned intermediate as the root", "keyless", u"\"caRootsPath\":\"%D/inter.pem\","_s + email, true, "");
        row("both email and hostname, no DNS SAN", "keyless",
            u"\"caRootsPath\":\"%D/root.pem\",\"subjectHostname\":\"signer.example.com\","_s + email, false,
            "host name signer.example.com was required, the certificate has no DNS name SAN");
        row("other root", "keyless", u"\"caRootsPath\":\"%D/other-root.pem\","_s + email, false, "untrusted root");
        row("wrong email", "keyless", u"\"caRootsPath\":\"%D/root.pem\",\"subjectEmail\":\"other@example.com\""_s,
            false, "e-mail other@example.com was required, the certificate has e-mail SAN signer@example.com");
        row("hostname required, email SAN", "keyless",
            u"\"caRootsPath\":\"%D/root.pem\",\"subjectHostname\":\"example.com\""_s, false,
            "host name example.com was required, the certificate has no DNS name SAN (SAN signer@example.com)");
        // containers/image checks a pki certificate now, not at a Rekor time: both short-lived 2021 certificates
        // are expired, the one whose bundle says 00:05 (inside its ten minutes) too.
        row("expired at signing time", "keyless-expired", u"\"caRootsPath\":\"%D/root.pem\","_s + email, false,
            "is not valid now");
        row("short-lived, signed inside its validity", "keyless-short", u"\"caRootsPath\":\"%D/root.pem\","_s + email,
            false, "is not valid now");
        row("with a Rekor key", "keyless", u"\"caRootsPath\":\"%D/root.pem\","_s + email, false,
            "PKI specified with a Rekor public key", u",\"rekorPublicKeyPath\":\"%D/rekor.pub\""_s);
        row("key signature, no certificate", "p256", u"\"caRootsPath\":\"%D/root.pem\","_s + email, false,
            "no dev.sigstore.cosign/certificate annotation");
        row("roots file missing", "keyless", u"\"caRootsPath\":\"%D/none.pem\","_s + email, false, "none.pem");
        row("roots file not PEM", "keyless", u"\"caRootsPath\":\"%D/img.digest\","_s + email, false, "img.digest");
    }
    void pki()
    {
        QFETCH(QString, row);
        QFETCH(QString, pki);
        QFETCH(QString, extra);
        QFETCH(bool, accepted);
        QFETCH(QString, reason);
        const QString dir = cosignMaterial();
        QVERIFY(!dir.isEmpty());
        auto fill = [&](QString t) {
            t.replace(u"%D"_s, dir);
            t.replace(u"%ROOTDATA%"_s, QString::fromLatin1(test::readFile(dir + u"/root.pem"_s).toBase64()));
            return t;
        };
        const QString json =
            fill(u"{\"default\":[{\"type\":\"sigstoreSigned\",\"pki\":{%1}%2,\"signedIdentity\":{\"type\":"
                 "\"exactRepository\",\"dockerRepository\":\"127.0.0.1/strata/signed\"}}]}"_s.arg(pki, extra));
        Result<Policy> p = parsePolicy(json.toUtf8(), u"pki.json"_s);
        QVERIFY2(p, qPrintable(p ? QString() : p.error().toString()));
        const DirImage img = loadDirImage(dir + u"/img"_s);
        QList<StoredSignature> sigs;
        for (const StoredSignature &s : img.signatures)
            if (s.claims && s.claims->optional.value(u"row"_s).toString() == row)
                sigs << s;
        QCOMPARE(int(sigs.size()), 1);
        VerifierChecker checker(img.manifestDigest);
        const PolicyVerdict v =
            evaluatePolicy(p.value(), {u"dir"_s, dir + u"/img"_s}, img.manifestDigest, sigs, checker);
        QVERIFY2(v.accepted == accepted, qPrintable(v.reason));
        if (!accepted)
            QVERIFY2(v.reason.contains(reason), qPrintable(v.reason));
    }

    // checkIdentity's host name match (Go's VerifyHostname over dNSName SANs) on a certificate openssl makes now.
    void pkiHostname_data()
    {
        QTest::addColumn<QString>("san");
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << u"DNS:build.example.com"_s << u"build.example.com"_s << true;
        QTest::newRow("case") << u"DNS:Build.Example.COM"_s << u"build.example.com"_s << true;
        QTest::newRow("trailing dot") << u"DNS:build.example.com"_s << u"build.example.com."_s << true;
        QTest::newRow("second SAN") << u"DNS:a.example.com,DNS:build.example.com"_s << u"build.example.com"_s << true;
        QTest::newRow("wildcard") << u"DNS:*.example.com"_s << u"build.example.com"_s << true;
        QTest::newRow("wildcard one label only") << u"DNS:*.example.com"_s << u"a.build.example.com"_s << false;
        QTest::newRow("wildcard not the apex") << u"DNS:*.example.com"_s << u"example.com"_s << false;
        QTest::newRow("other host") << u"DNS:build.example.com"_s << u"evil.example.com"_s << false;
        QTest::newRow("suffix is not a match") << u"DNS:example.com"_s << u"build.example.com"_s << false;
        QTest::newRow("email SAN only") << u"email:build.example.com"_s << u"build.example.com"_s << false;
    }
    void pkiHostname()
    {
        QFETCH(QString, san);
        QFETCH(QString, hostname);
        QFETCH(bool, matches);
        QTemporaryDir d;
        // The subject's CN names the host too: Go ignores the CN, so must Strata.
        test::shellOutput(u"cd %1 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout k "
                          "-out c.pem -days 2 -subj /CN=%2 -addext subjectAltName=%3 2>/dev/null"_s.arg(
                              test::shellQuoted(d.path()), hostname, test::shellQuoted(san)));
        Result<QList<Certificate>> c = Certificate::fromPem(test::readFile(d.filePath(u"c.pem"_s)), u"c.pem"_s, 1);
        QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
        IdentityRequirement id;
        id.hostname = hostname;
        const Status s = checkIdentity(c->first(), id);
        QVERIFY2(bool(s) == matches, qPrintable(s ? u"matched"_s : s.error().message));
    }

    // With a checker that accepts the cryptography, the evaluator's own rules still decide: the signed digest
    // and the signed identity (the cosign fixture's payload names 192.168.64.2:5000/cosign-signed-single-sample).
    void sigstoreIdentity_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("transport");
        QTest::addColumn<QString>("identity");
        QTest::addColumn<bool>("accepted");
        const QString repo = u"{\"type\":\"exactRepository\",\"dockerRepository\":\"%1\"}"_s;
        QTest::newRow("exactRepository") << u"dir-img-cosign-valid"_s << u"dir"_s
                                         << repo.arg(u"192.168.64.2:5000/cosign-signed-single-sample"_s) << true;
        QTest::newRow("other repository") << u"dir-img-cosign-valid"_s << u"dir"_s << repo.arg(u"quay.io/x"_s) << false;
        QTest::newRow("default identity, dir: has none") << u"dir-img-cosign-valid"_s << u"dir"_s << QString() << false;
        QTest::newRow("modified manifest") << u"dir-img-cosign-modified-manifest"_s << u"dir"_s
                                           << repo.arg(u"192.168.64.2:5000/cosign-signed-single-sample"_s) << false;
    }
    void sigstoreIdentity()
    {
        QFETCH(QString, image);
        QFETCH(QString, transport);
        QFETCH(QString, identity);
        QFETCH(bool, accepted);
        const QString json =
            identity.isEmpty()
                ? u"{\"default\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"cosign.pub\"}]}"_s
                : u"{\"default\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"cosign.pub\",\"signedIdentity\":%1}]}"_s
                      .arg(identity);
        const Policy p = parsePolicy(json.toUtf8(), u"p"_s).value();
        const DirImage img = loadDirImage(containersImage(image));
        TrustingChecker trusting;
        const PolicyVerdict v =
            evaluatePolicy(p, {transport, containersImage(image)}, img.manifestDigest, img.signatures, trusting);
        QVERIFY2(v.accepted == accepted, qPrintable(v.reason));
    }
};

STRATA_TEST_APPLESS_MAIN(TestPolicy)
#include "tst_policy.moc"
