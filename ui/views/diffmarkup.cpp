// SPDX-License-Identifier: MIT
// Character marking.
#include "ui/views/diffmarkup.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

QString markOne(const QString &s, const QString &other, const QString &background, int *count)
{
    QString out;
    bool open = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const bool differs = i >= other.size() || s[i] != other[i];
        if (differs != open) {
            out += differs ? u"<span style=\"background:%1; font-weight:bold\">"_s.arg(background) : u"</span>"_s;
            open = differs;
        }
        if (differs && count)
            ++*count;
        out += QString(s[i]).toHtmlEscaped();
    }
    if (open)
        out += u"</span>"_s;
    return out;
}

} // namespace

MarkedPair DiffMarkup::mark(const QString &expected, const QString &actual, const QString &background)
{
    MarkedPair p;
    int a = 0, b = 0;
    p.expected = markOne(expected, actual, background, &a);
    p.actual = markOne(actual, expected, background, &b);
    p.differing = qMax(a, b);
    return p;
}

} // namespace strata::ui
