// SPDX-License-Identifier: MIT
// Source fields and the platform selector; the window decides what to do with them.
#include "ui/compare/comparesourcebar.h"
#include "ui/dialogs/archivefilter.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/theme/statusstyle.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

CompareSourceBar::CompareSourceBar(QWidget *parent)
    : QWidget(parent), m_platform(new QComboBox(this)), m_unpaired(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *sources = new QHBoxLayout;
    for (int side = 0; side < 2; ++side) {
        m_edits[side] = new QLineEdit(this);
        m_edits[side]->setPlaceholderText(side == 0 ? tr("Left: file, folder or reference")
                                                    : tr("Right: file, folder or reference"));
        auto *browseButton = new QToolButton(this);
        browseButton->setIcon(StatusStyle::namedIcon(u"open-file"_s));
        browseButton->setToolTip(side == 0 ? tr("Choose the left source") : tr("Choose the right source"));
        connect(browseButton, &QToolButton::clicked, this, [this, side] { browse(side); });
        connect(m_edits[side], &QLineEdit::returnPressed, this, &CompareSourceBar::requestCompare);
        sources->addWidget(m_edits[side], 1);
        sources->addWidget(browseButton);
        if (side == 0)
            sources->addWidget(new QLabel(u"⇄"_s, this));
    }
    auto *go = new QPushButton(tr("Compare"), this);
    connect(go, &QPushButton::clicked, this, &CompareSourceBar::requestCompare);
    sources->addWidget(go);
    layout->addLayout(sources);

    auto *platformRow = new QHBoxLayout;
    platformRow->addWidget(new QLabel(tr("Platform:"), this));
    platformRow->addWidget(m_platform);
    platformRow->addWidget(m_unpaired, 1);
    m_platform->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_unpaired->setObjectName(u"unpairedPlatforms"_s);
    layout->addLayout(platformRow);
    connect(m_platform, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updating && i >= 0)
            Q_EMIT pairChosen(i);
    });
}

void CompareSourceBar::setSources(const QString &left, const QString &right)
{
    m_edits[0]->setText(left);
    m_edits[1]->setText(right);
}

QString CompareSourceBar::source(int side) const
{
    return m_edits[side]->text();
}

QString CompareSourceBar::unpairedText() const
{
    return m_unpaired->text();
}

void CompareSourceBar::requestCompare()
{
    Q_EMIT compareRequested(m_edits[0]->text(), m_edits[1]->text());
}

void CompareSourceBar::browse(int side)
{
    const QString file = FileDialogs::openFile(this, FileDialogs::OpenImage,
                                               side == 0 ? tr("Left Image") : tr("Right Image"), imageArchiveFilter());
    if (file.isEmpty())
        return;
    m_edits[side]->setText(file);
    if (!m_edits[1 - side]->text().isEmpty())
        requestCompare();
}

void CompareSourceBar::showPairing(const ImagePairing &p, const ImageGraph &left, const ImageGraph &right)
{
    m_updating = true;
    m_platform->clear();
    for (const auto &pair : p.pairs)
        m_platform->addItem(left.images[pair.first].platform.toString());
    m_updating = false;
    m_platform->setEnabled(p.pairs.size() > 1);
    QStringList only;
    for (int i : p.unpairedLeft)
        only << tr("%1 only on the left").arg(left.images[i].platform.toString());
    for (int i : p.unpairedRight)
        only << tr("%1 only on the right").arg(right.images[i].platform.toString());
    m_unpaired->setText(only.join(u"; "_s));
}

} // namespace strata::ui
