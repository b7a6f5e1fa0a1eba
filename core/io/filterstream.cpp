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
        if (archive_read_open(a, this, nullptr, readCallback, nullptr) != ARCHIVE_OK)
            return archiveError(ErrorCode::Malformed);
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF)
            return makeError(ErrorCode::Truncated, u"the compressed stream is empty"_s);
        if (r < ARCHIVE_WARN)
            return archiveError(ErrorCode::Malformed);
        return Ok{};
    }

    ByteStream &in;
    std::vector<char> buffer;
    archive *a = archive_read_new();
    std::optional<Error> sourceError;
    bool opened = false;
    std::optional<Error> failed; // sticky
};

bool FilterStream::handles(mediatype::Compression c)
{
    using mediatype::Compression;
    if (c != Compression::Xz && c != Compression::Bzip2)
        return false;
    // ARCHIVE_WARN means "through an external program": not a decoder Strata will run.
    archive *a = archive_read_new();
    const int r = c == Compression::Xz ? archive_read_support_filter_xz(a) : archive_read_support_filter_bzip2(a);
    archive_read_free(a);
    return r == ARCHIVE_OK;
}

FilterStream::FilterStream(ByteStream &compressed) : d(std::make_unique<Impl>(compressed))
{
    // Only these two: a stream that is neither is passed through by the raw format, undecoded, and
    // the callers sniffed the compression before choosing this stream.
    archive_read_support_filter_xz(d->a);
    archive_read_support_filter_bzip2(d->a);
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
