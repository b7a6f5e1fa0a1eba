// SPDX-License-Identifier: MIT
// A push tar parser: fed the decompressed layer stream chunk by chunk (the same pass that hashes
// the diff_id), it builds the layer's table of contents without buffering file data.
//
// Why not libarchive (issue #12 point 5, decided by measurement): tests/bench/archivetarlister.cpp
// drives libarchive (archive_read_support_format_tar only, no filters) over the same decompressed
// chunks through an archive_read_open read callback and builds the same LayerToc, content hashes
// included; tests/core/tst_tarlisters.cpp checks both give the same TOC, field by field, on every
// fixture layer and on GNU tar / python tarfile archives (libarchive differs only on GNU sparse
// files, which it expands, and in the wording of a broken stream). tests/bench/bench-tarlisting.sh
// times both, content hashing on, reading the same tar file in 1 MiB chunks, rounds interleaved,
// best of 3, on a 2-core AMD EPYC VM (libarchive 3.6.2; load average 2, wall / CPU seconds):
//   50,000-file layer of bench-layers.sh (56,326 entries, 141 MB of tar):
//     own 0.242 / 0.230 s, libarchive 0.317 / 0.275 s: +31% / +20%. Best-of-9 series with either
//     lister first in the round: +28% to +32% CPU; ten best-of-3-or-more runs, loaded or not:
//     +11% to +42% CPU.
//     About 1 µs more per entry. With measureBlob's single pass (stored hash + inflate + diff_id,
//     0.384 s wall): 0.627 s against 0.702 s, +12% wall (+8% CPU) end to end.
//   ~1.2 GB image of bench-verify.sh (8 layers, 18,541 entries, 1,214 MB of tar):
//     own 1.078 / 1.059 s, libarchive 1.098 / 1.082 s: +1.8% / +2.2%; end to end 3.808 s against
//     3.828 s, +0.5% (hashing the file contents dominates there).
// The rule was "use libarchive if its listing is within 10%": it is not on the many-files layer,
// where listing costs most, so the own parser stays. libarchive's per-entry cost is its own header
// work (entry strings, and a multibyte-to-wide conversion of every regular file's name).
#pragma once

#include "core/hasher.h"
#include "core/io/tarheader.h"
#include "core/json/jsonlimits.h"
#include "core/layers/layertoc.h"
#include "core/result.h"

#include <functional>
#include <vector>

namespace strata {

class TarStreamParser final
{
public:
    struct Options
    {
        qint64 maxEntries = limits::MaxLayerEntries; // cap entries per layer, and say so (bombs: CVE-2017-14992)
        bool hashContents = true;
        // Optional: the content of entries for which `wantData` is true goes to `onData`
        // (entry index, bytes); `onEntryDone` is called when such an entry's data has ended.
        std::function<bool(const LayerEntry &)> wantData;
        std::function<void(qsizetype, const char *, qint64)> onData;
        std::function<void(qsizetype)> onEntryDone;
    };

    explicit TarStreamParser(Options options);
    TarStreamParser() : TarStreamParser(Options{}) {}

    // Never fails: a stream that stops parsing as tar is recorded in the TOC's problems and the rest
    // is ignored (the diff_id is still computed by the caller over every byte).
    Status feed(const char *data, qint64 len);
    // Call at the end of the stream.
    LayerToc finish();

private:
    enum class State { Header, ExtData, Data, Padding, End, Broken };
    void onHeader();
    void addEntry(const tar::Header &h);
    void breakStream(const QString &why);

    Options m_opt;
    LayerToc m_toc;
    State m_state = State::Header;
    char m_block[512];
    qint64 m_blockFill = 0;
    QByteArray m_ext;
    char m_extType = 0;
    qint64 m_remaining = 0;
    qint64 m_padding = 0;
    tar::Overrides m_pending;
    std::unique_ptr<Hasher> m_hasher;
    qsizetype m_hashingEntry = -1;
    qsizetype m_dataEntry = -1;  // the entry whose data goes to Options::onData
    std::vector<QString> m_seen; // for duplicates, sorted at finish
    qint64 m_offset = 0;
};

} // namespace strata
