// SPDX-License-Identifier: MIT
// detectDocumentKind: the CVE-2021-41190 ambiguity check in both directions, under every declared type.
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/model/manifest.h"
#include "tests/fuzz/declaredmediatypes.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QString decl = fuzz::declaredMediaType(data[0]);
    const QByteArray raw(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    const Result<QJsonObject> o = json::parseObject(raw, limits::ManifestBytes, u"fuzz"_s);
    if (!o)
        return 0;
    QString warning;
    const Result<DocumentKind> k = detectDocumentKind(o.value(), decl, u"fuzz doc"_s, &warning);
    if (!k) {
        fuzz::checkError(k.error());
        STRATA_FUZZ_ASSERT(k.error().code == ErrorCode::Malformed);
        return 0;
    }
    const bool manifestFields = o->contains(u"config"_s) || o->contains(u"layers"_s);
    const bool indexFields = o->contains(u"manifests"_s);
    STRATA_FUZZ_ASSERT(!(manifestFields && indexFields));
    if (k.value() == DocumentKind::Manifest)
        STRATA_FUZZ_ASSERT(!indexFields);
    if (k.value() == DocumentKind::Index)
        STRATA_FUZZ_ASSERT(!manifestFields);
    // Without a warning, a document's own mediaType never contradicts the declared one.
    const QString own = json::optString(o.value(), QLatin1StringView("mediaType"));
    if (!own.isEmpty() && !decl.isEmpty() && own != decl)
        STRATA_FUZZ_ASSERT(!warning.isEmpty());
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
