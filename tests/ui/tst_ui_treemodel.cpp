// SPDX-License-Identifier: MIT
// ImageTreeModel: structure, history steps, roles, and status updates without resets.
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/models/imagetreemodel.h"
#include "ui/models/treelayout.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QFontMetricsF>
#include <QIcon>
#include <QJsonArray>
#include <QLocale>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

namespace {

// "sha256:0123456789ab" of a digest recorded in truth.json (fixture digests change with the fixture script).
QString shortOf(const QString &digest)
{
    return digest.left(u"sha256:"_s.size() + 12);
}

QString truthLayer(const QJsonObject &image, int i)
{
    return image.value(u"layers"_s).toArray().at(i).toObject().value(u"digest"_s).toString();
}

// source → manifest → config + layers, with the given history (true = empty_layer).
ImageGraphPtr handMadeGraph(const QList<bool> &emptySteps)
{
    auto g = std::make_shared<ImageGraph>();
    Node root;
    root.kind = NodeKind::Source;
    root.title = u"hand-made"_s;
    g->addNode(root, -1);
    Node m;
    m.kind = NodeKind::Manifest;
    m.title = u"linux/amd64"_s;
    m.imageIndex = 0;
    const int manifest = g->addNode(m, 0);
    auto cfg = std::make_shared<ImageConfig>();
    int layers = 0;
    for (bool empty : emptySteps) {
        cfg->history << HistoryEntry{{}, empty ? u"ENV step"_s : u"RUN step"_s, {}, {}, empty};
        if (!empty)
            cfg->diffIds << sha256Of(QByteArray::number(layers++));
    }
    Node c;
    c.kind = NodeKind::Config;
    c.title = u"config"_s;
    c.imageIndex = 0;
    ImageInfo img;
    img.name = u"hand"_s;
    img.manifestNode = manifest;
    img.configNode = g->addNode(c, manifest);
    img.config = cfg;
    for (int i = 0; i < layers; ++i) {
        Node l;
        l.kind = NodeKind::Layer;
        l.title = u"layer %1"_s.arg(i + 1);
        l.imageIndex = 0;
        l.layerIndex = i;
        img.layerNodes << g->addNode(l, manifest);
    }
    g->images << img;
    return g;
}

} // namespace

class TestTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void testerFromEmptyThroughEveryState()
    {
        ImageTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        model.setGraph(g);
        model.setChecking();
        model.setReport(verifyGraph(g));
        model.setGraph(loadGraph(fixture(u"good/oci-multi"_s)));
        model.setGraph(loadGraph(publicFixture(u"regclient/testrepo"_s)));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sampleBeforeAndAfterVerification()
    {
        ImageTreeModel model;
        const ImageGraphPtr g = loadGraph(samplePath());
        model.setGraph(g);
        STRATA_COMPARE_TREE(dumpTree(&model), uR"(sample.oci.tar  NOT CHECKED
  index.json  NOT CHECKED
    linux/amd64 (1.0)  sha256:a6341b081a14  NOT CHECKED
      config  sha256:a8a23daff218  NOT CHECKED
      layer 1  sha256:8834e8251fc4  NOT CHECKED
      layer 2  sha256:d1177347fc9b  NOT CHECKED
      layer 3  sha256:acaa41f393e7  NOT CHECKED
      step 4 (no layer)
)"_s);
        model.setChecking();
        QCOMPARE(RowStatus(model.indexForNode(g->images[0].layerNodes[0]).data(ImageTreeModel::StatusRole).toInt()),
                 RowStatus::Checking);
        model.setReport(verifyGraph(g));
        STRATA_COMPARE_TREE(dumpTree(&model), uR"(sample.oci.tar  VERIFIED
  index.json  VERIFIED
    linux/amd64 (1.0)  sha256:a6341b081a14  VERIFIED
      config  sha256:a8a23daff218  VERIFIED
      layer 1  sha256:8834e8251fc4  VERIFIED
      layer 2  sha256:d1177347fc9b  VERIFIED
      layer 3  sha256:acaa41f393e7  VERIFIED
      step 4 (no layer)
)"_s);
    }

    void mismatchPropagatesWithDataChangedNotReset()
    {
        ImageTreeModel model;
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        model.setGraph(g);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.setChecking();
        QVERIFY(changed.count() > 0);
        changed.clear();
        model.setReport(verifyGraph(g));

        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);
        // The failing layer and each of its ancestors were announced, across all columns.
        const int layer1 = g->images[0].layerNodes[0];
        QList<int> announced;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const QModelIndex tl = args[0].toModelIndex(), br = args[1].toModelIndex();
            QCOMPARE(tl.row(), br.row());
            QCOMPARE(tl.column(), 0);
            QCOMPARE(br.column(), ImageTreeModel::ColumnCount - 1);
            announced << model.nodeIdAt(tl);
        }
        for (int id = layer1; id >= 0; id = g->nodes[id].parent)
            QVERIFY2(announced.contains(id), qPrintable(u"node %1 not announced"_s.arg(id)));

        // bad/oci-flipped-layer is good/oci-gzip with one layer byte flipped: same digests everywhere.
        const QJsonObject good = strata::test::truth(u"good/oci-gzip"_s);
        STRATA_COMPARE_TREE(dumpTree(&model),
                            uR"(oci-flipped-layer  PROBLEM BELOW
  index.json  PROBLEM BELOW
    linux/amd64 (v1)  %1  PROBLEM BELOW
      config  %2  VERIFIED
      layer 1  %3  MISMATCH
      layer 2  %4  VERIFIED
      layer 3  %5  VERIFIED
      step 4 (no layer)
)"_s.arg(shortOf(good.value(u"manifestDigest"_s).toString()), shortOf(good.value(u"configDigest"_s).toString()),
                            shortOf(truthLayer(good, 0)), shortOf(truthLayer(good, 1)), shortOf(truthLayer(good, 2))));
        const QModelIndex manifest = model.indexForNode(g->nodes[layer1].parent);
        QCOMPARE(RowStatus(manifest.data(ImageTreeModel::StatusRole).toInt()), RowStatus::Verified);
        QVERIFY(manifest.data(ImageTreeModel::FailureBelowRole).toBool());
        QVERIFY(!manifest.data(ImageTreeModel::HasProblemRole).toBool());
        QVERIFY(model.indexForNode(layer1).data(ImageTreeModel::HasProblemRole).toBool());
    }

    void rolesOfALayer()
    {
        ImageTreeModel model;
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        model.setGraph(g);
        model.setReport(verifyGraph(g));
        const QJsonObject truth = strata::test::truth(u"bad/oci-flipped-layer"_s);
        const int layer1 = g->images[0].layerNodes[0];
        const QModelIndex name = model.indexForNode(layer1, ImageTreeModel::NameColumn);
        const auto cell = [&](int column) { return name.siblingAtColumn(column); };

        QCOMPARE(name.data(ImageTreeModel::NodeIdRole).toInt(), layer1);
        const QString digest = truth.value(u"object"_s).toString();
        QCOMPARE(name.data(ImageTreeModel::DigestRole).toString(), digest);
        QCOMPARE(cell(ImageTreeModel::DigestColumn).data().toString(), shortOf(digest));
        QVERIFY(cell(ImageTreeModel::DigestColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(name.data(ImageTreeModel::DigestRole).toString()));
        // What a digest column needs is hex digits that line up, whatever fonts are installed (a font
        // database's fixed-pitch flag says false for some fonts whose digits do, e.g. Noto Sans Mono).
        const QFontMetricsF digestMetrics(cell(ImageTreeModel::DigestColumn).data(Qt::FontRole).value<QFont>());
        const qreal zeroAdvance = digestMetrics.horizontalAdvance(u'0');
        QVERIFY(zeroAdvance > 0);
        for (const QChar c : u"123456789abcdef:"_s)
            QVERIFY2(
                qFuzzyCompare(digestMetrics.horizontalAdvance(c), zeroAdvance),
                qPrintable(
                    u"'%1' is %2 wide, '0' is %3"_s.arg(c).arg(digestMetrics.horizontalAdvance(c)).arg(zeroAdvance)));
        const qint64 size = strata::test::truth(u"good/oci-gzip"_s)
                                .value(u"layers"_s)
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(u"size"_s)
                                .toInteger();
        QVERIFY(size > 1000);
        QCOMPARE(cell(ImageTreeModel::SizeColumn).data(ImageTreeModel::SizeBytesRole).toLongLong(), size);
        QCOMPARE(cell(ImageTreeModel::SizeColumn).data(ImageTreeModel::SortRole).toLongLong(), size);
        QCOMPARE(cell(ImageTreeModel::SizeColumn).data().toString(),
                 QLocale::c().formattedDataSize(size, 1, QLocale::DataSizeSIFormat));
        QVERIFY(cell(ImageTreeModel::SizeColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLocale(QLocale::English, QLocale::UnitedStates).toString(size) +
                              u" bytes"_s)); // "1,140 bytes"
        QCOMPARE(cell(ImageTreeModel::MediaTypeColumn).data().toString(),
                 u"application/vnd.oci.image.layer.v1.tar+gzip"_s);
        QCOMPARE(cell(ImageTreeModel::CreatedByColumn).data().toString(), u"layer 1: add base files"_s);
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"layer 1: add base files"_s));

        // Status: text, icon, colour and accessible text, never colour alone.
        const QModelIndex status = cell(ImageTreeModel::StatusColumn);
        QCOMPARE(status.data().toString(), u"Mismatch"_s);
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(status.data(Qt::AccessibleTextRole).toString(), u"status: mismatch"_s);
        QVERIFY(name.data(Qt::AccessibleTextRole).toString().contains(u"mismatch"_s));
        const QString tip = status.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"Expected: "_s + digest), qPrintable(tip));
        QVERIFY2(tip.contains(u"Computed: "_s + truth.value(u"actualDigest"_s).toString()), qPrintable(tip));
        const QModelIndex verified = model.indexForNode(g->images[0].layerNodes[1], ImageTreeModel::StatusColumn);
        QVERIFY(status.data(Qt::ForegroundRole) != verified.data(Qt::ForegroundRole));
    }

    void historyStepsSitBetweenLayers_data()
    {
        QTest::addColumn<QList<bool>>("steps");
        QTest::addColumn<QString>("expected");
        QTest::newRow("trailing") << QList<bool>{false, false, true} << u"config|layer 1|layer 2|step 3 (no layer)"_s;
        QTest::newRow("leading and between")
            << QList<bool>{true, false, true, true, false}
            << u"config|step 1 (no layer)|layer 1|step 3 (no layer)|step 4 (no layer)|layer 2"_s;
        QTest::newRow("none empty") << QList<bool>{false, false} << u"config|layer 1|layer 2"_s;
    }

    void historyStepsSitBetweenLayers()
    {
        QFETCH(QList<bool>, steps);
        QFETCH(QString, expected);
        ImageTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ImageGraphPtr g = handMadeGraph(steps);
        model.setGraph(g);
        const QModelIndex manifest = model.index(0, 0, model.index(0, 0));
        QStringList rows;
        for (int r = 0; r < model.rowCount(manifest); ++r) {
            const QModelIndex idx = model.index(r, 0, manifest);
            QCOMPARE(idx.parent(), manifest);
            rows << idx.data().toString();
            if (idx.data(ImageTreeModel::NodeIdRole).toInt() < 0) {
                QCOMPARE(idx.siblingAtColumn(ImageTreeModel::CreatedByColumn).data().toString(), u"ENV step"_s);
                QCOMPARE(RowStatus(idx.data(ImageTreeModel::StatusRole).toInt()), RowStatus::None);
                QVERIFY(idx.data(Qt::ForegroundRole).isValid()); // greyed
            } else {
                // Real rows keep internalId == node id, so the layers can still be found by id.
                QCOMPARE(model.indexForNode(idx.data(ImageTreeModel::NodeIdRole).toInt()), idx);
            }
        }
        QCOMPARE(rows.join(u'|'), expected);
    }

    void historyWithWrongCountIsNotPlaced()
    {
        auto g = std::const_pointer_cast<ImageGraph>(handMadeGraph({false, true, false}));
        auto cfg = std::make_shared<ImageConfig>(*g->images[0].config);
        cfg->diffIds.removeLast(); // 2 non-empty steps, 1 diff_id: historyToLayer() is empty
        g->images[0].config = cfg;
        const TreeLayout t = TreeLayout::build(*g);
        QCOMPARE(t.items.size(), g->nodes.size());
    }

    void severalImagesAreSiblings()
    {
        ImageTreeModel model;
        model.setGraph(loadGraph(fixture(u"good/oci-multi"_s)));
        const QModelIndex index = model.index(0, 0, model.index(0, 0));
        QCOMPARE(index.data().toString(), u"index.json"_s);
        QCOMPARE(model.rowCount(index), 2);
        const QJsonObject images = strata::test::truth(u"good/oci-multi"_s).value(u"images"_s).toObject();
        QCOMPARE(model.index(0, ImageTreeModel::DigestColumn, index).data().toString(),
                 shortOf(images.value(u"v1"_s).toObject().value(u"manifestDigest"_s).toString()));
        QCOMPARE(model.index(1, ImageTreeModel::DigestColumn, index).data().toString(),
                 shortOf(images.value(u"v2"_s).toObject().value(u"manifestDigest"_s).toString()));
    }

    void attestationsAreLabelled()
    {
        ImageTreeModel model;
        const ImageGraphPtr g = loadGraph(publicFixture(u"regclient/testrepo"_s));
        model.setGraph(g);
        int labelled = 0;
        for (const Node &n : g->nodes) {
            if (n.attestationFor.isEmpty())
                continue;
            const QModelIndex idx = model.indexForNode(n.id);
            // Placed under the manifest it describes, it is named by what it is; otherwise marked.
            QCOMPARE(idx.data().toString(), n.attachment ? n.attachment->label : n.title + u" (attestation)"_s);
            QVERIFY(idx.data().toString() != u"manifest"_s);
            QVERIFY(idx.siblingAtColumn(ImageTreeModel::DigestColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(n.attestationFor));
            ++labelled;
        }
        QVERIFY(labelled >= 2);
    }
};

STRATA_TEST_MAIN(TestTreeModel)
#include "tst_ui_treemodel.moc"
