// SPDX-License-Identifier: MIT
// Index::fromJson: bad entries are skipped and reported, never fatal; counts are capped.
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/model/manifest.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QJsonObject> o = fuzz::jsonObjectOf(data, size);
    if (!o)
        return 0;
    const Result<DocumentKind> kind = detectDocumentKind(*o, QString::fromLatin1(mediatype::OciIndex), u"fuzz"_s);
    const Result<Index> x = Index::fromJson(*o, u"fuzz index"_s);
    if (!x) {
        fuzz::checkError(x.error());
        return 0;
    }
    STRATA_FUZZ_ASSERT(x->schemaVersion == 2);
    STRATA_FUZZ_ASSERT(x->manifests.size() + x->invalidManifests.size() <= limits::MaxManifests);
    for (const Descriptor &d : x->manifests)
        STRATA_FUZZ_ASSERT(d.size >= 0 && !d.digest.isNull());
    for (const Error &e : x->invalidManifests) {
        fuzz::checkError(e);
        STRATA_FUZZ_ASSERT(e.context.startsWith(u"fuzz index manifests["_s));
    }
    if (kind && kind.value() == DocumentKind::Index)
        STRATA_FUZZ_ASSERT(!o->contains(u"config"_s) && !o->contains(u"layers"_s));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
