// SPDX-License-Identifier: MIT
// The `ls -l` mode column.
#include "core/format/modestring.h"

namespace strata::format {

QString modeString(ModeType type, quint32 mode)
{
    QString s;
    s.reserve(10);
    s += QChar::fromLatin1(char(type));
    // One triplet: r, w, then x or the special bit's letter (lower case over x, upper case without x).
    const auto triplet = [&](int shift, quint32 special, char setLetter) {
        const quint32 bits = (mode >> shift) & 07;
        s += (bits & 04) ? u'r' : u'-';
        s += (bits & 02) ? u'w' : u'-';
        if (mode & special)
            s += QChar::fromLatin1((bits & 01) ? setLetter : char(setLetter - 'a' + 'A'));
        else
            s += (bits & 01) ? u'x' : u'-';
    };
    triplet(6, 04000, 's');
    triplet(3, 02000, 's');
    triplet(0, 01000, 't');
    return s;
}

} // namespace strata::format
