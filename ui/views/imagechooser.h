// SPDX-License-Identifier: MIT
// Which image of a multi-platform source the Files view shows: a label naming it (platform, manifest
// digest, layer count) and a combo box of the source's runnable images to switch to another.
#pragma once

#include "core/model/imagegraph.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace strata::ui {

class ImageChooser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageChooser)

public:
    explicit ImageChooser(QWidget *parent = nullptr);

    // Lists the graph's runnable images (attestations left out); the combo box only shows with two or more.
    void setGraph(const ImageGraphPtr &graph);
    // Shows `imageIndex` (an index into ImageGraph::images) without emitting imageChosen().
    void setImage(int imageIndex);
    int image() const { return m_image; }
    // "linux/arm64/v8 · sha256:abcd12345678… (3 layers)"
    static QString describe(const ImageGraph &g, int imageIndex);

    QComboBox *comboBox() const { return m_box; }
    QLabel *label() const { return m_label; }

Q_SIGNALS:
    // The user picked another image in the combo box.
    void imageChosen(int imageIndex);

private:
    ImageGraphPtr m_graph;
    int m_image = -1;
    QComboBox *m_box;
    QLabel *m_label;
};

} // namespace strata::ui
