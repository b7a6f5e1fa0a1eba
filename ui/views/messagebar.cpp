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
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_close(new QToolButton(this)),
      m_layout(new QHBoxLayout(this))
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QHBoxLayout *layout = m_layout;
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
    if (m_warning) {
        m_warning = false;
        updateColors();
    }
    setButtons({});
    m_icon->setPixmap(StatusStyle::icon(RowStatus::Error).pixmap(20, 20));
    m_text->setText(text);
    setAccessibleName(tr("Error: %1").arg(text));
    show();
}

void MessageBar::showWarning(const QString &text, const QList<QAction *> &actions)
{
    if (!m_warning) {
        m_warning = true;
        updateColors();
    }
    setButtons(actions);
    // Warnings wear the amber of the tree's warning rows (unverifiable, tag moved).
    m_icon->setPixmap(StatusStyle::icon(RowStatus::Unverifiable).pixmap(20, 20));
    m_text->setText(text);
    setAccessibleName(tr("Warning: %1").arg(text));
    show();
}

void MessageBar::setButtons(const QList<QAction *> &actions)
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    for (QAction *a : actions) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        // Before the dismiss button, after the text.
        m_layout->insertWidget(m_layout->count() - 1, b, 0, Qt::AlignVCenter);
        m_buttons << b;
    }
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
    const QColor err = StatusStyle::color(m_warning ? RowStatus::Unverifiable : RowStatus::Error, inherited);
    // A tint of the error colour over the window colour reads in both light and dark themes.
    const auto mix = [](float a, float b) { return a * 0.82f + b * 0.18f; };
    QPalette pal = inherited;
    pal.setColor(QPalette::Window, QColor::fromRgbF(mix(base.redF(), err.redF()), mix(base.greenF(), err.greenF()),
                                                    mix(base.blueF(), err.blueF())));
    setPalette(pal);
    m_updatingColors = false;
}

} // namespace strata::ui
