// SPDX-License-Identifier: MIT
// Stored signatures (a dir: folder's signature-N): the OpenPGP packet reader, the sigstore attachment JSON, the
// simple signing payload, PEM certificates and the Rekor bundle, all from bytes a folder's author controls.
// Bounded, no crash, and nothing claimed that the bytes do not hold.
#include "core/signatures/signaturelimits.h"
#include "core/signatures/storedsignature.h"
#include "tests/fuzz/fuzzutil.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<StoredSignature> s = parseStoredSignature(bytes, QStringLiteral("fuzz/signature-1"));
    if (!s) {
        fuzz::checkError(s.error());
        return 0;
    }
    STRATA_FUZZ_ASSERT(s->payload.size() <= limits::SignatureBytes);
    STRATA_FUZZ_ASSERT(s->certificates.size() <= 2 * limits::MaxCertificateChain); // leaf + chain annotations
    STRATA_FUZZ_ASSERT(!s->kindName().isEmpty());
    if (s->claims) // a claim comes only from a payload that was decoded
        STRATA_FUZZ_ASSERT(!s->payload.isEmpty());
    if (s->format == StoredSignature::Format::Unknown)
        STRATA_FUZZ_ASSERT(!s->problems.isEmpty() && !s->claims);
    if (s->openPgp)
        STRATA_FUZZ_ASSERT(s->format == StoredSignature::Format::SimpleSigningGpg);
    (void)s->claimedSigner();
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
