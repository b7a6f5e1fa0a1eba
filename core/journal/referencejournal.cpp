// SPDX-License-Identifier: MIT
// The journal in SQLite: WAL so readers never block the writer, a busy timeout so two windows and a CLI run wait
// for each other instead of failing, BEGIN IMMEDIATE so a read-then-write transaction cannot deadlock on the
// upgrade from a read to a write lock (sqlite.org/lang_transaction.html).
#include "core/journal/referencejournal.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace strata::journal {

namespace {

constexpr int BusyTimeoutMs = 5000;
const QString Table = u"sightings"_s;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"strata-journal-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

Error sqlError(const QString &what, const QSqlError &e, const QString &path)
{
    return makeError(ErrorCode::Io, u"%1: %2"_s.arg(what, e.text()), path);
}

// One statement, without results. The error names the statement's purpose.
Status exec(QSqlDatabase &db, const QString &sql, const QString &what, const QString &path)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return sqlError(what, q.lastError(), path);
    return Ok{};
}

// For the statements whose failure changes nothing (a rollback after an error, a checkpoint).
void bestEffort(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.exec(sql);
}

qint64 msOf(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

QDateTime timeOf(const QVariant &v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

} // namespace

QString ResolvedReference::pinned(const Digest &d) const
{
    return pinnedName.isEmpty() ? d.toString() : pinnedName + u'@' + d.toString();
}

QString ResolvedReference::sourceFor(const Digest &d) const
{
    if (!pinnedName.isEmpty())
        return u"docker://"_s + pinned(d);
    if (source == u"docker-daemon")
        return u"docker-daemon:"_s + d.toString(); // an image ID the engine may still hold
    return {};
}

QString TagMove::message(bool shortDigests) const
{
    const auto text = [shortDigests](const Digest &d) {
        return shortDigests ? d.shortString() + u"…"_s : d.toString();
    };
    return u"%1 pointed to %2 on %3; it now points to %4"_s.arg(
        now.reference, text(earlier), earlierLastSeen.toUTC().toString(u"yyyy-MM-dd"_s), text(now.digest));
}

QString ReferenceJournal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/Strata/Strata/journal.sqlite"_s;
}

Result<std::unique_ptr<ReferenceJournal>> ReferenceJournal::open(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return makeError(ErrorCode::Io,
                         u"Qt's SQLite driver is not installed (Debian: libqt6sql6-sqlite); the journal is off"_s,
                         path);
    const QFileInfo fi(path);
    if (!QDir().mkpath(fi.absolutePath()))
        return makeError(ErrorCode::Io, u"cannot create the journal's folder"_s, fi.absolutePath());
    std::unique_ptr<ReferenceJournal> j(new ReferenceJournal);
    j->m_path = fi.absoluteFilePath();
    if (Status s = j->connect(); !s)
        return s.error();
    if (const QString why = j->whyNotAJournal(); !why.isEmpty()) {
        if (Status s = j->setAside(why, true); !s)
            return s.error();
    }
    if (Status s = j->migrate(); !s) {
        // A file that passed the checks but cannot take the schema (damage further in): set aside too.
        if (Status again = j->setAside(s.error().message, false); !again)
            return again.error();
        if (Status fresh = j->migrate(); !fresh)
            return fresh.error();
    }
    return j;
}

ReferenceJournal::~ReferenceJournal()
{
    disconnect();
}

Status ReferenceJournal::connect()
{
    m_connection = nextConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(BusyTimeoutMs));
    if (!db.open())
        return sqlError(u"cannot open the journal"_s, db.lastError(), m_path);
    return Ok{};
}

void ReferenceJournal::disconnect()
{
    if (m_connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

QString ReferenceJournal::whyNotAJournal() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA quick_check"_s))
        return u"it is not an SQLite database (%1)"_s.arg(q.lastError().text());
    if (!q.next() || q.value(0).toString() != u"ok") {
        // quick_check lists every broken page under a "*** in database main ***" line: the first finding says enough.
        QString first;
        for (const QString &line : q.value(0).toString().split(u'\n'))
            if (!line.startsWith(u"***"_s) && first.isEmpty())
                first = line.left(200);
        return u"the database is damaged (SQLite's quick_check: %1)"_s.arg(first);
    }
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return u"its schema version cannot be read (%1)"_s.arg(q.lastError().text());
    const int version = q.value(0).toInt();
    if (version > SchemaVersion)
        return u"it was written by a newer Strata (schema %1; this one knows up to %2)"_s.arg(version).arg(
            SchemaVersion);
    QSet<QString> tables;
    if (!q.exec(u"SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"_s))
        return u"its tables cannot be listed (%1)"_s.arg(q.lastError().text());
    while (q.next())
        tables.insert(q.value(0).toString());
    QSet<QString> foreign = tables;
    foreign.remove(Table);
    if (!foreign.isEmpty()) {
        QStringList names(foreign.begin(), foreign.end());
        names.sort();
        return u"it is some other program's database (tables %1)"_s.arg(names.join(u", "_s));
    }
    if (version == 0 && !tables.isEmpty())
        return u"it has a sightings table but no schema version: not a Strata journal"_s;
    if (version > 0 && tables.isEmpty())
        return u"it claims schema %1 but has no sightings table"_s.arg(version);
    return {};
}

Status ReferenceJournal::setAside(const QString &why, bool recheck)
{
    disconnect();
    // Another process may be setting the same file aside: one at a time, and each looks again under the lock, so
    // the fresh journal the first one made is never taken for the broken one.
    QLockFile lock(m_path + u".lock"_s);
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(BusyTimeoutMs * 2))
        return makeError(ErrorCode::Io, u"the journal is being repaired by another process; try again"_s, m_path);
    if (Status s = connect(); !s)
        return s;
    if (recheck && whyNotAJournal().isEmpty()) // set aside and made anew meanwhile by another process
        return Ok{};
    disconnect();
    const QString aside =
        m_path + u".broken-"_s + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmsszzz'Z'"_s);
    if (!QFile::rename(m_path, aside))
        return makeError(ErrorCode::Io,
                         u"the journal is unusable (%1) and cannot be moved aside to %2"_s.arg(why, aside), m_path);
    // The write-ahead log and its index belong to the file set aside; left here they would be replayed into the
    // fresh one.
    for (const QString &suffix : {u"-wal"_s, u"-shm"_s})
        if (QFile::exists(m_path + suffix) && !QFile::rename(m_path + suffix, aside + suffix))
            QFile::remove(m_path + suffix);
    m_notice = u"The tag history journal %1 could not be used: %2. It was moved to %3 and a new, empty journal "
               "started."_s.arg(m_path, why, aside);
    qWarning("%s", qPrintable(m_notice));
    return connect();
}

Status ReferenceJournal::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Only now that the file is known to be a journal (a foreign one is set aside as it was, untouched). WAL
    // persists in the file; switching needs a moment alone with it, which the busy timeout waits for. Should it
    // still fail the journal works in rollback mode, only with less concurrency. NORMAL is safe with WAL: a power
    // loss may drop the last sightings, never damage the file.
    {
        QSqlQuery q(db);
        if (!q.exec(u"PRAGMA journal_mode=WAL"_s))
            qWarning("journal %s: WAL mode not set: %s", qPrintable(m_path), qPrintable(q.lastError().text()));
        q.exec(u"PRAGMA synchronous=NORMAL"_s);
    }
    if (Status s = exec(db, u"BEGIN IMMEDIATE"_s, u"cannot lock the journal"_s, m_path); !s)
        return s;
    QSqlQuery q(db);
    // Read again inside the transaction: another process may have migrated it meanwhile.
    int version = 0;
    if (q.exec(u"PRAGMA user_version"_s) && q.next())
        version = q.value(0).toInt();
    const QList<QStringList> steps{
        // 0 → 1: the sightings.
        {u"CREATE TABLE sightings (id INTEGER PRIMARY KEY, source TEXT NOT NULL, reference TEXT NOT NULL, "
         "digest TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, "
         "UNIQUE (source, reference, digest))"_s},
        // 1 → 2: how each was resolved, and `strata history REF` without a source.
        {u"ALTER TABLE sightings ADD COLUMN via TEXT NOT NULL DEFAULT ''"_s,
         u"CREATE INDEX sightings_by_reference ON sightings (reference, last_seen)"_s},
    };
    for (int v = version; v < SchemaVersion; ++v) {
        for (const QString &sql : steps[v]) {
            if (!q.exec(sql)) {
                const Error e =
                    sqlError(u"migration of the journal from schema %1 failed"_s.arg(v), q.lastError(), m_path);
                q.finish();
                bestEffort(db, u"ROLLBACK"_s);
                return e;
            }
        }
    }
    if (version != SchemaVersion && !q.exec(u"PRAGMA user_version = %1"_s.arg(SchemaVersion))) {
        const Error e = sqlError(u"cannot set the journal's schema version"_s, q.lastError(), m_path);
        bestEffort(db, u"ROLLBACK"_s);
        return e;
    }
    q.finish();
    return exec(db, u"COMMIT"_s, u"cannot write the journal"_s, m_path);
}

Result<QList<TagMove>> ReferenceJournal::record(const QList<ResolvedReference> &refs, const QDateTime &when)
{
    QList<TagMove> moves;
    if (refs.isEmpty())
        return moves;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (Status s = exec(db, u"BEGIN IMMEDIATE"_s, u"cannot lock the journal"_s, m_path); !s)
        return s.error();
    const auto fail = [&](const QSqlQuery &q) {
        const Error e = sqlError(u"cannot record in the journal"_s, q.lastError(), m_path);
        bestEffort(db, u"ROLLBACK"_s);
        return e;
    };
    QSqlQuery last(db), update(db), insert(db);
    last.prepare(u"SELECT digest, first_seen, last_seen FROM sightings WHERE source = ? AND reference = ? "
                 "ORDER BY last_seen DESC, id DESC LIMIT 1"_s);
    update.prepare(u"UPDATE sightings SET last_seen = MAX(last_seen, ?), via = ? WHERE source = ? AND reference = ? "
                   "AND digest = ?"_s);
    insert.prepare(u"INSERT INTO sightings (source, reference, digest, first_seen, last_seen, via) "
                   "VALUES (?, ?, ?, ?, ?, ?)"_s);
    QSet<QPair<QString, QString>> done;
    for (const ResolvedReference &r : refs) {
        if (r.digest.isNull() || r.reference.isEmpty() || done.contains({r.source, r.reference}))
            continue;
        done.insert({r.source, r.reference});
        qint64 at = msOf(when);
        last.addBindValue(r.source);
        last.addBindValue(r.reference);
        if (!last.exec())
            return fail(last);
        if (last.next()) {
            const QString previous = last.value(0).toString();
            const qint64 previousLast = last.value(2).toLongLong();
            // Strictly later than what was last seen, so "the last time" stays well ordered on a coarse clock.
            at = std::max(at, previousLast + (previous == r.digest.toString() ? 0 : 1));
            if (previous != r.digest.toString()) {
                if (Result<Digest> d = Digest::parse(previous))
                    moves << TagMove{r, d.value(), timeOf(last.value(1)), timeOf(last.value(2))};
            }
        }
        last.finish();
        update.addBindValue(at);
        update.addBindValue(r.via);
        update.addBindValue(r.source);
        update.addBindValue(r.reference);
        update.addBindValue(r.digest.toString());
        if (!update.exec())
            return fail(update);
        if (update.numRowsAffected() == 0) {
            insert.addBindValue(r.source);
            insert.addBindValue(r.reference);
            insert.addBindValue(r.digest.toString());
            insert.addBindValue(at);
            insert.addBindValue(at);
            insert.addBindValue(r.via);
            if (!insert.exec())
                return fail(insert);
        }
    }
    last.finish();
    if (Status s = exec(db, u"COMMIT"_s, u"cannot write the journal"_s, m_path); !s)
        return s.error();
    return moves;
}

Result<QList<Sighting>> ReferenceJournal::history(const QString &source, const QString &reference) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    QStringList where;
    if (!source.isEmpty())
        where << u"source = ?"_s;
    if (!reference.isEmpty())
        where << u"reference = ?"_s;
    q.prepare(u"SELECT source, reference, digest, via, first_seen, last_seen FROM sightings"_s +
              (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s)) +
              u" ORDER BY source, reference, last_seen DESC, id DESC"_s);
    if (!source.isEmpty())
        q.addBindValue(source);
    if (!reference.isEmpty())
        q.addBindValue(reference);
    if (!q.exec())
        return sqlError(u"cannot read the journal"_s, q.lastError(), m_path);
    QList<Sighting> out;
    while (q.next()) {
        Result<Digest> d = Digest::parse(q.value(2).toString());
        if (!d)
            continue; // written by hand: nothing this build would have stored
        out << Sighting{q.value(0).toString(), q.value(1).toString(), d.value(),
                        q.value(3).toString(), timeOf(q.value(4)),    timeOf(q.value(5))};
    }
    return out;
}

Status ReferenceJournal::forget()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (Status s = exec(db, u"DELETE FROM sightings"_s, u"cannot clear the journal"_s, m_path); !s)
        return s;
    // The deleted rows' text would otherwise stay in free pages and the write-ahead log.
    bestEffort(db, u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    return exec(db, u"VACUUM"_s, u"cannot compact the journal"_s, m_path);
}

Result<qint64> ReferenceJournal::count() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(u"SELECT COUNT(*) FROM sightings"_s) || !q.next())
        return sqlError(u"cannot read the journal"_s, q.lastError(), m_path);
    return q.value(0).toLongLong();
}

} // namespace strata::journal
