// SPDX-License-Identifier: MIT
// gzip via ISA-L (about 1.6x zlib's inflate speed), zstd via libzstd.
#include "core/io/decompressor.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace strata {

using mediatype::Compression;

Compression sniffCompression(const char *p, qint64 n)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    if (n >= 3 && u[0] == 0x1f && u[1] == 0x8b && u[2] == 0x08)
        return Compression::Gzip;
    if (n >= 4 && u[0] == 0x28 && u[1] == 0xb5 && u[2] == 0x2f && u[3] == 0xfd)
        return Compression::Zstd;
    // zstd skippable frames 0x184D2A50–0x184D2A5F (little-endian magic)
    if (n >= 4 && (u[0] & 0xf0) == 0x50 && u[1] == 0x2a && u[2] == 0x4d && u[3] == 0x18)
        return Compression::Zstd;
    if (n >= 6 && u[0] == 0xfd && u[1] == '7' && u[2] == 'z' && u[3] == 'X' && u[4] == 'Z' && u[5] == 0)
        return Compression::Xz;
    if (n >= 3 && u[0] == 'B' && u[1] == 'Z' && u[2] == 'h')
        return Compression::Bzip2;
    // lz4 frame format (lz4_Frame_format.md, magic 0x184D2204) and the legacy format of `lz4 -l`
    // (0x184C2102). lz4's skippable frames share zstd's magic range and are read as zstd above.
    if (n >= 4 && u[0] == 0x04 && u[1] == 0x22 && u[2] == 0x4d && u[3] == 0x18)
        return Compression::Lz4;
    if (n >= 4 && u[0] == 0x02 && u[1] == 0x21 && u[2] == 0x4c && u[3] == 0x18)
        return Compression::Lz4;
    return Compression::None;
}

namespace {

constexpr size_t OutChunk = 1 << 20;

class GzipDecompressor final : public Decompressor
{
public:
    GzipDecompressor() : m_out(OutChunk) { reset(); }

    Status feed(const char *data, qint64 len, const Sink &out) override
    {
        m_state.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
        m_state.avail_in = static_cast<uint32_t>(len);
        while (m_state.avail_in > 0) {
            if (m_state.block_state == ISAL_BLOCK_FINISH) {
                // A new gzip member may follow (eStargz is many members); anything else is junk.
                if (m_state.avail_in >= 1 && m_state.next_in[0] != 0x1f)
                    return makeError(ErrorCode::Malformed, u"data after the end of the gzip stream"_s);
                reset(m_state.next_in, m_state.avail_in);
            }
            m_state.next_out = m_out.data();
            m_state.avail_out = static_cast<uint32_t>(m_out.size());
            const uint32_t inBefore = m_state.avail_in;
            const int rc = isal_inflate(&m_state);
            if (rc < 0)
                return makeError(ErrorCode::Malformed, rc == ISAL_INCORRECT_CHECKSUM
                                                           ? u"gzip CRC check failed: the compressed data is corrupt"_s
                                                           : u"corrupt gzip data (ISA-L error %1)"_s.arg(rc));
            const qint64 produced = static_cast<qint64>(m_out.size() - m_state.avail_out);
            if (produced > 0) {
                if (Status s = out(reinterpret_cast<const char *>(m_out.data()), produced); !s)
                    return s;
            }
            m_started = true;
            // No input taken and nothing produced: stop rather than spin (cannot happen with a sane state).
            if (produced == 0 && m_state.avail_in == inBefore && m_state.block_state != ISAL_BLOCK_FINISH)
                return makeError(ErrorCode::Malformed, u"gzip decoder made no progress"_s);
        }
        return Ok{};
    }

    Status finish(const Sink &out) override
    {
        // Drain what ISA-L still holds (output larger than our chunk).
        while (m_started && m_state.block_state != ISAL_BLOCK_FINISH) {
            m_state.next_out = m_out.data();
            m_state.avail_out = static_cast<uint32_t>(m_out.size());
            const int rc = isal_inflate(&m_state);
            if (rc < 0)
                return makeError(ErrorCode::Malformed, u"corrupt gzip data (ISA-L error %1)"_s.arg(rc));
            const qint64 produced = static_cast<qint64>(m_out.size() - m_state.avail_out);
            if (produced == 0)
                break;
            if (Status s = out(reinterpret_cast<const char *>(m_out.data()), produced); !s)
                return s;
        }
        if (!m_started || m_state.block_state != ISAL_BLOCK_FINISH)
            return makeError(ErrorCode::Truncated, u"the gzip stream ends early"_s);
        return Ok{};
    }

private:
    void reset(uint8_t *in = nullptr, uint32_t avail = 0)
    {
        isal_inflate_init(&m_state);
        m_state.crc_flag = ISAL_GZIP;
        m_state.next_in = in;
        m_state.avail_in = avail;
    }

    inflate_state m_state{};
    std::vector<uint8_t> m_out;
    bool m_started = false;
};

class ZstdDecompressor final : public Decompressor
{
public:
    ZstdDecompressor() : m_ctx(ZSTD_createDCtx()), m_out(ZSTD_DStreamOutSize())
    {
        // A window over 2^27 needs more memory than a layer verifier should take (zstd's default limit).
        ZSTD_DCtx_setParameter(m_ctx, ZSTD_d_windowLogMax, 27);
    }
    ~ZstdDecompressor() override { ZSTD_freeDCtx(m_ctx); }

    Status feed(const char *data, qint64 len, const Sink &out) override
    {
        ZSTD_inBuffer in{data, static_cast<size_t>(len), 0};
        while (in.pos < in.size) {
            ZSTD_outBuffer ob{m_out.data(), m_out.size(), 0};
            const size_t rc = ZSTD_decompressStream(m_ctx, &ob, &in);
            if (ZSTD_isError(rc))
                return makeError(ErrorCode::Malformed,
                                 u"corrupt zstd data: %1"_s.arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
            m_pending = rc;
            if (ob.pos > 0) {
                if (Status s = out(static_cast<const char *>(ob.dst), static_cast<qint64>(ob.pos)); !s)
                    return s;
            }
        }
        m_started = true;
        return Ok{};
    }

    Status finish(const Sink &out) override
    {
        // Flush what the context still buffers. With nothing pending the last frame ended cleanly;
        // calling again would start a new frame and report its header size as "pending".
        while (m_pending != 0) {
            ZSTD_inBuffer in{nullptr, 0, 0};
            ZSTD_outBuffer ob{m_out.data(), m_out.size(), 0};
            const size_t rc = ZSTD_decompressStream(m_ctx, &ob, &in);
            if (ZSTD_isError(rc))
                return makeError(ErrorCode::Malformed,
                                 u"corrupt zstd data: %1"_s.arg(QString::fromLatin1(ZSTD_getErrorName(rc))));
            if (ob.pos == 0)
                break;
            m_pending = rc;
            if (Status s = out(static_cast<const char *>(ob.dst), static_cast<qint64>(ob.pos)); !s)
                return s;
        }
        if (!m_started || m_pending != 0)
            return makeError(ErrorCode::Truncated, u"the zstd stream ends in the middle of a frame"_s);
        return Ok{};
    }

private:
    ZSTD_DCtx *m_ctx;
    std::vector<char> m_out;
    size_t m_pending = 0;
    bool m_started = false;
};

} // namespace

std::unique_ptr<Decompressor> Decompressor::create(Compression c)
{
    switch (c) {
    case Compression::Gzip: return std::make_unique<GzipDecompressor>();
    case Compression::Zstd: return std::make_unique<ZstdDecompressor>();
    default: return nullptr;
    }
}

} // namespace strata
