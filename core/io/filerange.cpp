// SPDX-License-Identifier: MIT
// pread-based file ranges.
#include "core/io/filerange.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

Result<std::shared_ptr<SharedFd>> adopt(int fd, const QString &display)
{
    if (fd < 0) {
        const int err = errno;
        if (err == ELOOP)
            return makeError(ErrorCode::UnsafePath, u"is a symbolic link; Strata does not follow links here"_s,
                             display);
        if (err == ENOENT || err == ENOTDIR)
            return makeError(ErrorCode::NotFound, u"does not exist"_s, display);
        return makeError(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(err)), display);
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::UnsafePath, u"is not a regular file"_s, display);
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return std::make_shared<SharedFd>(fd, static_cast<qint64>(st.st_size), display);
}

} // namespace

Result<std::shared_ptr<SharedFd>> SharedFd::open(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK so that opening a FIFO cannot hang; fstat then refuses it.
    return adopt(::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK), path);
}

Result<std::shared_ptr<SharedFd>> SharedFd::openAt(int dirFd, const QByteArray &name, const QString &displayPath)
{
    return adopt(::openat(dirFd, name.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK), displayPath);
}

SharedFd::~SharedFd()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

FileRangeStream::FileRangeStream(std::shared_ptr<SharedFd> fd, qint64 offset, qint64 length)
    : m_fd(std::move(fd)), m_offset(offset), m_length(length)
{
}

Result<qint64> FileRangeStream::read(char *buf, qint64 max)
{
    const qint64 want = qMin(max, m_length - m_pos);
    if (want <= 0)
        return qint64(0);
    for (;;) {
        const ssize_t n = ::pread(m_fd->fd(), buf, static_cast<size_t>(want), m_offset + m_pos);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)), m_fd->path());
        if (n == 0)
            return makeError(ErrorCode::Truncated, u"ended after %1 of %2 bytes"_s.arg(m_pos).arg(m_length),
                             m_fd->path());
        m_pos += n;
        return qint64(n);
    }
}

Result<QByteArray> readAllBounded(ByteStream &in, qint64 limit, const QString &context)
{
    if (in.size() > limit)
        return makeError(ErrorCode::TooLarge,
                         u"%1 bytes is over the %2-byte limit for this document"_s.arg(in.size()).arg(limit), context);
    QByteArray out;
    out.reserve(in.size() > 0 ? in.size() : 4096);
    char buf[65536];
    for (;;) {
        Result<qint64> n = in.read(buf, sizeof buf);
        if (!n) {
            Error e = n.error();
            e.context = context;
            return e;
        }
        if (n.value() == 0)
            break;
        if (out.size() + n.value() > limit)
            return makeError(ErrorCode::TooLarge, u"document is over the %1-byte limit"_s.arg(limit), context);
        out.append(buf, n.value());
    }
    return out;
}

} // namespace strata
