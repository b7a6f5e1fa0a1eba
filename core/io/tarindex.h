// SPDX-License-Identifier: MIT
// An index of an uncompressed tar file's members, built from headers only (data is skipped),
// so a multi-GB archive shows its structure at once and any member can be read by offset.
#pragma once

#include "core/io/filerange.h"
#include "core/jobs/jobcontext.h"

#include <QHash>
#include <QList>
#include <QString>

namespace strata {

struct TarMember
{
    enum class Type { File, Directory, Symlink, Hardlink, Other };
    QString name;    // normalised: no leading "./" or "/", no "//", no "." components
    QString rawName; // as stored, for messages
    Type type = Type::Other;
    qint64 dataOffset = 0;
    qint64 size = 0;
    QString linkTarget;     // as stored
    bool truncated = false; // the data runs past the end of the file
};

struct TarIndex
{
    QList<TarMember> members;
    QHash<QString, qsizetype> byName; // first occurrence wins (containers/image findTarComponent)
    QStringList duplicateNames;
    QStringList unsafeNames; // absolute or ".." names, never resolvable
    bool truncated = false;  // the archive ends without its end-of-archive blocks
    bool sawEndMarker = false;
    QString truncationNote;

    // Builds the index. Errors: NotAnImage (the first header is not a tar header), TooLarge (entry
    // count), Canceled; a truncated archive is not an error: `truncated` is set and what was read is kept.
    static Result<TarIndex> build(const std::shared_ptr<SharedFd> &file, JobContext *job = nullptr);

    const TarMember *find(const QString &normalisedName) const;
};

// Normalises a member name the way tar readers agree on; returns an empty string for names that
// would leave the archive (absolute, "..") or contain NUL.
QString normaliseMemberName(const QString &raw);

// True when `block` (512 bytes) is a tar header with a valid checksum, or an all-zero end block.
bool isTarHeaderBlock(const char *block);

// Resolves a relative link `target` against the folder `dir` (both archive-relative), applying ".."
// lexically; empty when the result would climb above the archive's top.
QString resolveRelativeName(const QString &dir, const QString &target);

} // namespace strata
