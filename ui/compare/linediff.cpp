// SPDX-License-Identifier: MIT
// LCS line diff.
#include "ui/compare/linediff.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace strata::ui {

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    for (QString &l : lines) {
        if (l.endsWith(u'\r'))
            l.chop(1);
    }
    return lines;
}

QList<DiffLine> lineDiff(const QStringList &left, const QStringList &right, qint64 maxCells)
{
    qsizetype pre = 0;
    while (pre < left.size() && pre < right.size() && left[pre] == right[pre])
        ++pre;
    qsizetype suf = 0;
    while (suf < left.size() - pre && suf < right.size() - pre &&
           left[left.size() - 1 - suf] == right[right.size() - 1 - suf])
        ++suf;
    QList<DiffLine> out;
    for (qsizetype i = 0; i < pre; ++i)
        out.append({DiffLine::Kind::Same, left[i]});
    const qsizetype n = left.size() - pre - suf;
    const qsizetype m = right.size() - pre - suf;
    if (qint64(n + 1) * (m + 1) > maxCells) {
        for (qsizetype i = 0; i < n; ++i)
            out.append({DiffLine::Kind::Removed, left[pre + i]});
        for (qsizetype j = 0; j < m; ++j)
            out.append({DiffLine::Kind::Added, right[pre + j]});
    } else {
        // lcs[i][j]: LCS length of left[pre+i..] and right[pre+j..]
        std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
        const auto at = [&](qsizetype i, qsizetype j) -> int & { return lcs[size_t(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j)
                at(i, j) = left[pre + i] == right[pre + j] ? at(i + 1, j + 1) + 1 : qMax(at(i + 1, j), at(i, j + 1));
        }
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && left[pre + i] == right[pre + j]) {
                out.append({DiffLine::Kind::Same, left[pre + i]});
                ++i;
                ++j;
            } else if (i < n && (j >= m || at(i + 1, j) >= at(i, j + 1))) {
                out.append({DiffLine::Kind::Removed, left[pre + i]});
                ++i;
            } else {
                out.append({DiffLine::Kind::Added, right[pre + j]});
                ++j;
            }
        }
    }
    for (qsizetype k = left.size() - suf; k < left.size(); ++k)
        out.append({DiffLine::Kind::Same, left[k]});
    return out;
}

QString diffText(const QList<DiffLine> &lines)
{
    QString out;
    for (const DiffLine &l : lines) {
        out += l.kind == DiffLine::Kind::Same ? u"  "_s : l.kind == DiffLine::Kind::Removed ? u"- "_s : u"+ "_s;
        out += l.text;
        out += u'\n';
    }
    return out;
}

} // namespace strata::ui
