// SPDX-License-Identifier: MIT
// Window geometry on the screen.
#include "ui/windowgeometry.h"

#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QWidget>

namespace strata::ui {

QSize WindowGeometry::fitted(QSize preferred, const QRect &available)
{
    if (available.isEmpty())
        return preferred;
    return preferred.boundedTo(QSize(static_cast<int>(available.width() * MaxScreenShare),
                                     static_cast<int>(available.height() * MaxScreenShare)));
}

QRect WindowGeometry::clamped(const QRect &geometry, const QRect &available)
{
    if (available.isEmpty() || geometry.isEmpty())
        return geometry;
    QRect r(geometry.topLeft(), geometry.size().boundedTo(available.size()));
    if (r.right() > available.right())
        r.moveRight(available.right());
    if (r.bottom() > available.bottom())
        r.moveBottom(available.bottom());
    if (r.left() < available.left())
        r.moveLeft(available.left());
    if (r.top() < available.top())
        r.moveTop(available.top());
    return r;
}

QRect WindowGeometry::availableFor(const QWidget *w)
{
    const QScreen *screen = w ? w->screen() : nullptr;
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect();
}

void WindowGeometry::applyFirstRun(QWidget *w, QSize preferred)
{
    const QRect available = availableFor(w);
    w->resize(fitted(preferred, available));
    if (!available.isEmpty())
        w->move(available.center() - QRect(QPoint(), w->size()).center());
}

void WindowGeometry::clampToScreen(QWidget *w)
{
    const QRect available = availableFor(w);
    if (available.isEmpty())
        return;
    // The frame (title bar, borders) must fit too: clamp it, then place the client area inside it.
    const QRect frame = w->frameGeometry();
    const QSize decoration = frame.size() - w->geometry().size();
    const QRect fit = clamped(frame, available);
    if (fit == frame)
        return;
    w->resize(fit.size() - decoration);
    w->move(fit.topLeft());
}

QWidget *WindowGeometry::scrollable(QWidget *content)
{
    auto *area = new QScrollArea;
    area->setFrameShape(QFrame::NoFrame);
    area->setWidgetResizable(true);
    area->setWidget(content);
    return area;
}

} // namespace strata::ui
