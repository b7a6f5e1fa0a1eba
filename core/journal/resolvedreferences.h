// SPDX-License-Identifier: MIT
// What an opened source resolved: the (source, reference, digest) triples the journal records, made from the graph
// in one place for every kind of source, and the tag-moved problems a recording finds.
#pragma once

#include "core/journal/referencejournal.h"
#include "core/model/imagegraph.h"

namespace strata::journal {

// Registry tags (docker://HOST/REPO:TAG → the manifest or index digest served), engine image names (→ the image
// ID), docker save RepoTags (→ the image ID: docker save stores no manifest digest), OCI layout ref.name and image
// name annotations (→ the descriptor's digest), registry storage tags (→ the tag's current link). References by
// digest, attached artifacts and cosign's sha256-… tags are left out: they are not names that move under a user.
// A file's source is its canonical absolute path. Pure; any thread.
QList<ResolvedReference> referencesOf(const ImageGraph &g);

// The source and reference the journal files SOURCE-TEXT under (as referencesOf would), for `strata history`:
// docker://HOST/REPO:TAG → ("docker://HOST", "HOST/REPO:TAG"); docker-daemon:NAME → ("docker-daemon", NAME);
// oci:DIR:REF, docker-archive:PATH:NAME:TAG, registry-dir:PATH/REPO:TAG → (canonical path, the reference, empty
// for the whole source). Anything that does not parse as a source is taken as a bare reference (any source).
struct JournalKey
{
    QString source;
    QString reference;
};
JournalKey journalKeyOf(const QString &sourceText);

// The "record tag history" setting, shared by the window and the CLI (QSettings of organisation and application
// "Strata", key recordTagHistory, on unless turned off).
bool recordingEnabled();
void setRecordingEnabled(bool on);

struct RecordOutcome
{
    QList<TagMove> moves;
    QString notice; // a file set aside, or why nothing could be recorded; empty when all went well
};

// Records what `g` resolved in the journal at `path` and adds one tag-moved warning per move to `g` (on the
// source node: the reference is the source's). For a graph not shared yet; call from a worker (SQLite I/O). A
// journal that cannot be opened or written is only a notice: opening a source never fails for it.
RecordOutcome recordAndNote(ImageGraph &g, const QString &path = ReferenceJournal::defaultPath());

} // namespace strata::journal
