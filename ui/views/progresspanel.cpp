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
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"progressPanel"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_bar->setObjectName(u"progressBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label->setMinimumWidth(200);
    m_bar->setMaximumWidth(260);
    m_bar->setTextVisible(true);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ProgressPanel::cancelRequested);
    hide();
}

void ProgressPanel::start(const QString &what)
{
    m_what = what;
    m_label->setText(what);
    m_bar->setRange(0, 0);
    m_cancel->setEnabled(true);
    show();
}

void ProgressPanel::setProgress(qint64 done, qint64 total, const QString &currentObject)
{
    // QProgressBar holds ints: use per-mille of the byte count and write the bytes in the text.
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(static_cast<int>(qBound(qint64(0), done * 1000 / total, qint64(1000))));
        m_bar->setFormat(tr("%1 of %2").arg(NodeFormat::size(done), NodeFormat::size(total)));
    } else {
        m_bar->setRange(0, 0);
    }
    const QString text = currentObject.isEmpty() ? m_what : m_what + u" — "_s + currentObject;
    m_label->setText(m_label->fontMetrics().elidedText(text, Qt::ElideMiddle, qMax(200, m_label->width())));
    m_label->setToolTip(text);
}

void ProgressPanel::finish()
{
    hide();
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
}

} // namespace strata::ui
