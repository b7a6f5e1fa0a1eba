// SPDX-License-Identifier: MIT
// The tag history journal (core/journal): schema, migration from an older file written here with the test's own
// SQL, WAL, damaged and foreign files set aside, two processes writing at once, the references of real sources
// (OCI layout ref.name, docker save RepoTags re-tagged by skopeo), and the CLI against a real docker-registry
// whose tag is pushed over by skopeo: tag-moved in verify/inspect JSON, --no-journal, `strata history`.
#include "core/journal/referencejournal.h"
#include "core/journal/resolvedreferences.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::journal;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int WriterRows = 500;

Digest digestOf(char c)
{
    return Digest::parse(QString(u"sha256:"_s + QString(64, QLatin1Char(c)))).value();
}

ResolvedReference ref(const QString &reference, const Digest &d)
{
    return ResolvedReference{u"docker://registry.example.com"_s, reference, d, u"registry tag"_s,
                             u"registry.example.com/app"_s};
}

// Runs SQL on the file with a connection of the test's own (not the journal's code).
QVariant sql(const QString &path, const QStringList &statements)
{
    QVariant last;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"test-sql"_s);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QSqlQuery q(db);
        for (const QString &s : statements) {
            if (!q.exec(s))
                qFatal("%s: %s", qPrintable(s), qPrintable(q.lastError().text()));
            last = q.next() ? q.value(0) : QVariant();
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"test-sql"_s);
    return last;
}

QStringList setAsideFiles(const QString &path)
{
    const QFileInfo fi(path);
    return QDir(fi.absolutePath()).entryList({fi.fileName() + u".broken-*"_s}, QDir::Files);
}

// The second process of concurrentWriters: WriterRows transactions of two references each.
int runWriter(const QString &path, const QString &name)
{
    Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(path);
    if (!j) {
        fprintf(stderr, "%s\n", qPrintable(j.error().toString()));
        return 1;
    }
    for (int i = 0; i < WriterRows; ++i) {
        const Digest d = sha256Of(QByteArray(name.toUtf8() + QByteArray::number(i)));
        if (Result<QList<TagMove>> r = j.value()->record({ref(name + u":%1"_s.arg(i), d), ref(u"shared:1"_s, d)}); !r) {
            fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
    }
    return 0;
}

} // namespace

class TstJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QJsonObject runJson(const QStringList &args, int expectedExit = 0)
    {
        QProcess p;
        p.start(strataBinary(), args);
        if (!p.waitForFinished(120000))
            qFatal("strata %s did not finish", qPrintable(args.join(u' ')));
        const QByteArray out = p.readAllStandardOutput();
        if (p.exitCode() != expectedExit)
            qFatal("strata %s exited %d: %s %s", qPrintable(args.join(u' ')), p.exitCode(), out.constData(),
                   p.readAllStandardError().constData());
        return QJsonDocument::fromJson(out).object();
    }

    static QList<QJsonObject> tagMoves(const QJsonObject &report)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : report.value("problems"_L1).toArray())
            if (v.toObject().value("kind"_L1).toString() == u"tag-moved")
                out << v.toObject();
        return out;
    }

private Q_SLOTS:
    void freshJournal()
    {
        const QString p = path(u"fresh/journal.sqlite"_s);
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY2(j, qPrintable(j ? QString() : j.error().toString()));
        QVERIFY(j.value()->notice().isEmpty());
        QCOMPARE(j.value()->count().value(), 0);
        j.value().reset();
        QCOMPARE(sql(p, {u"PRAGMA user_version"_s}).toInt(), ReferenceJournal::SchemaVersion);
        QCOMPARE(sql(p, {u"PRAGMA journal_mode"_s}).toString(), u"wal"_s);
        // Names, digests and times: no column could hold a credential or a blob.
        QCOMPARE(sql(p, {u"SELECT group_concat(name, ' ') FROM pragma_table_info('sightings')"_s}).toString(),
                 u"id source reference digest first_seen last_seen via"_s);
        QVERIFY(setAsideFiles(p).isEmpty());
    }

    void recordsAndFindsMoves()
    {
        const QString p = path(u"moves.sqlite"_s);
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY(j);
        const QDateTime t1(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);
        const QDateTime t2 = t1.addDays(3);
        const QString r = u"registry.example.com/app:1.4"_s;
        QVERIFY(j.value()->record({ref(r, digestOf('a'))}, t1).value().isEmpty());
        QVERIFY(j.value()->record({ref(r, digestOf('a'))}, t1.addSecs(60)).value().isEmpty()); // same: no move
        const QList<TagMove> moves = j.value()->record({ref(r, digestOf('c')), ref(r, digestOf('d'))}, t2).value();
        QCOMPARE(moves.size(), 1); // the second entry for the same reference is ignored
        QCOMPARE(moves.first().earlier, digestOf('a'));
        QCOMPARE(moves.first().now.digest, digestOf('c'));
        QCOMPARE(moves.first().earlierFirstSeen, t1);
        QCOMPARE(moves.first().earlierLastSeen, t1.addSecs(60));
        QCOMPARE(moves.first().message(true),
                 u"registry.example.com/app:1.4 pointed to sha256:aaaaaaaaaaaa… on 2026-11-20; it now points to "
                 "sha256:cccccccccccc…"_s);
        QCOMPARE(moves.first().now.pinned(moves.first().earlier),
                 u"registry.example.com/app@"_s + digestOf('a').toString());
        QCOMPARE(moves.first().now.sourceFor(moves.first().earlier),
                 u"docker://registry.example.com/app@"_s + digestOf('a').toString());

        // Back to the first digest: a move again, from the second.
        const QList<TagMove> back = j.value()->record({ref(r, digestOf('a'))}, t2.addDays(1)).value();
        QCOMPARE(back.size(), 1);
        QCOMPARE(back.first().earlier, digestOf('c'));

        const QList<Sighting> h = j.value()->history({}, r).value();
        QCOMPARE(h.size(), 2);
        QCOMPARE(h[0].digest, digestOf('a'));
        QCOMPARE(h[0].firstSeen, t1);
        QCOMPARE(h[0].lastSeen, t2.addDays(1));
        QCOMPARE(h[1].digest, digestOf('c'));
        QCOMPARE(h[1].via, u"registry tag"_s);
        QCOMPARE(j.value()->history(u"docker://elsewhere"_s, r).value().size(), 0);
        QCOMPARE(j.value()->history(u"docker://registry.example.com"_s, {}).value().size(), 2);

        QVERIFY(j.value()->forget());
        QCOMPARE(j.value()->count().value(), 0);
        j.value().reset();
        QVERIFY2(!readFile(p).contains("app:1.4"), "forgotten rows stay in the file");
    }

    void migratesOlderSchemas_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<int>("rows");
        QTest::newRow("v0: an empty SQLite file") << QStringList{u"PRAGMA user_version = 0"_s} << 0;
        QTest::newRow("v1: sightings without via")
            << QStringList{u"CREATE TABLE sightings (id INTEGER PRIMARY KEY, source TEXT NOT NULL, reference TEXT NOT "
                           u"NULL, "
                           "digest TEXT NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, "
                           "UNIQUE (source, reference, digest))"_s,
                           u"INSERT INTO sightings (source, reference, digest, first_seen, last_seen) VALUES "
                           "('docker://registry.example.com', 'registry.example.com/app:1.4', '%1', 1000, 2000)"_s.arg(
                               digestOf('a').toString()),
                           u"PRAGMA user_version = 1"_s}
            << 1;
    }
    void migratesOlderSchemas()
    {
        QFETCH(QStringList, statements);
        QFETCH(int, rows);
        const QString p = path(u"old-%1.sqlite"_s.arg(QTest::currentDataTag()[1]));
        sql(p, statements);
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY(j);
        QVERIFY2(j.value()->notice().isEmpty(), qPrintable(j.value()->notice()));
        QCOMPARE(j.value()->count().value(), rows);
        if (rows) {
            const QList<Sighting> h = j.value()->history({}, u"registry.example.com/app:1.4"_s).value();
            QCOMPARE(h.size(), 1);
            QCOMPARE(h.first().via, QString());
            QCOMPARE(h.first().lastSeen.toMSecsSinceEpoch(), 2000);
            // The old row is the last time: a new digest is a move from it.
            QCOMPARE(j.value()->record({ref(u"registry.example.com/app:1.4"_s, digestOf('b'))}).value().size(), 1);
        }
        j.value().reset();
        QCOMPARE(sql(p, {u"PRAGMA user_version"_s}).toInt(), ReferenceJournal::SchemaVersion);
        QVERIFY(setAsideFiles(p).isEmpty());
    }

    void badFilesAreSetAside_data()
    {
        QTest::addColumn<QByteArray>("bytes");       // written as the file, unless empty
        QTest::addColumn<QStringList>("statements"); // else run on a fresh SQLite file
        QTest::addColumn<QString>("why");
        QTest::newRow("text") << QByteArray("these are not the droids\n").repeated(300) << QStringList{}
                              << u"not an SQLite database"_s;
        QTest::newRow("foreign database")
            << QByteArray() << QStringList{u"CREATE TABLE accounts (user TEXT, balance INTEGER)"_s}
            << u"some other program's database (tables accounts)"_s;
        QTest::newRow("newer schema") << QByteArray() << QStringList{u"PRAGMA user_version = 99"_s}
                                      << u"newer Strata (schema 99"_s;
        QTest::newRow("sightings without a version")
            << QByteArray() << QStringList{u"CREATE TABLE sightings (x TEXT)"_s} << u"no schema version"_s;
    }
    void badFilesAreSetAside()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, statements);
        QFETCH(QString, why);
        const QString p = path(u"bad-%1/journal.sqlite"_s.arg(QTest::currentDataTag()[0]));
        QDir().mkpath(QFileInfo(p).absolutePath());
        if (!bytes.isEmpty()) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else {
            sql(p, statements);
        }
        const QByteArray before = readFile(p);
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY2(j, qPrintable(j ? QString() : j.error().toString()));
        const QStringList aside = setAsideFiles(p);
        QCOMPARE(aside.size(), 1);
        const QString notice = j.value()->notice();
        QVERIFY2(notice.contains(why), qPrintable(notice));
        QVERIFY2(notice.contains(p), qPrintable(notice));
        QVERIFY2(notice.contains(aside.first()), qPrintable(notice));
        QCOMPARE(readFile(QFileInfo(p).absolutePath() + u'/' + aside.first()), before);
        // A working, empty journal in its place.
        QCOMPARE(j.value()->count().value(), 0);
        QVERIFY(j.value()->record({ref(u"registry.example.com/app:1"_s, digestOf('a'))}));
        QCOMPARE(j.value()->count().value(), 1);
    }

    void damagedPagesAreSetAside()
    {
        // A real journal whose table pages are overwritten: SQLite still opens it, quick_check does not pass.
        const QString p = path(u"damaged/journal.sqlite"_s);
        {
            Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
            QVERIFY(j);
            QList<ResolvedReference> many;
            for (int i = 0; i < 400; ++i)
                many << ref(u"registry.example.com/app:%1"_s.arg(i), digestOf('a'));
            QVERIFY(j.value()->record(many));
        }
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() > 4 * 4096);
        f.seek(4096 + 17);
        f.write(QByteArray(3 * 4096, '\xa5'));
        f.close();
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY2(j, qPrintable(j ? QString() : j.error().toString()));
        QVERIFY2(j.value()->notice().contains(u"moved to"_s), qPrintable(j.value()->notice()));
        QCOMPARE(setAsideFiles(p).size(), 1);
        QCOMPARE(j.value()->count().value(), 0);
    }

    void concurrentWriters()
    {
        // Two other processes (this binary in its writer mode) record at the same time, then this one reads.
        const QString p = path(u"concurrent/journal.sqlite"_s);
        QProcess a, b;
        const QString self = QCoreApplication::applicationFilePath();
        a.start(self, {u"--journal-writer"_s, p, u"alpha"_s});
        b.start(self, {u"--journal-writer"_s, p, u"beta"_s});
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        QVERIFY2(a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitCode() == 0, b.readAllStandardError().constData());
        Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(p);
        QVERIFY(j);
        QVERIFY(j.value()->notice().isEmpty());
        // Every process's own rows, and on the shared tag one row per digest either wrote.
        QCOMPARE(j.value()->count().value(), 4 * WriterRows);
        QCOMPARE(j.value()->history({}, u"shared:1"_s).value().size(), 2 * WriterRows);
        QCOMPARE(j.value()->history({}, u"alpha:499"_s).value().size(), 1);
        QCOMPARE(j.value()->history({}, u"beta:0"_s).value().size(), 1);
    }

    void settingTurnsRecordingOff()
    {
        QVERIFY(recordingEnabled());
        setRecordingEnabled(false);
        QVERIFY(!recordingEnabled());
        setRecordingEnabled(true);
        QVERIFY(recordingEnabled());
    }

    void ociRefNameMoves()
    {
        // An OCI layout's v1 re-tagged by skopeo to another image: the journal sees ref.name move.
        const QString dir = scratchCopy(fixture(u"good/oci-multi"_s));
        const QString p = path(u"oci.sqlite"_s);
        Result<ImageGraphPtr> g = SourceOpener::open(u"oci:"_s + dir);
        QVERIFY(g);
        const QList<ResolvedReference> refs = referencesOf(*g.value());
        QCOMPARE(refs.size(), 2);
        QCOMPARE(refs[0].source, QFileInfo(dir).canonicalFilePath());
        QCOMPARE(refs[0].reference, u"v1"_s);
        QCOMPARE(refs[0].via, u"OCI ref.name"_s);
        QVERIFY(recordAndNote(*std::const_pointer_cast<ImageGraph>(g.value()), p).moves.isEmpty());
        const Digest v1 = refs[0].digest, v2 = refs[1].digest;
        QVERIFY(!(v1 == v2));

        shellOutput(u"skopeo copy -q oci:%1:v2 oci:%1:v1"_s.arg(shellQuoted(dir)));
        g = SourceOpener::open(u"oci:"_s + dir);
        QVERIFY(g);
        auto graph = std::const_pointer_cast<ImageGraph>(g.value());
        const RecordOutcome out = recordAndNote(*graph, p);
        QVERIFY2(out.notice.isEmpty(), qPrintable(out.notice));
        QCOMPARE(out.moves.size(), 1);
        QCOMPARE(out.moves.first().now.reference, u"v1"_s);
        QCOMPARE(out.moves.first().earlier, v1);
        QCOMPARE(out.moves.first().now.digest, v2);
        QVERIFY(out.moves.first().now.sourceFor(v1).isEmpty()); // a layout holds what it holds now
        const Problem &problem = graph->problems.constLast();
        QCOMPARE(problem.kind, ProblemKind::TagMoved);
        QCOMPARE(problem.severity, Severity::Warning);
        QCOMPARE(problem.expected, v1.toString());
        QCOMPARE(problem.actual, v2.toString());
    }

    void dockerSaveRepoTagsMove()
    {
        // docker save's RepoTags name an image ID (config digest): strata/sample:v1 rewritten with the v2 image.
        const QString file = scratchCopy(fixture(u"good/docker-archive.tar"_s));
        const QString p = path(u"docker.sqlite"_s);
        Result<ImageGraphPtr> g = SourceOpener::open(file);
        QVERIFY(g);
        const QList<ResolvedReference> refs = referencesOf(*g.value());
        QCOMPARE(refs.size(), 1);
        QCOMPARE(refs[0].reference, u"docker.io/strata/sample:v1"_s); // skopeo writes RepoTags normalised
        QCOMPARE(refs[0].digest, configDigestOf(*g.value(), g.value()->images.first()));
        QCOMPARE(refs[0].via, u"docker save RepoTags"_s);
        QVERIFY(recordAndNote(*std::const_pointer_cast<ImageGraph>(g.value()), p).moves.isEmpty());

        QFile::remove(file);
        shellOutput(u"skopeo copy -q docker-archive:%1 docker-archive:%2:docker.io/strata/sample:v1"_s.arg(
            shellQuoted(fixture(u"good/docker-archive-v2.tar"_s)), shellQuoted(file)));
        g = SourceOpener::open(file);
        QVERIFY(g);
        const RecordOutcome out = recordAndNote(*std::const_pointer_cast<ImageGraph>(g.value()), p);
        QCOMPARE(out.moves.size(), 1);
        QCOMPARE(out.moves.first().earlier, refs[0].digest);
        QCOMPARE(out.moves.first().now.digest, configDigestOf(*g.value(), g.value()->images.first()));
    }

    void cliReportsTagMoved()
    {
        for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QFAIL(qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        RegistryServer registry;
        QString err;
        QVERIFY2(registry.start(RegistryServer::Auth::None, &err), qPrintable(err));
        const QString host = registry.host();
        const QString image = u"docker://"_s + host + u"/app:1"_s;
        const QString journalPath = ReferenceJournal::defaultPath();
        QString out;

        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v1"_s, host, u"app:1"_s, {}, &out),
                 qPrintable(out));
        QJsonObject first = runJson({u"verify"_s, u"--json"_s, u"--fast"_s, image});
        QVERIFY(tagMoves(first).isEmpty());
        QVERIFY(QFile::exists(journalPath));
        const QString d1 = runJson({u"history"_s, u"--json"_s, image})
                               .value("journal"_L1)
                               .toArray()
                               .first()
                               .toObject()
                               .value("digest"_L1)
                               .toString();
        QVERIFY(d1.startsWith(u"sha256:"_s));

        // Another image pushed to the same tag.
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v2"_s, host, u"app:1"_s, {}, &out),
                 qPrintable(out));
        const QJsonObject second = runJson({u"verify"_s, u"--json"_s, u"--fast"_s, image});
        QCOMPARE(second.value("ok"_L1).toBool(), true); // a warning, not a failure
        const QList<QJsonObject> moved = tagMoves(second);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.first().value("severity"_L1).toString(), u"warning"_s);
        QCOMPARE(moved.first().value("expected"_L1).toString(), d1);
        const QString d2 = moved.first().value("actual"_L1).toString();
        QVERIFY(d2.startsWith(u"sha256:"_s) && d2 != d1);
        const QString message = moved.first().value("message"_L1).toString();
        QVERIFY2(message.startsWith(host + u"/app:1 pointed to "_s + d1 + u" on "_s +
                                    QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd"_s)) &&
                     message.contains(u"it now points to "_s + d2),
                 qPrintable(message));

        // Seen again, unchanged: no warning.
        QVERIFY(tagMoves(runJson({u"inspect"_s, u"--json"_s, image})).isEmpty());

        // --no-journal records nothing and warns about nothing, even though the tag moved once more.
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-zstd"_s) + u":v1"_s, host, u"app:1"_s, {}, &out), qPrintable(out));
        const auto rows = [&] { return ReferenceJournal::open(journalPath).value()->count().value(); };
        const qint64 before = rows();
        QCOMPARE(before, 2);
        QVERIFY(tagMoves(runJson({u"verify"_s, u"--json"_s, u"--fast"_s, u"--no-journal"_s, image})).isEmpty());
        QCOMPARE(rows(), before);
        // inspect records and reports it.
        const QList<QJsonObject> third = tagMoves(runJson({u"inspect"_s, u"--json"_s, image}));
        QCOMPARE(third.size(), 1);
        QCOMPARE(third.first().value("expected"_L1).toString(), d2);

        // history: the three digests, newest first, by any spelling of the reference.
        const QJsonArray h = runJson({u"history"_s, u"--json"_s, image}).value("journal"_L1).toArray();
        QCOMPARE(h.size(), 3);
        QCOMPARE(h[1].toObject().value("digest"_L1).toString(), d2);
        QCOMPARE(h[2].toObject().value("digest"_L1).toString(), d1);
        QVERIFY(h[0].toObject().value("current"_L1).toBool());
        QCOMPARE(runJson({u"history"_s, u"--json"_s, host + u"/app:1"_s}).value("journal"_L1).toArray().size(), 3);
        QProcess text;
        text.start(strataBinary(), {u"history"_s, image});
        QVERIFY(text.waitForFinished(60000));
        const QString printed = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(printed.contains(u"  last     "_s) && printed.contains(d1), qPrintable(printed));

        // history --forget clears it.
        runJson({u"history"_s, u"--forget"_s});
        QCOMPARE(runJson({u"history"_s, u"--json"_s, image}).value("journal"_L1).toArray().size(), 0);
    }
};

// `--journal-writer PATH NAME`: the second process of concurrentWriters; anything else runs the tests.
STRATA_ISOLATED_ENVIRONMENT()
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--journal-writer") == 0)
        return runWriter(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TstJournal t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_journal.moc"
