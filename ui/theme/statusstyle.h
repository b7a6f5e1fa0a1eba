// SPDX-License-Identifier: MIT
// The one place that decides how a status looks: colour (light and dark palettes), icon, and kind icons.
#pragma once

#include "core/model/imagegraph.h"
#include "ui/models/rowstatus.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace strata::ui {

class StatusStyle final
{
public:
    // A text colour readable on `palette`'s base: darker shades on light themes, lighter on dark ones.
    static QColor color(RowStatus s, const QPalette &palette);
    // The colour of a parent row that has a failure below it.
    static QColor failureBelowColor(const QPalette &palette);
    static QIcon icon(RowStatus s, bool failureBelow = false);
    static QIcon kindIcon(NodeKind kind, bool attestation = false);
    static QIcon historyIcon();
    // Background for characters that differ between expected and computed values.
    static QColor diffBackground(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    // Any icon in resources/icons/ by base name ("open-file").
    static QIcon namedIcon(const QString &name);
};

} // namespace strata::ui
