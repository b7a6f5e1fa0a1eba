// SPDX-License-Identifier: MIT
// The streaming per-blob pass.
#include "core/verify/blobcheck.h"
#include "core/hasher.h"
#include "core/io/decompressor.h"
#include "core/io/tarindex.h"

#include "core/json/jsonlimits.h"
#include <cstring>

using namespace Qt::StringLiterals;

namespace strata {

Result<BlobMeasure> measureBlob(ByteStream &in, const BlobCheckOptions &opt, JobContext *job, std::vector<char> &buf)
{
    constexpr size_t Chunk = 1 << 20;
    if (buf.size() < Chunk)
        buf.resize(Chunk);
    BlobMeasure m;
    Hasher stored(opt.algorithm);
    Hasher uncompressed(opt.uncompressedAlgorithm);
    std::unique_ptr<Decompressor> dec;
    bool first = true;
    bool inflating = false;
    bool plain = false;
    qint64 outBytes = 0;

    // The first 512 bytes of the tar stream, to tell a layer from a placeholder or junk.
    char head[512];
    qint64 headLen = 0;
    const auto sniffTar = [&](const char *p, qint64 n) {
        const qint64 take = qMin<qint64>(n, qint64(sizeof head) - headLen);
        if (take > 0) {
            std::memcpy(head + headLen, p, static_cast<size_t>(take));
            headLen += take;
        }
    };
    const auto sink = [&](const char *p, qint64 n) -> Status {
        sniffTar(p, n);
        outBytes += n;
        if (outBytes > opt.maxUncompressed)
            return makeError(ErrorCode::TooLarge,
                             u"decompresses to more than %1 bytes; stopped there"_s.arg(opt.maxUncompressed));
        uncompressed.update(p, static_cast<size_t>(n));
        if (opt.uncompressedSink)
            return opt.uncompressedSink(p, n);
        return Ok{};
    };
    const auto stopInflating = [&](const Error &e) {
        m.hasDecompressError = true;
        m.decompressError = e;
        inflating = false;
        dec.reset();
    };

    for (;;) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        Result<qint64> r = in.read(buf.data(), static_cast<qint64>(Chunk));
        if (!r)
            return r.error();
        const qint64 n = r.value();
        if (n == 0)
            break;
        stored.update(buf.data(), static_cast<size_t>(n));
        m.size += n;
        if (first) {
            first = false;
            m.compression = sniffCompression(buf.data(), n);
            if (m.compression == mediatype::Compression::None)
                sniffTar(buf.data(), n);
            plain = m.compression == mediatype::Compression::None;
            if (opt.decompress &&
                (m.compression == mediatype::Compression::Gzip || m.compression == mediatype::Compression::Zstd)) {
                dec = Decompressor::create(m.compression);
                inflating = true;
            }
        }
        if (inflating) {
            if (Status s = dec->feed(buf.data(), n, sink); !s)
                stopInflating(s.error());
        } else if (plain && opt.uncompressedSink) {
            (void)opt.uncompressedSink(buf.data(), n); // the stored bytes are the tar stream
        }
        if (job)
            job->addProgress(n);
    }
    if (inflating) {
        if (Status s = dec->finish(sink); !s)
            stopInflating(s.error());
    }
    m.digest = stored.finish();
    // Only meaningful where the tar stream was seen; an empty stream is an empty layer (moby emptyLayer.tar).
    if ((m.compression == mediatype::Compression::None || inflating) && headLen > 0)
        m.notATar = headLen < 512 || !isTarHeaderBlock(head);
    if (m.compression == mediatype::Compression::None) {
        // The stored bytes are the tar stream: the diff_id is the same hash (when the algorithms agree).
        if (opt.uncompressedAlgorithm == opt.algorithm) {
            m.uncompressedDigest = m.digest;
            m.uncompressedSize = m.size;
            m.decompressed = true;
        }
    } else if (inflating) {
        m.uncompressedDigest = uncompressed.finish();
        m.uncompressedSize = outBytes;
        m.decompressed = true;
        m.ratioExceeded =
            outBytes > limits::MinRatioAllowance && outBytes / qMax<qint64>(m.size, 1) > limits::MaxDecompressionRatio;
    }
    return m;
}

} // namespace strata
