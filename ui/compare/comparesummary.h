// SPDX-License-Identifier: MIT
// The compare window's summary paragraph: verdict, layer and file counts in their diff colours.
#pragma once

#include "core/compare/comparison.h"

#include <QCoreApplication>
#include <QPalette>

namespace strata::ui {

class CompareSummary final
{
    Q_DECLARE_TR_FUNCTIONS(CompareSummary)

public:
    // Rich text for a QLabel; colours from CompareStyle for `palette` (light or dark).
    static QString html(const ImageComparison &c, const QPalette &palette);
};

} // namespace strata::ui
