// SPDX-License-Identifier: MIT
// A byte range of an open file read with pread, so many readers can share one descriptor.
#pragma once

#include "core/io/bytestream.h"

#include <QString>
#include <memory>

namespace strata {

// An open file descriptor, closed when the last user goes away.
class SharedFd final
{
public:
    // Opens read-only, never following a final symlink, and requires a regular file
    // (FIFOs and devices would block a read). Errors: NotFound, Io, UnsafePath.
    static Result<std::shared_ptr<SharedFd>> open(const QString &path);
    static Result<std::shared_ptr<SharedFd>> openAt(int dirFd, const QByteArray &name, const QString &displayPath);
    explicit SharedFd(int fd, qint64 size, QString path) : m_fd(fd), m_size(size), m_path(std::move(path)) {}
    ~SharedFd();
    Q_DISABLE_COPY_MOVE(SharedFd)

    int fd() const { return m_fd; }
    qint64 size() const { return m_size; }
    const QString &path() const { return m_path; }

private:
    int m_fd;
    qint64 m_size;
    QString m_path;
};

class FileRangeStream final : public ByteStream
{
public:
    FileRangeStream(std::shared_ptr<SharedFd> fd, qint64 offset, qint64 length);
    Result<qint64> read(char *buf, qint64 max) override;
    qint64 size() const override { return m_length; }

private:
    std::shared_ptr<SharedFd> m_fd;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_pos = 0;
};

} // namespace strata
