// SPDX-License-Identifier: MIT
// Expected vs computed values as HTML, with the characters that differ marked.
#pragma once

#include <QString>

namespace strata::ui {

struct MarkedPair
{
    QString expected;  // HTML
    QString actual;    // HTML
    int differing = 0; // characters marked in the longer of the two
};

class DiffMarkup final
{
public:
    // Compares position by position (digests and sizes line up); characters past the shorter string
    // count as differing. Each differing run is wrapped in <span style="background:`background`">.
    static MarkedPair mark(const QString &expected, const QString &actual, const QString &background);
};

} // namespace strata::ui
