// SPDX-License-Identifier: MIT
#include "ui/views/pathhistoryview.h"
#include "core/layers/layerfile.h"
#include "ui/models/nodeformat.h"

#include <QHeaderView>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui {

PathHistoryView::PathHistoryView(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(u"pathHistory"_s);
    setRootIsDecorated(false);
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Layer"), tr("Change"), tr("Size"), tr("Created by")});
    setAccessibleName(tr("Path history"));
    header()->setStretchLastSection(true);
    header()->resizeSection(LayerColumn, 70);
    header()->resizeSection(ActionColumn, 80);
    header()->resizeSection(SizeColumn, 80);
    setWordWrap(false);
}

void PathHistoryView::setLayers(const QList<LayerTocPtr> &layers, const QStringList &createdBy)
{
    m_layers = layers;
    m_createdBy = createdBy;
    m_path.clear();
    clear();
}

void PathHistoryView::showPath(const QString &path)
{
    clear();
    m_path = path;
    if (path.isEmpty())
        return;
    for (const PathChange &c : pathHistory(m_layers, path)) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(LayerColumn, tr("layer %1").arg(c.layer + 1));
        item->setText(ActionColumn, pathActionName(c.action));
        const LayerTocPtr &toc = m_layers.value(c.layer);
        if (toc && c.entryIndex >= 0 && c.entryIndex < toc->entries.size() && c.action != PathChange::Action::Deleted) {
            const LayerEntry &e = toc->entries[c.entryIndex];
            if (e.type == EntryType::File)
                item->setText(SizeColumn, NodeFormat::size(e.size));
            else
                item->setText(SizeColumn, entryTypeName(e.type));
        }
        const QString cmd = m_createdBy.value(c.layer).simplified();
        item->setText(CreatedByColumn, cmd.isEmpty() ? tr("(no command recorded)") : cmd);
        item->setToolTip(CreatedByColumn, m_createdBy.value(c.layer));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
}

QStringList PathHistoryView::rowsAsText() const
{
    QStringList out;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = topLevelItem(i);
        QStringList parts;
        for (int c = 0; c < ColumnCount; ++c) {
            if (!item->text(c).isEmpty())
                parts << item->text(c);
        }
        out << parts.join(u"  "_s);
    }
    return out;
}

} // namespace strata::ui
