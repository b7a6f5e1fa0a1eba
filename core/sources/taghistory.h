// SPDX-License-Identifier: MIT
// Every manifest a tag has pointed to, from a registry's storage folder: distribution keeps a link per manifest a
// tag ever named (registry/storage/paths.go manifestTagIndexEntryLinkPathSpec; tagstore.go ManifestDigests,
// "digests that this tag historically pointed to"), next to current/link. No HTTP route serves it.
#pragma once

#include "core/digest.h"
#include "core/jobs/jobcontext.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace strata {

struct TagHistoryEntry
{
    Digest digest;
    QDateTime pushed;     // the index link file's modification time
    bool current = false; // what current/link names
    bool stored = false;  // the manifest's blob is in the storage (it can be opened)
};

struct TagHistory
{
    QString tag;
    Digest current;                 // null when current/link is missing (a deleted tag keeps its index)
    QList<TagHistoryEntry> entries; // newest first
};

struct RepositoryHistory
{
    QString storage;    // the path given
    QString repository; // "strata/app"
    QList<TagHistory> tags;
    QList<Digest> untagged; // manifests of the repository that no tag's history names
    QStringList problems;   // links that are not what the layout allows (never followed)

    // "REPO@sha256:…": the pinned reference of a digest of this repository.
    QString pinned(const Digest &d) const;
    // registry-dir:STORAGE/REPO@sha256:…: what opens that manifest in Strata.
    QString sourceFor(const Digest &d) const;
};

// The order of a tag's history comes from file times: say so wherever it is shown.
inline constexpr auto TagHistoryOrderNote =
    "ordered by the link files' modification times: the registry's storage itself records no order";

// `spec` is registry-dir:PATH/REPO[:TAG] (a tag: that tag only). Never writes to the storage. Errors: NotFound (no
// such folder, repository or tag), NotAnImage (not registry storage), Malformed (no repository, or a digest
// reference), Io, Canceled.
Result<RepositoryHistory> readTagHistory(const QString &spec, JobContext *job = nullptr);
// The same for registry-dir:PATH[/REPO[:TAG]]: without a repository, every repository of the storage (sorted by
// name; none for an empty storage), scanning the folder once. Errors as readTagHistory.
Result<QList<RepositoryHistory>> readStorageHistory(const QString &spec, JobContext *job = nullptr);

} // namespace strata
