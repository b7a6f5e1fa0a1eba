// SPDX-License-Identifier: MIT
// Strata's own small SVG icons, rendered by QtSvg with the palette's text colour for `currentColor`.
#pragma once

#include <QIcon>
#include <QString>

namespace strata::ui {

class SvgIcon final
{
public:
    // An icon that scales crisply to any size; a null icon when the file cannot be read or is not valid SVG.
    // `currentColor` takes the palette's window text colour when the icon is painted (the disabled one for
    // QIcon::Disabled), so monochrome icons follow light and dark themes and palette changes.
    static QIcon load(const QString &path);
};

} // namespace strata::ui
