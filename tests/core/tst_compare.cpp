// SPDX-License-Identifier: MIT
// Comparing two versions built by umoci (shared base, changed top layer, changed Env and label,
// a deleted and an added file), the same image in other packagings, an inserted layer, and the
// images inside ggcr's test_bundle.tar.
#include "compare/comparison.h"
#include "report/comparereport.h"
#include "sources/sourceopener.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

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
        QTest::newRow("same") << QStringList{u"a"_s, u"b"_s} << QStringList{u"a"_s, u"b"_s} << QStringList{u"shared"_s, u"shared"_s};
        QTest::newRow("top-changed") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"a"_s, u"b"_s, u"d"_s}
                                     << QStringList{u"shared"_s, u"shared"_s, u"changed"_s};
        QTest::newRow("inserted-middle") << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"a"_s, u"x"_s, u"b"_s, u"c"_s}
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
        const auto env = std::find_if(c.config.begin(), c.config.end(), [](const ConfigChange &ch) { return ch.field == u"Env.APP_MODE"; });
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

    void cli_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("code");
        QTest::newRow("different") << test::fixture(u"good/oci-gzip"_s) << test::fixture(u"good/oci-v2"_s) << 1;
        QTest::newRow("same-content") << test::fixture(u"good/oci-gzip"_s) << test::fixture(u"good/docker-archive.tar.gz"_s) << 0;
        QTest::newRow("unreadable") << test::fixture(u"good/oci-gzip"_s) << test::publicFixture(u"dive/not-an-image.tar"_s) << 2;
    }
    void cli()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, code);
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
            QVERIFY((QStringList{u"shared"_s, u"changed"_s, u"added"_s, u"removed"_s}).contains(lo.value(u"status"_s).toString()));
        }
        for (const QJsonValue &f : o.value(u"files"_s).toArray())
            QVERIFY((QStringList{u"added"_s, u"removed"_s, u"modified"_s, u"metadata"_s}).contains(f.toObject().value(u"status"_s).toString()));
        for (const QJsonValue &f : o.value(u"config"_s).toArray())
            QVERIFY(f.toObject().contains(u"field"_s));
        if (code == 1)
            QVERIFY(!o.value(u"files"_s).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
