// SPDX-License-Identifier: MIT
#include "ui/models/sbomfilterproxy.h"
#include "ui/models/sbompackagemodel.h"

namespace strata::ui {

SbomFilterProxy::SbomFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void SbomFilterProxy::setSourceModel(QAbstractItemModel *source)
{
    m_packages = qobject_cast<const SbomPackageModel *>(source);
    Q_ASSERT(m_packages || !source);
    QSortFilterProxyModel::setSourceModel(source);
}

void SbomFilterProxy::setText(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

bool SbomFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() || sourceParent.isValid() || !m_packages)
        return true;
    const SbomPackage &p = m_packages->package(sourceRow);
    return p.name.contains(m_text, Qt::CaseInsensitive) || p.purl.contains(m_text, Qt::CaseInsensitive) ||
           p.license.contains(m_text, Qt::CaseInsensitive);
}

bool SbomFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_packages)
        return QSortFilterProxyModel::lessThan(left, right);
    const SbomPackage &a = m_packages->package(left.row());
    const SbomPackage &b = m_packages->package(right.row());
    const int column = left.column();
    int c =
        SbomPackageModel::columnText(a, column).compare(SbomPackageModel::columnText(b, column), Qt::CaseInsensitive);
    if (c == 0 && column != SbomPackageModel::NameColumn)
        c = a.name.compare(b.name, Qt::CaseInsensitive);
    if (c == 0)
        return left.row() < right.row(); // a stable order: the document's
    return c < 0;
}

} // namespace strata::ui
