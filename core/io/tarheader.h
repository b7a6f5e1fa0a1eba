// SPDX-License-Identifier: MIT
// Tar header fields (POSIX ustar, pax 'x'/'g' records, GNU 'L'/'K' long names, base-256 numbers),
// shared by the outer-archive index and the layer lister.
#pragma once

#include <QByteArray>
#include <QString>

namespace strata::tar {

inline constexpr qint64 BlockSize = 512;

// Octal with optional spaces/NULs, or GNU base-256 when the high bit is set. False when invalid,
// negative or over 2^62.
bool parseNumber(const char *field, int len, qint64 *out);
bool checksumOk(const char *header);
bool isZeroBlock(const char *block);
// A NUL-terminated field of at most `len` bytes, as UTF-8.
QString field(const char *p, int len);

// What pax extended headers and GNU long-name records override in the next header.
struct Overrides
{
    QString path;
    QString linkPath;
    qint64 size = -1;
    qint64 uid = -1;
    qint64 gid = -1;
    qint64 mtime = -1;
    bool invalidSize = false; // a pax size that is not an integer in [0, 2^62]: the next header cannot be found
    bool any() const
    {
        return !path.isEmpty() || !linkPath.isEmpty() || size >= 0 || uid >= 0 || gid >= 0 || mtime >= 0;
    }
};
// pax records: "<len> key=value\n"; malformed records end the parse.
void parsePax(const QByteArray &data, Overrides *o);

struct Header
{
    QString name; // as stored, with the ustar prefix joined and overrides applied
    QString linkTarget;
    char type = '0';
    qint64 size = 0;
    qint64 mode = 0;
    qint64 uid = 0;
    qint64 gid = 0;
    qint64 mtime = 0;
};
// Parses a header block whose checksum is valid. False when a numeric field (or the pax size) is invalid.
bool parseHeader(const char *block, const Overrides &o, Header *out);

qint64 paddedSize(qint64 size);

} // namespace strata::tar
