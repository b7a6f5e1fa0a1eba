// SPDX-License-Identifier: MIT
// An SBOM's package table for the details pane: a search field (name, purl, licence), the sortable table, a count
// ("1,234 of 10,000 packages") and "Save document as…". Only the dialog runs on the GUI thread: the save itself is
// the owner's (a background job), through saveRequested.
#pragma once

#include "core/attestations/sbomdocument.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace strata::ui {

class SbomFilterProxy;
class SbomPackageModel;

class SbomView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SbomView)

public:
    explicit SbomView(QWidget *parent = nullptr);
    ~SbomView() override;

    // Shows `document` (null: nothing). Cheap: the model reads the document, it copies nothing.
    void setDocument(std::shared_ptr<const SbomDocument> document);
    const std::shared_ptr<const SbomDocument> &document() const;

    void setFilterText(const QString &text);
    QString countText() const;
    QTreeView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    SbomFilterProxy *proxy() const { return m_proxy; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    // The user chose where to save the document's raw bytes (document()->raw); nothing is written yet.
    void saveRequested(const QString &path, std::shared_ptr<const SbomDocument> document);

private:
    void updateCount();
    void askWhereToSave();

    SbomPackageModel *m_model;
    SbomFilterProxy *m_proxy;
    QLineEdit *m_search;
    QTreeView *m_table;
    QLabel *m_count;
    QLabel *m_header;
    QPushButton *m_save;
};

} // namespace strata::ui
