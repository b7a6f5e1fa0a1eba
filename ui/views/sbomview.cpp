// SPDX-License-Identifier: MIT
#include "ui/views/sbomview.h"
#include "core/format/sizeformat.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/models/sbomfilterproxy.h"
#include "ui/models/sbompackagemodel.h"
#include "ui/views/escapeclears.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

SbomView::SbomView(QWidget *parent)
    : QWidget(parent), m_model(new SbomPackageModel(this)), m_proxy(new SbomFilterProxy(this)),
      m_search(new QLineEdit(this)), m_table(new QTreeView(this)), m_count(new QLabel(this)),
      m_header(new QLabel(this)), m_save(new QPushButton(tr("Save document as…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_search->setPlaceholderText(tr("Search name, package URL or licence"));
    m_search->setClearButtonEnabled(true);
    EscapeClears::install(m_search);
    m_search->setObjectName(u"sbomSearch"_s);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A tree view as a flat table: uniform row heights let it lay out 10,000 rows without measuring each.
    m_table->setModel(m_proxy);
    m_table->setObjectName(u"sbomTable"_s);
    m_table->setRootIsDecorated(false);
    m_table->setItemsExpandable(false);
    m_table->setUniformRowHeights(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SbomPackageModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->header();
    header->setSectionResizeMode(QHeaderView::Interactive); // never ResizeToContents: it measures every row
    header->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(u'M');
    header->resizeSection(SbomPackageModel::NameColumn, 18 * em);
    header->resizeSection(SbomPackageModel::VersionColumn, 7 * em);
    header->resizeSection(SbomPackageModel::TypeColumn, 6 * em);
    header->resizeSection(SbomPackageModel::LicenseColumn, 9 * em);
    m_save->setEnabled(false);
    // Wide enough for the largest count, so that the bar does not shift while typing.
    m_count->setMinimumWidth(fontMetrics().horizontalAdvance(tr("%1 of %2 packages").arg(u"000,000"_s, u"000,000"_s)));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, this, &SbomView::setFilterText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SbomView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SbomView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SbomView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SbomView::updateCount);
    connect(m_save, &QPushButton::clicked, this, &SbomView::askWhereToSave);
    updateCount();
}

SbomView::~SbomView() = default;

void SbomView::setDocument(std::shared_ptr<const SbomDocument> document)
{
    m_model->setDocument(document);
    m_save->setEnabled(document && !document->raw.isEmpty());
    QString header;
    if (document) {
        QStringList parts{document->kindName()};
        if (!document->name.isEmpty())
            parts << document->name;
        if (document->created.isValid())
            parts << tr("created %1").arg(document->created.toUTC().toString(Qt::ISODate));
        if (!document->creators.isEmpty())
            parts << document->creators.mid(0, 3).join(u", "_s);
        header = parts.join(u" · "_s);
        // The truncation is one of the problems ("N packages: only the first M are listed").
        for (qsizetype i = 0; i < document->problems.size() && i < 3; ++i)
            header += u'\n' + document->problems.at(i);
        if (document->problems.size() > 3)
            header += u'\n' + tr("(%1 more problems)").arg(document->problems.size() - 3);
    }
    m_header->setText(header);
    m_header->setVisible(!header.isEmpty());
    updateCount();
}

const std::shared_ptr<const SbomDocument> &SbomView::document() const
{
    return m_model->document();
}

void SbomView::setFilterText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text); // comes back here through textChanged
    m_proxy->setText(text);
    updateCount();
}

QString SbomView::countText() const
{
    return m_count->text();
}

void SbomView::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%1 packages").arg(format::countText(total))
                                    : tr("%1 of %2 packages").arg(format::countText(shown), format::countText(total)));
}

void SbomView::askWhereToSave()
{
    const std::shared_ptr<const SbomDocument> document = m_model->document();
    if (!document)
        return;
    const QString suffix = document->format == SbomDocument::Format::Spdx ? u".spdx.json"_s : u".cdx.json"_s;
    QString name = document->name.isEmpty() ? u"sbom"_s : document->name;
    name.replace(u'/', u'_').replace(u'@', u'-');
    const QString path = FileDialogs::saveFile(this, FileDialogs::Export, tr("Save SBOM"), name + suffix,
                                               tr("JSON documents (*.json);;All files (*)"));
    if (!path.isEmpty())
        Q_EMIT saveRequested(path, document);
}

} // namespace strata::ui
