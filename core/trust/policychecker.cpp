// SPDX-License-Identifier: MIT
#include "core/trust/policychecker.h"
#include "core/trust/cosignverify.h"
#include "core/trust/gpgverify.h"
#include "core/trust/sigstoretrust.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace strata::trust {

namespace {

// A policy's certificates, given as a file (…Path) or inline (…Data, already base64-decoded): the file when named.
Result<QList<Certificate>> certificatesOf(const QString &path, const QByteArray &data, const QString &context, int max)
{
    return path.isEmpty() ? Certificate::fromPem(data, context, max) : loadCertificates({path});
}

} // namespace

VerifierChecker::VerifierChecker(const Digest &manifestDigest, const GpgKeyring *loaded) : m_digest(manifestDigest)
{
    if (loaded && !loaded->isNull())
        m_keyrings.insert(QFileInfo(loaded->path()).absoluteFilePath(), *loaded);
}

Result<GpgKeyring> VerifierChecker::keyring(const QString &path)
{
    const QString key = QFileInfo(path).absoluteFilePath();
    if (const auto it = m_keyrings.constFind(key); it != m_keyrings.cend())
        return it.value();
    Result<GpgKeyring> k = loadGpgKeyring(path);
    if (k) {
        m_keyrings.insert(key, k.value());
        ++m_imported;
    }
    return k;
}

Verdict VerifierChecker::gpg(const StoredSignature &signature, const QStringList &keyPaths, const QByteArray &keyData)
{
    QStringList paths = keyPaths;
    QTemporaryFile data(QDir::tempPath() + u"/strata-policy-key-XXXXXX"_s);
    if (paths.isEmpty() && !keyData.isEmpty()) {
        if (!data.open() || data.write(keyData) != keyData.size() || !data.flush())
            return Verdict::failed(u"the policy's keyData could not be written to a temporary file"_s);
        paths << data.fileName();
    }
    Verdict last = Verdict::failed(u"the requirement names no key"_s);
    for (const QString &path : std::as_const(paths)) {
        // keyData goes through a fresh temporary file each time: imported anew, never cached by that name.
        Result<GpgKeyring> keys = path == data.fileName() ? loadGpgKeyring(path) : keyring(path);
        if (!keys) {
            last = Verdict::failed(keys.error().toString());
            continue;
        }
        Verdict v = verifyGpgSignature(signature, m_digest, keys.value());
        if (v.verified())
            return v;
        last = v;
    }
    return last;
}

Verdict VerifierChecker::sigstore(const StoredSignature &signature, const SigstoreRequirement &r)
{
    SigstoreTrust trust;
    Result<QList<PublicKey>> keys = loadPublicKeys(r.keyPaths);
    if (!keys)
        return Verdict::failed(keys.error().toString());
    trust.keys = keys.value();
    for (const QByteArray &pem : r.keyDatas) {
        Result<PublicKey> k = PublicKey::fromPem(pem, u"keyData"_s);
        if (!k)
            return Verdict::failed(k.error().toString());
        trust.keys << k.value();
    }
    if (r.fulcio) {
        TimedCertificateAuthority ca;
        Result<QList<Certificate>> c = certificatesOf(r.fulcio->caPath, r.fulcio->caData, u"fulcio caData"_s, 100);
        if (!c)
            return Verdict::failed(c.error().toString());
        ca.chain = c.value();
        trust.certificateAuthorities << ca;
        trust.identity.identity = r.fulcio->subjectEmail;
        trust.identity.oidcIssuer = r.fulcio->oidcIssuer;
    }
    if (r.pki) {
        // containers/image policy_eval_sigstore.go isSignatureAccepted and verifyPKI: the certificate annotation's
        // leaf, through the policy's intermediates and the chain annotation, to the policy's roots, valid now (no
        // Rekor: a pki requirement with a Rekor key is rejected), code signing, with the e-mail and/or host name
        // required; no Fulcio OIDC issuer, no SCT.
        if (!r.rekorPublicKeyPaths.isEmpty() || !r.rekorPublicKeyDatas.isEmpty())
            return Verdict::failed(u"the requirement's pki is given with a Rekor public key, which containers/image "
                                   "rejects (\"PKI specified with a Rekor public key\")"_s);
        if (!signature.annotations.contains(u"dev.sigstore.cosign/certificate"_s))
            return Verdict::failed(u"the signature has no dev.sigstore.cosign/certificate annotation, which a pki "
                                   "requirement needs"_s);
        TimedCertificateAuthority ca;
        Result<QList<Certificate>> roots =
            certificatesOf(r.pki->caRootsPath, r.pki->caRootsData, u"pki caRootsData"_s, 1000);
        if (!roots)
            return Verdict::failed(roots.error().toString());
        ca.chain = roots.value();
        if (!r.pki->caIntermediatesPath.isEmpty() || !r.pki->caIntermediatesData.isEmpty()) {
            Result<QList<Certificate>> inter = certificatesOf(r.pki->caIntermediatesPath, r.pki->caIntermediatesData,
                                                              u"pki caIntermediatesData"_s, 1000);
            if (!inter)
                return Verdict::failed(inter.error().toString());
            ca.intermediates = inter.value();
        }
        trust.certificateAuthorities << ca;
        trust.identity.email = r.pki->subjectEmail;
        trust.identity.hostname = r.pki->subjectHostname;
    }
    Result<QList<PublicKey>> rekor = loadPublicKeys(r.rekorPublicKeyPaths);
    if (!rekor)
        return Verdict::failed(rekor.error().toString());
    QList<PublicKey> logKeys = rekor.value();
    for (const QByteArray &pem : r.rekorPublicKeyDatas) {
        Result<PublicKey> k = PublicKey::fromPem(pem, u"rekorPublicKeyData"_s);
        if (!k)
            return Verdict::failed(k.error().toString());
        logKeys << k.value();
    }
    for (const PublicKey &k : std::as_const(logKeys))
        trust.tlogs << TransparencyLogKey{{}, k, k.sha256Hex(), {}, {}};
    std::optional<Digest> layer;
    if (!signature.layerDigest.isNull())
        layer = signature.layerDigest;
    return verifyCosignSignature(signature, m_digest, layer, trust);
}

std::optional<PolicyImage> policyImageOf(const QString &text)
{
    if (text.startsWith(u"docker://"_s))
        return PolicyImage{u"docker"_s, text.mid(int(qstrlen("docker:")))};
    for (const char *t : {"docker-archive", "oci-archive", "oci", "dir", "docker-daemon"}) {
        const QString prefix = QString::fromLatin1(t) + u':';
        if (text.startsWith(prefix))
            return PolicyImage{QString::fromLatin1(t), text.mid(prefix.size())};
    }
    return std::nullopt;
}

std::optional<PolicyImage> policyImageOf(const ImageGraph &g)
{
    if (std::optional<PolicyImage> named = policyImageOf(g.sourceSpec))
        return named;
    // A plain path: its reference is the path alone (PATH:REF would split at a colon in the path).
    if (g.transport.isEmpty() || g.sourcePath.isEmpty() || g.sourcePath.contains(u':'))
        return std::nullopt;
    return PolicyImage{g.transport, QFileInfo(g.sourcePath).absoluteFilePath()};
}

} // namespace strata::trust
