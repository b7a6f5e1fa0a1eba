// SPDX-License-Identifier: MIT
// A QIconEngine over a parsed SVG subset: shapes become QPainterPaths once, painted at any size.
#include "ui/theme/svgicon.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <optional>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

// A paint: none, a fixed colour, or the palette's text colour.
struct Paint
{
    bool none = true;
    bool current = false;
    QColor color;
};

struct Style
{
    Paint fill{false, false, Qt::black}; // SVG's initial fill is black, stroke none
    Paint stroke;
    qreal strokeWidth = 1;
    qreal opacity = 1;
    Qt::PenCapStyle cap = Qt::FlatCap;
    Qt::PenJoinStyle join = Qt::MiterJoin;
    Qt::FillRule rule = Qt::WindingFill;
};

struct Shape
{
    QPainterPath path;
    Style style;
};

std::optional<Paint> parsePaint(QStringView v)
{
    if (v.isEmpty())
        return std::nullopt;
    if (v == u"none")
        return Paint{};
    if (v == u"currentColor")
        return Paint{false, true, {}};
    const QColor c = QColor::fromString(v);
    if (!c.isValid())
        return std::nullopt;
    return Paint{false, false, c};
}

Style applyAttributes(Style s, const QXmlStreamAttributes &a)
{
    if (auto p = parsePaint(a.value("fill"_L1)))
        s.fill = *p;
    if (auto p = parsePaint(a.value("stroke"_L1)))
        s.stroke = *p;
    if (a.hasAttribute("stroke-width"_L1))
        s.strokeWidth = a.value("stroke-width"_L1).toDouble();
    if (a.hasAttribute("opacity"_L1))
        s.opacity *= a.value("opacity"_L1).toDouble();
    const QStringView cap = a.value("stroke-linecap"_L1);
    if (cap == u"round")
        s.cap = Qt::RoundCap;
    else if (cap == u"square")
        s.cap = Qt::SquareCap;
    const QStringView join = a.value("stroke-linejoin"_L1);
    if (join == u"round")
        s.join = Qt::RoundJoin;
    else if (join == u"bevel")
        s.join = Qt::BevelJoin;
    if (a.value("fill-rule"_L1) == u"evenodd")
        s.rule = Qt::OddEvenFill;
    return s;
}

QList<qreal> numbers(QStringView text)
{
    static const QRegularExpression re(u"[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?"_s);
    QList<qreal> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0).toDouble();
    return out;
}

// SVG path data (paths.html §9.3) without arcs.
QPainterPath parsePathData(QStringView d)
{
    static const QRegularExpression cmdRe(u"([MmLlHhVvCcSsQqTtZz])([^MmLlHhVvCcSsQqTtZz]*)"_s);
    QPainterPath p;
    QPointF cur, start, lastCtrl;
    QChar prev;
    for (auto it = cmdRe.globalMatch(d); it.hasNext();) {
        const auto m = it.next();
        const QChar c = m.capturedView(1).front();
        const QList<qreal> n = numbers(m.capturedView(2));
        const bool rel = c.isLower();
        const QPointF base = rel ? cur : QPointF();
        const QChar C = c.toUpper();
        auto pt = [&](qsizetype i) { return QPointF(n[i], n[i + 1]) + base; };
        if (C == u'Z') {
            p.closeSubpath();
            cur = start;
        } else if (C == u'M' && n.size() >= 2) {
            cur = start = pt(0);
            p.moveTo(cur);
            for (qsizetype i = 2; i + 1 < n.size(); i += 2) // extra pairs are implicit lineto
                p.lineTo(cur = QPointF(n[i], n[i + 1]) + (rel ? cur : QPointF()));
        } else if (C == u'L') {
            for (qsizetype i = 0; i + 1 < n.size(); i += 2)
                p.lineTo(cur = QPointF(n[i], n[i + 1]) + (rel ? cur : QPointF()));
        } else if (C == u'H') {
            for (qreal x : n)
                p.lineTo(cur = QPointF(rel ? cur.x() + x : x, cur.y()));
        } else if (C == u'V') {
            for (qreal y : n)
                p.lineTo(cur = QPointF(cur.x(), rel ? cur.y() + y : y));
        } else if (C == u'C') {
            for (qsizetype i = 0; i + 5 < n.size(); i += 6) {
                const QPointF o = rel ? cur : QPointF();
                lastCtrl = QPointF(n[i + 2], n[i + 3]) + o;
                p.cubicTo(QPointF(n[i], n[i + 1]) + o, lastCtrl, cur = QPointF(n[i + 4], n[i + 5]) + o);
            }
        } else if (C == u'S') {
            for (qsizetype i = 0; i + 3 < n.size(); i += 4) {
                const QPointF o = rel ? cur : QPointF();
                const bool smooth = prev.toUpper() == u'C' || prev.toUpper() == u'S';
                const QPointF c1 = smooth ? 2 * cur - lastCtrl : cur;
                lastCtrl = QPointF(n[i], n[i + 1]) + o;
                p.cubicTo(c1, lastCtrl, cur = QPointF(n[i + 2], n[i + 3]) + o);
            }
        } else if (C == u'Q') {
            for (qsizetype i = 0; i + 3 < n.size(); i += 4) {
                const QPointF o = rel ? cur : QPointF();
                lastCtrl = QPointF(n[i], n[i + 1]) + o;
                p.quadTo(lastCtrl, cur = QPointF(n[i + 2], n[i + 3]) + o);
            }
        } else if (C == u'T') {
            for (qsizetype i = 0; i + 1 < n.size(); i += 2) {
                const QPointF o = rel ? cur : QPointF();
                const bool smooth = prev.toUpper() == u'Q' || prev.toUpper() == u'T';
                lastCtrl = smooth ? 2 * cur - lastCtrl : cur;
                p.quadTo(lastCtrl, cur = QPointF(n[i], n[i + 1]) + o);
            }
        }
        prev = c;
    }
    return p;
}

qreal num(const QXmlStreamAttributes &a, QLatin1StringView name)
{
    return a.value(name).toDouble();
}

QPainterPath shapePath(QStringView tag, const QXmlStreamAttributes &a)
{
    QPainterPath p;
    if (tag == u"path") {
        p = parsePathData(a.value("d"_L1));
    } else if (tag == u"circle") {
        const qreal r = num(a, "r"_L1);
        p.addEllipse(QPointF(num(a, "cx"_L1), num(a, "cy"_L1)), r, r);
    } else if (tag == u"ellipse") {
        p.addEllipse(QPointF(num(a, "cx"_L1), num(a, "cy"_L1)), num(a, "rx"_L1), num(a, "ry"_L1));
    } else if (tag == u"rect") {
        const QRectF r(num(a, "x"_L1), num(a, "y"_L1), num(a, "width"_L1), num(a, "height"_L1));
        const qreal rx = a.hasAttribute("rx"_L1) ? num(a, "rx"_L1) : num(a, "ry"_L1);
        const qreal ry = a.hasAttribute("ry"_L1) ? num(a, "ry"_L1) : rx;
        p.addRoundedRect(r, rx, ry);
    } else if (tag == u"line") {
        p.moveTo(num(a, "x1"_L1), num(a, "y1"_L1));
        p.lineTo(num(a, "x2"_L1), num(a, "y2"_L1));
    } else if (tag == u"polyline" || tag == u"polygon") {
        const QList<qreal> n = numbers(a.value("points"_L1));
        for (qsizetype i = 0; i + 1 < n.size(); i += 2) {
            if (i == 0)
                p.moveTo(n[0], n[1]);
            else
                p.lineTo(n[i], n[i + 1]);
        }
        if (tag == u"polygon")
            p.closeSubpath();
    }
    return p;
}

class SvgLiteEngine final : public QIconEngine
{
public:
    SvgLiteEngine(QRectF viewBox, QList<Shape> shapes) : m_viewBox(viewBox), m_shapes(std::move(shapes)) {}

    QIconEngine *clone() const override { return new SvgLiteEngine(m_viewBox, m_shapes); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const QPalette pal = QGuiApplication::palette();
        const QColor text =
            pal.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal scale = qMin(rect.width() / m_viewBox.width(), rect.height() / m_viewBox.height());
        painter->translate(rect.center().x() + 0.5 - m_viewBox.center().x() * scale,
                           rect.center().y() + 0.5 - m_viewBox.center().y() * scale);
        painter->scale(scale, scale);
        const qreal base = mode == QIcon::Disabled ? 0.45 : 1.0;
        for (const Shape &s : m_shapes) {
            const auto colorOf = [&](const Paint &p) { return p.current ? text : p.color; };
            QPainterPath path = s.path;
            path.setFillRule(s.style.rule);
            painter->setOpacity(base * s.style.opacity);
            if (!s.style.fill.none)
                painter->fillPath(path, colorOf(s.style.fill));
            if (!s.style.stroke.none)
                painter->strokePath(
                    path, QPen(colorOf(s.style.stroke), s.style.strokeWidth, Qt::SolidLine, s.style.cap, s.style.join));
        }
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pm = pixmap(size * scale, mode, state);
        pm.setDevicePixelRatio(scale);
        return pm;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

private:
    QRectF m_viewBox;
    QList<Shape> m_shapes;
};

} // namespace

QIcon SvgIcon::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    QRectF viewBox;
    QList<Shape> shapes;
    QList<Style> stack{Style{}};
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == u"g" || xml.name() == u"svg")
                stack.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        const Style style = applyAttributes(stack.last(), a);
        if (xml.name() == u"svg") {
            const QList<qreal> vb = numbers(a.value("viewBox"_L1));
            if (vb.size() == 4)
                viewBox = QRectF(vb[0], vb[1], vb[2], vb[3]);
            stack << style;
        } else if (xml.name() == u"g") {
            stack << style;
        } else {
            QPainterPath p = shapePath(xml.name(), a);
            if (!p.isEmpty())
                shapes << Shape{std::move(p), style};
        }
    }
    if (xml.hasError() || viewBox.isEmpty() || shapes.isEmpty())
        return {};
    return QIcon(new SvgLiteEngine(viewBox, std::move(shapes)));
}

} // namespace strata::ui
