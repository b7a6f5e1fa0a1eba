// SPDX-License-Identifier: MIT
// ImageConfig::fromJson and what the graph derives from it (history → layer map, chain IDs).
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/model/imageconfig.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<QJsonObject> o = json::parseObject(raw, limits::ConfigBytes, u"fuzz"_s);
    if (!o)
        return 0;
    const Result<ImageConfig> c = ImageConfig::fromJson(o.value(), u"fuzz config"_s);
    if (!c) {
        fuzz::checkError(c.error());
        return 0;
    }
    for (const Digest &d : c->diffIds)
        STRATA_FUZZ_ASSERT(Digest::parse(d.toString()).ok());
    const QList<int> map = c->historyToLayer();
    STRATA_FUZZ_ASSERT(map.isEmpty() || map.size() == c->history.size());
    for (int i : map)
        STRATA_FUZZ_ASSERT(i >= -1 && i < c->diffIds.size());
    STRATA_FUZZ_ASSERT(c->layerCommands().size() == c->diffIds.size());
    const Digest chain = chainId(c->diffIds);
    STRATA_FUZZ_ASSERT(chain.isNull() == c->diffIds.isEmpty());
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
