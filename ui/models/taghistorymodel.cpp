// SPDX-License-Identifier: MIT
#include "ui/models/taghistorymodel.h"
#include "ui/theme/monospacefont.h"
#include "ui/theme/statusstyle.h"

#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

using Row = QList<QStandardItem *>;

// No translation is loaded, so a plural form of tr() would show "manifest(s)": the two forms spelled out.
QString manifests(qsizetype n)
{
    return n == 1 ? TagHistoryModel::tr("1 manifest") : TagHistoryModel::tr("%1 manifests").arg(n);
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

Row emptyRow()
{
    Row row;
    for (int c = 0; c < TagHistoryModel::ColumnCount; ++c) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        row << item;
    }
    return row;
}

Row groupRow(const QString &title, const QString &reference, const QString &summary, const QString &toolTip)
{
    Row row = emptyRow();
    row[0]->setText(title);
    row[0]->setToolTip(toolTip);
    QFont bold = row[0]->font();
    bold.setBold(true);
    row[0]->setFont(bold);
    row[TagHistoryModel::DigestColumn]->setText(summary);
    for (QStandardItem *i : std::as_const(row)) {
        i->setData(int(TagHistoryModel::RowKind::Group), TagHistoryModel::RowKindRole);
        i->setData(reference, TagHistoryModel::ReferenceRole);
    }
    return row;
}

struct Entry
{
    TagHistoryModel::RowKind kind = TagHistoryModel::RowKind::TagEntry;
    QString tag; // the tag column
    QString reference;
    Digest digest;
    QDateTime when;
    QString whenToolTip;
    bool current = false;
    QString stored; // the last column
    QString storedToolTip;
    QString open;        // what opens it, or empty
    QString currentOpen; // what opens the current digest, or empty
    QString pinned;
    QString whyNot;
};

Entry entry(TagHistoryModel::RowKind kind, const QString &tag, const QString &reference, const Digest &digest,
            const QDateTime &when)
{
    Entry e;
    e.kind = kind;
    e.tag = tag;
    e.reference = reference;
    e.digest = digest;
    e.when = when;
    return e;
}

Row entryRow(const Entry &e)
{
    Row row = emptyRow();
    row[TagHistoryModel::TagColumn]->setText(e.tag);
    row[TagHistoryModel::DigestColumn]->setText(e.digest.toString());
    row[TagHistoryModel::DigestColumn]->setFont(MonospaceFont::font());
    row[TagHistoryModel::DigestColumn]->setToolTip(e.pinned);
    row[TagHistoryModel::PushedColumn]->setText(timeText(e.when));
    row[TagHistoryModel::PushedColumn]->setToolTip(e.whenToolTip);
    if (e.current) {
        row[TagHistoryModel::CurrentColumn]->setText(TagHistoryModel::tr("current"));
        row[TagHistoryModel::CurrentColumn]->setForeground(
            StatusStyle::color(RowStatus::Verified, QGuiApplication::palette()));
        QFont bold = row[TagHistoryModel::DigestColumn]->font();
        bold.setBold(true);
        row[TagHistoryModel::DigestColumn]->setFont(bold);
        row[TagHistoryModel::CurrentColumn]->setData(TagHistoryModel::tr("the digest the reference points to now"),
                                                     Qt::ToolTipRole);
    }
    row[TagHistoryModel::StoredColumn]->setText(e.stored);
    row[TagHistoryModel::StoredColumn]->setToolTip(e.storedToolTip);
    for (QStandardItem *i : std::as_const(row)) {
        i->setData(int(e.kind), TagHistoryModel::RowKindRole);
        i->setData(e.digest.toString(), TagHistoryModel::DigestRole);
        i->setData(e.reference, TagHistoryModel::ReferenceRole);
        i->setData(e.open, TagHistoryModel::OpenSourceRole);
        i->setData(e.currentOpen, TagHistoryModel::CurrentSourceRole);
        i->setData(e.pinned, TagHistoryModel::PinnedRole);
        i->setData(e.current, TagHistoryModel::CurrentRole);
        i->setData(e.whyNot, TagHistoryModel::WhyNotOpenRole);
    }
    row[TagHistoryModel::TagColumn]->setData(
        TagHistoryModel::tr("%1, %2%3")
            .arg(e.tag, e.digest.toString(), e.current ? TagHistoryModel::tr(", current") : QString()),
        Qt::AccessibleTextRole);
    return row;
}

void addStorage(QStandardItem *root, const RepositoryHistory &h)
{
    for (const TagHistory &t : h.tags) {
        const QString reference = h.repository + u':' + t.tag;
        const bool currentStored = std::any_of(t.entries.cbegin(), t.entries.cend(),
                                               [](const TagHistoryEntry &e) { return e.current && e.stored; });
        Row group = groupRow(
            reference, reference,
            t.current.isNull()
                ? TagHistoryModel::tr("%1; no current link (the tag was deleted)").arg(manifests(t.entries.size()))
                : manifests(t.entries.size()),
            TagHistoryModel::tr("Every manifest the tag %1 has pointed to, newest first").arg(reference));
        for (const TagHistoryEntry &e : t.entries) {
            Entry row = entry(TagHistoryModel::RowKind::TagEntry, t.tag, reference, e.digest, e.pushed);
            row.current = e.current;
            row.whenToolTip =
                e.pushed.isValid()
                    ? TagHistoryModel::tr("%1 (UTC): the modification time of the tag's index link for this manifest")
                          .arg(e.pushed.toUTC().toString(Qt::ISODateWithMs))
                    : TagHistoryModel::tr("The tag's index has no link for this manifest: no time is known");
            row.stored = e.stored ? TagHistoryModel::tr("stored") : TagHistoryModel::tr("not stored");
            row.storedToolTip = e.stored ? TagHistoryModel::tr("The manifest's blob is in the storage")
                                         : TagHistoryModel::tr("The manifest's blob is not in the storage any more "
                                                               "(deleted, or garbage-collected)");
            row.pinned = h.pinned(e.digest);
            row.open = e.stored ? h.sourceFor(e.digest) : QString();
            if (!e.current && currentStored && e.stored)
                row.currentOpen = h.sourceFor(t.current);
            row.whyNot = !e.stored   ? TagHistoryModel::tr("The manifest is not stored: it cannot be opened")
                         : e.current ? TagHistoryModel::tr("This is the digest the tag points to now")
                         : !currentStored
                             ? TagHistoryModel::tr("The tag has no stored current manifest to compare with")
                             : QString();
            group[0]->appendRow(entryRow(row));
        }
        root->appendRow(group);
    }
    if (h.untagged.isEmpty())
        return;
    Row group = groupRow(TagHistoryModel::tr("untagged manifests of %1").arg(h.repository), h.repository,
                         TagHistoryModel::tr("%1 that no tag's history names").arg(manifests(h.untagged.size())),
                         TagHistoryModel::tr("Manifests of the repository that no tag points to or has pointed to "
                                             "(pushed by digest, or their tag was removed)"));
    for (const Digest &d : h.untagged) {
        Entry row = entry(TagHistoryModel::RowKind::Untagged, TagHistoryModel::tr("untagged"), h.repository, d, {});
        row.pinned = h.pinned(d);
        row.open = h.sourceFor(d);
        row.whyNot = TagHistoryModel::tr("No tag names this manifest: there is no current one to compare with");
        group[0]->appendRow(entryRow(row));
    }
    root->appendRow(group);
}

void addJournal(QStandardItem *root, const JournalHistory &j)
{
    Row group = groupRow(j.now.reference, j.now.reference,
                         j.seen.size() == 1 ? TagHistoryModel::tr("seen by Strata: 1 digest")
                                            : TagHistoryModel::tr("seen by Strata: %1 digests").arg(j.seen.size()),
                         TagHistoryModel::tr("What Strata's journal saw %1 resolve to (%2, in %3), newest first")
                             .arg(j.now.reference, j.now.via, j.now.source));
    const QString currentOpen = j.now.sourceFor(j.now.digest);
    for (const journal::Sighting &s : j.seen) {
        const bool current = s.digest == j.now.digest;
        Entry row =
            entry(TagHistoryModel::RowKind::JournalEntry, j.now.reference, j.now.reference, s.digest, s.lastSeen);
        row.current = current;
        row.whenToolTip = TagHistoryModel::tr("first seen %1, last seen %2 (UTC)")
                              .arg(s.firstSeen.toUTC().toString(Qt::ISODate), s.lastSeen.toUTC().toString(Qt::ISODate));
        row.stored = TagHistoryModel::tr("seen");
        row.storedToolTip = TagHistoryModel::tr("Recorded by Strata's journal: the source may not hold it any more");
        row.pinned = j.now.pinned(s.digest);
        row.open = j.now.sourceFor(s.digest);
        if (!current && !row.open.isEmpty())
            row.currentOpen = currentOpen;
        row.whyNot = row.open.isEmpty() ? TagHistoryModel::tr("This source can only open what it holds now")
                     : current          ? TagHistoryModel::tr("This is the digest the reference points to now")
                                        : QString();
        group[0]->appendRow(entryRow(row));
    }
    root->appendRow(group);
}

QString textOf(const QStandardItemModel *m, const QModelIndex &parent, int depth)
{
    QString out;
    for (int r = 0; r < m->rowCount(parent); ++r) {
        QStringList cells;
        for (int c = 0; c < TagHistoryModel::ColumnCount; ++c) {
            const QString t = m->index(r, c, parent).data().toString();
            if (!t.isEmpty())
                cells << t;
        }
        out += QString(depth * 2, u' ') + cells.join(u"  "_s) + u'\n';
        out += textOf(m, m->index(r, 0, parent), depth + 1);
    }
    return out;
}

} // namespace

TagHistoryModel::TagHistoryModel(QObject *parent) : QStandardItemModel(parent)
{
    setColumnCount(ColumnCount);
    setHeaders();
}

void TagHistoryModel::setHeaders()
{
    setHorizontalHeaderLabels({tr("Tag"), tr("Digest"), tr("Pushed / last seen"), tr("Current"), tr("Manifest")});
}

void TagHistoryModel::clearHistory()
{
    removeRows(0, rowCount());
}

void TagHistoryModel::setHistory(const TagHistoryData &data)
{
    // Each group is built with its entries before it is appended: one rowsInserted per group.
    removeRows(0, rowCount());
    QStandardItem *root = invisibleRootItem();
    for (const RepositoryHistory &h : data.repositories)
        addStorage(root, h);
    for (const JournalHistory &j : data.journal)
        addJournal(root, j);
}

QModelIndex TagHistoryModel::findReference(const QString &reference) const
{
    for (int r = 0; r < rowCount(); ++r)
        if (index(r, 0).data(ReferenceRole).toString() == reference)
            return index(r, 0);
    return {};
}

QModelIndex TagHistoryModel::findDigest(const QString &digest, const QString &reference) const
{
    QModelIndex first;
    for (int r = 0; r < rowCount(); ++r) {
        const QModelIndex group = index(r, 0);
        for (int c = 0; c < rowCount(group); ++c) {
            const QModelIndex e = index(c, 0, group);
            if (e.data(DigestRole).toString() != digest)
                continue;
            if (reference.isEmpty() || e.data(ReferenceRole).toString() == reference)
                return e;
            if (!first.isValid())
                first = e;
        }
    }
    return first;
}

QString TagHistoryModel::dump() const
{
    return textOf(this, {}, 0);
}

} // namespace strata::ui
