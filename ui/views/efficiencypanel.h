// SPDX-License-Identifier: MIT
// The image's efficiency: score, wasted and total bytes, and each finding with the command of the
// layer that holds the wasted copy.
#pragma once

#include "core/layers/efficiency.h"

#include <QWidget>

class QLabel;
class QTreeView;

namespace strata::ui {

class FindingsModel;

class EfficiencyPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EfficiencyPanel)

public:
    explicit EfficiencyPanel(QWidget *parent = nullptr);

    void setReport(const EfficiencyReport &report, const QStringList &createdBy);
    void clear();
    const EfficiencyReport &report() const { return m_report; }
    QLabel *scoreLabel() const { return m_score; }
    QLabel *bytesLabel() const { return m_bytes; }
    QTreeView *findingsView() const { return m_view; }
    FindingsModel *findings() const { return m_findings; }

private:
    EfficiencyReport m_report;
    QLabel *m_score;
    QLabel *m_bytes;
    FindingsModel *m_findings;
    QTreeView *m_view;
};

} // namespace strata::ui
