// SPDX-License-Identifier: MIT
// Rekor's signed entry timestamp (SET), the log's promise to include an entry: an ECDSA signature by the log's key
// over the RFC 8785 canonical JSON of {body, integratedTime, logID, logIndex} (sigstore/rekor pkg/api/entries.go
// signEntry; cosign pkg/cosign/verify.go VerifySET). cosign keeps it in the dev.sigstore.cosign/bundle annotation,
// Sigstore bundles in tlogEntries[].inclusionPromise.
#pragma once

#include "core/result.h"
#include "core/trust/publickey.h"

namespace strata::trust {

struct RekorEntryFields
{
    QString bodyBase64; // the canonicalised entry, base64 as the log returned it
    qint64 integratedTime = -1;
    qint64 logIndex = -1;
    QString logIdHex; // sha256 of the log key's SubjectPublicKeyInfo
};

// {"body":"…","integratedTime":N,"logID":"…","logIndex":N}: the bytes the SET signs.
QByteArray rekorCanonicalPayload(const RekorEntryFields &e);

// Checks `set` with the one of `logKeys` whose ID is the entry's logID, and returns that key. Errors (Io): no key
// with that log ID was given, or the SET does not verify with it.
Result<PublicKey> verifySignedEntryTimestamp(const RekorEntryFields &e, const QByteArray &set,
                                             const QList<PublicKey> &logKeys);

} // namespace strata::trust
