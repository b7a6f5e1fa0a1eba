// SPDX-License-Identifier: MIT
// A COSE_Sign1 message (RFC 9052 §4.2) as Notation writes it (notaryproject/specifications
// specs/signature-envelope-cose.md): the protected header (alg, crit, cty, io.cncf.notary.signingScheme,
// signingTime, expiry, authenticSigningTime), the unprotected header (x5chain, io.cncf.notary.signingAgent), the
// payload and the signature. Decoded with libcbor, bounded; decoding only: nothing here says "verified".
#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace strata {

struct CoseSign1
{
    QByteArray protectedBytes;      // the protected header's serialisation, as signed (the bstr's content)
    QByteArray payload;             // the payload (empty when detached)
    QByteArray signature;           // the signature: raw r‖s for ECDSA (RFC 9053 §2.1), the PSS signature for RSA
    qint64 algorithm = 0;           // COSE algorithm ID (-37 PS256, -7 ES256, …); 0 when absent
    QStringList critical;           // crit: labels, integers written in decimal
    QStringList protectedLabels;    // every label of the protected header, as labelOf writes them ("1", "io.…")
    QString contentType;            // cty
    QString signingScheme;          // io.cncf.notary.signingScheme ("notary.x509", "notary.x509.signingAuthority")
    QDateTime signingTime;          // io.cncf.notary.signingTime (tag 1), UTC
    QDateTime expiry;               // io.cncf.notary.expiry (tag 1), UTC, when present
    QDateTime authenticSigningTime; // io.cncf.notary.authenticSigningTime (signingAuthority scheme)
    QList<QByteArray> x5chain;      // certificates (DER), leaf first (RFC 9360 label 33)
    QString signingAgent;           // io.cncf.notary.signingAgent
    QStringList problems;           // header fields of the wrong type, in words

    // PS256, PS384, PS512, ES256, ES384, ES512, or "COSE algorithm N" for any other.
    QString algorithmName() const;
};

// At most this many nested arrays, maps and tags in an envelope (Notation needs 3).
inline constexpr int MaxCoseNesting = 16;

// Errors: TooLarge (over limits::SignatureBytes, nesting over MaxCoseNesting, a declared count larger than the
// bytes left), Malformed (not CBOR, trailing bytes, not a four-element COSE_Sign1, a protected header that is not
// a map), Truncated (ends inside an item). Never allocates more than a small multiple of the input's size.
Result<CoseSign1> parseCoseSign1(QByteArrayView bytes, const QString &context);

} // namespace strata
