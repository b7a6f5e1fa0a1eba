// SPDX-License-Identifier: MIT
// Tar archives as containers, with link resolution confined to the archive's own members.
#include "core/io/tarcontainer.h"
#include "core/io/decompressor.h"
#include "core/io/filterstream.h"
#include "core/json/jsonlimits.h"

#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

// Streams `in` through the decompressor into `outPath`. Memory stays at one chunk.
// The compressed input for a pull decoder: cancellation and progress per chunk.
class ProgressStream final : public ByteStream
{
public:
    ProgressStream(ByteStream &in, JobContext *job) : m_in(in), m_job(job) {}
    Result<qint64> read(char *buf, qint64 max) override
    {
        if (m_job && m_job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        Result<qint64> n = m_in.read(buf, max);
        if (n && m_job)
            m_job->addProgress(n.value());
        return n;
    }
    qint64 size() const override { return m_in.size(); }

private:
    ByteStream &m_in;
    JobContext *m_job;
};

// Pushes the decompressed bytes of `stream` (xz, bzip2, lz4: libarchive pulls them) into `sink`.
Status pullThroughFilter(ByteStream &stream, mediatype::Compression c, JobContext *job, const Decompressor::Sink &sink)
{
    ProgressStream counted(stream, job);
    FilterStream filter(counted, c);
    std::vector<char> buf(1 << 20);
    for (;;) {
        Result<qint64> n = filter.read(buf.data(), static_cast<qint64>(buf.size()));
        if (!n)
            return n.error();
        if (n.value() == 0)
            return Ok{};
        if (Status s = sink(buf.data(), n.value()); !s)
            return s;
    }
}

Status decompressToFile(const SharedFd &in, mediatype::Compression c, const QString &outPath, JobContext *job)
{
    auto dec = Decompressor::create(c);
    const bool filtered = !dec && FilterStream::handles(c);
    if (!dec && !filtered)
        return makeError(ErrorCode::Unsupported,
                         u"the archive is %1-compressed; Strata reads gzip, zstd, xz, bzip2 and lz4"_s.arg(
                             mediatype::compressionName(c)),
                         in.path());
    const int out = ::open(QFile::encodeName(outPath).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0)
        return makeError(ErrorCode::Io,
                         u"cannot create a temporary file: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))),
                         in.path());
    // A bomb must not fill the disk: the same ratio rule as layers, but refused, since the archive is
    // unusable without its whole tar (limits::MaxDecompressionRatio, MaxUncompressedBytes).
    const qint64 cap =
        qMin(limits::MaxUncompressedBytes, qMax(limits::MinRatioAllowance, limits::MaxDecompressionRatio * in.size()));
    qint64 written = 0;
    const auto sink = [out, cap, &written](const char *p, qint64 n) -> Status {
        written += n;
        if (written > cap)
            return makeError(ErrorCode::TooLarge,
                             u"it expands to more than %1 bytes (over %2× its size, a possible decompression bomb); "
                             "stopped there"_s.arg(cap)
                                 .arg(limits::MaxDecompressionRatio));
        while (n > 0) {
            const ssize_t w = ::write(out, p, static_cast<size_t>(n));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return makeError(ErrorCode::Io, u"cannot write the temporary file: %1"_s.arg(
                                                    QString::fromLocal8Bit(std::strerror(errno))));
            p += w;
            n -= w;
        }
        return Ok{};
    };
    FileRangeStream stream(std::make_shared<SharedFd>(::dup(in.fd()), in.size(), in.path()), 0, in.size());
    std::vector<char> buf(1 << 20);
    Status st = Ok{};
    if (filtered)
        st = pullThroughFilter(stream, c, job, sink);
    while (!filtered) {
        if (job && job->isCanceled()) {
            st = makeError(ErrorCode::Canceled, u"canceled"_s, in.path());
            break;
        }
        Result<qint64> n = stream.read(buf.data(), static_cast<qint64>(buf.size()));
        if (!n) {
            st = n.error();
            break;
        }
        if (n.value() == 0) {
            st = dec->finish(sink);
            break;
        }
        st = dec->feed(buf.data(), n.value(), sink);
        if (!st)
            break;
        if (job)
            job->addProgress(n.value());
    }
    ::close(out);
    if (!st) {
        Error e = st.error();
        e.context = in.path();
        e.message = u"cannot decompress the %1 archive: %2"_s.arg(mediatype::compressionName(c), e.message);
        return e;
    }
    return Ok{};
}

} // namespace

TarContainer::~TarContainer() = default;

Result<std::shared_ptr<TarContainer>> TarContainer::openArchive(const QString &path, JobContext *job)
{
    Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(path);
    if (!fd)
        return fd.error();
    std::shared_ptr<TarContainer> c(new TarContainer);
    c->m_path = path;
    char head[8] = {};
    const ssize_t got = ::pread(fd.value()->fd(), head, sizeof head, 0);
    c->m_outer = sniffCompression(head, got > 0 ? got : 0);
    if (c->m_outer != mediatype::Compression::None) {
        // containers/image does the same (docker/internal/tarfile/reader.go NewReaderFromStream):
        // members must be readable by offset, which a compressed stream cannot give.
        c->m_tempDir = std::make_unique<QTemporaryDir>();
        if (!c->m_tempDir->isValid())
            return makeError(ErrorCode::Io, u"cannot create a private temporary folder"_s, path);
        const QString tmp = c->m_tempDir->filePath(u"outer.tar"_s);
        if (job)
            job->setTotal(fd.value()->size());
        if (Status s = decompressToFile(*fd.value(), c->m_outer, tmp, job); !s)
            return s.error();
        Result<std::shared_ptr<SharedFd>> tfd = SharedFd::open(tmp);
        if (!tfd)
            return tfd.error();
        c->m_fd = tfd.value();
    } else {
        c->m_fd = fd.value();
    }
    Result<TarIndex> idx = TarIndex::build(c->m_fd, job);
    if (!idx) {
        Error e = idx.error();
        e.context = path;
        return e;
    }
    c->m_index = std::move(idx.value());
    return c;
}

Result<const TarMember *> TarContainer::resolve(const QString &name) const
{
    const QString norm = normaliseMemberName(name);
    if (norm.isEmpty())
        return makeError(ErrorCode::UnsafePath, u"the name \"%1\" leaves the archive"_s.arg(name.left(200)), m_path);
    const TarMember *m = m_index.find(norm);
    if (!m)
        return makeError(ErrorCode::NotFound, u"the archive has no member \"%1\""_s.arg(norm.left(200)), m_path);
    if (m->type == TarMember::Type::Symlink || m->type == TarMember::Type::Hardlink) {
        // Shared layers in legacy saves are symlinks to ../<id>/layer.tar (moby v24 save.go). Resolve one
        // level, by name, inside the archive only (containers/image openTarComponent does the same).
        QString target;
        if (m->type == TarMember::Type::Symlink) {
            if (m->linkTarget.startsWith(u'/'))
                return makeError(ErrorCode::UnsafePath,
                                 u"\"%1\" is a link to the absolute path \"%2\""_s.arg(norm, m->linkTarget.left(200)),
                                 m_path);
            const qsizetype slash = norm.lastIndexOf(u'/');
            target = resolveRelativeName(slash < 0 ? QString() : norm.left(slash), m->linkTarget);
            if (target.isEmpty())
                return makeError(ErrorCode::UnsafePath,
                                 u"\"%1\" links to \"%2\", outside the archive"_s.arg(norm, m->linkTarget.left(200)),
                                 m_path);
        } else {
            target = m->linkTarget;
        }
        const QString tnorm = normaliseMemberName(target);
        if (tnorm.isEmpty())
            return makeError(ErrorCode::UnsafePath,
                             u"\"%1\" links to \"%2\", outside the archive"_s.arg(norm, m->linkTarget.left(200)),
                             m_path);
        const TarMember *t = m_index.find(tnorm);
        if (!t)
            return makeError(ErrorCode::NotFound,
                             u"\"%1\" links to \"%2\", which the archive does not hold"_s.arg(norm, tnorm), m_path);
        if (t->type != TarMember::Type::File)
            return makeError(ErrorCode::UnsafePath,
                             u"\"%1\" links to \"%2\", which is not a regular file (a link chain or loop: only %3 "
                             "link level is followed)"_s.arg(norm, tnorm)
                                 .arg(limits::MaxLinkHops),
                             m_path);
        return t;
    }
    if (m->type != TarMember::Type::File)
        return makeError(ErrorCode::Malformed, u"\"%1\" is not a regular file"_s.arg(norm), m_path);
    return m;
}

Result<MemberStat> TarContainer::stat(const QString &name) const
{
    Result<const TarMember *> m = resolve(name);
    if (!m)
        return m.error();
    return MemberStat{name, m.value()->name, m.value()->size, m.value()->name != normaliseMemberName(name)};
}

Result<ByteStreamPtr> TarContainer::open(const QString &name) const
{
    Result<const TarMember *> m = resolve(name);
    if (!m)
        return m.error();
    const TarMember *t = m.value();
    // A truncated member is still opened: the stream reports the truncation when it runs out.
    return ByteStreamPtr(std::make_unique<FileRangeStream>(m_fd, t->dataOffset, t->size));
}

QStringList TarContainer::list(const QString &dir) const
{
    QStringList out;
    const QString prefix = dir.isEmpty() ? QString() : normaliseMemberName(dir) + u'/';
    for (const TarMember &m : m_index.members) {
        if (m.name.isEmpty() || !m.name.startsWith(prefix))
            continue;
        if (m.type != TarMember::Type::File && m.type != TarMember::Type::Symlink &&
            m.type != TarMember::Type::Hardlink)
            continue;
        const QString rest = m.name.mid(prefix.size());
        if (!rest.contains(u'/'))
            out << m.name;
    }
    return out;
}

QList<Error> TarContainer::structuralProblems() const
{
    QList<Error> out;
    for (const QString &n : m_index.unsafeNames)
        out << makeError(ErrorCode::UnsafePath,
                         u"member \"%1\" has a name that leaves the archive; it is ignored"_s.arg(n), m_path);
    for (const QString &n : m_index.duplicateNames)
        out << makeError(ErrorCode::Malformed,
                         u"member \"%1\" appears more than once (forbidden); the first is used"_s.arg(n), m_path);
    if (m_index.truncated)
        out << makeError(ErrorCode::Truncated, m_index.truncationNote, m_path);
    return out;
}

} // namespace strata
