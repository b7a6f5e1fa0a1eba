// SPDX-License-Identifier: MIT
// Public keys and signature checks through OpenSSL's EVP interface, for every signer core/trust verifies: ECDSA
// P-256/P-384/P-521 (DER or the raw r||s that JWS and COSE use, RFC 7518 §3.4, RFC 9053 §2.1), RSA PKCS#1 v1.5 and
// PSS, Ed25519. Keys come from PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" files, DER
// SubjectPublicKeyInfo, or a certificate.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY; // <openssl/types.h>

namespace strata::trust {

enum class HashAlgorithm {
    Natural, // the key's usual one: SHA-384 for P-384, SHA-512 for P-521, else SHA-256; none for Ed25519
    Sha256,
    Sha384,
    Sha512
};

struct SignatureParams
{
    HashAlgorithm hash = HashAlgorithm::Natural;
    enum class RsaPadding { Any, Pkcs1, Pss } rsaPadding = RsaPadding::Any; // Any: PKCS#1 v1.5, then PSS
    int pssSaltLength = -2; // OpenSSL's RSA_PSS_SALTLEN_AUTO (-2) or the length required (JWS/COSE: hash length)
    bool rawEcdsa = false;  // the signature is r||s of the curve's size, not DER
};

class PublicKey
{
public:
    PublicKey() = default;
    // From PEM (the first "PUBLIC KEY" or "RSA PUBLIC KEY" block) or DER SubjectPublicKeyInfo. Errors: Malformed,
    // Unsupported (a key type other than EC, RSA, Ed25519).
    static Result<PublicKey> fromPem(const QByteArray &pem, const QString &context);
    static Result<PublicKey> fromDer(const QByteArray &spki, const QString &context);
    // Takes a reference to `key` (up_ref); used for a certificate's key.
    static Result<PublicKey> fromEvp(EVP_PKEY *key, const QString &context);

    bool isNull() const { return !m_key; }
    EVP_PKEY *evp() const { return m_key.get(); }
    QString label() const { return m_label; } // the file it came from, or what the caller named it
    void setLabel(const QString &l) { m_label = l; }
    QString algorithm() const; // "ECDSA P-256", "RSA 3072", "Ed25519"
    QByteArray spki() const;   // DER SubjectPublicKeyInfo
    QString sha256Hex() const; // of spki(): Rekor's log ID and cosign's key ID
    // "key ECDSA P-256 SHA256:3f2a…c0 (cosign.pub)": the signer line of a verdict.
    QString describe() const;
    bool sameKey(const PublicKey &other) const;

    // Checks `signature` over `message`. Errors: Malformed (a signature of the wrong shape), Unsupported (params
    // that do not fit the key), Io with "does not verify" when the cryptography fails.
    Status verify(const QByteArray &message, const QByteArray &signature, const SignatureParams &p = {}) const;
    // The same over a message known only by its digest (a Sigstore messageSignature signs an artifact the
    // verifier may only have the sha256 of): `p.hash` names the algorithm of `digest` (Natural means SHA-256).
    // Ed25519 signs messages, not digests: Unsupported.
    Status verifyDigest(const QByteArray &digest, const QByteArray &signature, const SignatureParams &p = {}) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
    QString m_label;
};

// Reads every file as a PEM public key, labelled with its file name. Errors: NotFound, Malformed, TooLarge (over
// 64 KiB: no key file is that big).
Result<QList<PublicKey>> loadPublicKeys(const QStringList &paths);

// r||s (each half the curve's size, big-endian) to the DER ECDSA-Sig-Value OpenSSL checks. Empty when `raw` has an
// odd length or is empty.
QByteArray ecdsaRawToDer(const QByteArray &raw);

} // namespace strata::trust
