// SPDX-License-Identifier: MIT
#include "ui/models/sbompackagemodel.h"

namespace strata::ui {

SbomPackageModel::SbomPackageModel(QObject *parent) : QAbstractTableModel(parent) {}

void SbomPackageModel::setDocument(std::shared_ptr<const SbomDocument> document)
{
    beginResetModel();
    m_document = std::move(document);
    endResetModel();
}

int SbomPackageModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_document)
        return 0;
    return int(m_document->packages.size()); // at most limits::MaxPackages
}

int SbomPackageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const QString &SbomPackageModel::columnText(const SbomPackage &p, int column)
{
    switch (column) {
    case VersionColumn: return p.version;
    case TypeColumn: return p.type;
    case LicenseColumn: return p.license;
    case PurlColumn: return p.purl;
    default: break;
    }
    return p.name;
}

QVariant SbomPackageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SbomPackage &p = package(index.row());
    switch (role) {
    case Qt::DisplayRole: return columnText(p, index.column());
    case Qt::ToolTipRole: {
        const QString &t = columnText(p, index.column());
        if (index.column() == NameColumn && !p.supplier.isEmpty())
            return tr("%1\nSupplier: %2").arg(t, p.supplier);
        return t.isEmpty() ? QVariant() : QVariant(t);
    }
    default: break;
    }
    return {};
}

QVariant SbomPackageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case VersionColumn: return tr("Version");
    case TypeColumn: return tr("Type");
    case LicenseColumn: return tr("Licence");
    case PurlColumn: return tr("Package URL");
    default: break;
    }
    return {};
}

} // namespace strata::ui
