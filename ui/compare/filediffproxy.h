// SPDX-License-Identifier: MIT
// "Differences only" over FileDiffModel: changed paths and the directories that lead to them.
#pragma once

#include <QSortFilterProxyModel>

namespace strata::ui {

class FileDiffProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileDiffProxy)

public:
    explicit FileDiffProxy(QObject *parent = nullptr);
    void setDifferencesOnly(bool on);
    bool differencesOnly() const { return m_differencesOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_differencesOnly = false;
};

} // namespace strata::ui
