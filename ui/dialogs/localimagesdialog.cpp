// SPDX-License-Identifier: MIT
// Local images dialog: the engine is asked on a worker; the GUI thread only fills the list.
#include "ui/dialogs/localimagesdialog.h"
#include "core/format/sizeformat.h"

#include "core/engine/engineclient.h"
#include "core/sources/enginesource.h"
#include "ui/jobs/backgroundjob.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

struct Listing
{
    EngineEndpoint endpoint;
    EngineInfo info;
    QList<EngineImageRow> rows;
    std::optional<Error> error;
};

Listing listEngine()
{
    Listing out;
    Result<EngineEndpoint> ep = findEngine();
    if (!ep) {
        out.error = ep.error();
        return out;
    }
    out.endpoint = ep.value();
    const EngineClient client(ep.value());
    Result<EngineInfo> info = client.version();
    if (!info) {
        out.error = info.error();
        return out;
    }
    out.info = info.value();
    Result<QList<EngineImage>> images = client.listImages();
    if (!images) {
        out.error = images.error();
        return out;
    }
    out.rows = engineImageRows(images.value());
    return out;
}

QString shortHex(const QString &digest, int chars = 12)
{
    const qsizetype colon = digest.indexOf(u':');
    return colon < 0 ? digest : digest.mid(colon + 1, chars);
}

// Sorts sizes and dates by value, not by their text.
class Row final : public QTreeWidgetItem
{
public:
    using QTreeWidgetItem::QTreeWidgetItem;
    bool operator<(const QTreeWidgetItem &other) const override
    {
        const int c = treeWidget() ? treeWidget()->sortColumn() : 0;
        if (c == LocalImagesDialog::SizeColumn || c == LocalImagesDialog::CreatedColumn)
            return data(c, Qt::UserRole).toLongLong() < other.data(c, Qt::UserRole).toLongLong();
        return QTreeWidgetItem::operator<(other);
    }
};

} // namespace

LocalImagesDialog::LocalImagesDialog(QThreadPool *pool, QWidget *parent)
    : QDialog(parent), m_job(new BackgroundJob(pool, this)), m_list(new QTreeWidget(this)), m_status(new QLabel(this)),
      m_open(new QPushButton(tr("&Open"), this)), m_refresh(new QPushButton(tr("&Refresh"), this))
{
    setObjectName(u"localImagesDialog"_s);
    setWindowTitle(tr("Local Images"));
    m_list->setObjectName(u"localImagesList"_s);
    m_list->setHeaderLabels(
        {tr("Repository"), tr("Tag"), tr("Image ID"), tr("Repo digest"), tr("Size"), tr("Created")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(RepositoryColumn, Qt::AscendingOrder);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *explain = new QLabel(tr("Why the repo digest differs from the manifest digest you will see after opening: %1")
                                   .arg(EngineSource::repoDigestExplanation()),
                               this);
    explain->setObjectName(u"repoDigestExplanation"_s);
    explain->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_refresh, QDialogButtonBox::ResetRole);
    buttons->addButton(m_open, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_open->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, this, &LocalImagesDialog::refresh);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_open->setEnabled(!selectedSource().isEmpty()); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (!selectedSource().isEmpty())
            accept();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(explain);
    layout->addWidget(buttons);
    resize(900, 480);
    refresh();
}

LocalImagesDialog::~LocalImagesDialog() = default;

QString LocalImagesDialog::selectedSource() const
{
    const QList<QTreeWidgetItem *> sel = m_list->selectedItems();
    if (sel.isEmpty())
        return {};
    return u"docker-daemon:"_s + sel.first()->data(RepositoryColumn, Qt::UserRole).toString();
}

QString LocalImagesDialog::statusText() const
{
    return m_status->text();
}

void LocalImagesDialog::refresh()
{
    m_refresh->setEnabled(false);
    m_status->setText(tr("Asking the container engine for its images…"));
    m_job->start(this, &listEngine, [this](const Listing &l) {
        m_refresh->setEnabled(true);
        m_list->clear();
        if (l.error) {
            m_status->setText(tr("Cannot list the engine's images: %1").arg(l.error->toString()));
            Q_EMIT listed(0);
            return;
        }
        m_list->setSortingEnabled(false);
        for (const EngineImageRow &r : l.rows) {
            auto *item = new Row(m_list);
            item->setText(RepositoryColumn, r.repository);
            item->setData(RepositoryColumn, Qt::UserRole, r.reference);
            item->setText(TagColumn, r.tag);
            item->setText(ImageIdColumn, shortHex(r.imageId));
            item->setToolTip(ImageIdColumn, tr("Image ID (the config digest): %1").arg(r.imageId));
            item->setText(RepoDigestColumn,
                          r.repoDigest == u"<none>" ? r.repoDigest : u"sha256:"_s + shortHex(r.repoDigest));
            item->setToolTip(RepoDigestColumn,
                             r.repoDigest == u"<none>"
                                 ? tr("No repo digest: built or loaded locally, never pulled or pushed.")
                                 : tr("Registry manifest digest: %1").arg(r.repoDigest));
            item->setText(SizeColumn, format::sizeText(r.size));
            item->setData(SizeColumn, Qt::UserRole, r.size);
            item->setText(CreatedColumn,
                          r.created > 0 ? QDateTime::fromSecsSinceEpoch(r.created).toString(Qt::ISODate) : QString());
            item->setData(CreatedColumn, Qt::UserRole, r.created);
        }
        m_list->setSortingEnabled(true);
        m_status->setText(tr("%n image(s) from %1 at %2 (%3).", nullptr, static_cast<int>(l.rows.size()))
                              .arg(l.info.display(), l.endpoint.socketPath, l.endpoint.origin));
        Q_EMIT listed(static_cast<int>(l.rows.size()));
    });
}

} // namespace strata::ui
