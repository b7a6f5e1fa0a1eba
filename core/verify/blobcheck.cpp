// SPDX-License-Identifier: MIT
// The streaming per-blob pass, as stages fed the same chunks: the stored bytes (hash, count), the
// compression sniffed from the first chunk, inflation, and the tar stream (hash, count, limit, sniff
// the first header, hand on to a lister).
#include "core/verify/blobcheck.h"
#include "core/hasher.h"
#include "core/io/decompressor.h"
#include "core/io/filterstream.h"
#include "core/io/tarindex.h"
#include "core/json/jsonlimits.h"

#include <cstring>
#include <optional>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

using mediatype::Compression;

// The bytes as stored, read in chunks: their digest and size, progress and cancellation per chunk.
// One chunk can be handed back (after sniffing it) to be read again by the next stage.
class StoredReader final : public ByteStream
{
public:
    StoredReader(ByteStream &in, DigestAlgorithm a, JobContext *job) : m_in(in), m_hasher(a), m_job(job) {}

    Result<qint64> read(char *buf, qint64 max) override
    {
        if (m_replay > 0) {
            // A reader with a smaller buffer gets the replayed chunk over several reads.
            const qint64 n = qMin(m_replay, max);
            if (buf != m_replayFrom)
                std::memmove(buf, m_replayFrom, static_cast<size_t>(n));
            m_replayFrom += n;
            m_replay -= n;
            return n;
        }
        if (m_job && m_job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        Result<qint64> r = m_in.read(buf, max);
        if (!r)
            return r.error();
        m_hasher.update(buf, static_cast<size_t>(r.value()));
        m_size += r.value();
        if (m_job && r.value() > 0)
            m_job->addProgress(r.value());
        return r;
    }
    qint64 size() const override { return m_in.size(); }

    // The chunk just read at `p` is returned by the next read() again, not read or hashed twice.
    void replay(const char *p, qint64 n)
    {
        m_replayFrom = p;
        m_replay = n;
    }
    // Reads (and hashes) what is left.
    Status drain(std::vector<char> &buf)
    {
        for (;;) {
            Result<qint64> r = read(buf.data(), static_cast<qint64>(buf.size()));
            if (!r)
                return r.error();
            if (r.value() == 0)
                return Ok{};
        }
    }
    void finish(BlobMeasure &m)
    {
        m.digest = m_hasher.finish();
        m.size = m_size;
    }

private:
    ByteStream &m_in;
    Hasher m_hasher;
    JobContext *m_job;
    qint64 m_size = 0;
    const char *m_replayFrom = nullptr;
    qint64 m_replay = 0;
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

// Whether a layer compressed as `c` is decoded through libarchive. Not lz4: Docker does not load lz4
// layers (moby pkg/archive DecompressStream knows gzip, bzip2, xz and zstd), so one is reported
// unverifiable rather than measured as if it were a valid layer.
bool filterLayer(Compression c)
{
    return c != Compression::Lz4 && FilterStream::handles(c);
}

// Decompression through libarchive (xz, bzip2): libarchive pulls the stored bytes and the
// decompressed ones are pulled from it into the tar stream stage. Returns the decompression error,
// if any; the stored bytes are read to their end either way. Errors: those of the stored bytes.
Result<std::optional<Error>> inflateThroughFilter(StoredReader &stored, Compression c, TarStreamStage &tar,
                                                  std::vector<char> &buf)
{
    FilterStream filter(stored, c);
    std::vector<char> out(buf.size());
    std::optional<Error> failure;
    for (;;) {
        Result<qint64> n = filter.read(out.data(), static_cast<qint64>(out.size()));
        if (!n) {
            if (filter.sourceError())
                return *filter.sourceError();
            failure = n.error();
            break;
        }
        if (n.value() == 0)
            break;
        if (Status s = tar.feed(out.data(), n.value()); !s) {
            failure = s.error();
            break;
        }
    }
    if (Status s = stored.drain(buf); !s)
        return s.error();
    return failure;
}

} // namespace

Result<BlobMeasure> measureBlob(ByteStream &in, const BlobCheckOptions &opt, JobContext *job, std::vector<char> &buf)
{
    constexpr size_t Chunk = 1 << 20;
    if (buf.size() < Chunk)
        buf.resize(Chunk);
    BlobMeasure m;
    StoredReader stored(in, opt.algorithm, job);
    TarStreamStage tar(opt);
    std::optional<InflateStage> inflate;
    bool filtered = false;
    std::optional<Error> filterError;
    bool first = true;
    for (;;) {
        Result<qint64> r = stored.read(buf.data(), static_cast<qint64>(Chunk));
        if (!r)
            return r.error();
        const qint64 n = r.value();
        if (n == 0)
            break;
        const char *p = buf.data();
        if (std::exchange(first, false)) {
            m.compression = sniffCompression(p, n);
            if (opt.decompress && canInflate(m.compression)) {
                inflate.emplace(m.compression, tar);
            } else if (opt.decompress && filterLayer(m.compression)) {
                // Pulled rather than pushed: libarchive reads the rest itself, from this chunk on.
                stored.replay(p, n);
                Result<std::optional<Error>> f = inflateThroughFilter(stored, m.compression, tar, buf);
                if (!f)
                    return f.error();
                filtered = true;
                filterError = f.value();
                break;
            }
        }
        if (m.compression == Compression::None)
            tar.passThrough(p, n);
        else if (inflate)
            inflate->feed(p, n);
    }
    stored.finish(m);
    if (inflate)
        inflate->finish();
    std::optional<Error> decompressError = inflate ? inflate->error() : filterError;
    const bool inflated = (inflate || filtered) && !decompressError;
    if (decompressError) {
        m.hasDecompressError = true;
        m.decompressError = *decompressError;
    }
    // Only meaningful where the tar stream was seen.
    if (m.compression == Compression::None || inflated)
        m.notATar = tar.notATar();
    if (m.compression == Compression::None) {
        // The stored bytes are the tar stream: the diff_id is the same hash (when the algorithms agree).
        if (opt.uncompressedAlgorithm == opt.algorithm) {
            m.uncompressedDigest = m.digest;
            m.uncompressedSize = m.size;
            m.decompressed = true;
        }
    } else if (inflated) {
        m.uncompressedDigest = tar.digest();
        m.uncompressedSize = tar.size();
        m.decompressed = true;
        m.ratioExceeded = tar.size() > limits::MinRatioAllowance &&
                          tar.size() / qMax<qint64>(m.size, 1) > limits::MaxDecompressionRatio;
    }
    return m;
}

} // namespace strata
