// SPDX-License-Identifier: MIT
#include "ui/views/imagechooser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace strata::ui {

ImageChooser::ImageChooser(QWidget *parent) : QWidget(parent), m_box(new QComboBox(this)), m_label(new QLabel(this))
{
    setObjectName(u"imageChooser"_s);
    m_box->setObjectName(u"imageSelector"_s);
    m_label->setObjectName(u"imageLabel"_s);
    m_box->setAccessibleName(tr("Image shown"));
    m_box->setToolTip(tr("The image (platform) of the source whose files are shown"));
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_box);
    layout->addWidget(m_label, 1);
    connect(m_box, &QComboBox::activated, this, [this](int row) {
        const int image = m_box->itemData(row).toInt();
        if (image == m_image)
            return;
        setImage(image);
        Q_EMIT imageChosen(image);
    });
    setGraph(nullptr);
}

QString ImageChooser::describe(const ImageGraph &g, int imageIndex)
{
    if (imageIndex < 0 || imageIndex >= g.images.size())
        return {};
    const ImageInfo &img = g.images[imageIndex];
    const QString platform = img.platform.isEmpty() ? img.name : img.platform.toString();
    const Digest digest = img.manifestNode >= 0 ? g.node(img.manifestNode).digest() : configDigestOf(g, img);
    return tr("%1 · %2 (%n layer(s))", nullptr, int(img.layerNodes.size())).arg(platform, digest.shortString());
}

void ImageChooser::setGraph(const ImageGraphPtr &graph)
{
    m_graph = graph;
    m_image = -1;
    const QSignalBlocker block(m_box);
    m_box->clear();
    if (graph) {
        for (qsizetype i = 0; i < graph->images.size(); ++i) {
            const ImageInfo &img = graph->images[i];
            if (img.attestation)
                continue;
            const QString platform = img.platform.isEmpty() ? tr("no platform") : img.platform.toString();
            m_box->addItem(img.name.isEmpty() ? platform : u"%1 — %2"_s.arg(platform, img.name), int(i));
            m_box->setItemData(m_box->count() - 1, describe(*graph, int(i)), Qt::ToolTipRole);
        }
    }
    m_box->setVisible(m_box->count() > 1);
    m_label->clear();
}

void ImageChooser::setImage(int imageIndex)
{
    m_image = imageIndex;
    const QSignalBlocker block(m_box);
    m_box->setCurrentIndex(m_box->findData(imageIndex));
    m_label->setText(m_graph ? describe(*m_graph, imageIndex) : QString());
}

} // namespace strata::ui
