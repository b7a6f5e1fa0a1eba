// SPDX-License-Identifier: MIT
// The image's efficiency: score, wasted and total bytes, and each finding with the command of the
// layer that holds the wasted copy.
#pragma once

#include "layers/efficiency.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace strata::ui {

class EfficiencyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EfficiencyPanel)

public:
    enum Column { PathColumn, ReasonColumn, BytesColumn, LayerColumn, CreatedByColumn, ColumnCount };
    enum Role { BytesRole = Qt::UserRole + 1 };

    explicit EfficiencyPanel(QWidget *parent = nullptr);

    void setReport(const EfficiencyReport &report, const QStringList &createdBy);
    void clear();
    const EfficiencyReport &report() const { return m_report; }
    QLabel *scoreLabel() const { return m_score; }
    QLabel *bytesLabel() const { return m_bytes; }
    QTreeWidget *findingsView() const { return m_findings; }

private:
    EfficiencyReport m_report;
    QLabel *m_score;
    QLabel *m_bytes;
    QTreeWidget *m_findings;
};

} // namespace strata::ui
