// SPDX-License-Identifier: MIT
// What the user trusts, as paths (the CLI's flags, the Trust dialog's fields, remembered per repository): never
// key material copied elsewhere. Each verifier loads the files it needs once per run.
#pragma once

#include <QString>
#include <QStringList>

namespace strata::trust {

struct TrustOptions
{
    QStringList keyFiles;              // --key: PEM "PUBLIC KEY" files (cosign keys, a bundle's public key)
    QStringList certificateRoots;      // --certificate-root: PEM CA certificates (Fulcio's, a private PKI's)
    QStringList rekorKeyFiles;         // --rekor-key: PEM public keys of transparency logs (Rekor)
    QString trustedRootFile;           // --trusted-root: a Sigstore trusted_root.json
    QString certificateIdentity;       // --certificate-identity: the SAN required (exact)
    QString certificateIdentityRegexp; // --certificate-identity-regexp: or a regular expression it must match
    QString certificateOidcIssuer;     // --certificate-oidc-issuer: the OIDC issuer required
    QString notationTrustStore;        // --notation-trust-store: a folder of CA certificates (truststore/x509/ca/NAME)
    QString gpgKeyring;                // --gpg-keyring: an OpenPGP keyring or armoured public key file
    QString policyFile;                // --policy: a containers-policy.json(5)
    bool requireSignature = false;     // --require-signature
    bool insecureIgnoreSct = false;    // --insecure-ignore-sct: accept a keyless certificate without a verified SCT

    bool anyMaterial() const
    {
        return !keyFiles.isEmpty() || !certificateRoots.isEmpty() || !rekorKeyFiles.isEmpty() ||
               !trustedRootFile.isEmpty() || !notationTrustStore.isEmpty() || !gpgKeyring.isEmpty() ||
               !policyFile.isEmpty();
    }
};

} // namespace strata::trust
