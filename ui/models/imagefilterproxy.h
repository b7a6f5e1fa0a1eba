// SPDX-License-Identifier: MIT
// Filters the image tree by text (name, digest, media type, created_by) and by "problems only".
#pragma once

#include <QSortFilterProxyModel>

namespace strata::ui {

// Recursive: a parent stays visible while any descendant matches, so a matching layer keeps its
// manifest and index in view. Re-filters by itself when statuses change (dynamic filtering).
class ImageFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageFilterProxy)

public:
    explicit ImageFilterProxy(QObject *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    bool problemsOnly() const { return m_problemsOnly; }
    void setProblemsOnly(bool on);
    // The node id behind a proxy index (-1 for history steps and invalid indexes).
    int nodeIdAt(const QModelIndex &proxyIndex) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_problemsOnly = false;
};

} // namespace strata::ui
