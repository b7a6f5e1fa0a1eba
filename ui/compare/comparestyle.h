// SPDX-License-Identifier: MIT
// How a difference looks in the compare window: colour (light and dark palettes), icon, accessible text.
#pragma once

#include "core/compare/comparison.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPalette>

namespace strata::ui {

enum class DiffKind { Same, Changed, Added, Removed, Metadata };

DiffKind diffKindOf(LayerPair::Status s);
DiffKind diffKindOf(FileChange::Status s);

class CompareStyle final
{
    Q_DECLARE_TR_FUNCTIONS(CompareStyle)
public:
    // Text colour readable on `palette`'s base; Same uses the palette's own text colour.
    static QColor color(DiffKind k, const QPalette &palette);
    // A soft background for a changed cell or a diff line.
    static QColor background(DiffKind k, const QPalette &palette);
    // A coloured badge with a mark (+ − ± ·), so the icon alone tells the kind; Same: an empty one of the same size.
    static QIcon icon(DiffKind k);
    static QString label(DiffKind k);      // "added", "removed", …
    static QString accessible(DiffKind k); // "Added: " prefix for screen readers
};

} // namespace strata::ui
