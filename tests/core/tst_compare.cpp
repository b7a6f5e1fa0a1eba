// SPDX-License-Identifier: MIT
// Comparing two versions built by umoci (shared base, changed top layer, changed Env and label,
// a deleted and an added file), the same image in other packagings, an inserted layer, and the
// images inside ggcr's test_bundle.tar; multi-platform layouts paired by platform; shared layers
// listed once when both sides are listed together.
#include "core/compare/comparison.h"
#include "core/jobs/taskgroup.h"
#include "core/report/comparereport.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/multiplatform.h"
#include "tests/common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>
#include <set>
#include <thread>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

struct Loaded
{
    ImageGraphPtr graph;
    ImageListing listing;
};

Loaded load(const QString &spec, int image = -1)
{
    Result<ImageGraphPtr> g = SourceOpener::open(spec);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    const int index = image >= 0 ? image : firstRunnableImage(*g.value());
    Result<ImageListing> l = listImage(*g.value(), index);
    if (!l)
        qFatal("%s", qPrintable(l.error().toString()));
    return {g.value(), l.value()};
}

ImageComparison compare(const Loaded &a, const Loaded &b, CompareOptions o = {})
{
    return compareImages(*a.graph, a.listing, *b.graph, b.listing, o);
}

QStringList statuses(const ImageComparison &c)
{
    QStringList out;
    for (const LayerPair &p : c.layers)
        out << layerStatusName(p.status);
    return out;
}

QStringList platforms(const ImageGraph &g, const QList<int> &images)
{
    QStringList out;
    for (int i : images)
        out << g.images[i].platform.toString();
    return out;
}

ImageGraphPtr open(const QString &spec)
{
    Result<ImageGraphPtr> g = SourceOpener::open(spec);
    if (!g)
        qFatal("%s", qPrintable(g.error().toString()));
    return g.value();
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchLayers_data()
    {
        QTest::addColumn<QStringList>("left");
        QTest::addColumn<QStringList>("right");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("same") << QStringList{u"a"_s, u"b"_s} << QStringList{u"a"_s, u"b"_s}
                              << QStringList{u"shared"_s, u"shared"_s};
        QTest::newRow("top-changed") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"a"_s, u"b"_s, u"d"_s}
                                     << QStringList{u"shared"_s, u"shared"_s, u"changed"_s};
        QTest::newRow("inserted-middle") << QStringList{u"a"_s, u"b"_s, u"c"_s}
                                         << QStringList{u"a"_s, u"x"_s, u"b"_s, u"c"_s}
                                         << QStringList{u"shared"_s, u"added"_s, u"shared"_s, u"shared"_s};
        QTest::newRow("removed") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"a"_s, u"c"_s}
                                 << QStringList{u"shared"_s, u"removed"_s, u"shared"_s};
        QTest::newRow("rebuilt-base") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"z"_s, u"b"_s, u"c"_s}
                                      << QStringList{u"changed"_s, u"shared"_s, u"shared"_s};
        QTest::newRow("all-different") << QStringList{u"a"_s} << QStringList{u"x"_s, u"y"_s}
                                       << QStringList{u"changed"_s, u"added"_s};
        QTest::newRow("empty-right") << QStringList{u"a"_s} << QStringList{} << QStringList{u"removed"_s};
    }
    void matchLayers()
    {
        QFETCH(QStringList, left);
        QFETCH(QStringList, right);
        QFETCH(QStringList, expected);
        QStringList got;
        for (const LayerPair &p : strata::matchLayers(left, right))
            got << layerStatusName(p.status);
        QCOMPARE(got, expected);
    }

    void twoVersions()
    {
        const Loaded v1 = load(test::fixture(u"good/oci-gzip"_s));
        const Loaded v2 = load(test::fixture(u"good/oci-v2"_s));
        const ImageComparison c = compare(v1, v2);
        QVERIFY(!c.identical);
        QVERIFY(!c.sameContent);
        QCOMPARE(statuses(c), (QStringList{u"shared"_s, u"shared"_s, u"changed"_s}));
        // Config: APP_MODE and the version label changed (make-fixtures.sh set_config).
        QStringList fields;
        for (const ConfigChange &ch : c.config)
            fields << ch.field;
        QVERIFY(fields.contains(u"Env.APP_MODE"_s));
        QVERIFY(fields.contains(u"Labels.org.opencontainers.image.version"_s));
        QVERIFY(!fields.contains(u"Env.PATH"_s));
        const auto env = std::find_if(c.config.begin(), c.config.end(),
                                      [](const ConfigChange &ch) { return ch.field == u"Env.APP_MODE"; });
        QCOMPARE(env->left, u"production"_s);
        QCOMPARE(env->right, u"staging"_s);
        // Files: v2 deletes etc/app.conf and adds opt/strata/new.txt; v1's layer 3 changes are absent in v2.
        QHash<QString, FileChange::Status> files;
        for (const FileChange &f : c.files)
            files.insert(f.path, f.status);
        QCOMPARE(files.value(u"etc/app.conf"_s), FileChange::Status::Removed);
        QCOMPARE(files.value(u"opt/strata/new.txt"_s), FileChange::Status::Added);
        QVERIFY(files.contains(u"etc/motd"_s)); // deleted in v1 only: present in v2
        QCOMPARE(files.value(u"etc/motd"_s), FileChange::Status::Added);
        QVERIFY(!files.contains(u"usr/bin/hello"_s)); // untouched
    }

    void samePackagingIsIdentical()
    {
        const Loaded a = load(test::fixture(u"good/oci-gzip"_s));
        const Loaded b = load(test::fixture(u"good/oci-archive.tar"_s));
        const ImageComparison c = compare(a, b);
        QVERIFY(c.identical);
        QVERIFY(c.sameContent);
        QVERIFY(c.config.isEmpty());
        QVERIFY(c.files.isEmpty());
    }

    void sameContentDifferentPackaging_data()
    {
        QTest::addColumn<QString>("other");
        QTest::newRow("zstd") << u"good/oci-zstd"_s;
        QTest::newRow("plain") << u"good/oci-plain"_s;
        QTest::newRow("docker-archive") << u"good/docker-archive.tar"_s;
    }
    void sameContentDifferentPackaging()
    {
        QFETCH(QString, other);
        const Loaded a = load(test::fixture(u"good/oci-gzip"_s));
        const Loaded b = load(test::fixture(other));
        const ImageComparison c = compare(a, b);
        QVERIFY(!c.identical);
        QVERIFY(c.sameContent);
        QCOMPARE(statuses(c), (QStringList{u"shared"_s, u"shared"_s, u"shared"_s}));
        for (const LayerPair &p : c.layers)
            QVERIFY(p.recompressed); // same diff_ids, other blobs
        QVERIFY(c.config.isEmpty());
        QVERIFY(c.files.isEmpty());
    }

    void insertedLayer()
    {
        // oci-large is base-l2 + a 24 MiB layer: against v1 (base-l2 + layer 3), the third layer differs.
        const Loaded v1 = load(test::fixture(u"good/oci-gzip"_s));
        const Loaded large = load(test::fixture(u"good/oci-large"_s));
        const ImageComparison c = compare(v1, large);
        QCOMPARE(statuses(c), (QStringList{u"shared"_s, u"shared"_s, u"changed"_s}));
        QVERIFY(std::any_of(c.files.begin(), c.files.end(), [](const FileChange &f) {
            return f.path == u"opt/large/blob.bin" && f.status == FileChange::Status::Added;
        }));
    }

    void bundleImages()
    {
        const QString bundle = test::publicFixture(u"ggcr/test_bundle.tar"_s);
        const Loaded a = load(bundle, 0);
        const Loaded b = load(bundle, 1);
        const ImageComparison c = compare(a, b);
        QVERIFY(!c.identical);
        QVERIFY(!c.sameContent);
        const ImageComparison self = compare(a, a);
        QVERIFY(self.identical);
        QVERIFY(self.files.isEmpty());
    }

    void ignoreTimestamps()
    {
        FileChange::Status s{};
        Q_UNUSED(s);
        LayerEntry e1;
        e1.path = u"f"_s;
        e1.size = 3;
        e1.mtime = 1;
        e1.contentHash = "x";
        LayerEntry e2 = e1;
        e2.mtime = 2;
        auto t1 = std::make_shared<LayerToc>();
        t1->entries << e1;
        auto t2 = std::make_shared<LayerToc>();
        t2->entries << e2;
        QCOMPARE(compareFiles({t1}, {t2}, {}).size(), 1);
        QCOMPARE(compareFiles({t1}, {t2}, {}).first().status, FileChange::Status::Metadata);
        CompareOptions o;
        o.ignoreTimestamps = true;
        QVERIFY(compareFiles({t1}, {t2}, o).isEmpty());
        e2.mode = 0755;
        t2->entries[0] = e2;
        o.ignoreMetadata = true;
        QVERIFY(compareFiles({t1}, {t2}, o).isEmpty());
    }

    void reports()
    {
        const Loaded v1 = load(test::fixture(u"good/oci-gzip"_s));
        const Loaded v2 = load(test::fixture(u"good/oci-v2"_s));
        const ImageComparison c = compare(v1, v2);
        const report::CompareSides s{v1.graph.get(), &v1.listing, v2.graph.get(), &v2.listing};
        const QString md = report::comparisonToMarkdown(s, c);
        QVERIFY(md.contains(u"**Verdict:** different"_s));
        QVERIFY(md.contains(u"Env.APP_MODE"_s));
        QVERIFY(md.contains(u"`opt/strata/new.txt`"_s));
        const QString html = report::comparisonToHtml(s, c);
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(html.contains(u"opt/strata/new.txt"_s));
    }

    void multiPlatform()
    {
        QString failure;
        const test::MultiPlatform mp = test::makeMultiPlatform(&failure);
        QVERIFY2(!mp.left.isEmpty(), qPrintable(failure));
        const ImageGraphPtr l = open(mp.left);
        const ImageGraphPtr r = open(mp.right);
        const ImagePairing p = pairImages(*l, *r);
        QStringList paired;
        for (const auto &pr : p.pairs) {
            QCOMPARE(l->images[pr.first].platform.toString(), r->images[pr.second].platform.toString());
            paired << l->images[pr.first].platform.toString();
        }
        QCOMPARE(paired, (QStringList{u"linux/amd64"_s, u"linux/arm/v7"_s}));
        QCOMPARE(platforms(*l, p.unpairedLeft), QStringList{u"linux/arm64"_s});
        QCOMPARE(platforms(*r, p.unpairedRight), QStringList{u"linux/arm/v6"_s}); // arm/v6 is not arm/v7

        const auto comparePair = [&](const QPair<int, int> &pr) {
            Result<ImageListingPair> lp = listImagePair(*l, pr.first, nullptr, *r, pr.second, nullptr);
            if (!lp)
                qFatal("%s", qPrintable(lp.error().toString()));
            return compareImages(*l, lp->left, *r, lp->right, {});
        };
        const ImageComparison amd64 = comparePair(p.pairs[0]);
        QVERIFY(amd64.identical);
        const ImageComparison armv7 = comparePair(p.pairs[1]);
        QVERIFY(!armv7.sameContent);
        QCOMPARE(statuses(armv7), (QStringList{u"shared"_s, u"shared"_s, u"changed"_s}));
        QVERIFY(std::any_of(armv7.files.begin(), armv7.files.end(), [](const FileChange &f) {
            return f.path == u"opt/strata/new.txt" && f.status == FileChange::Status::Removed; // v2 → v1
        }));

        // The fixture itself: two linux/amd64 images; the first pairs, the second has no partner.
        const ImageGraphPtr multi = open(test::fixture(u"good/oci-multi"_s));
        const ImagePairing fp = pairImages(*multi, *l);
        QCOMPARE(fp.pairs.size(), 1);
        QCOMPARE(platforms(*multi, fp.unpairedLeft), QStringList{u"linux/amd64"_s});
        QCOMPARE(platforms(*l, fp.unpairedRight), (QStringList{u"linux/arm/v7"_s, u"linux/arm64"_s}));
    }

    void multiPlatformCli_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("code");
        QTest::addColumn<QStringList>("layers");
        QTest::newRow("first pair") << QStringList{} << 0 << QStringList{u"shared"_s, u"shared"_s, u"shared"_s};
        QTest::newRow("arm/v7") << QStringList{u"--platform"_s, u"linux/arm/v7"_s} << 1
                                << QStringList{u"shared"_s, u"shared"_s, u"changed"_s};
        QTest::newRow("arm64 only on the left") << QStringList{u"--platform"_s, u"linux/arm64"_s} << 2 << QStringList{};
    }
    void multiPlatformCli()
    {
        QFETCH(QStringList, options);
        QFETCH(int, code);
        QFETCH(QStringList, layers);
        QString failure;
        const test::MultiPlatform mp = test::makeMultiPlatform(&failure);
        QVERIFY2(!mp.left.isEmpty(), qPrintable(failure));
        QProcess p;
        p.start(test::strataBinary(), QStringList{u"diff"_s, u"--json"_s} + options + QStringList{mp.left, mp.right});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), code);
        if (code == 2)
            return;
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QStringList got;
        for (const QJsonValue &l : o.value(u"layers"_s).toArray())
            got << l.toObject().value(u"status"_s).toString();
        QCOMPARE(got, layers);
        QStringList unpaired;
        for (const QJsonValue &u : o.value(u"unpaired"_s).toArray())
            unpaired << u.toObject().value(u"side"_s).toString() + u' ' + u.toObject().value(u"platform"_s).toString();
        QCOMPARE(unpaired, (QStringList{u"left linux/arm64"_s, u"right linux/arm/v6"_s}));
    }

    // Listed together, the right's layers that are the left's bytes take the left's listing; the
    // comparison is the same as from separate listings.
    void sharedLayersListedOnce_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<int>("reused");
        QTest::addColumn<int>("listed");
        // oci-v2 shares its first two gzip blobs with oci-gzip.
        QTest::newRow("same blobs") << u"good/oci-gzip"_s << u"good/oci-v2"_s << 2 << 1;
        // docker-archive layers are the uncompressed tar streams: the same diff_ids.
        QTest::newRow("uncompressed, same diff_ids") << u"good/oci-gzip"_s << u"good/docker-archive.tar"_s << 3 << 0;
        QTest::newRow("plain to gzip") << u"good/oci-plain"_s << u"good/oci-gzip"_s << 0 << 3;
        // zstd against gzip: the same content, other bytes; inflated and listed on both sides.
        QTest::newRow("recompressed") << u"good/oci-gzip"_s << u"good/oci-zstd"_s << 0 << 3;
        QTest::newRow("itself") << u"good/oci-gzip"_s << u"good/oci-gzip"_s << 3 << 0;
    }
    void sharedLayersListedOnce()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(int, reused);
        QFETCH(int, listed);
        const Loaded a = load(test::fixture(left));
        const Loaded b = load(test::fixture(right));
        Result<ImageListingPair> lp =
            listImagePair(*a.graph, a.listing.imageIndex, nullptr, *b.graph, b.listing.imageIndex, nullptr);
        QVERIFY2(lp.ok(), lp.ok() ? "" : qPrintable(lp.error().toString()));
        QCOMPARE(lp->left.report.layersListed, 3);
        QCOMPARE(lp->left.report.layersReused, 0);
        QCOMPARE(lp->right.report.layersReused, reused);
        QCOMPARE(lp->right.report.layersListed, listed);
        // The same verification outcome and the same listings as when each side is listed alone.
        QCOMPARE(lp->right.report.ok(), b.listing.report.ok());
        QCOMPARE(lp->right.report.checksPassed, b.listing.report.checksPassed);
        QCOMPARE(lp->right.report.checksTotal, b.listing.report.checksTotal);
        QCOMPARE(lp->right.layers.size(), b.listing.layers.size());
        for (qsizetype i = 0; i < lp->right.layers.size(); ++i) {
            QVERIFY(lp->right.layers[i]);
            QCOMPARE(lp->right.layers[i]->entries.size(), b.listing.layers[i]->entries.size());
            QCOMPARE(lp->right.layers[i]->tarBytes, b.listing.layers[i]->tarBytes);
        }
        const ImageComparison together = compareImages(*a.graph, lp->left, *b.graph, lp->right, {});
        const ImageComparison apart = compare(a, b);
        QCOMPARE(together.identical, apart.identical);
        QCOMPARE(together.sameContent, apart.sameContent);
        QCOMPARE(statuses(together), statuses(apart));
        const auto describe = [](const ImageComparison &c) {
            QStringList out;
            for (const FileChange &f : c.files)
                out << f.path + u' ' + fileStatusName(f.status) + u' ' + f.details.join(u", "_s);
            return out;
        };
        QCOMPARE(describe(together), describe(apart));
    }

    // Both sides of a comparison measure their blobs on the one worker pool: never more threads than
    // it has (one per core), never the calling thread, and no thread of their own.
    void pairRunsOnTheWorkerPool()
    {
        const Loaded a = load(test::fixture(u"good/oci-plain"_s));
        const Loaded b = load(test::fixture(u"good/oci-zstd"_s)); // other bytes: listed on both sides
        std::mutex mutex;
        std::set<std::thread::id> threads;
        const auto record = [&](qint64, qint64) {
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        };
        JobContext left, right;
        left.setProgressCallback(record);
        right.setProgressCallback(record);
        Result<ImageListingPair> lp =
            listImagePair(*a.graph, a.listing.imageIndex, &left, *b.graph, b.listing.imageIndex, &right);
        QVERIFY2(lp.ok(), lp.ok() ? "" : qPrintable(lp.error().toString()));
        QVERIFY(lp->left.report.layersListed > 0 && lp->right.report.layersListed > 0); // both sides worked
        QVERIFY(!threads.empty());
        QVERIFY(!threads.contains(std::this_thread::get_id()));
        QVERIFY2(
            int(threads.size()) <= workerPool().maxThreadCount(),
            qPrintable(u"%1 threads hashed on a pool of %2"_s.arg(threads.size()).arg(workerPool().maxThreadCount())));
    }

    // A file of a shared layer overwritten by one of the same size: the layer listed once without
    // content hashes is hashed after all, so the change is seen.
    void sharedFileOverwrittenSameSize()
    {
        const QString layout = test::scratchCopy(test::fixture(u"good/oci-gzip"_s));
        QTemporaryDir tmp;
        const QString bundle = tmp.filePath(u"bundle"_s);
        QString failure;
        const auto umoci = [&](const QStringList &args) {
            QProcess p;
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(u"umoci"_s, args);
            const bool ok = p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
            if (!ok)
                failure = QString::fromUtf8(p.readAll());
            return ok;
        };
        QVERIFY2(umoci({u"unpack"_s, u"--rootless"_s, u"--image"_s, layout + u":v1"_s, bundle}), qPrintable(failure));
        QFile conf(bundle + u"/rootfs/etc/app.conf"_s);
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QByteArray before = conf.readAll();
        conf.close();
        QByteArray after = before;
        after.replace("8080", "8081"); // the same size
        QCOMPARE(after.size(), before.size());
        QVERIFY(conf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(conf.write(after), qint64(after.size()));
        conf.close();
        QVERIFY2(umoci({u"repack"_s, u"--image"_s, layout + u":v3"_s, bundle}), qPrintable(failure));

        const ImageGraphPtr l = open(u"oci:"_s + layout + u":v1"_s);
        const ImageGraphPtr r = open(u"oci:"_s + layout + u":v3"_s);
        Result<ImageListingPair> lp =
            listImagePair(*l, firstRunnableImage(*l), nullptr, *r, firstRunnableImage(*r), nullptr);
        QVERIFY(lp.ok());
        QCOMPARE(lp->right.report.layersReused, 3); // the same files of one layout: not even read twice
        QCOMPARE(lp->right.report.layersListed, 1);
        CompareOptions o;
        o.ignoreTimestamps = true;
        const ImageComparison c = compareImages(*l, lp->left, *r, lp->right, o);
        QCOMPARE(statuses(c), (QStringList{u"shared"_s, u"shared"_s, u"shared"_s, u"added"_s}));
        QStringList files;
        for (const FileChange &f : c.files)
            files << f.path + u' ' + fileStatusName(f.status) + u' ' + f.details.join(u", "_s);
        QCOMPARE(files, QStringList{u"etc/app.conf modified content"_s});
    }

    // A right layer that claims the left's blob digest but whose bytes differ is not given the left's
    // listing: it is measured itself and its mismatch reported.
    void corruptSharedLayerIsNotReused()
    {
        const QString corrupt = test::scratchCopy(test::fixture(u"good/oci-v2"_s));
        const Loaded a = load(test::fixture(u"good/oci-gzip"_s));
        const ImageGraphPtr g = open(corrupt);
        const int image = firstRunnableImage(*g);
        const Node &first = g->nodes[g->images[image].layerNodes[0]];
        const QString blob = corrupt + u"/blobs/sha256/"_s + first.descriptor->digest.encoded();
        QFile f(blob);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() / 2));
        const char junk[4] = {'\x00', '\x01', '\x02', '\x03'};
        QCOMPARE(f.write(junk, 4), qint64(4));
        f.close();
        Result<ImageListingPair> lp = listImagePair(*a.graph, a.listing.imageIndex, nullptr, *g, image, nullptr);
        QVERIFY(lp.ok());
        QCOMPARE(lp->right.report.layersReused, 1); // the second layer only
        QVERIFY(!lp->right.report.ok());
        QVERIFY(std::any_of(lp->right.report.problems.begin(), lp->right.report.problems.end(), [&](const Problem &p) {
            return p.kind == ProblemKind::DigestMismatch && p.nodeId == first.id;
        }));
    }

    void cli_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("reused");
        QTest::newRow("different") << test::fixture(u"good/oci-gzip"_s) << test::fixture(u"good/oci-v2"_s) << 1 << 2;
        // A gzipped docker-archive: its layers are the uncompressed tar streams, the same diff_ids.
        QTest::newRow("same-content") << test::fixture(u"good/oci-gzip"_s)
                                      << test::fixture(u"good/docker-archive.tar.gz"_s) << 0 << 3;
        QTest::newRow("unreadable") << test::fixture(u"good/oci-gzip"_s)
                                    << test::publicFixture(u"dive/not-an-image.tar"_s) << 2 << 0;
    }
    void cli()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, code);
        QFETCH(int, reused);
        QProcess p;
        p.start(test::strataBinary(), {u"diff"_s, u"--json"_s, u"--ignore-timestamps"_s, a, b});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), code);
        if (code == 2)
            return;
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o.value(u"sameContent"_s).toBool(), code == 0);
        QVERIFY(o.value(u"identical"_s).isBool());
        for (const QJsonValue &l : o.value(u"layers"_s).toArray()) {
            const QJsonObject lo = l.toObject();
            QVERIFY(lo.contains(u"left"_s) && lo.contains(u"right"_s));
            QVERIFY((QStringList{u"shared"_s, u"changed"_s, u"added"_s, u"removed"_s})
                        .contains(lo.value(u"status"_s).toString()));
        }
        for (const QJsonValue &f : o.value(u"files"_s).toArray())
            QVERIFY((QStringList{u"added"_s, u"removed"_s, u"modified"_s, u"metadata"_s})
                        .contains(f.toObject().value(u"status"_s).toString()));
        for (const QJsonValue &f : o.value(u"config"_s).toArray())
            QVERIFY(f.toObject().contains(u"field"_s));
        if (code == 1)
            QVERIFY(!o.value(u"files"_s).toArray().isEmpty());
        // Every left layer listed; the right's shared ones taken from the left's listings.
        const QJsonObject listing = o.value(u"listing"_s).toObject();
        QCOMPARE(listing.value(u"leftListedLayers"_s).toInt(), 3);
        QCOMPARE(listing.value(u"reusedLayers"_s).toInt() + listing.value(u"rightListedLayers"_s).toInt(), 3);
        QCOMPARE(listing.value(u"reusedLayers"_s).toInt(), reused);
    }
};

STRATA_TEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
