// SPDX-License-Identifier: MIT
// The streaming per-blob pass, as stages fed the same chunks: the stored bytes (hash, count), the
// compression sniffed from the first chunk, inflation, and the tar stream (hash, count, limit, sniff
// the first header, hand on to a lister).
#include "core/verify/blobcheck.h"
#include "core/hasher.h"
#include "core/io/decompressor.h"
#include "core/io/tarindex.h"
#include "core/json/jsonlimits.h"

#include <cstring>
#include <optional>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

using mediatype::Compression;

// The bytes as stored: their digest and size.
class StoredStage final
{
public:
    explicit StoredStage(DigestAlgorithm a) : m_hasher(a) {}
    void feed(const char *p, qint64 n)
    {
        m_hasher.update(p, static_cast<size_t>(n));
        m_size += n;
    }
    void finish(BlobMeasure &m)
    {
        m.digest = m_hasher.finish();
        m.size = m_size;
    }

private:
    Hasher m_hasher;
    qint64 m_size = 0;
};

// The tar stream (the decompressed bytes, or the stored ones when they are not compressed): its
// digest (the diff_id) and size, a bound on that size, its first header block, and the lister.
class TarStreamStage final
{
public:
    explicit TarStreamStage(const BlobCheckOptions &o) : m_opt(o), m_hasher(o.uncompressedAlgorithm) {}

    Status feed(const char *p, qint64 n)
    {
        sniff(p, n);
        m_size += n;
        if (m_size > m_opt.maxUncompressed)
            return makeError(ErrorCode::TooLarge,
                             u"decompresses to more than %1 bytes; stopped there"_s.arg(m_opt.maxUncompressed));
        m_hasher.update(p, static_cast<size_t>(n));
        return forward(p, n);
    }
    // For stored bytes that are the tar stream: their hash is the stored one, so only sniff and list.
    void passThrough(const char *p, qint64 n)
    {
        sniff(p, n);
        (void)forward(p, n);
    }
    // An empty stream is an empty layer (moby emptyLayer.tar), not junk.
    bool notATar() const { return m_headLen > 0 && (m_headLen < 512 || !isTarHeaderBlock(m_head)); }
    Digest digest() { return m_hasher.finish(); }
    qint64 size() const { return m_size; }

private:
    void sniff(const char *p, qint64 n)
    {
        const qint64 take = qMin<qint64>(n, qint64(sizeof m_head) - m_headLen);
        if (take > 0) {
            std::memcpy(m_head + m_headLen, p, static_cast<size_t>(take));
            m_headLen += take;
        }
    }
    Status forward(const char *p, qint64 n) { return m_opt.uncompressedSink ? m_opt.uncompressedSink(p, n) : Ok{}; }

    const BlobCheckOptions &m_opt;
    Hasher m_hasher;
    qint64 m_size = 0;
    char m_head[512];
    qint64 m_headLen = 0;
};

// Inflation of a compressed layer into the tar stream stage; a failure stops it, not the pass.
class InflateStage final
{
public:
    InflateStage(Compression c, TarStreamStage &out)
        : m_dec(Decompressor::create(c)), m_sink([&out](const char *p, qint64 n) { return out.feed(p, n); })
    {
    }
    void feed(const char *p, qint64 n)
    {
        if (m_dec)
            stopOn(m_dec->feed(p, n, m_sink));
    }
    void finish()
    {
        if (m_dec)
            stopOn(m_dec->finish(m_sink));
    }
    const std::optional<Error> &error() const { return m_error; }

private:
    void stopOn(const Status &s)
    {
        if (s)
            return;
        m_error = s.error();
        m_dec.reset();
    }

    std::unique_ptr<Decompressor> m_dec;
    Decompressor::Sink m_sink;
    std::optional<Error> m_error;
};

bool canInflate(Compression c)
{
    return c == Compression::Gzip || c == Compression::Zstd;
}

} // namespace

Result<BlobMeasure> measureBlob(ByteStream &in, const BlobCheckOptions &opt, JobContext *job, std::vector<char> &buf)
{
    constexpr size_t Chunk = 1 << 20;
    if (buf.size() < Chunk)
        buf.resize(Chunk);
    BlobMeasure m;
    StoredStage stored(opt.algorithm);
    TarStreamStage tar(opt);
    std::optional<InflateStage> inflate;
    bool first = true;
    for (;;) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        Result<qint64> r = in.read(buf.data(), static_cast<qint64>(Chunk));
        if (!r)
            return r.error();
        const qint64 n = r.value();
        if (n == 0)
            break;
        const char *p = buf.data();
        stored.feed(p, n);
        if (std::exchange(first, false)) {
            m.compression = sniffCompression(p, n);
            if (opt.decompress && canInflate(m.compression))
                inflate.emplace(m.compression, tar);
        }
        if (m.compression == Compression::None)
            tar.passThrough(p, n);
        else if (inflate)
            inflate->feed(p, n);
        if (job)
            job->addProgress(n);
    }
    stored.finish(m);
    if (inflate)
        inflate->finish();
    const bool sawTar = m.compression == Compression::None || (inflate && !inflate->error());
    if (inflate && inflate->error()) {
        m.hasDecompressError = true;
        m.decompressError = *inflate->error();
    }
    // Only meaningful where the tar stream was seen.
    if (sawTar)
        m.notATar = tar.notATar();
    if (m.compression == Compression::None) {
        // The stored bytes are the tar stream: the diff_id is the same hash (when the algorithms agree).
        if (opt.uncompressedAlgorithm == opt.algorithm) {
            m.uncompressedDigest = m.digest;
            m.uncompressedSize = m.size;
            m.decompressed = true;
        }
    } else if (inflate && !inflate->error()) {
        m.uncompressedDigest = tar.digest();
        m.uncompressedSize = tar.size();
        m.decompressed = true;
        m.ratioExceeded = tar.size() > limits::MinRatioAllowance &&
                          tar.size() / qMax<qint64>(m.size, 1) > limits::MaxDecompressionRatio;
    }
    return m;
}

} // namespace strata
