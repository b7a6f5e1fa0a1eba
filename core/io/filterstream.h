// SPDX-License-Identifier: MIT
// Decompression of the formats ISA-L and libzstd do not cover (xz, bzip2, lz4) through libarchive's
// filters and its "raw" format: a pull stream of the decompressed bytes over the compressed ones.
#pragma once

#include "core/io/bytestream.h"
#include "core/mediatypes.h"

#include <optional>

namespace strata {

class FilterStream final : public ByteStream
{
public:
    // Whether this stream decodes `c` (xz, bzip2 and lz4, when libarchive has them built in rather
    // than through an external program).
    static bool handles(mediatype::Compression c);

    // Decodes `compressed` as `c` only (one of those `handles` accepts; any other stream, or one
    // in another format, is Unsupported or Malformed on the first read, never passed through).
    // Reads `compressed` as libarchive asks for it; `compressed` must outlive this stream.
    FilterStream(ByteStream &compressed, mediatype::Compression c);
    ~FilterStream() override;
    Q_DISABLE_COPY_MOVE(FilterStream)

    // Errors: Malformed (corrupt data), Truncated (the stream ends early), Unsupported, or the
    // compressed stream's own error (see sourceError).
    Result<qint64> read(char *buf, qint64 max) override;
    qint64 size() const override { return -1; }

    // The error of the compressed stream itself, when that is what stopped decoding.
    const std::optional<Error> &sourceError() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace strata
