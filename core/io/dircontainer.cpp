// SPDX-License-Identifier: MIT
// Folder access confined beneath the folder: no symlinks, only regular files (as ggcr
// pkg/v1/layout/blob.go openBlob, commit 7f937fe5).
#include "core/io/dircontainer.h"
#include "core/io/filerange.h"
#include "core/io/tarindex.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

Result<std::shared_ptr<DirContainer>> DirContainer::openFolder(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return makeError(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                         QString::fromLocal8Bit(std::strerror(errno)), path);
    std::shared_ptr<DirContainer> c(new DirContainer);
    c->m_path = path;
    c->m_dirFd = fd;
    return c;
}

DirContainer::~DirContainer()
{
    if (m_dirFd >= 0)
        ::close(m_dirFd);
}

Result<std::shared_ptr<SharedFd>> DirContainer::openFile(const QString &name) const
{
    const QString norm = normaliseMemberName(name);
    const QString display = m_path + u'/' + name;
    if (norm.isEmpty())
        return makeError(ErrorCode::UnsafePath, u"the name \"%1\" leaves the folder"_s.arg(name.left(200)), m_path);
    const QStringList parts = norm.split(u'/');
    int dir = m_dirFd;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const int next =
            ::openat(dir, QFile::encodeName(parts[i]).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int err = errno;
        if (dir != m_dirFd)
            ::close(dir);
        if (next < 0) {
            if (err == ELOOP || err == ENOTDIR)
                return makeError(
                    ErrorCode::UnsafePath,
                    u"\"%1\" is a symbolic link or not a folder; Strata does not follow it"_s.arg(parts[i]), display);
            return makeError(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                             QString::fromLocal8Bit(std::strerror(err)), display);
        }
        dir = next;
    }
    Result<std::shared_ptr<SharedFd>> f = SharedFd::openAt(dir, QFile::encodeName(parts.last()), display);
    if (dir != m_dirFd)
        ::close(dir);
    return f;
}

Result<MemberStat> DirContainer::stat(const QString &name) const
{
    Result<std::shared_ptr<SharedFd>> f = openFile(name);
    if (!f)
        return f.error();
    return MemberStat{name, name, f.value()->size(), false};
}

Result<ByteStreamPtr> DirContainer::open(const QString &name) const
{
    Result<std::shared_ptr<SharedFd>> f = openFile(name);
    if (!f)
        return f.error();
    const qint64 size = f.value()->size();
    return ByteStreamPtr(std::make_unique<FileRangeStream>(f.value(), 0, size));
}

QStringList DirContainer::list(const QString &dirName) const
{
    QStringList out;
    const QString norm = dirName.isEmpty() ? QString() : normaliseMemberName(dirName);
    if (!dirName.isEmpty() && norm.isEmpty())
        return out;
    QDir d(m_path + u'/' + norm);
    const QFileInfoList infos =
        d.entryInfoList(QDir::Files | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : infos)
        out << (norm.isEmpty() ? fi.fileName() : norm + u'/' + fi.fileName());
    return out;
}

} // namespace strata
