// SPDX-License-Identifier: MIT
// An SBOM's packages as a table (name, version, type, licence, purl) over the immutable document: no copy per
// row, nothing computed until a row is painted, so 10,000 packages cost nothing to set.
#pragma once

#include "core/attestations/sbomdocument.h"

#include <QAbstractTableModel>

#include <memory>

namespace strata::ui {

class SbomPackageModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SbomPackageModel)

public:
    enum Column { NameColumn, VersionColumn, TypeColumn, LicenseColumn, PurlColumn, ColumnCount };

    explicit SbomPackageModel(QObject *parent = nullptr);

    // Resets the model; null clears it. GUI thread.
    void setDocument(std::shared_ptr<const SbomDocument> document);
    const std::shared_ptr<const SbomDocument> &document() const { return m_document; }
    // The package of a source row (valid rows only).
    const SbomPackage &package(int row) const { return m_document->packages[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The text of one column of a package, as displayed (and sorted and searched).
    static const QString &columnText(const SbomPackage &p, int column);

private:
    std::shared_ptr<const SbomDocument> m_document;
};

} // namespace strata::ui
