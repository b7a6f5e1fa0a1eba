// SPDX-License-Identifier: MIT
// Reads a signed OpenPGP message (RFC 4880 §4, §5.2, §5.4, §5.6, §5.9) far enough to show what it claims: the
// signed literal data, who the signature names as its issuer, and when it was made. No cryptography: checking
// the signature is GPGME's job (the trust issue), and nothing here says "verified".
#pragma once

#include "core/result.h"

#include <QDateTime>

namespace strata {

struct OpenPgpMessage
{
    QByteArray literalData;     // the signed bytes (a simple signing payload for containers/image signatures)
    QString issuerKeyId;        // 16 upper-case hex digits, from the signature (or the one-pass signature packet)
    QString issuerFingerprint;  // 40 or 64 upper-case hex digits, when the signature carries subpacket 33
    QDateTime created;          // signature creation time (UTC), when present
    int publicKeyAlgorithm = 0; // RFC 4880 §9.1: 1 RSA, 17 DSA, 19 ECDSA, 22 EdDSA
    int hashAlgorithm = 0;      // §9.4: 8 SHA256, 10 SHA512
    bool hasSignature = false;  // a signature packet was found

    QString publicKeyAlgorithmName() const;
    QString hashAlgorithmName() const;
};

// Errors: Malformed (not an OpenPGP message, a packet that runs past its container, no literal data),
// TooLarge (literal data or nesting over the limits), Unsupported (an encrypted message).
Result<OpenPgpMessage> readOpenPgpMessage(QByteArrayView bytes, const QString &context);

} // namespace strata
