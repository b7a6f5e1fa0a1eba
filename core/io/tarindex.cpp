// SPDX-License-Identifier: MIT
// A header-only tar scanner: ustar, pax ('x', 'g') and GNU long names ('L', 'K').
#include "tarindex.h"
#include "json/jsonlimits.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr qint64 Block = 512;

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

// Octal with optional spaces/NULs, or GNU base-256 when the high bit is set.
bool parseNumber(const char *p, int len, qint64 *out)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    if (u[0] & 0x80) {
        if (u[0] & 0x40)
            return false; // negative
        quint64 v = u[0] & 0x3f;
        for (int i = 1; i < len; ++i) {
            if (v > (quint64(1) << 54))
                return false; // would overflow 63 bits
            v = (v << 8) | u[i];
        }
        *out = static_cast<qint64>(v);
        return true;
    }
    int i = 0;
    while (i < len && (p[i] == ' ' || p[i] == 0))
        ++i;
    quint64 v = 0;
    bool any = false;
    for (; i < len && p[i] >= '0' && p[i] <= '7'; ++i) {
        v = (v << 3) | quint64(p[i] - '0');
        any = true;
    }
    for (; i < len; ++i) {
        if (p[i] != ' ' && p[i] != 0)
            return false;
    }
    *out = any ? static_cast<qint64>(v) : 0;
    return true;
}

bool checksumOk(const char *h)
{
    qint64 stored = 0;
    if (!parseNumber(h + 148, 8, &stored))
        return false;
    quint32 unsignedSum = 0;
    qint32 signedSum = 0;
    for (int i = 0; i < 512; ++i) {
        const bool inField = i >= 148 && i < 156;
        unsignedSum += inField ? ' ' : static_cast<unsigned char>(h[i]);
        signedSum += inField ? ' ' : static_cast<signed char>(h[i]);
    }
    return stored == unsignedSum || stored == signedSum;
}

QString field(const char *p, int len)
{
    return QString::fromUtf8(p, static_cast<qsizetype>(strnlen(p, static_cast<size_t>(len))));
}

bool isZeroBlock(const char *h)
{
    for (int i = 0; i < 512; ++i) {
        if (h[i])
            return false;
    }
    return true;
}

// pax records: "<len> key=value\n"
void parsePax(const QByteArray &data, QString *path, QString *linkPath, qint64 *size)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype sp = data.indexOf(' ', pos);
        if (sp < 0)
            return;
        bool ok = false;
        const qint64 recLen = data.mid(pos, sp - pos).toLongLong(&ok);
        if (!ok || recLen <= sp - pos || pos + recLen > data.size())
            return;
        const QByteArray rec = data.mid(sp + 1, recLen - (sp - pos) - 2); // drop trailing '\n'
        const qsizetype eq = rec.indexOf('=');
        if (eq > 0) {
            const QByteArray key = rec.left(eq);
            const QByteArray value = rec.mid(eq + 1);
            if (key == "path")
                *path = QString::fromUtf8(value);
            else if (key == "linkpath")
                *linkPath = QString::fromUtf8(value);
            else if (key == "size")
                *size = value.toLongLong();
        }
        pos += recLen;
    }
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
    return isZeroBlock(block) || checksumOk(block);
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
    QString pendingPath, pendingLink;
    qint64 pendingSize = -1;
    bool first = true;

    while (true) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s, file->path());
        if (pos + Block > fileSize) {
            if (pos < fileSize || !idx.sawEndMarker) {
                if (first)
                    return makeError(ErrorCode::NotAnImage, u"not a tar archive (too short)"_s, file->path());
                idx.truncated = true;
                idx.truncationNote = u"the archive ends at byte %1 without its end-of-archive blocks"_s.arg(fileSize);
            }
            break;
        }
        if (!readFully(file->fd(), h, Block, pos))
            return makeError(ErrorCode::Io, u"cannot read the tar header at byte %1"_s.arg(pos), file->path());
        if (isZeroBlock(h)) {
            idx.sawEndMarker = true;
            break; // end of archive (a second zero block normally follows; one is enough)
        }
        if (!checksumOk(h)) {
            if (first)
                return makeError(ErrorCode::NotAnImage, u"not a tar archive (no valid tar header at the start)"_s,
                                 file->path());
            return makeError(ErrorCode::Malformed, u"bad tar header checksum at byte %1"_s.arg(pos), file->path());
        }
        first = false;
        qint64 size = 0;
        if (!parseNumber(h + 124, 12, &size))
            return makeError(ErrorCode::Malformed, u"bad size field in the tar header at byte %1"_s.arg(pos),
                             file->path());
        const char type = h[156];
        const qint64 dataOffset = pos + Block;
        const qint64 padded = (size + Block - 1) / Block * Block;
        if (size < 0 || padded < size)
            return makeError(ErrorCode::Malformed, u"impossible member size at byte %1"_s.arg(pos), file->path());

        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
            if (size > 1024 * 1024)
                return makeError(ErrorCode::TooLarge, u"extended tar header of %1 bytes at byte %2"_s.arg(size).arg(pos),
                                 file->path());
            QByteArray data(size, Qt::Uninitialized);
            if (dataOffset + size > fileSize || !readFully(file->fd(), data.data(), size, dataOffset)) {
                idx.truncated = true;
                idx.truncationNote = u"the archive ends inside an extended header at byte %1"_s.arg(pos);
                break;
            }
            if (type == 'x')
                parsePax(data, &pendingPath, &pendingLink, &pendingSize);
            else if (type == 'L')
                pendingPath = QString::fromUtf8(data.constData(), static_cast<qsizetype>(strnlen(data.constData(), size)));
            else if (type == 'K')
                pendingLink = QString::fromUtf8(data.constData(), static_cast<qsizetype>(strnlen(data.constData(), size)));
            pos = dataOffset + padded;
            continue;
        }

        TarMember m;
        if (!pendingPath.isEmpty()) {
            m.rawName = pendingPath;
        } else {
            const bool ustar = std::memcmp(h + 257, "ustar\0", 6) == 0;
            const QString prefix = ustar ? field(h + 345, 155) : QString();
            const QString name = field(h, 100);
            m.rawName = prefix.isEmpty() ? name : prefix + u'/' + name;
        }
        m.linkTarget = pendingLink.isEmpty() ? field(h + 157, 100) : pendingLink;
        if (pendingSize >= 0)
            size = pendingSize;
        pendingPath.clear();
        pendingLink.clear();
        pendingSize = -1;
        m.size = size;
        m.dataOffset = dataOffset;
        switch (type) {
        case '0': case '\0': case '7': m.type = TarMember::Type::File; break;
        case '1': m.type = TarMember::Type::Hardlink; m.size = 0; break;
        case '2': m.type = TarMember::Type::Symlink; m.size = 0; break;
        case '5': m.type = TarMember::Type::Directory; break;
        default: m.type = TarMember::Type::Other; break;
        }
        // Skip whatever the header says follows, whatever the type (a pax hard link may carry data).
        const qint64 dataLen = size;
        const qint64 paddedLen = (dataLen + Block - 1) / Block * Block;
        if (dataOffset + dataLen > fileSize) {
            m.truncated = true;
            idx.truncated = true;
            idx.truncationNote = u"member \"%1\" is cut off: it needs %2 bytes but the file ends after %3"_s.arg(
                                     m.rawName.left(200))
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
                             u"more than %1 members; Strata stops there"_s.arg(limits::MaxArchiveEntries), file->path());
        if (m.truncated)
            break;
        pos = dataOffset + paddedLen;
    }
    return idx;
}

} // namespace strata
