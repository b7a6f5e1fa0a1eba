// SPDX-License-Identifier: MIT
// Descriptor::fromJson: strict digest and size rules; a parsed descriptor is always safe to turn into a path.
#include "core/io/tarindex.h"
#include "core/model/descriptor.h"
#include "core/sources/blobpaths.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QJsonObject> o = fuzz::jsonObjectOf(data, size);
    if (!o)
        return 0;
    const Result<Descriptor> d = Descriptor::fromJson(*o, u"fuzz descriptor"_s);
    if (!d) {
        fuzz::checkError(d.error());
        STRATA_FUZZ_ASSERT(d.error().context == u"fuzz descriptor");
        return 0;
    }
    STRATA_FUZZ_ASSERT(d->size >= 0);
    STRATA_FUZZ_ASSERT(!d->digest.isNull());
    STRATA_FUZZ_ASSERT(Digest::parse(d->digest.toString()).ok());
    const QString path = ociBlobPath(d->digest);
    STRATA_FUZZ_ASSERT(path.isEmpty() || normaliseMemberName(path) == path);
    // Round trip through toJson keeps what matters for verification.
    const Result<Descriptor> again = Descriptor::fromJson(d->toJson(), u"again"_s);
    STRATA_FUZZ_ASSERT(again.ok());
    STRATA_FUZZ_ASSERT(again->digest == d->digest && again->size == d->size && again->mediaType == d->mediaType);
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
