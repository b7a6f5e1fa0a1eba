// SPDX-License-Identifier: MIT
#include "ui/dialogs/pindialog.h"

#include "core/pin/pinresolver.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/jobs/backgroundjob.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

Result<pin::PinFile> scanAndResolve(const QString &path, JobContext *job)
{
    Result<pin::PinFile> f = pin::scanPinFile(path);
    if (!f)
        return f;
    pin::PinResolver resolver(true); // loopback registries may use HTTP; others need File ▸ Connect's option
    pin::resolvePinFile(f.value(), resolver, job);
    return f;
}

QString statusLabel(const pin::PinEntry &e)
{
    switch (e.status) {
    case pin::PinStatus::Pinnable: return PinDialog::tr("can be pinned");
    case pin::PinStatus::Pinned: return PinDialog::tr("pinned");
    case pin::PinStatus::Moved: return PinDialog::tr("pinned, but the tag moved: %1").arg(e.message);
    case pin::PinStatus::LeftAlone: return PinDialog::tr("left alone: %1").arg(e.message);
    case pin::PinStatus::Unresolved: return PinDialog::tr("not resolved: %1").arg(e.message);
    case pin::PinStatus::Invalid: return PinDialog::tr("not an image reference: %1").arg(e.message);
    }
    return {};
}

} // namespace

PinDialog::PinDialog(QThreadPool *pool, QWidget *parent)
    : QDialog(parent), m_job(new BackgroundJob(pool, this)), m_path(new QLineEdit(this)),
      m_table(new QTreeWidget(this)), m_status(new QLabel(this)),
      m_partial(new QCheckBox(tr("Also write when some references could not be resolved"), this)),
      m_write(new QPushButton(tr("&Write Pinned File"), this))
{
    setWindowTitle(tr("Pin References in File"));
    m_path->setObjectName(u"path"_s);
    m_table->setObjectName(u"references"_s);
    m_status->setObjectName(u"status"_s);
    m_write->setObjectName(u"write"_s);
    m_partial->setObjectName(u"partial"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setPlaceholderText(tr("Dockerfile, Compose, Kubernetes, GitHub Actions or GitLab CI file"));

    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *scan = new QPushButton(tr("&Resolve"), this);
    scan->setObjectName(u"resolve"_s);
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    row->addWidget(scan);

    m_table->setColumnCount(ColumnCount);
    m_table->setHeaderLabels({tr("Reference"), tr("Line"), tr("Resolved"), tr("Platforms"), tr("Status"), QString()});
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setTextElideMode(Qt::ElideMiddle); // the digest's end and the tag both matter
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(PinnedColumn, QHeaderView::Stretch);

    m_write->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_write, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_partial);
    layout->addWidget(buttons);
    resize(1200, 420);

    connect(browse, &QPushButton::clicked, this, &PinDialog::browse);
    connect(scan, &QPushButton::clicked, this, [this] { openFile(m_path->text()); });
    connect(m_path, &QLineEdit::returnPressed, this, [this] { openFile(m_path->text()); });
    connect(m_write, &QPushButton::clicked, this, &PinDialog::write);
    connect(m_partial, &QCheckBox::toggled, this, [this] {
        if (m_file)
            m_write->setEnabled(m_file->count(pin::PinStatus::Pinnable) > 0 &&
                                (m_file->fullyResolved() || m_partial->isChecked()));
    });
}

PinDialog::~PinDialog() = default;

QString PinDialog::statusText() const
{
    return m_status->text();
}

QPushButton *PinDialog::copyButton(int row) const
{
    QTreeWidgetItem *item = m_table->topLevelItem(row);
    return item ? qobject_cast<QPushButton *>(m_table->itemWidget(item, CopyColumn)) : nullptr;
}

void PinDialog::browse()
{
    const QString path = FileDialogs::openFile(this, FileDialogs::PinFile, tr("Pin References in File"));
    if (!path.isEmpty())
        openFile(path);
}

void PinDialog::openFile(const QString &path)
{
    m_path->setText(path);
    m_table->clear();
    m_file.reset();
    m_write->setEnabled(false);
    m_status->setText(tr("Resolving the references in %1…").arg(path));
    m_job->start(
        this, [path](JobContext *job) { return scanAndResolve(path, job); },
        [this](Result<pin::PinFile> r) { showResult(r); }, path);
}

void PinDialog::showResult(const Result<pin::PinFile> &r)
{
    if (!r) {
        m_status->setText(r.error().toString());
        Q_EMIT scanned(0);
        return;
    }
    m_file = r.value();
    for (const pin::PinEntry &e : m_file->entries) {
        auto *item = new QTreeWidgetItem(m_table);
        item->setText(ReferenceColumn, e.found.text);
        item->setToolTip(ReferenceColumn, e.found.where);
        item->setText(LineColumn, QString::number(e.found.line));
        const bool hasDigest = e.status == pin::PinStatus::Pinnable || e.status == pin::PinStatus::Pinned ||
                               e.status == pin::PinStatus::Moved;
        const QString copyText = e.status == pin::PinStatus::Moved
                                     ? e.found.text.section(u'@', 0, 0) + u'@' + e.current.toString()
                                     : e.pinned;
        item->setText(PinnedColumn, hasDigest ? copyText : QString());
        item->setToolTip(PinnedColumn, e.mediaType);
        item->setText(PlatformsColumn, e.platforms.join(u", "_s));
        item->setText(StatusColumn, statusLabel(e));
        item->setToolTip(StatusColumn, statusLabel(e));
        if (hasDigest) {
            auto *copy = new QPushButton(tr("Copy"), m_table);
            copy->setToolTip(tr("Copy %1").arg(copyText));
            connect(copy, &QPushButton::clicked, this, [copyText] { QApplication::clipboard()->setText(copyText); });
            m_table->setItemWidget(item, CopyColumn, copy);
        }
    }
    for (int c = 0; c < ColumnCount; ++c)
        if (c != PinnedColumn)
            m_table->resizeColumnToContents(c);
    const int pinnable = m_file->count(pin::PinStatus::Pinnable);
    const int failed = m_file->count(pin::PinStatus::Unresolved) + m_file->count(pin::PinStatus::Invalid);
    QString text = tr("%1 (%2): %n reference(s)", nullptr, int(m_file->entries.size()))
                       .arg(m_file->path, m_file->kind.isEmpty() ? tr("no image references") : m_file->kind);
    text += u", "_s + tr("%n to pin", nullptr, pinnable);
    if (failed > 0)
        text += u", "_s + tr("%n could not be resolved", nullptr, failed);
    if (const int moved = m_file->count(pin::PinStatus::Moved))
        text += u", "_s + tr("%n pinned to a tag that has moved since", nullptr, moved);
    m_status->setText(text + u'.');
    m_write->setEnabled(pinnable > 0 && (failed == 0 || m_partial->isChecked()));
    Q_EMIT scanned(int(m_file->entries.size()));
}

void PinDialog::write()
{
    if (!m_file)
        return;
    m_write->setEnabled(false);
    const pin::PinFile file = m_file.value();
    m_status->setText(tr("Writing %1…").arg(file.path));
    m_job->start(
        this, [file] { return pin::writePinFile(file); },
        [this, file](Status s) {
            if (!s) {
                m_status->setText(tr("Not written: %1").arg(s.error().toString()));
                m_write->setEnabled(true);
                Q_EMIT written(false);
                return;
            }
            m_status->setText(
                tr("Wrote %1: %n reference(s) pinned.", nullptr, file.count(pin::PinStatus::Pinnable)).arg(file.path));
            Q_EMIT written(true);
        });
}

} // namespace strata::ui
