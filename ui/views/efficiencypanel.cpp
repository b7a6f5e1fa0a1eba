// SPDX-License-Identifier: MIT
#include "ui/views/efficiencypanel.h"
#include "core/format/sizeformat.h"
#include "ui/models/findingsmodel.h"
#include "ui/models/nodeformat.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

EfficiencyPanel::EfficiencyPanel(QWidget *parent)
    : QWidget(parent), m_score(new QLabel(this)), m_bytes(new QLabel(this)), m_findings(new FindingsModel(this)),
      m_view(new QTreeView(this))
{
    setObjectName(u"efficiencyPanel"_s);
    m_score->setObjectName(u"efficiencyScore"_s);
    m_view->setObjectName(u"efficiencyFindings"_s);
    QFont big = m_score->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_score->setFont(big);
    m_bytes->setWordWrap(true);
    m_bytes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setModel(m_findings);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Wasted space findings"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FindingsModel::BytesColumn, Qt::DescendingOrder);
    m_view->header()->resizeSection(FindingsModel::PathColumn, 220);
    m_view->header()->resizeSection(FindingsModel::ReasonColumn, 90);
    m_view->header()->resizeSection(FindingsModel::BytesColumn, 80);
    m_view->header()->resizeSection(FindingsModel::LayerColumn, 60);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_score);
    layout->addWidget(m_bytes);
    layout->addWidget(m_view, 1);
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
    m_bytes->setText(tr("%1 wasted of %2 in all layers (%3 kept in the merged filesystem), %n finding(s)", nullptr,
                        int(report.findings.size()))
                         .arg(NodeFormat::size(report.wastedBytes), NodeFormat::size(report.totalBytes),
                              NodeFormat::size(report.keptBytes)));
    m_bytes->setToolTip(
        tr("%1 wasted of %2").arg(format::exactBytes(report.wastedBytes), format::exactBytes(report.totalBytes)));
    m_findings->setFindings(report.findings, createdBy);
    m_view->sortByColumn(m_view->header()->sortIndicatorSection(), m_view->header()->sortIndicatorOrder());
}

} // namespace strata::ui
