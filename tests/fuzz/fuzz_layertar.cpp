// SPDX-License-Identifier: MIT
// The layer listing: an uncompressed layer tar pushed through TarStreamParser in pieces (split points
// taken from the input), then the merged tree and the efficiency report over it. Names stay relative
// and inside the image, the entry cap holds and is reported, and every byte is accounted for.
#include "core/layers/efficiency.h"
#include "core/layers/mergedtree.h"
#include "core/layers/tarstreamparser.h"
#include "tests/fuzz/fuzzutil.h"

using namespace strata;

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    return fuzz::mutateTar(data, size, maxSize, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // Byte 0 chooses the feed size (1 B … 64 KiB), so chunk boundaries fall inside headers and data.
    const qint64 chunk = qint64(1) << (data[0] % 17);
    const char *bytes = reinterpret_cast<const char *>(data) + 1;
    const qint64 total = qint64(size) - 1;
    constexpr qint64 Cap = 200;
    TarStreamParser::Options o;
    o.maxEntries = Cap;
    TarStreamParser parser(o);
    for (qint64 pos = 0; pos < total; pos += chunk) {
        const Status s = parser.feed(bytes + pos, qMin(chunk, total - pos));
        STRATA_FUZZ_ASSERT(s.ok()); // never fails: a broken stream is a problem in the TOC
    }
    auto toc = std::make_shared<LayerToc>(parser.finish());
    STRATA_FUZZ_ASSERT(toc->tarBytes == total);
    STRATA_FUZZ_ASSERT(toc->entries.size() <= Cap);
    if (toc->capped) // reached, and said so
        STRATA_FUZZ_ASSERT(toc->entries.size() == Cap && !toc->problems.isEmpty());
    for (const LayerEntry &e : toc->entries) {
        STRATA_FUZZ_ASSERT(!e.path.startsWith(QLatin1Char('/')));
        STRATA_FUZZ_ASSERT(!e.path.split(QLatin1Char('/')).contains(QStringLiteral("..")));
        STRATA_FUZZ_ASSERT(e.size >= 0);
        (void)e.deletedPath();
    }
    for (const QString &p : toc->problems)
        STRATA_FUZZ_ASSERT(!p.isEmpty());
    // The same layer twice: whiteouts and opaque markers of the second apply to the first.
    const QList<LayerTocPtr> layers{toc, toc};
    const MergedTree merged = MergedTree::build(layers);
    for (const auto &m : merged.entries()) {
        STRATA_FUZZ_ASSERT(m.layer >= 0 && m.layer < layers.size());
        STRATA_FUZZ_ASSERT(m.entryIndex >= 0 && m.entryIndex < toc->entries.size());
    }
    const EfficiencyReport eff = computeEfficiency(layers);
    STRATA_FUZZ_ASSERT(eff.wastedBytes >= 0 && eff.keptBytes >= 0);
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    strata::fuzz::quietQt();
    return 0;
}
