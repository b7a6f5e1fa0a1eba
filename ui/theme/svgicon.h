// SPDX-License-Identifier: MIT
// Renders Strata's own small SVG icons without QtSvg (not installed on the target Debian systems).
#pragma once

#include <QIcon>
#include <QString>

namespace strata::ui {

// Understands the subset the files in resources/icons/ use: svg viewBox, g, path (M L H V C S Q T Z,
// absolute and relative), circle, ellipse, rect (rx), line, polyline, polygon; fill, stroke,
// stroke-width, stroke-linecap/-linejoin, fill-rule, opacity; `currentColor` takes the palette's
// text colour at paint time, so monochrome icons follow light and dark themes. No transforms, arcs or text.
class SvgIcon final
{
public:
    // An icon that scales crisply to any size; a null icon when the file cannot be read or parsed.
    static QIcon load(const QString &path);
};

} // namespace strata::ui
