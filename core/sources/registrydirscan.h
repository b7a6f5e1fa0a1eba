// SPDX-License-Identifier: MIT
// What a stopped registry's storage folder holds (distribution's filesystem driver, docs/storage
// paths.go): repositories with their tag, revision and layer links, and the blob store.
#pragma once

#include "core/digest.h"
#include "core/jobs/jobcontext.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace strata {

class DirContainer;

struct RegistryLink
{
    Digest digest;
    QString file;       // the link file, relative to the v2 folder
    QDateTime modified; // the link file's modification time (tag history: when the tag was pushed)
};

struct RegistryRepository
{
    QString name;                             // "strata/sample"
    QList<QPair<QString, RegistryLink>> tags; // tag → _manifests/tags/TAG/current/link, sorted by tag
    // tag → every manifest the tag has pointed to (_manifests/tags/TAG/index/ALG/HEX/link, distribution's
    // tagstore ManifestDigests), newest link file first: the storage records no order but these times.
    QHash<QString, QList<RegistryLink>> tagHistory;
    QList<RegistryLink> revisions; // _manifests/revisions/ALG/HEX/link
    QList<RegistryLink> layers;    // _layers/ALG/HEX/link
};

struct RegistryInventory
{
    QString v2Root;                         // the docker/registry/v2 folder
    QList<RegistryRepository> repositories; // sorted by name
    QHash<Digest, qint64> blobs;            // blobs/ALG/HH/HEX/data present, with their sizes
    QList<Digest> blobOrder;                // the same, sorted
    QStringList problems;                   // entries that are not what the layout allows (never followed)

    const RegistryRepository *repository(const QString &name) const;
    int tagCount() const;
};

namespace registrydir {

// "blobs/sha256/ab/abcd…/data" for a verifiable digest; empty otherwise.
QString blobDataPath(const Digest &d);

// Walks the v2 folder without following symbolic links: names that break the distribution grammar, link
// files that do not hold a digest, and symlinks are reported in `problems` and skipped, so nothing from
// the storage becomes a path before it is validated. Checks `job` for cancellation per repository.
// Errors: NotFound (not registry storage), Io, Canceled, TooLarge (over a million entries).
Result<RegistryInventory> scan(const std::shared_ptr<DirContainer> &v2, JobContext *job = nullptr);

struct OpenedStorage
{
    std::shared_ptr<DirContainer> dir; // the docker/registry/v2 folder
    RegistryInventory inventory;
};

// The storage at `path` (its root or its docker/registry/v2 folder), opened and scanned. Errors: NotFound (no such
// folder), NotAnImage (it holds no docker/registry/v2), then what DirContainer::openFolder and scan() return.
Result<OpenedStorage> openStorage(const QString &path, JobContext *job = nullptr);

} // namespace registrydir

} // namespace strata
