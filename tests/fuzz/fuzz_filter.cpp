// SPDX-License-Identifier: MIT
// The libarchive decoders (xz, bzip2, lz4) as layers and outer archives use them: read in pieces (the
// read size taken from the input itself), the output bounded, every failure a clean error.
#include "core/io/decompressor.h"
#include "core/io/filterstream.h"
#include "core/io/memorystream.h"
#include "tests/fuzz/fuzzutil.h"

#include <vector>

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // Byte 0 chooses the read size (1 B … 64 KiB).
    const qint64 chunk = qint64(1) << (data[0] % 17);
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    // The decoder the callers would choose (they sniff first); for other bytes, one chosen by byte 0.
    using mediatype::Compression;
    Compression c = sniffCompression(bytes.constData(), bytes.size());
    if (!FilterStream::handles(c)) {
        constexpr Compression Any[] = {Compression::Xz, Compression::Bzip2, Compression::Lz4};
        c = Any[(data[0] / 17) % 3];
    }
    MemoryStream in(bytes);
    FilterStream f(in, c);
    std::vector<char> buf(static_cast<size_t>(chunk));
    constexpr qint64 Cap = 8 * 1024 * 1024; // a bomb only needs to show the reader can stop
    qint64 out = 0;
    for (;;) {
        Result<qint64> n = f.read(buf.data(), chunk);
        if (!n) {
            fuzz::checkError(Error{n.error().code, n.error().message, QStringLiteral("fuzz")});
            STRATA_FUZZ_ASSERT(!f.sourceError()); // a memory stream never fails
            // Sticky: the next read gives the same error, never data.
            STRATA_FUZZ_ASSERT(!f.read(buf.data(), chunk).ok());
            return 0;
        }
        STRATA_FUZZ_ASSERT(n.value() >= 0 && n.value() <= chunk);
        if (n.value() == 0 || (out += n.value()) > Cap)
            return 0;
    }
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
