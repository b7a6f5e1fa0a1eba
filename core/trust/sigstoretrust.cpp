// SPDX-License-Identifier: MIT
// loadSigstoreTrust: the Sigstore material TrustOptions names, loaded once per run (cosign verify's --key,
// --certificate-chain, --rekor-url's key and sigstore-go's trusted root, merged).
#include "core/trust/sigstoretrust.h"

#include "core/trust/trustlimits.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace strata::trust {

Result<SigstoreTrust> loadSigstoreTrust(const TrustOptions &options)
{
    SigstoreTrust t;
    if (!options.trustedRootFile.isEmpty()) {
        QFile f(options.trustedRootFile);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::NotFound, u"cannot read the trusted root: %1"_s.arg(f.errorString()),
                             options.trustedRootFile);
        if (f.size() > limits::TrustedRootBytes)
            return makeError(ErrorCode::TooLarge,
                             u"%1 bytes; a trusted root is at most %2"_s.arg(f.size()).arg(limits::TrustedRootBytes),
                             options.trustedRootFile);
        Result<SigstoreTrust> root = parseTrustedRoot(f.read(limits::TrustedRootBytes), options.trustedRootFile);
        if (!root)
            return root.error();
        t = root.value();
    }
    Result<QList<PublicKey>> keys = loadPublicKeys(options.keyFiles);
    if (!keys)
        return keys.error();
    t.keys << keys.value();
    for (const QString &path : options.certificateRoots) {
        Result<QList<Certificate>> certs = loadCertificates({path});
        if (!certs)
            return certs.error();
        // Each file is one CA: its certificates are that CA's chain, valid whenever the certificates are.
        TimedCertificateAuthority ca;
        ca.uri = QFileInfo(path).fileName();
        ca.chain = certs.value();
        t.certificateAuthorities << ca;
    }
    Result<QList<PublicKey>> logKeys = loadPublicKeys(options.rekorKeyFiles);
    if (!logKeys)
        return logKeys.error();
    for (const PublicKey &k : logKeys.value()) {
        TransparencyLogKey log;
        log.baseUrl = k.label();
        log.key = k;
        log.logIdHex = k.sha256Hex();
        t.tlogs << log;
    }
    t.identity.identity = options.certificateIdentity;
    t.identity.identityRegexp = options.certificateIdentityRegexp;
    t.identity.oidcIssuer = options.certificateOidcIssuer;
    t.ignoreSct = options.insecureIgnoreSct;
    return t;
}

} // namespace strata::trust
