// SPDX-License-Identifier: MIT
// Compare colours and icons. The badges are painted once per kind and cached.
#include "ui/compare/comparestyle.h"
#include "ui/theme/statusstyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace strata::ui {

DiffKind diffKindOf(LayerPair::Status s)
{
    switch (s) {
    case LayerPair::Status::Shared: return DiffKind::Same;
    case LayerPair::Status::Changed: return DiffKind::Changed;
    case LayerPair::Status::Added: return DiffKind::Added;
    case LayerPair::Status::Removed: return DiffKind::Removed;
    }
    return DiffKind::Same;
}

DiffKind diffKindOf(FileChange::Status s)
{
    switch (s) {
    case FileChange::Status::Added: return DiffKind::Added;
    case FileChange::Status::Removed: return DiffKind::Removed;
    case FileChange::Status::Modified: return DiffKind::Changed;
    case FileChange::Status::Metadata: return DiffKind::Metadata;
    }
    return DiffKind::Same;
}

QColor CompareStyle::color(DiffKind k, const QPalette &palette)
{
    const bool dark = StatusStyle::isDark(palette);
    // Contrast above 4.5:1 on white and on #1e1e1e, like StatusStyle.
    switch (k) {
    case DiffKind::Added: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x6e, 0x2c);
    case DiffKind::Removed: return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    case DiffKind::Changed: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0x9a, 0x4a, 0x00);
    case DiffKind::Metadata: return dark ? QColor(0x90, 0xca, 0xf9) : QColor(0x15, 0x59, 0xb0);
    case DiffKind::Same: break;
    }
    return palette.color(QPalette::Text);
}

QColor CompareStyle::background(DiffKind k, const QPalette &palette)
{
    const bool dark = StatusStyle::isDark(palette);
    switch (k) {
    case DiffKind::Added: return dark ? QColor(0x1f, 0x4d, 0x2a) : QColor(0xd7, 0xf5, 0xdd);
    case DiffKind::Removed: return dark ? QColor(0x5c, 0x22, 0x22) : QColor(0xff, 0xdc, 0xdc);
    case DiffKind::Changed: return dark ? QColor(0x5a, 0x40, 0x12) : QColor(0xff, 0xec, 0xc7);
    case DiffKind::Metadata: return dark ? QColor(0x1d, 0x3a, 0x5c) : QColor(0xdd, 0xeb, 0xfb);
    case DiffKind::Same: break;
    }
    return {};
}

QIcon CompareStyle::icon(DiffKind k)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(k));
    if (it != cache.end())
        return *it;
    QIcon icon;
    // A mid-tone badge with a white mark reads on light and dark backgrounds alike.
    // Same is an empty badge of the same size: rows without a change keep the height and indent of the others.
    const QColor fill = k == DiffKind::Same      ? QColor(Qt::transparent)
                        : k == DiffKind::Added   ? QColor(0x2e, 0x8b, 0x3e)
                        : k == DiffKind::Removed ? QColor(0xc6, 0x28, 0x28)
                        : k == DiffKind::Changed ? QColor(0xd0, 0x7a, 0x00)
                                                 : QColor(0x1e, 0x6f, 0xc8);
    for (int size : {16, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        const qreal m = size / 16.0;
        p.drawRoundedRect(QRectF(1 * m, 1 * m, 14 * m, 14 * m), 3 * m, 3 * m);
        p.setPen(QPen(Qt::white, 2 * m, Qt::SolidLine, Qt::RoundCap));
        const qreal c = size / 2.0;
        switch (k) {
        case DiffKind::Added:
            p.drawLine(QPointF(c, 4.5 * m), QPointF(c, 11.5 * m));
            p.drawLine(QPointF(4.5 * m, c), QPointF(11.5 * m, c));
            break;
        case DiffKind::Removed: p.drawLine(QPointF(4.5 * m, c), QPointF(11.5 * m, c)); break;
        case DiffKind::Metadata:
            p.setBrush(Qt::white);
            p.setPen(Qt::NoPen);
            p.drawEllipse(QPointF(c, c), 2.5 * m, 2.5 * m);
            break;
        case DiffKind::Changed: // ±, never '=' (which would read as "the same")
            p.drawLine(QPointF(c, 3.5 * m), QPointF(c, 8.5 * m));
            p.drawLine(QPointF(5.5 * m, 6 * m), QPointF(10.5 * m, 6 * m));
            p.drawLine(QPointF(5.5 * m, 11.5 * m), QPointF(10.5 * m, 11.5 * m));
            break;
        case DiffKind::Same: break;
        }
        p.end();
        icon.addPixmap(pm);
    }
    return *cache.insert(int(k), icon);
}

QString CompareStyle::label(DiffKind k)
{
    switch (k) {
    case DiffKind::Same: return tr("same");
    case DiffKind::Changed: return tr("changed");
    case DiffKind::Added: return tr("added");
    case DiffKind::Removed: return tr("removed");
    case DiffKind::Metadata: return tr("metadata");
    }
    return {};
}

QString CompareStyle::accessible(DiffKind k)
{
    return k == DiffKind::Same ? QString() : label(k) + u": "_s;
}

} // namespace strata::ui
