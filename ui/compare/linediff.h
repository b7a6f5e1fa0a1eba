// SPDX-License-Identifier: MIT
// A line diff by longest common subsequence, for small text files (the caller caps their size).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace strata::ui {

struct DiffLine
{
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
};

// Common prefix and suffix are trimmed first; the middle is an O(n·m) LCS table, and when that
// would exceed `maxCells` the middle is reported as all removed then all added (still correct, just
// not minimal). Removed lines come before added ones within a change.
QList<DiffLine> lineDiff(const QStringList &left, const QStringList &right, qint64 maxCells = 16'000'000);
// "  same", "- removed", "+ added", one per line.
QString diffText(const QList<DiffLine> &lines);
// Splits on \n, dropping one trailing empty line (a final newline is not an extra line).
QStringList splitLines(const QString &text);

} // namespace strata::ui
