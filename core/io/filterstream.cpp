// SPDX-License-Identifier: MIT
// libarchive as a decoder: archive_read_support_format_raw gives the one "entry" of a compressed
// stream, archive_read_data its decompressed bytes (libarchive archive_read_format_raw.c).
#include "core/io/filterstream.h"

#include <archive.h>
#include <archive_entry.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace strata {

struct FilterStream::Impl
{
    explicit Impl(ByteStream &in) : in(in), buffer(1 << 20) {}

    static la_ssize_t readCallback(archive *a, void *self, const void **out)
    {
        Impl *d = static_cast<Impl *>(self);
        Result<qint64> n = d->in.read(d->buffer.data(), static_cast<qint64>(d->buffer.size()));
        if (!n) {
            d->sourceError = n.error();
            archive_set_error(a, EIO, "the compressed stream could not be read");
            return -1;
        }
        *out = d->buffer.data();
        return static_cast<la_ssize_t>(n.value());
    }

    Error archiveError(ErrorCode fallback) const
    {
        if (sourceError)
            return *sourceError;
        const char *s = archive_error_string(a);
        const QString what = s ? QString::fromUtf8(s) : u"unknown libarchive error"_s;
        const ErrorCode code = what.contains(u"truncated"_s, Qt::CaseInsensitive) ? ErrorCode::Truncated : fallback;
        return makeError(code, code == ErrorCode::Truncated ? u"the stream ends early (%1)"_s.arg(what) : what);
    }

    Status open()
    {
        if (!supported)
            return makeError(ErrorCode::Unsupported, u"this libarchive cannot decode %1"_s.arg(name));
        if (archive_read_open(a, this, nullptr, readCallback, nullptr) != ARCHIVE_OK)
            return archiveError(ErrorCode::Malformed);
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF)
            return makeError(ErrorCode::Truncated, u"the compressed stream is empty"_s);
        if (r < ARCHIVE_WARN)
            return archiveError(ErrorCode::Malformed);
        // No filter recognised the bytes: the raw format would hand them back undecoded.
        if (archive_filter_count(a) < 2)
            return makeError(ErrorCode::Malformed, u"the stream is not %1 data"_s.arg(name));
        return Ok{};
    }

    ByteStream &in;
    std::vector<char> buffer;
    archive *a = archive_read_new();
    std::optional<Error> sourceError;
    bool opened = false;
    bool supported = false;
    QString name;
    std::optional<Error> failed; // sticky
};

namespace {

// Enables the one filter for `c`: ARCHIVE_OK when built in, ARCHIVE_WARN when libarchive would run
// an external program (not a decoder Strata will run), ARCHIVE_FATAL when there is none.
int supportFilter(archive *a, mediatype::Compression c)
{
    using mediatype::Compression;
    switch (c) {
    case Compression::Xz: return archive_read_support_filter_xz(a);
    case Compression::Bzip2: return archive_read_support_filter_bzip2(a);
    case Compression::Lz4: return archive_read_support_filter_lz4(a);
    case Compression::None:
    case Compression::Gzip:
    case Compression::Zstd:
    case Compression::Unknown: break;
    }
    return ARCHIVE_FATAL;
}

} // namespace

bool FilterStream::handles(mediatype::Compression c)
{
    archive *a = archive_read_new();
    const int r = supportFilter(a, c);
    archive_read_free(a);
    return r == ARCHIVE_OK;
}

FilterStream::FilterStream(ByteStream &compressed, mediatype::Compression c) : d(std::make_unique<Impl>(compressed))
{
    // Only the one filter: the raw format passes a stream no filter claims through undecoded, so
    // without the filter the first read fails instead (see read).
    d->supported = supportFilter(d->a, c) == ARCHIVE_OK;
    d->name = mediatype::compressionName(c);
    archive_read_support_format_raw(d->a);
}

FilterStream::~FilterStream()
{
    archive_read_free(d->a);
}

Result<qint64> FilterStream::read(char *buf, qint64 max)
{
    if (d->failed)
        return *d->failed;
    if (!d->opened) {
        d->opened = true;
        if (Status s = d->open(); !s) {
            d->failed = s.error();
            return *d->failed;
        }
    }
    const la_ssize_t n = archive_read_data(d->a, buf, static_cast<size_t>(max));
    if (n < 0) {
        d->failed = d->archiveError(ErrorCode::Malformed);
        return *d->failed;
    }
    return static_cast<qint64>(n);
}

const std::optional<Error> &FilterStream::sourceError() const
{
    return d->sourceError;
}

} // namespace strata
