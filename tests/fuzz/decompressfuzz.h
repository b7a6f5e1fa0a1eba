// SPDX-License-Identifier: MIT
// The body of the decompressor targets: feed the input in pieces (split points taken from the input
// itself), check the output is bounded and every failure is a clean error.
#pragma once

#include "core/io/decompressor.h"
#include "tests/fuzz/fuzzutil.h"

namespace strata::fuzz {

inline int fuzzDecompressor(mediatype::Compression c, const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Byte 0 chooses the feed size (1 B … 64 KiB), so chunk boundaries fall everywhere.
    const qint64 chunk = qint64(1) << (data[0] % 17);
    data += 1;
    size -= 1;
    std::unique_ptr<Decompressor> d = Decompressor::create(c);
    STRATA_FUZZ_ASSERT(d != nullptr);
    constexpr qint64 Cap = 8 * 1024 * 1024; // small: a bomb only needs to show the sink can stop it
    qint64 out = 0;
    const Decompressor::Sink sink = [&out](const char *, qint64 n) -> Status {
        STRATA_FUZZ_ASSERT(n > 0);
        out += n;
        if (out > Cap)
            return makeError(ErrorCode::TooLarge, QStringLiteral("over the fuzz cap"));
        return Ok{};
    };
    qint64 pos = 0;
    while (pos < qint64(size)) {
        const qint64 n = qMin(chunk, qint64(size) - pos);
        const Status s = d->feed(reinterpret_cast<const char *>(data) + pos, n, sink);
        if (!s) {
            STRATA_FUZZ_ASSERT(!s.error().message.isEmpty());
            return 0;
        }
        pos += n;
    }
    const Status s = d->finish(sink);
    if (!s)
        STRATA_FUZZ_ASSERT(!s.error().message.isEmpty());
    (void)sniffCompression(reinterpret_cast<const char *>(data), qint64(size));
    return 0;
}

} // namespace strata::fuzz
