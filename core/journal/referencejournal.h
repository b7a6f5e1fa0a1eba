// SPDX-License-Identifier: MIT
// The journal of what Strata has seen: every (source, reference) → digest it resolved, with when it was first and
// last seen, in a local SQLite database (QtSql's SQLite driver, WAL mode). A reference that resolves to another
// digest than the last time is a tag move. No credentials and no blob content are stored: only the strings of
// ResolvedReference and two times.
#pragma once

#include "core/digest.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace strata::journal {

// One reference resolved to a digest while a source opened (resolvedreferences.h makes them from a graph).
struct ResolvedReference
{
    QString source;     // "docker://127.0.0.1:5000", "docker-daemon", or a file's canonical absolute path
    QString reference;  // "127.0.0.1:5000/app:1", "alpine:3.19" (RepoTags, engine name), "v1" (ref.name)
    Digest digest;      // the manifest or index digest; docker save and engines: the image ID (config digest)
    QString via;        // how it was resolved: "registry tag", "engine image name", "docker save RepoTags", …
    QString pinnedName; // registries: "host/repo", whose NAME@DIGEST a registry serves; empty elsewhere

    // "host/repo@sha256:…" where a pinned reference exists (registries), else the digest alone.
    QString pinned(const Digest &d) const;
    // A source text that opens the image `d` names, or empty when none is known to (a file holds what it holds now).
    QString sourceFor(const Digest &d) const;
};

// A row of the journal.
struct Sighting
{
    QString source;
    QString reference;
    Digest digest;
    QString via;
    QDateTime firstSeen; // UTC
    QDateTime lastSeen;  // UTC
};

// A reference that pointed to `earlier` (last seen at `earlierLastSeen`) and now points to `now.digest`.
struct TagMove
{
    ResolvedReference now;
    Digest earlier;
    QDateTime earlierFirstSeen;
    QDateTime earlierLastSeen;

    // "REF pointed to sha256:… on 2026-11-20; it now points to sha256:…" (full digests, or short ones for display).
    QString message(bool shortDigests = false) const;
};

class ReferenceJournal final
{
public:
    // The schema written by this build (PRAGMA user_version). 1: sightings; 2: + via, + the reference index.
    static constexpr int SchemaVersion = 2;

    // Where the window and the CLI keep it: the window's QStandardPaths::AppDataLocation (organisation and
    // application "Strata"), spelled out so the CLI, whose application name differs, uses the same file.
    static QString defaultPath();

    // Opens the journal at `path`, creating it (and its folder) and migrating an older schema. A file that is not
    // a Strata journal (not SQLite, damaged, other tables, a newer schema) is renamed aside to
    // PATH.broken-<UTC time> and a fresh journal made; notice() then says so, naming both files. Safe when other
    // processes open the same file at once. The object is used on the thread that opened it (QtSql connections are
    // per thread). Errors: Io (folder or file cannot be made, SQLite driver missing, even a fresh file fails).
    static Result<std::unique_ptr<ReferenceJournal>> open(const QString &path = defaultPath());
    ~ReferenceJournal();
    ReferenceJournal(const ReferenceJournal &) = delete;
    ReferenceJournal &operator=(const ReferenceJournal &) = delete;

    QString path() const { return m_path; }
    // Empty, or what happened to a file that was set aside.
    QString notice() const { return m_notice; }

    // Records every reference as seen at `when` (one transaction, waiting for other writers up to the busy timeout)
    // and returns those that last time resolved to another digest. The same (source, reference) twice in the list
    // counts once, the first. Errors: Io (the database said no; the message is SQLite's).
    Result<QList<TagMove>> record(const QList<ResolvedReference> &refs,
                                  const QDateTime &when = QDateTime::currentDateTimeUtc());
    // Every digest seen for `reference` (any source when `source` is empty; every reference of `source` when
    // `reference` is empty), newest last-seen first. Errors: Io.
    Result<QList<Sighting>> history(const QString &source, const QString &reference) const;
    // Removes every row. Errors: Io.
    Status forget();
    // Rows in the journal. Errors: Io.
    Result<qint64> count() const;

private:
    ReferenceJournal() = default;
    Status connect();
    void disconnect();
    // Empty when the open file is a journal this build can use (or an empty file), else why it is not.
    QString whyNotAJournal() const;
    // Renames the file aside and starts a fresh one. `recheck`: unless, looked at again under the lock, it is a
    // journal now (another process did the same meanwhile).
    Status setAside(const QString &why, bool recheck);
    Status migrate();

    QString m_path;
    QString m_connection;
    QString m_notice;
};

} // namespace strata::journal
