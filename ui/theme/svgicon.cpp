// SPDX-License-Identifier: MIT
// A QIconEngine over QSvgRenderer: the palette colour replaces `currentColor` in the document before it is
// loaded (QtSvg 6.4 has no notion of a current colour), one renderer per colour.
#include "ui/theme/svgicon.h"
#include "ui/logging.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

#include <memory>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

class SvgEngine final : public QIconEngine
{
public:
    explicit SvgEngine(QByteArray svg) : m_svg(std::move(svg)) {}

    QIconEngine *clone() const override { return new SvgEngine(m_svg); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette pal = QGuiApplication::palette();
        const QColor text =
            pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        QSvgRenderer *r = renderer(text);
        if (!r)
            return;
        // Keep the aspect ratio and centre the drawing, as a toolbar or tree cell expects.
        QSizeF size = r->viewBoxF().size();
        size.scale(rect.size(), Qt::KeepAspectRatio);
        const QRectF target(rect.x() + (rect.width() - size.width()) / 2,
                            rect.y() + (rect.height() - size.height()) / 2, size.width(), size.height());
        painter->save();
        if (mode == QIcon::Disabled)
            painter->setOpacity(painter->opacity() * 0.45);
        r->render(painter, target);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pm(size * scale);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            paint(&p, QRect(QPoint(0, 0), pm.size()), mode, state);
        }
        pm.setDevicePixelRatio(scale);
        return pm;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

    bool isNull() override { return !renderer(Qt::black); }

private:
    QSvgRenderer *renderer(const QColor &color)
    {
        auto it = m_renderers.find(color.rgba());
        if (it == m_renderers.end()) {
            QByteArray doc = m_svg;
            doc.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
            auto r = std::make_shared<QSvgRenderer>(doc);
            it = m_renderers.insert(color.rgba(), r->isValid() ? r : nullptr);
        }
        return it->get();
    }

    QByteArray m_svg;
    QHash<QRgb, std::shared_ptr<QSvgRenderer>> m_renderers;
};

} // namespace

QIcon SvgIcon::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qCWarning(lcIcons) << "cannot read icon" << path << f.errorString();
        return {};
    }
    auto engine = std::make_unique<SvgEngine>(f.readAll());
    if (engine->isNull()) {
        qCWarning(lcIcons) << "not a valid SVG icon:" << path;
        return {};
    }
    return QIcon(engine.release());
}

} // namespace strata::ui
