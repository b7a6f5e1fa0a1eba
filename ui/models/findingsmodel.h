// SPDX-License-Identifier: MIT
// The efficiency findings as a table: a model over the report, so 10,000 findings cost nothing until
// their rows are painted (a QTreeWidget item per finding took most of a second on the GUI thread).
#pragma once

#include "core/layers/efficiency.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace strata::ui {

class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsModel)

public:
    enum Column { PathColumn, ReasonColumn, BytesColumn, LayerColumn, CreatedByColumn, ColumnCount };
    // Bytes for the bytes column, the 0-based layer for the layer column.
    enum Role { NumberRole = Qt::UserRole + 1 };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<WasteFinding> &findings, const QStringList &createdBy);
    void clear();
    const WasteFinding &finding(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    QString reasonText(const WasteFinding &f) const;

    std::vector<WasteFinding> m_rows;
    QStringList m_createdBy;
};

} // namespace strata::ui
