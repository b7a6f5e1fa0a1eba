// SPDX-License-Identifier: MIT
#include "ui/theme/monospacefont.h"
#include "ui/logging.h"

#include <QFontDatabase>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

QFont choose()
{
    const QFont system = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (MonospaceFont::hexDigitsAlign(system))
        return system;
    // Families that Debian and other desktops ship with tabular digits; "monospace" last lets
    // fontconfig pick, with the style hint telling Qt's own matching what is wanted.
    const QStringList chain = {u"DejaVu Sans Mono"_s, u"Liberation Mono"_s, u"Noto Sans Mono"_s,
                               u"Noto Mono"_s,        u"Nimbus Mono PS"_s,  u"Cousine"_s,
                               u"Courier New"_s,      u"FreeMono"_s,        u"monospace"_s};
    for (const QString &family : chain) {
        QFont f(family, system.pointSize() > 0 ? system.pointSize() : 10);
        f.setStyleHint(QFont::Monospace, QFont::PreferMatch);
        f.setFixedPitch(true);
        if (MonospaceFont::hexDigitsAlign(f))
            return f;
    }
    qCWarning(lcFont) << "no installed font has hex digits of one width; digests may not line up:"
                      << QFontInfo(system).family();
    return system;
}

} // namespace

bool MonospaceFont::hexDigitsAlign(const QFont &font)
{
    const QFontMetricsF fm(font);
    const QString glyphs = u"0123456789abcdef:"_s;
    const qreal width = fm.horizontalAdvance(glyphs.at(0));
    if (width <= 0)
        return false;
    for (const QChar c : glyphs) {
        if (!qFuzzyCompare(fm.horizontalAdvance(c), width))
            return false;
    }
    return true;
}

QFont MonospaceFont::font()
{
    static const QFont chosen = choose();
    return chosen;
}

QString MonospaceFont::styleSheet()
{
    const QString family = QFontInfo(font()).family();
    return u"code, pre, tt { font-family: '%1'; }"_s.arg(family);
}

QString MonospaceFont::codeHtml(const QString &escapedHtml)
{
    return u"<code style=\"font-family:'%1'\">%2</code>"_s.arg(QFontInfo(font()).family(), escapedHtml);
}

} // namespace strata::ui
