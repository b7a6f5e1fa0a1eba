// SPDX-License-Identifier: MIT
// Byte counts as people read them (SI units, C locale).
#include "core/format/sizeformat.h"

#include <QLocale>
#include <iterator>

using namespace Qt::StringLiterals;

namespace strata::format {

QString sizeText(qint64 bytes, int decimals)
{
    if (bytes < 0)
        return {};
    if (bytes < 1000)
        return bytes == 1 ? u"1 byte"_s : QString::number(bytes) + u" bytes"_s;
    static const char16_t *const units[] = {u"kB", u"MB", u"GB", u"TB", u"PB", u"EB"};
    decimals = qBound(0, decimals, 3);
    double scale = 1000.0;
    int unit = 0;
    while (unit + 1 < int(std::size(units)) && double(bytes) >= scale * 1000.0) {
        scale *= 1000.0;
        ++unit;
    }
    QString number = QLocale::c().toString(double(bytes) / scale, 'f', decimals);
    // 999,960 bytes is 999.96 kB, which prints as "1000.0": say "1.0 MB" instead.
    if (unit + 1 < int(std::size(units)) && (number.startsWith(u"1000") && (number.size() == 4 || number[4] == u'.'))) {
        ++unit;
        number = QLocale::c().toString(1.0, 'f', decimals);
    }
    return number + u' ' + QString::fromUtf16(units[unit]);
}

QString exactBytes(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return bytes == 1 ? u"1 byte"_s : countText(bytes) + u" bytes"_s;
}

QString countText(qint64 count)
{
    if (count < 0)
        return {};
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions); // the C locale omits group separators unless told
    return c.toString(count);
}

} // namespace strata::format
