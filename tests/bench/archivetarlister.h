// SPDX-License-Identifier: MIT
// The layer lister over libarchive: the same LayerToc as TarStreamParser, but pulled. Kept as the
// benchmark's comparison only (strata_bench_tarlisting, tst_tarlisters): it was not within 10% of
// TarStreamParser on a 50,000-file layer, see core/layers/tarstreamparser.h. libarchive reads
// the already-decompressed tar stream from a ChunkSource (no filters: decompression and the diff_id
// hash stay in the caller's single pass) with its tar reader (ustar, pax, GNU) and hashes each
// regular file's data blocks.
#pragma once

#include "core/json/jsonlimits.h"
#include "core/layers/layertoc.h"
#include "core/result.h"
#include "tests/bench/chunksource.h"

#include <functional>

namespace strata {

class ArchiveTarLister final
{
public:
    // The same knobs as TarStreamParser::Options.
    struct Options
    {
        qint64 maxEntries = limits::MaxLayerEntries;
        bool hashContents = true;
        std::function<bool(const LayerEntry &)> wantData;
        std::function<void(qsizetype, const char *, qint64)> onData;
        std::function<void(qsizetype)> onEntryDone;
    };

    // Reads `source` to its end (tarBytes counts every byte, the trailing ones after the end-of-archive
    // blocks too). A stream libarchive cannot parse further is a problem in the TOC, not an error.
    // Errors: only those of the source itself.
    static Result<LayerToc> list(ChunkSource &source, const Options &options);
    static Result<LayerToc> list(ChunkSource &source) { return list(source, Options{}); }
};

} // namespace strata
