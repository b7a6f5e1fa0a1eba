// SPDX-License-Identifier: MIT
// A pull source of a byte stream in chunks: what a pulling parser (libarchive) reads from, where the
// push pipeline (measureBlob → Decompressor::Sink) hands chunks forward instead.
#pragma once

#include "core/io/bytestream.h"
#include "core/result.h"

#include <QByteArrayView>
#include <vector>

namespace strata {

class ChunkSource
{
public:
    virtual ~ChunkSource() = default;
    // The next chunk, valid until the next call; an empty view at the end of the stream.
    // Errors: whatever the underlying source meets (Io, Truncated, Malformed, Canceled…).
    virtual Result<QByteArrayView> next() = 0;
};

// Chunks of at most `chunkSize` bytes read from a ByteStream into one reused buffer.
class ByteStreamChunkSource final : public ChunkSource
{
public:
    explicit ByteStreamChunkSource(ByteStream &in, qint64 chunkSize = 1 << 20)
        : m_in(in), m_buf(static_cast<size_t>(chunkSize))
    {
    }
    Result<QByteArrayView> next() override
    {
        Result<qint64> r = m_in.read(m_buf.data(), static_cast<qint64>(m_buf.size()));
        if (!r)
            return r.error();
        return QByteArrayView(m_buf.data(), r.value());
    }

private:
    ByteStream &m_in;
    std::vector<char> m_buf;
};

} // namespace strata
