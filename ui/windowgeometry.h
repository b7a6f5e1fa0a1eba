// SPDX-License-Identifier: MIT
// Window sizes that fit the screen they open on, at any scale factor.
#pragma once

#include <QRect>
#include <QSize>

class QWidget;

namespace strata::ui {

class WindowGeometry final
{
public:
    // The share of the available screen a first-run window takes at most.
    static constexpr double MaxScreenShare = 0.9;

    // `preferred` (logical pixels), shrunk to at most MaxScreenShare of `available` in each direction.
    static QSize fitted(QSize preferred, const QRect &available);
    // `geometry` (a restored frame, from another screen or scale) moved and shrunk to lie inside `available`.
    static QRect clamped(const QRect &geometry, const QRect &available);
    // The available geometry of the screen `w` opens on (its own, else the primary one); empty offscreen with none.
    static QRect availableFor(const QWidget *w);
    // First run: resizes `w` to fitted(preferred) and centres it on its screen.
    static void applyFirstRun(QWidget *w, QSize preferred);
    // After restoreGeometry(): keeps `w` on its screen and no larger than it.
    static void clampToScreen(QWidget *w);
    // `content` in a frameless scroll area, for a dock: its minimum size is then the scroll area's, so a dock
    // with many rows of controls never makes the window taller or wider than the screen; it scrolls instead.
    static QWidget *scrollable(QWidget *content);
};

} // namespace strata::ui
