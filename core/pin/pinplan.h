// SPDX-License-Identifier: MIT
// `strata pin` as a core function: scan a deployment file for image references, resolve each through its registry,
// and produce the pinned bytes (every other byte kept) and an atomic write of them.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/pin/pinreference.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace strata::pin {

class PinResolver;

enum class PinStatus {
    Pinnable,   // resolved: --write adds the digest
    Pinned,     // already pinned, and its tag still points there (or the digest exists, when no tag is written)
    Moved,      // already pinned, but the tag now points elsewhere: reported, the written digest kept
    LeftAlone,  // not an image to pin (a build stage, scratch, a name from ARG or ${VAR}, a service's build output)
    Unresolved, // the registry could not be asked or said no, or the text cannot be edited in place
    Invalid,    // not a valid image reference
};
// "pinnable", "pinned", "moved", "left-alone", "unresolved", "invalid"
QString pinStatusName(PinStatus s);

struct PinEntry
{
    FoundReference found;
    PinStatus status = PinStatus::Unresolved;
    QString pinned;        // name:tag@digest: what --write puts there (Pinnable), else the reference as written
    Digest current;        // what the tag points to now (Pinnable, Pinned, Moved)
    QString mediaType;     // of what `current` names
    QStringList platforms; // what `current` covers
    QString message;       // why left alone, what failed, where the tag moved
};

struct PinFile
{
    QString path;
    QString kind;     // "Dockerfile", "Compose", "Kubernetes Deployment, Kubernetes CronJob", "GitHub Actions", …
    QByteArray bytes; // as read
    QList<PinEntry> entries;

    int count(PinStatus s) const;
    // Nothing Unresolved or Invalid: the file may be written without --partial.
    bool fullyResolved() const { return count(PinStatus::Unresolved) == 0 && count(PinStatus::Invalid) == 0; }
};

inline constexpr qint64 MaxPinFileBytes = 8 * 1024 * 1024;

// Reads `path` and finds its references (entries not resolved yet: status Unresolved, message empty). Dockerfiles are
// told by name (Dockerfile, Containerfile, Dockerfile.*, *.dockerfile, *.containerfile), YAML files by their content.
// Errors: Io, TooLarge (over MaxPinFileBytes), Malformed (not YAML, or a broken FROM: the context names the file and
// line), Unsupported (YAML of another kind).
Result<PinFile> scanPinFile(const QString &path);

// Resolves every entry that names an image. Synchronous; thread-safe for distinct files.
void resolvePinFile(PinFile &file, PinResolver &resolver, JobContext *job = nullptr);

// The file's bytes with "@digest" (and ":latest" when no tag was written) inserted after every Pinnable reference.
QByteArray pinnedBytes(const PinFile &file);

// Writes pinnedBytes() over the file atomically (QSaveFile: a temporary file beside it, fsync, rename; the file's
// permissions kept), provided the file still holds the bytes it was scanned from. Errors: Io (naming the file), and
// Malformed when the file changed since it was read.
Status writePinFile(const PinFile &file);

} // namespace strata::pin
