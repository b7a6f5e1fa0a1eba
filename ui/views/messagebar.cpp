// SPDX-License-Identifier: MIT
// Message bar.
#include "ui/views/messagebar.h"
#include "ui/theme/statusstyle.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace strata::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    m_icon->setPixmap(StatusStyle::icon(RowStatus::Error).pixmap(20, 20));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(u"✕"_s);
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    updateColors();
    hide();
}

void MessageBar::showError(const QString &text)
{
    m_text->setText(text);
    setAccessibleName(tr("Error: %1").arg(text));
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void MessageBar::updateColors()
{
    // setPalette() below sends PaletteChange again: without the guard (and without starting from the
    // parent's colours) each round would tint the tint, ending in solid red.
    if (m_updatingColors)
        return;
    m_updatingColors = true;
    const QPalette inherited = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    const QColor base = inherited.color(QPalette::Window);
    const QColor err = StatusStyle::color(RowStatus::Error, inherited);
    // A tint of the error colour over the window colour reads in both light and dark themes.
    const auto mix = [](float a, float b) { return a * 0.82f + b * 0.18f; };
    QPalette pal = inherited;
    pal.setColor(QPalette::Window, QColor::fromRgbF(mix(base.redF(), err.redF()), mix(base.greenF(), err.greenF()),
                                                    mix(base.blueF(), err.blueF())));
    setPalette(pal);
    m_updatingColors = false;
}

} // namespace strata::ui
