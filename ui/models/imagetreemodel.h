// SPDX-License-Identifier: MIT
// The explorer's tree over an immutable ImageGraph; verification results update rows in place.
#pragma once

#include "core/model/imagegraph.h"
#include "core/trust/imagetrust.h"
#include "core/verify/verifier.h"
#include "ui/models/rowstatus.h"
#include "ui/models/treelayout.h"

#include <QAbstractItemModel>

#include <memory>

namespace strata::ui {

using VerifyReportPtr = std::shared_ptr<const VerifyReport>;
using TrustReportPtr = std::shared_ptr<const trust::TrustReport>;

// internalId() is the TreeItem index, which equals the node id for every graph node.
// Call only on the GUI thread. setGraph() is the only reset; statuses change through dataChanged
// on the changed rows and all their ancestors.
class ImageTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageTreeModel)

public:
    enum Column { NameColumn, MediaTypeColumn, DigestColumn, SizeColumn, StatusColumn, CreatedByColumn, ColumnCount };
    enum Role {
        NodeIdRole = Qt::UserRole + 1, // int, -1 for a history step
        DigestRole,                    // QString, the full digest
        SizeBytesRole,                 // qint64, -1 when unknown
        StatusRole,                    // int(RowStatus) of the row itself
        SortRole,                      // raw value for the column
        FailureBelowRole,              // bool: a descendant failed
        HasProblemRole,                // bool: this row failed or carries a warning/error problem
        HistoryIndexRole,              // int, the history entry of a step row, else -1
        TrustStateRole,                // int(trust::VerdictState) of a signature row, else -1
        TrustBadgeRole,                // QString: a signed manifest's or index's badge ("signed by …"), else empty
    };
    Q_ENUM(Role)

    explicit ImageTreeModel(QObject *parent = nullptr);
    ~ImageTreeModel() override;

    void setGraph(ImageGraphPtr graph);
    void clear();
    // Verification started: rows that will be checked show "Checking…".
    void setChecking();
    void setReport(VerifyReportPtr report);
    // Signature verdicts (a separate result: the hash verification's statuses stay as they are). Null clears them.
    // Rows that gain or lose a verdict or a badge are notified with dataChanged.
    void setTrustReport(TrustReportPtr report);
    const TrustReportPtr &trustReport() const { return m_trust; }

    const ImageGraphPtr &graph() const { return m_graph; }
    const VerifyReportPtr &report() const { return m_report; }
    // The report's problems once verified, the graph's load problems before.
    const ProblemList &problems() const;
    QList<Problem> problemsFor(int nodeId) const;
    RowStatus statusOf(int nodeId) const;
    bool failureBelow(int nodeId) const;
    QModelIndex indexForNode(int nodeId, int column = 0) const;
    // The node behind `index` (of this model), -1 for a history step or an invalid index.
    int nodeIdAt(const QModelIndex &index) const;
    const TreeItem *itemAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void recompute(bool notify);
    RowStatus computeStatus(int item) const;
    QVariant nodeData(const TreeItem &item, int column, int role) const;
    QVariant historyData(const TreeItem &item, int column, int role) const;
    QString statusToolTip(int nodeId) const;
    // The signature verdict's or trust badge's answer for `role`, or an invalid QVariant to fall through.
    QVariant trustData(int nodeId, int column, int role) const;
    qint64 sizeOf(const Node &n) const;
    bool hasProblem(int item) const;

    ImageGraphPtr m_graph;
    VerifyReportPtr m_report;
    TrustReportPtr m_trust;
    QHash<int, trust::Verdict> m_verdicts; // by signature node
    TreeLayout m_layout;
    QList<RowStatus> m_status;
    QList<bool> m_below;
    QHash<int, QList<int>> m_problemsByNode; // node id → indexes into problems()
    bool m_checking = false;
};

} // namespace strata::ui
