// SPDX-License-Identifier: MIT
// "Where did this path come from?": each layer that added, modified or deleted the selected path,
// with the command that made the layer.
#pragma once

#include "core/layers/layertoc.h"

#include <QTreeWidget>

namespace strata::ui {

class PathHistoryView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PathHistoryView)

public:
    enum Column { LayerColumn, ActionColumn, SizeColumn, CreatedByColumn, ColumnCount };

    explicit PathHistoryView(QWidget *parent = nullptr);

    void setLayers(const QList<LayerTocPtr> &layers, const QStringList &createdBy);
    void showPath(const QString &path);
    QString path() const { return m_path; }
    // One line per row: "layer 3  Modified  12 B  RUN echo hi", for tests and the clipboard.
    QStringList rowsAsText() const;

private:
    QList<LayerTocPtr> m_layers;
    QStringList m_createdBy;
    QString m_path;
};

} // namespace strata::ui
