// SPDX-License-Identifier: MIT
// json::parse: size cap, depth cap and duplicate member names, then the optional-field readers.
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "tests/fuzz/fuzzutil.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

int depthOf(const QJsonValue &v)
{
    int d = 0;
    if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            d = qMax(d, depthOf(e));
        return d + 1;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            d = qMax(d, depthOf(it.value()));
        return d + 1;
    }
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString ctx = u"fuzz.json"_s;
    const Result<QJsonValue> v = json::parse(raw, limits::ManifestBytes, ctx);
    if (!v) {
        fuzz::checkError(v.error());
        STRATA_FUZZ_ASSERT(v.error().context == ctx);
        STRATA_FUZZ_ASSERT(v.error().code == ErrorCode::Malformed || v.error().code == ErrorCode::TooLarge);
        // A document over the size cap is refused whatever it holds.
        const Result<QJsonValue> small = json::parse(raw, 4, ctx);
        STRATA_FUZZ_ASSERT(size <= 4 || !small.ok());
        return 0;
    }
    // Accepted documents respect the depth limit (the check runs before Qt's own parser).
    STRATA_FUZZ_ASSERT(depthOf(v.value()) <= limits::JsonDepth);
    if (v->isObject()) {
        const QJsonObject o = v->toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QLatin1StringView key("mediaType");
            (void)json::optString(o, key);
            (void)json::optStringList(o, QLatin1StringView("layers"));
            (void)json::optStringMap(o, QLatin1StringView("annotations"));
            const QByteArray k = it.key().toUtf8();
            const Result<qint64> s = json::requireSize(o, QLatin1StringView(k.constData(), k.size()), ctx);
            if (s)
                STRATA_FUZZ_ASSERT(s.value() >= 0 && s.value() <= (qint64(1) << 53));
            else
                fuzz::checkError(s.error());
        }
    }
    const Result<QJsonObject> o = json::parseObject(raw, limits::ManifestBytes, ctx);
    STRATA_FUZZ_ASSERT(o.ok() == v->isObject());
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
