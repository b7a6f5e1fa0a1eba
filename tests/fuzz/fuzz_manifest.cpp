// SPDX-License-Identifier: MIT
// Manifest::fromJson after the ambiguity check, as the layout reader runs them.
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
    const Result<DocumentKind> kind = detectDocumentKind(*o, QString::fromLatin1(mediatype::OciManifest), u"fuzz"_s);
    const Result<Manifest> m = Manifest::fromJson(*o, u"fuzz manifest"_s);
    if (!m) {
        fuzz::checkError(m.error());
        return 0;
    }
    STRATA_FUZZ_ASSERT(m->schemaVersion == 2);
    STRATA_FUZZ_ASSERT(m->layers.size() <= limits::MaxLayers);
    STRATA_FUZZ_ASSERT(m->config.size >= 0 && !m->config.digest.isNull());
    for (const Descriptor &l : m->layers)
        STRATA_FUZZ_ASSERT(l.size >= 0 && !l.digest.isNull());
    // A document accepted as a manifest never also carries index fields.
    if (kind && kind.value() == DocumentKind::Manifest)
        STRATA_FUZZ_ASSERT(!o->contains(u"manifests"_s));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
