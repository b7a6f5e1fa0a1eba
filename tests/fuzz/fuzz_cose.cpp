// SPDX-License-Identifier: MIT
// Notation COSE_Sign1 envelopes (core/signatures/cosesign1.h): libcbor behind the streaming shape check, from bytes
// a registry or a layout's author controls. Bounded, no crash, no leak, and nothing decoded that the bytes do not
// hold.
#include "core/signatures/cosesign1.h"
#include "core/signatures/signaturelimits.h"
#include "tests/fuzz/fuzzutil.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<CoseSign1> c = parseCoseSign1(bytes, QStringLiteral("fuzz/cose_signature.sig"));
    if (!c) {
        fuzz::checkError(c.error());
        return 0;
    }
    // Every part is a slice of the input: none can be larger than it.
    STRATA_FUZZ_ASSERT(c->protectedBytes.size() + c->payload.size() + c->signature.size() <= bytes.size());
    STRATA_FUZZ_ASSERT(c->x5chain.size() <= limits::MaxCertificateChain);
    for (const QByteArray &der : c->x5chain)
        STRATA_FUZZ_ASSERT(der.size() <= bytes.size());
    STRATA_FUZZ_ASSERT(c->critical.size() <= 64);
    STRATA_FUZZ_ASSERT(!c->algorithmName().isEmpty());
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
