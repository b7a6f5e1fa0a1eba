// SPDX-License-Identifier: MIT
// A header-only tar scanner: ustar, pax ('x', 'g') and GNU long names ('L', 'K').
#include "core/io/tarindex.h"
#include "core/io/tarheader.h"
#include "core/json/jsonlimits.h"
#include "core/logging.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

using tar::BlockSize;

bool readFully(int fd, char *buf, qint64 len, qint64 offset)
{
    qint64 got = 0;
    while (got < len) {
        const ssize_t n = ::pread(fd, buf + got, static_cast<size_t>(len - got), offset + got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        got += n;
    }
    return true;
}

} // namespace

QString normaliseMemberName(const QString &raw)
{
    if (raw.isEmpty() || raw.contains(QChar(0)) || raw.startsWith(u'/'))
        return {};
    QStringList out;
    for (const QString &part : raw.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..")
            return {};
        out << part;
    }
    return out.join(u'/');
}

bool isTarHeaderBlock(const char *block)
{
    return tar::isZeroBlock(block) || tar::checksumOk(block);
}

QString resolveRelativeName(const QString &dir, const QString &target)
{
    if (target.isEmpty() || target.startsWith(u'/') || target.contains(QChar(0)))
        return {};
    QStringList out = dir.split(u'/', Qt::SkipEmptyParts);
    for (const QString &part : target.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part == u"..") {
            if (out.isEmpty())
                return {};
            out.removeLast();
            continue;
        }
        out << part;
    }
    return out.join(u'/');
}

const TarMember *TarIndex::find(const QString &name) const
{
    const auto it = byName.constFind(name);
    return it == byName.cend() ? nullptr : &members[*it];
}

Result<TarIndex> TarIndex::build(const std::shared_ptr<SharedFd> &file, JobContext *job)
{
    TarIndex idx;
    const qint64 fileSize = file->size();
    char h[512];
    qint64 pos = 0;
    tar::Overrides pending;
    bool first = true;

    while (true) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s, file->path());
        if (pos + BlockSize > fileSize) {
            if (first)
                return makeError(ErrorCode::NotAnImage, u"not a tar archive (too short)"_s, file->path());
            idx.truncated = true;
            idx.truncationNote = u"the archive ends at byte %1 without its end-of-archive blocks"_s.arg(fileSize);
            break;
        }
        if (!readFully(file->fd(), h, BlockSize, pos))
            return makeError(ErrorCode::Io, u"cannot read the tar header at byte %1"_s.arg(pos), file->path());
        if (tar::isZeroBlock(h)) {
            idx.sawEndMarker = true;
            break; // end of archive (a second zero block normally follows; one is enough)
        }
        if (!tar::checksumOk(h)) {
            if (first)
                return makeError(ErrorCode::NotAnImage, u"not a tar archive (no valid tar header at the start)"_s,
                                 file->path());
            // The size of what follows is unknown, so nothing after this can be found; keep what was read.
            idx.truncated = true;
            idx.truncationNote = u"bad tar header checksum at byte %1: the archive is damaged there and the members "
                                 "after it cannot be read"_s.arg(pos);
            break;
        }
        first = false;
        tar::Header hd;
        if (!tar::parseHeader(h, pending, &hd)) {
            idx.truncated = true; // as for a bad checksum: where the next header is, is unknown
            idx.truncationNote =
                u"bad numeric field in the tar header of \"%1\" at byte %2: the members after it "
                "cannot be read"_s.arg((pending.path.isEmpty() ? tar::field(h, 100) : pending.path).left(200))
                    .arg(pos);
            break;
        }
        const qint64 dataOffset = pos + BlockSize;
        const char type = hd.type;

        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            if (hd.size > 1024 * 1024)
                return makeError(ErrorCode::TooLarge,
                                 u"extended tar header of %1 bytes at byte %2"_s.arg(hd.size).arg(pos), file->path());
            QByteArray data(hd.size, Qt::Uninitialized);
            if (dataOffset + hd.size > fileSize || !readFully(file->fd(), data.data(), hd.size, dataOffset)) {
                idx.truncated = true;
                idx.truncationNote = u"the archive ends inside an extended header at byte %1"_s.arg(pos);
                break;
            }
            const QString text =
                QString::fromUtf8(data.constData(), static_cast<qsizetype>(strnlen(data.constData(), hd.size)));
            if (type == 'x')
                tar::parsePax(data, &pending);
            else if (type == 'L')
                pending.path = text;
            else if (type == 'K')
                pending.linkPath = text;
            pos = dataOffset + tar::paddedSize(hd.size);
            continue;
        }
        pending = tar::Overrides{};

        TarMember m;
        m.rawName = hd.name;
        m.linkTarget = hd.linkTarget;
        m.size = hd.size;
        m.dataOffset = dataOffset;
        switch (type) {
        case '0':
        case '\0':
        case '7': m.type = TarMember::Type::File; break;
        case '1':
            m.type = TarMember::Type::Hardlink;
            m.size = 0;
            break;
        case '2':
            m.type = TarMember::Type::Symlink;
            m.size = 0;
            break;
        case '5': m.type = TarMember::Type::Directory; break;
        default: m.type = TarMember::Type::Other; break;
        }
        // Skip whatever the header says follows, whatever the type (a pax hard link may carry data).
        const qint64 dataLen = hd.size;
        if (dataLen > fileSize - dataOffset) { // a pax size may be near 2^63: never add it to an offset first
            m.truncated = true;
            idx.truncated = true;
            idx.truncationNote =
                u"member \"%1\" is cut off: it needs %2 bytes but the file ends after %3"_s.arg(m.rawName.left(200))
                    .arg(dataLen)
                    .arg(fileSize - dataOffset);
        }
        if (m.rawName.size() > limits::MaxPathLength)
            return makeError(ErrorCode::TooLarge, u"a member name of %1 characters"_s.arg(m.rawName.size()),
                             file->path());
        m.name = normaliseMemberName(m.rawName);
        if (m.name.isEmpty() && m.type != TarMember::Type::Directory) {
            idx.unsafeNames << m.rawName.left(300);
        } else if (!m.name.isEmpty()) {
            if (idx.byName.contains(m.name))
                idx.duplicateNames << m.name;
            else
                idx.byName.insert(m.name, idx.members.size());
        }
        idx.members << m;
        if (idx.members.size() > limits::MaxArchiveEntries)
            return makeError(ErrorCode::TooLarge,
                             u"more than %1 members; Strata stops there"_s.arg(limits::MaxArchiveEntries),
                             file->path());
        if (m.truncated)
            break;
        pos = dataOffset + tar::paddedSize(dataLen);
    }
    qCDebug(lcIo) << "tar index of" << file->path() << ":" << idx.members.size() << "members";
    return idx;
}

} // namespace strata
