// SPDX-License-Identifier: MIT
// GPG "simple signing" (containers/image "atomic") signatures checked through GPGME, as containers/image does
// (signature/mechanism_gpgme.go Verify, signature/simple.go verifyAndExtractSignature): a good signature by a key
// of the keyring the user gives, then the signed payload's critical.type and docker-manifest-digest. The keys live
// in a private GNUPGHOME that Strata creates and removes; the user's ~/.gnupg is never read or written.
#pragma once

#include "core/signatures/storedsignature.h"
#include "core/trust/verdict.h"

#include <memory>

namespace strata::trust {

// An OpenPGP keyring or armoured public key file, imported into a private GNUPGHOME (a QTemporaryDir, mode 0700).
// Copies share that folder; the last copy to go kills any gpg-agent or dirmngr started there (gpgconf --kill all)
// and removes it. Thread-safe: verifications with one keyring are serialised on it (gpg may update the folder).
class GpgKeyring final
{
public:
    GpgKeyring() = default;

    bool isNull() const { return !m_home; }
    QString path() const;             // the file given
    QStringList fingerprints() const; // the primary keys imported, 40 upper-case hex digits each
    QString homeDirectory() const;    // the private GNUPGHOME (gone when the last copy is destroyed)

    struct Home;

private:
    friend Result<GpgKeyring> loadGpgKeyring(const QString &path);
    friend Verdict verifyGpgSignature(const StoredSignature &, const Digest &, const GpgKeyring &);
    std::shared_ptr<Home> m_home;
};

// Reads `path` (at most limits::KeyringBytes) and imports its public keys. Errors: NotFound/Io (the file),
// TooLarge, Malformed (no OpenPGP key in it), Unsupported (GPGME or gpg missing, or the private folder cannot be
// made).
Result<GpgKeyring> loadGpgKeyring(const QString &path);

// Checks one stored GPG signature (`sig.raw` is the OpenPGP message) against the manifest digest it should sign:
// the signature is good and made by a key of `keys` (its primary fingerprint is the signer), the literal data
// GPGME verified equals `sig.payload`, critical.type is "atomic container signature", and
// critical.image.docker-manifest-digest equals `manifestDigest`. The docker-reference is reported in the checks,
// not matched (the policy decides which identity is required). NotChecked for a null keyring or a signature that
// is not GPG. Thread-safe; runs gpg (through GPGME) once, offline.
Verdict verifyGpgSignature(const StoredSignature &sig, const Digest &manifestDigest, const GpgKeyring &keys);

} // namespace strata::trust
