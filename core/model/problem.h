// SPDX-License-Identifier: MIT
// A problem found while loading or verifying: what, where, expected vs actual, and a sentence.
#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

namespace strata {

enum class ProblemKind {
    DigestMismatch,    // the bytes do not hash to the declared digest
    SizeMismatch,      // the bytes are not as long as declared
    DiffIdMismatch,    // the decompressed layer does not hash to rootfs.diff_ids[i]
    NameMismatch,      // a file named by a digest holds other bytes
    MissingBlob,       // referenced, required and absent
    NotIncluded,       // referenced but absent where the format allows it (partial multi-platform export)
    MediaTypeMismatch, // the declared media type does not match the bytes (compression) or the document
    CountMismatch,     // layers vs diff_ids, history vs layers
    Malformed,         // a document or archive that does not parse
    UnsafePath,        // a name or digest that would leave the image
    Truncated,         // data ends early
    TooLarge,          // a limit was hit
    Unverifiable,      // an algorithm or format Strata cannot check
    LayerOrder,        // Docker 25.0.0's shuffled OCI manifest layers
    Legacy,            // a pre-1.10 archive: nothing content-addressed to verify
    SuspiciousRatio,   // decompression ratio beyond the bomb threshold
    OrphanBlob,        // registry storage: a stored blob no manifest of any repository references
    TagMoved,          // a reference resolved to another digest than the last time Strata saw it (core/journal)
    Unreadable,        // the bytes could not be obtained (network, engine, disk): nothing is known about them
};

enum class Severity { Info, Warning, Error };

QString problemKindName(ProblemKind k); // "digest-mismatch", …
Severity defaultSeverity(ProblemKind k);
QString severityName(Severity s);
// The kind of problem for an error met while reading an object's bytes: Unreadable for a read
// failure (isReadFailure), Truncated, TooLarge, else Malformed (bytes that were read and are wrong).
ProblemKind problemKindForReadError(ErrorCode code);

struct Problem
{
    ProblemKind kind = ProblemKind::Malformed;
    Severity severity = Severity::Error;
    int nodeId = -1;  // the graph node it concerns, -1 for the source itself
    QString object;   // a person-readable name of the object: "layer 2 (sha256:ab12…) in blobs/sha256/ab12…"
    QString expected; // declared value, may be empty
    QString actual;   // computed value, may be empty
    QString message;  // one sentence

    static Problem make(ProblemKind kind, int nodeId, QString object, QString message, QString expected = {},
                        QString actual = {});
};

using ProblemList = QList<Problem>;

} // namespace strata
