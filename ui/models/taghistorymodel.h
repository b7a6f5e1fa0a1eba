// SPDX-License-Identifier: MIT
// The rows of the Tag History view: per tag of a registry's storage folder every manifest it has pointed to (newest
// first), the repository's untagged manifests, and what the journal saw each reference of a source resolve to.
#pragma once

#include "core/journal/referencejournal.h"
#include "core/sources/taghistory.h"

#include <QStandardItemModel>

namespace strata::ui {

// What the journal saw one reference of the source resolve to, newest last-seen first.
struct JournalHistory
{
    journal::ResolvedReference now; // as the source resolved it this time
    QList<journal::Sighting> seen;
};

// Built on a worker, shown by the model on the GUI thread.
struct TagHistoryData
{
    QString subject;                       // the source the history is of
    bool storage = false;                  // a registry's storage folder (the repositories below were read)
    QList<RepositoryHistory> repositories; // sorted by name
    QList<JournalHistory> journal;
    QStringList problems; // what could not be read (the storage, the journal)
};

class TagHistoryModel final : public QStandardItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagHistoryModel)

public:
    enum Column { TagColumn, DigestColumn, PushedColumn, CurrentColumn, StoredColumn, ColumnCount };
    enum class RowKind { Group, TagEntry, Untagged, JournalEntry };
    enum Role {
        RowKindRole = Qt::UserRole + 1,
        DigestRole,        // "sha256:…" (entries)
        ReferenceRole,     // "strata/app:1", "127.0.0.1:5000/app:1" (groups and entries)
        OpenSourceRole,    // what opens this digest; empty when nothing can
        CurrentSourceRole, // what opens the digest the reference points to now; empty for the current one itself
        PinnedRole,        // "REPO@sha256:…" (the digest alone where no pinned name exists)
        CurrentRole,       // bool
        WhyNotOpenRole,    // why Open or Compare is not offered
    };

    explicit TagHistoryModel(QObject *parent = nullptr);

    void setHistory(const TagHistoryData &data);
    void clearHistory();
    // The first group (or entry) whose reference is `reference`; an invalid index when none.
    QModelIndex findReference(const QString &reference) const;
    // The first entry of `digest`, preferring the group of `reference` when given.
    QModelIndex findDigest(const QString &digest, const QString &reference = {}) const;
    // The model as indented text ("strata/app:1\n  1  sha256:…  <time>  current  stored"), for tests and
    // accessibility checks: what the screen shows, one row a line.
    QString dump() const;

private:
    void setHeaders();
};

} // namespace strata::ui
