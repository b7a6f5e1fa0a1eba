// SPDX-License-Identifier: MIT
// WWW-Authenticate parsing and registry reference parsing: both read text a server or a user controls
// (RFC 7235; distribution internal/client/auth/challenge/authchallenge.go, distribution/reference reference.go).
// Bounded output, no crash, and references that survive parse → toString → parse.
#include "core/registry/authchallenge.h"
#include "core/registry/registryreference.h"
#include "tests/fuzz/fuzzutil.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QList<AuthChallenge> cs = parseAuthChallenges(bytes);
    STRATA_FUZZ_ASSERT(cs.size() <= 16);
    for (const AuthChallenge &c : cs) {
        STRATA_FUZZ_ASSERT(!c.scheme.isEmpty());
        STRATA_FUZZ_ASSERT(c.scheme == c.scheme.toLower());
        STRATA_FUZZ_ASSERT(c.params.size() <= 32);
        for (const QString &v : c.params)
            STRATA_FUZZ_ASSERT(v.size() <= 4096);
    }
    const Result<RegistryReference> r = RegistryReference::parse(QString::fromUtf8(bytes));
    if (r) {
        STRATA_FUZZ_ASSERT(RegistryReference::isValidRepository(r->repository));
        STRATA_FUZZ_ASSERT(!r->repository.contains(QStringLiteral("..")));
        const Result<RegistryReference> again = RegistryReference::parse(r->toString());
        STRATA_FUZZ_ASSERT(again && again->toString() == r->toString());
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
