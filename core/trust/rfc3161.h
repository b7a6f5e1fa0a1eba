// SPDX-License-Identifier: MIT
// RFC 3161 timestamps over a Sigstore bundle's signature (protobuf-specs TimestampVerificationData:
// rfc3161Timestamps[].signedTimestamp, a DER TimeStampResp), checked with OpenSSL's TS API against the trusted
// root's timestamp authorities, as sigstore-go pkg/verify/tsa.go does: the token's message imprint is the hash of
// the signature bytes, its signer chains to a TSA valid at the token's time.
#pragma once

#include "core/trust/sigstoretrust.h"

namespace strata::trust {

// The time the token attests. Errors (Io): the token does not decode, its imprint is not the signature's, its
// signature or signer chain does not verify with any of `authorities` valid at its time.
Result<QDateTime> verifyRfc3161Timestamp(const QByteArray &timeStampResp, const QByteArray &signature,
                                         const QList<TimedCertificateAuthority> &authorities);

} // namespace strata::trust
