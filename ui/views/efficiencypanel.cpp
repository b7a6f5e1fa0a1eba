// SPDX-License-Identifier: MIT
#include "efficiencypanel.h"
#include "models/nodeformat.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {
// Sorts numerically on BytesRole in the bytes column, as text elsewhere.
class FindingItem final : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int col = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (col == EfficiencyPanel::BytesColumn || col == EfficiencyPanel::LayerColumn)
            return data(col, EfficiencyPanel::BytesRole).toLongLong() <
                   other.data(col, EfficiencyPanel::BytesRole).toLongLong();
        return QTreeWidgetItem::operator<(other);
    }
};
} // namespace

EfficiencyPanel::EfficiencyPanel(QWidget *parent)
    : QWidget(parent), m_score(new QLabel(this)), m_bytes(new QLabel(this)), m_findings(new QTreeWidget(this))
{
    setObjectName(u"efficiencyPanel"_s);
    m_score->setObjectName(u"efficiencyScore"_s);
    m_findings->setObjectName(u"efficiencyFindings"_s);
    QFont big = m_score->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_score->setFont(big);
    m_bytes->setWordWrap(true);
    m_bytes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findings->setRootIsDecorated(false);
    m_findings->setColumnCount(ColumnCount);
    m_findings->setHeaderLabels({tr("Path"), tr("Reason"), tr("Wasted"), tr("Layer"), tr("Created by")});
    m_findings->setAccessibleName(tr("Wasted space findings"));
    m_findings->setSortingEnabled(true);
    m_findings->header()->resizeSection(PathColumn, 220);
    m_findings->header()->resizeSection(ReasonColumn, 90);
    m_findings->header()->resizeSection(BytesColumn, 80);
    m_findings->header()->resizeSection(LayerColumn, 60);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_score);
    layout->addWidget(m_bytes);
    layout->addWidget(m_findings, 1);
    clear();
}

void EfficiencyPanel::clear()
{
    m_report = {};
    m_score->setText(tr("Efficiency: not computed yet"));
    m_bytes->clear();
    m_findings->clear();
}

void EfficiencyPanel::setReport(const EfficiencyReport &report, const QStringList &createdBy)
{
    m_report = report;
    const QLocale loc;
    m_score->setText(tr("Efficiency: %1 %").arg(loc.toString(report.score * 100.0, 'f', 1)));
    m_bytes->setText(tr("%1 wasted of %2 in all layers (%3 kept in the merged filesystem), %n finding(s)",
                        nullptr, int(report.findings.size()))
                         .arg(NodeFormat::size(report.wastedBytes), NodeFormat::size(report.totalBytes),
                              NodeFormat::size(report.keptBytes)));
    m_bytes->setToolTip(tr("%1 bytes wasted of %2").arg(report.wastedBytes).arg(report.totalBytes));
    m_findings->setSortingEnabled(false);
    m_findings->clear();
    for (const WasteFinding &f : report.findings) {
        auto *item = new FindingItem(m_findings);
        item->setText(PathColumn, f.path);
        item->setToolTip(PathColumn, f.alsoAt.isEmpty() ? f.path : tr("Also at: %1").arg(f.alsoAt.join(u", "_s)));
        QString reason = wasteReasonName(f.reason);
        if (f.causedBy >= 0)
            reason += tr(" by layer %1").arg(f.causedBy + 1);
        item->setText(ReasonColumn, reason);
        item->setText(BytesColumn, NodeFormat::size(f.wastedBytes));
        item->setData(BytesColumn, BytesRole, f.wastedBytes);
        item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(LayerColumn, f.layer >= 0 ? tr("layer %1").arg(f.layer + 1) : QString());
        item->setData(LayerColumn, BytesRole, f.layer);
        const QString cmd = createdBy.value(f.layer);
        item->setText(CreatedByColumn, cmd.simplified());
        item->setToolTip(CreatedByColumn, cmd);
    }
    m_findings->sortByColumn(BytesColumn, Qt::DescendingOrder);
    m_findings->setSortingEnabled(true);
}

} // namespace strata::ui
