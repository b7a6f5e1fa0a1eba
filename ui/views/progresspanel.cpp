// SPDX-License-Identifier: MIT
// Progress panel.
#include "ui/views/progresspanel.h"
#include "ui/models/nodeformat.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace strata::ui {

ProgressPanel::ProgressPanel(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bytes(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"progressPanel"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_bar->setObjectName(u"progressBar"_s);
    m_label->setObjectName(u"progressObject"_s);
    m_bytes->setObjectName(u"progressBytes"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The object's name gives way (elided, in full in its tooltip); the byte counts and the bar do not. The
    // counts are a label of their own: a bar's text is clipped by the bar, which a style may draw narrow.
    m_label->setTextFormat(Qt::PlainText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_label->setMinimumWidth(fontMetrics().averageCharWidth() * 8);
    m_bytes->setTextFormat(Qt::PlainText);
    m_bytes->setWordWrap(false);
    m_bytes->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    m_bar->setTextVisible(false);
    m_bar->setMinimumWidth(fontMetrics().averageCharWidth() * 10);
    m_bar->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bytes);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ProgressPanel::cancelRequested);
    hide();
}

void ProgressPanel::start(const QString &what)
{
    m_what = what;
    m_text = what;
    m_bytes->clear();
    m_bytes->hide();
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    elideObject();
    show();
}

void ProgressPanel::setProgress(qint64 done, qint64 total, const QString &currentObject)
{
    // QProgressBar holds ints: use per-mille of the byte count and write the bytes in the label.
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(static_cast<int>(qBound(qint64(0), done * 1000 / total, qint64(1000))));
        m_bytes->setText(tr("%1 of %2").arg(NodeFormat::size(done), NodeFormat::size(total)));
        m_bytes->show();
    } else {
        m_bar->setRange(0, 0);
        m_bytes->hide();
    }
    m_text = currentObject.isEmpty() ? m_what : m_what + u" — "_s + currentObject;
    elideObject();
}

void ProgressPanel::finish()
{
    hide();
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_bytes->clear();
}

void ProgressPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideObject();
}

void ProgressPanel::elideObject()
{
    m_label->setText(m_label->fontMetrics().elidedText(m_text, Qt::ElideMiddle, m_label->width()));
    m_label->setToolTip(m_text);
}

} // namespace strata::ui
