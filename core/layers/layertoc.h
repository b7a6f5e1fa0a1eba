// SPDX-License-Identifier: MIT
// A layer's table of contents: what each tar entry adds, changes or deletes (image-spec layer.md).
#pragma once

#include "core/digest.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace strata {

enum class EntryType { File, Directory, Symlink, Hardlink, Whiteout, Opaque, CharDevice, BlockDevice, Fifo, Other };
QString entryTypeName(EntryType t); // "file", "dir", "symlink", "hardlink", "whiteout", "opaque", …

struct LayerEntry
{
    QString path; // relative, normalised: no leading "/" or "./"
    EntryType type = EntryType::File;
    qint64 size = 0;  // content bytes of regular files
    quint32 mode = 0; // permission bits and set-id/sticky
    qint64 uid = 0;
    qint64 gid = 0;
    qint64 mtime = 0;       // seconds since the epoch
    QString linkTarget;     // symlink text or hard link path, as stored (never resolved on the host)
    QByteArray contentHash; // sha256 of a regular file's bytes (raw 32 bytes), for duplicate detection

    // For whiteouts and opaque markers: the path they delete (".wh.x" → "dir/x"; opaque → "dir").
    QString deletedPath() const;
    // The `ls -l` mode column (core/format/modestring.h): "drwxr-xr-x"; 'h' leads for a hard link and 'w'
    // for a whiteout or opaque marker, followed by the entry's own permission bits.
    QString modeString() const;
};

struct LayerToc
{
    QList<LayerEntry> entries; // in stream order
    qint64 tarBytes = 0;       // uncompressed stream length
    qint64 fileBytes = 0;      // sum of regular file sizes
    bool capped = false;       // the entry cap was reached; later entries are not listed
    QStringList problems;      // unsafe names, duplicates, invalid whiteouts, a broken stream
};

using LayerTocPtr = std::shared_ptr<const LayerToc>;

} // namespace strata
