// SPDX-License-Identifier: MIT
// Streaming decompression of layers and outer archives: gzip through ISA-L, zstd through libzstd.
#pragma once

#include "core/mediatypes.h"
#include "core/result.h"

#include <functional>
#include <memory>

namespace strata {

// Sniffs the compression from the first bytes (moby compression_detect.go magic numbers).
mediatype::Compression sniffCompression(const char *data, qint64 len);

class Decompressor
{
public:
    // Receives each decompressed chunk; a non-ok status stops decompression.
    using Sink = std::function<Status(const char *data, qint64 len)>;

    virtual ~Decompressor() = default;
    // Feeds compressed input. Errors: Malformed (corrupt stream), or whatever the sink returns.
    virtual Status feed(const char *data, qint64 len, const Sink &out) = 0;
    // Call at the end of input. Errors: Truncated (the stream stopped mid-frame).
    virtual Status finish(const Sink &out) = 0;

    // gzip (multi-member, as eStargz) and zstd (multi-frame); nullptr for others.
    static std::unique_ptr<Decompressor> create(mediatype::Compression c);
};

} // namespace strata
