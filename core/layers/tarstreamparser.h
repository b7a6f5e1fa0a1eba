// SPDX-License-Identifier: MIT
// A push tar parser: fed the decompressed layer stream chunk by chunk (the same pass that hashes
// the diff_id), it builds the layer's table of contents without buffering file data.
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
