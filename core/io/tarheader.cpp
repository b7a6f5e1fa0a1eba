// SPDX-License-Identifier: MIT
// Tar header field parsing.
#include "core/io/tarheader.h"

#include <cstring>

namespace strata::tar {

bool parseNumber(const char *p, int len, qint64 *out)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    if (u[0] & 0x80) {
        if (u[0] & 0x40)
            return false; // negative
        quint64 v = u[0] & 0x3f;
        for (int i = 1; i < len; ++i) {
            if (v > (quint64(1) << 54))
                return false; // would pass 2^62
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

bool isZeroBlock(const char *h)
{
    for (int i = 0; i < 512; ++i) {
        if (h[i])
            return false;
    }
    return true;
}

QString field(const char *p, int len)
{
    return QString::fromUtf8(p, static_cast<qsizetype>(strnlen(p, static_cast<size_t>(len))));
}

void parsePax(const QByteArray &data, Overrides *o)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype sp = data.indexOf(' ', pos);
        if (sp < 0)
            return;
        bool ok = false;
        const qint64 recLen = data.mid(pos, sp - pos).toLongLong(&ok);
        if (!ok || recLen <= sp - pos + 1 || pos + recLen > data.size())
            return;
        const QByteArray rec = data.mid(sp + 1, recLen - (sp - pos) - 2); // drop the trailing '\n'
        const qsizetype eq = rec.indexOf('=');
        if (eq > 0) {
            const QByteArray key = rec.left(eq);
            const QByteArray value = rec.mid(eq + 1);
            if (key == "path")
                o->path = QString::fromUtf8(value);
            else if (key == "linkpath")
                o->linkPath = QString::fromUtf8(value);
            else if (key == "size") {
                bool okSize = false;
                o->size = value.toLongLong(&okSize);
                // Over 2^62 is refused as parseNumber refuses it: paddedSize() and offsets must not overflow.
                o->invalidSize = !okSize || o->size < 0 || o->size > (qint64(1) << 62);
            } else if (key == "uid")
                o->uid = value.toLongLong();
            else if (key == "gid")
                o->gid = value.toLongLong();
            else if (key == "mtime") {
                // Converting an out-of-range double is undefined behaviour: keep only representable times.
                bool okTime = false;
                const double t = value.toDouble(&okTime);
                if (okTime && t >= 0 && t < 9.0e18)
                    o->mtime = static_cast<qint64>(t);
            }
        }
        pos += recLen;
    }
}

bool parseHeader(const char *h, const Overrides &o, Header *out)
{
    Header r;
    if (o.invalidSize || !parseNumber(h + 124, 12, &r.size) || !parseNumber(h + 100, 8, &r.mode))
        return false;
    // uid/gid/mtime are informative: a junk value is shown as 0, not a reason to stop listing.
    if (!parseNumber(h + 108, 8, &r.uid))
        r.uid = 0;
    if (!parseNumber(h + 116, 8, &r.gid))
        r.gid = 0;
    if (!parseNumber(h + 136, 12, &r.mtime))
        r.mtime = 0;
    r.type = h[156];
    if (!o.path.isEmpty()) {
        r.name = o.path;
    } else {
        const bool ustar = std::memcmp(h + 257, "ustar\0", 6) == 0;
        const QString prefix = ustar ? field(h + 345, 155) : QString();
        const QString name = field(h, 100);
        r.name = prefix.isEmpty() ? name : prefix + QLatin1Char('/') + name;
    }
    r.linkTarget = o.linkPath.isEmpty() ? field(h + 157, 100) : o.linkPath;
    if (o.size >= 0)
        r.size = o.size;
    if (o.uid >= 0)
        r.uid = o.uid;
    if (o.gid >= 0)
        r.gid = o.gid;
    if (o.mtime >= 0)
        r.mtime = o.mtime;
    *out = r;
    return true;
}

qint64 paddedSize(qint64 size)
{
    return (size + BlockSize - 1) / BlockSize * BlockSize;
}

} // namespace strata::tar
